//! Byte order and address text conversions (htonl & co., inet_addr, inet_ntoa, inet_pton,
//! inet_ntop, InetPtonW/InetNtopW).
