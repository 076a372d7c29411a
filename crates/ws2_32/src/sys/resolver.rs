//! The system resolver (glibc: /etc/hosts, nsswitch, DNS, /etc/services, /etc/protocols) behind
//! safe wrappers. Values in and out are Linux ones (AF_INET6 == 10, EAI_* and h_errno codes);
//! results are copied into owned values, and glibc's own lists are freed by glibc.

use super::sockaddr::LinuxAddr;
use std::ffi::{CStr, CString};
use std::os::raw::{c_char, c_int, c_void};
use std::ptr;

/// glibc's EAI_ADDRFAMILY (a GNU extension the libc crate does not define).
pub const EAI_ADDRFAMILY: c_int = -9;

/// h_errno values of the gethostby* family.
pub const HOST_NOT_FOUND: c_int = 1;
pub const TRY_AGAIN: c_int = 2;
pub const NO_RECOVERY: c_int = 3;
pub const NO_DATA: c_int = 4;

/// Largest scratch buffer the reentrant lookups may ask for before we give up.
const MAX_SCRATCH: usize = 1 << 20;

extern "C" {
    fn gethostbyname2_r(
        name: *const c_char,
        af: c_int,
        ret: *mut libc::hostent,
        buf: *mut c_char,
        buflen: usize,
        result: *mut *mut libc::hostent,
        h_errnop: *mut c_int,
    ) -> c_int;
    fn gethostbyaddr_r(
        addr: *const c_void,
        len: libc::socklen_t,
        ty: c_int,
        ret: *mut libc::hostent,
        buf: *mut c_char,
        buflen: usize,
        result: *mut *mut libc::hostent,
        h_errnop: *mut c_int,
    ) -> c_int;
    fn getservbyname_r(
        name: *const c_char,
        proto: *const c_char,
        ret: *mut libc::servent,
        buf: *mut c_char,
        buflen: usize,
        result: *mut *mut libc::servent,
    ) -> c_int;
    fn getservbyport_r(
        port: c_int,
        proto: *const c_char,
        ret: *mut libc::servent,
        buf: *mut c_char,
        buflen: usize,
        result: *mut *mut libc::servent,
    ) -> c_int;
    fn getprotobyname_r(
        name: *const c_char,
        ret: *mut libc::protoent,
        buf: *mut c_char,
        buflen: usize,
        result: *mut *mut libc::protoent,
    ) -> c_int;
    fn getprotobynumber_r(
        proto: c_int,
        ret: *mut libc::protoent,
        buf: *mut c_char,
        buflen: usize,
        result: *mut *mut libc::protoent,
    ) -> c_int;
}

/// getaddrinfo hints, in Linux values.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Hints {
    pub flags: c_int,
    pub family: c_int,
    pub socktype: c_int,
    pub protocol: c_int,
}

/// One getaddrinfo result.
pub struct AddrInfo {
    pub socktype: c_int,
    pub protocol: c_int,
    pub addr: LinuxAddr,
    pub canonname: Option<CString>,
}

/// A getaddrinfo/getnameinfo failure: the EAI_* code, and errno when it is EAI_SYSTEM.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GaiError {
    pub code: c_int,
    pub errno: c_int,
}

fn errno() -> c_int {
    std::io::Error::last_os_error().raw_os_error().unwrap_or(libc::EIO)
}

fn opt_ptr(s: Option<&CStr>) -> *const c_char {
    s.map_or(ptr::null(), CStr::as_ptr)
}

