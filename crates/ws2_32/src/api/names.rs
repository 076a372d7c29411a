//! Name resolution over the system resolver: getaddrinfo, GetAddrInfoW, freeaddrinfo,
//! FreeAddrInfoW, getnameinfo, GetNameInfoW, gethostname, with Windows layouts and errors.