/// Resolves `node`/`service`; every result is copied out and glibc's list freed.
pub fn getaddrinfo(node: Option<&CStr>, service: Option<&CStr>, hints: &Hints) -> Result<Vec<AddrInfo>, GaiError> {
    // SAFETY: addrinfo is plain data; all-zero is the documented "no hint" value.
    let mut h: libc::addrinfo = unsafe { std::mem::zeroed() };
    h.ai_flags = hints.flags;
    h.ai_family = hints.family;
    h.ai_socktype = hints.socktype;
    h.ai_protocol = hints.protocol;
    let mut list: *mut libc::addrinfo = ptr::null_mut();
    // SAFETY: the strings are NUL-terminated or null, `h` is initialised, `list` is an out slot.
    let rc = unsafe { libc::getaddrinfo(opt_ptr(node), opt_ptr(service), &h, &mut list) };
    if rc != 0 {
        let e = if rc == libc::EAI_SYSTEM { errno() } else { 0 };
        return Err(GaiError { code: rc, errno: e });
    }
    let mut out = Vec::new();
    let mut p = list;
    while !p.is_null() {
        // SAFETY: `p` walks the list glibc just returned; it stays valid until freeaddrinfo.
        let ai = unsafe { &*p };
        let mut addr = LinuxAddr::empty();
        let len = (ai.ai_addrlen as usize).min(std::mem::size_of::<libc::sockaddr_storage>());
        if !ai.ai_addr.is_null() {
            // SAFETY: ai_addr holds ai_addrlen bytes; `len` fits in sockaddr_storage.
            unsafe { ptr::copy_nonoverlapping(ai.ai_addr as *const u8, addr.as_mut_ptr() as *mut u8, len) };
        }
        addr.len = len as libc::socklen_t;
        // SAFETY: ai_canonname is null or a NUL-terminated string owned by the list.
        let canonname = (!ai.ai_canonname.is_null()).then(|| unsafe { CStr::from_ptr(ai.ai_canonname) }.to_owned());
        out.push(AddrInfo { socktype: ai.ai_socktype, protocol: ai.ai_protocol, addr, canonname });
        p = ai.ai_next;
    }
    // SAFETY: `list` came from glibc's getaddrinfo and is freed exactly once, by glibc.
    unsafe { libc::freeaddrinfo(list) };
    Ok(out)
}

/// Looks up the host name and/or service name of `addr`.
pub fn getnameinfo(
    addr: &LinuxAddr,
    want_host: bool,
    want_serv: bool,
    flags: c_int,
) -> Result<(Option<CString>, Option<CString>), GaiError> {
    let mut host = [0 as c_char; libc::NI_MAXHOST as usize];
    let mut serv = [0 as c_char; 64];
    let (hp, hl) = if want_host { (host.as_mut_ptr(), host.len()) } else { (ptr::null_mut(), 0) };
    let (sp, sl) = if want_serv { (serv.as_mut_ptr(), serv.len()) } else { (ptr::null_mut(), 0) };
    // SAFETY: `addr` holds `addr.len` valid bytes; the buffers are local with their sizes.
    let rc = unsafe { libc::getnameinfo(addr.as_ptr(), addr.len, hp, hl as _, sp, sl as _, flags) };
    if rc != 0 {
        let e = if rc == libc::EAI_SYSTEM { errno() } else { 0 };
        return Err(GaiError { code: rc, errno: e });
    }
    // SAFETY: on success glibc NUL-terminated whichever buffers it was given.
    let take = |b: &[c_char]| unsafe { CStr::from_ptr(b.as_ptr()) }.to_owned();
    Ok((want_host.then(|| take(&host)), want_serv.then(|| take(&serv))))
}

/// The kernel's host name.
pub fn gethostname() -> Result<CString, c_int> {
    let mut buf = [0 as c_char; 256];
    // SAFETY: the buffer is local; one byte is kept back so the result is always terminated.
    if unsafe { libc::gethostname(buf.as_mut_ptr(), buf.len() - 1) } != 0 {
        return Err(errno());
    }
    // SAFETY: terminated within the buffer (last byte is still 0).
    Ok(unsafe { CStr::from_ptr(buf.as_ptr()) }.to_owned())
}

/// A host database entry.
pub struct HostEnt {
    pub name: CString,
    pub aliases: Vec<CString>,
    pub addr_len: usize,
    pub addrs: Vec<Vec<u8>>,
}

/// A service database entry; `port` is in network byte order, as the C structure holds it.
pub struct ServEnt {
    pub name: CString,
    pub aliases: Vec<CString>,
    pub port: u16,
    pub proto: CString,
}

/// A protocol database entry.
pub struct ProtoEnt {
    pub name: CString,
    pub aliases: Vec<CString>,
    pub number: c_int,
}

/// Copies a NULL-terminated array of C strings.
///
/// # Safety
/// `list` must be null or a NULL-terminated array of NUL-terminated strings.
unsafe fn strings(list: *mut *mut c_char) -> Vec<CString> {
    let mut out = Vec::new();
    if list.is_null() {
        return out;
    }
    let mut p = list;
    // SAFETY: the caller guarantees the array is NULL-terminated and its strings valid.
    unsafe {
        while !(*p).is_null() {
            out.push(CStr::from_ptr(*p).to_owned());
            p = p.add(1);
        }
    }
    out
}

/// Runs a reentrant lookup with a growing scratch buffer. `call` returns the function's result
/// code and whether an entry was found; ERANGE means "try a larger buffer".
fn with_scratch<T>(mut call: impl FnMut(&mut [c_char]) -> (c_int, Option<T>)) -> Result<Option<T>, c_int> {
    let mut size = 1024;
    loop {
        let mut buf = vec![0 as c_char; size];
        match call(&mut buf) {
            (0, found) => return Ok(found),
            (libc::ERANGE, _) if size < MAX_SCRATCH => size *= 2,
            (rc, _) => return Err(rc),
        }
    }
}

/// Copies a glibc hostent.
///
/// # Safety
/// `h` must point to a hostent filled in by glibc.
unsafe fn copy_hostent(h: *const libc::hostent) -> HostEnt {
    // SAFETY: per the caller, all fields are valid as glibc documents them.
    unsafe {
        let h = &*h;
        let addr_len = h.h_length as usize;
        let mut addrs = Vec::new();
        let mut p = h.h_addr_list;
        while !p.is_null() && !(*p).is_null() {
            addrs.push(std::slice::from_raw_parts(*p as *const u8, addr_len).to_vec());
            p = p.add(1);
        }
        HostEnt { name: CStr::from_ptr(h.h_name).to_owned(), aliases: strings(h.h_aliases), addr_len, addrs }
    }
}

/// The h_errno of a failed gethostby*_r call (NETDB_INTERNAL becomes NO_RECOVERY).
fn host_error(found: Result<Option<HostEnt>, c_int>, herr: c_int) -> Result<HostEnt, c_int> {
    match found {
        Ok(Some(h)) => Ok(h),
        Ok(None) | Err(_) => Err(if (HOST_NOT_FOUND..=NO_DATA).contains(&herr) { herr } else { NO_RECOVERY }),
    }
}

/// Looks `name` up in the host database for family `af`; the error is an h_errno value.
pub fn gethostbyname(name: &CStr, af: c_int) -> Result<HostEnt, c_int> {
    let mut herr = 0;
    let found = with_scratch(|buf| {
        // SAFETY: hostent is plain data, filled in by the call.
        let mut he: libc::hostent = unsafe { std::mem::zeroed() };
        let mut res: *mut libc::hostent = ptr::null_mut();
        // SAFETY: all pointers refer to live locals or the scratch buffer with its length.
        let rc = unsafe { gethostbyname2_r(name.as_ptr(), af, &mut he, buf.as_mut_ptr(), buf.len(), &mut res, &mut herr) };
        // SAFETY: on success `res` points at `he`, whose strings live in `buf`.
        (rc, (!res.is_null()).then(|| unsafe { copy_hostent(res) }))
    });
    host_error(found, herr)
}

/// Looks up the host entry of a raw address of family `af`; the error is an h_errno value.
pub fn gethostbyaddr(addr: &[u8], af: c_int) -> Result<HostEnt, c_int> {
    let mut herr = 0;
    let found = with_scratch(|buf| {
        // SAFETY: hostent is plain data, filled in by the call.
        let mut he: libc::hostent = unsafe { std::mem::zeroed() };
        let mut res: *mut libc::hostent = ptr::null_mut();
        // SAFETY: `addr` has addr.len() bytes; the rest are live locals or the scratch buffer.
        let rc =
            unsafe { gethostbyaddr_r(addr.as_ptr() as _, addr.len() as _, af, &mut he, buf.as_mut_ptr(), buf.len(), &mut res, &mut herr) };
        // SAFETY: on success `res` points at `he`, whose strings live in `buf`.
        (rc, (!res.is_null()).then(|| unsafe { copy_hostent(res) }))
    });
    host_error(found, herr)
}

/// Copies a glibc servent.
///
/// # Safety
/// `s` must point to a servent filled in by glibc.
unsafe fn copy_servent(s: *const libc::servent) -> ServEnt {
    // SAFETY: per the caller.
    unsafe {
        let s = &*s;
        ServEnt {
            name: CStr::from_ptr(s.s_name).to_owned(),
            aliases: strings(s.s_aliases),
            port: s.s_port as u16,
            proto: CStr::from_ptr(s.s_proto).to_owned(),
        }
    }
}

/// The service called `name` (for `proto`, or any); Ok(None) when there is none.
pub fn getservbyname(name: &CStr, proto: Option<&CStr>) -> Result<Option<ServEnt>, c_int> {
    with_scratch(|buf| {
        // SAFETY: servent is plain data, filled in by the call.
        let mut se: libc::servent = unsafe { std::mem::zeroed() };
        let mut res: *mut libc::servent = ptr::null_mut();
        // SAFETY: strings are NUL-terminated or null; the rest are locals or the scratch buffer.
        let rc = unsafe { getservbyname_r(name.as_ptr(), opt_ptr(proto), &mut se, buf.as_mut_ptr(), buf.len(), &mut res) };
        // SAFETY: on success `res` points at `se`, whose strings live in `buf`.
        (rc, (!res.is_null()).then(|| unsafe { copy_servent(res) }))
    })
}

/// The service on `port` (network byte order) for `proto`, or any; Ok(None) when there is none.
pub fn getservbyport(port: u16, proto: Option<&CStr>) -> Result<Option<ServEnt>, c_int> {
    with_scratch(|buf| {
        // SAFETY: servent is plain data, filled in by the call.
        let mut se: libc::servent = unsafe { std::mem::zeroed() };
        let mut res: *mut libc::servent = ptr::null_mut();
        // SAFETY: as in getservbyname.
        let rc = unsafe { getservbyport_r(port as c_int, opt_ptr(proto), &mut se, buf.as_mut_ptr(), buf.len(), &mut res) };
        // SAFETY: on success `res` points at `se`, whose strings live in `buf`.
        (rc, (!res.is_null()).then(|| unsafe { copy_servent(res) }))
    })
}

/// Copies a glibc protoent.
///
/// # Safety
/// `p` must point to a protoent filled in by glibc.
unsafe fn copy_protoent(p: *const libc::protoent) -> ProtoEnt {
    // SAFETY: per the caller.
    unsafe {
        let p = &*p;
        ProtoEnt { name: CStr::from_ptr(p.p_name).to_owned(), aliases: strings(p.p_aliases), number: p.p_proto }
    }
}

/// The protocol called `name`; Ok(None) when there is none.
pub fn getprotobyname(name: &CStr) -> Result<Option<ProtoEnt>, c_int> {
    with_scratch(|buf| {
        // SAFETY: protoent is plain data, filled in by the call.
        let mut pe: libc::protoent = unsafe { std::mem::zeroed() };
        let mut res: *mut libc::protoent = ptr::null_mut();
        // SAFETY: `name` is NUL-terminated; the rest are locals or the scratch buffer.
        let rc = unsafe { getprotobyname_r(name.as_ptr(), &mut pe, buf.as_mut_ptr(), buf.len(), &mut res) };
        // SAFETY: on success `res` points at `pe`, whose strings live in `buf`.
        (rc, (!res.is_null()).then(|| unsafe { copy_protoent(res) }))
    })
}

/// The protocol numbered `number`; Ok(None) when there is none.
pub fn getprotobynumber(number: c_int) -> Result<Option<ProtoEnt>, c_int> {
    with_scratch(|buf| {
        // SAFETY: protoent is plain data, filled in by the call.
        let mut pe: libc::protoent = unsafe { std::mem::zeroed() };
        let mut res: *mut libc::protoent = ptr::null_mut();
        // SAFETY: locals and the scratch buffer with its length.
        let rc = unsafe { getprotobynumber_r(number, &mut pe, buf.as_mut_ptr(), buf.len(), &mut res) };
        // SAFETY: on success `res` points at `pe`, whose strings live in `buf`.
        (rc, (!res.is_null()).then(|| unsafe { copy_protoent(res) }))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numeric_lookups_need_no_network() {
        let hints = Hints { flags: libc::AI_NUMERICHOST, family: libc::AF_INET, socktype: libc::SOCK_STREAM, protocol: 0 };
        let r = getaddrinfo(Some(c"127.0.0.1"), Some(c"80"), &hints).unwrap();
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].addr.family(), libc::AF_INET);
        assert_eq!(r[0].addr.port(), 80);
        let bad = getaddrinfo(Some(c"localhost"), None, &hints).err().unwrap();
        assert_eq!(bad.code, libc::EAI_NONAME);
        let (host, serv) = getnameinfo(&r[0].addr, false, true, libc::NI_NUMERICSERV).unwrap();
        assert_eq!((host, serv.unwrap().to_bytes()), (None, &b"80"[..]));
    }

    #[test]
    fn service_and_protocol_databases() {
        let p = getprotobynumber(6).unwrap().unwrap();
        assert_eq!(p.name.to_bytes(), b"tcp");
        assert_eq!(getprotobyname(c"udp").unwrap().unwrap().number, 17);
        assert!(getprotobyname(c"no-such-protocol").unwrap().is_none());
        assert!(getservbyname(c"no-such-service", None).unwrap().is_none());
    }

    #[test]
    fn numeric_host_entries() {
        let h = gethostbyname(c"127.0.0.1", libc::AF_INET).unwrap();
        assert_eq!(h.addr_len, 4);
        assert_eq!(h.addrs, vec![vec![127, 0, 0, 1]]);
        assert!(!gethostname().unwrap().to_bytes().is_empty());
    }
}
