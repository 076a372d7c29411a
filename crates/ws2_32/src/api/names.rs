//! Name resolution: getaddrinfo/GetAddrInfoW, freeaddrinfo/FreeAddrInfoW, getnameinfo/
//! GetNameInfoW, gethostname/GetHostNameW, gethostbyname, gethostbyaddr, getservbyname/port and
//! getprotobyname/number, with Windows values, layouts and errors.
//!
//! As on Windows, host names go to the namespace providers (`resolve`: the first active one
//! that answers, in catalog order); numeric addresses, the local wildcard and loopback
//! addresses, and the services and protocols databases are handled here, with glibc's parsers
//! (`sys::resolver`), never a name lookup.
//!
//! Choices where Windows is only observable, not documented (its behaviour as Wine's
//! conformance tests record it):
//! - getaddrinfo returns one entry per address, whose ai_socktype and ai_protocol are those of
//!   the hints, verbatim (0 and 0 without hints), where glibc returns one entry per socket type.
//! - An empty node name (or "..localmachine") means the local host, as Windows documents.
//! - A bracketed IPv6 literal ("[::1]", "[::1]:80") is accepted as a node name, port ignored.
//! - Address lists are allocated here and only our freeaddrinfo/FreeAddrInfoW free them.
//! - AI_* flags other than the seven Windows documents for getaddrinfo (and
//!   AI_DISABLE_IDN_ENCODING) are refused with WSAEINVAL (EAI_BADFLAGS).
//! - A getnameinfo name that does not fit the caller's buffer is WSAEFAULT (Windows has no
//!   EAI_OVERFLOW).

use super::addr::{text, wide_units};
use super::resolve::{self, Scope};
use super::startup::require_started;
use crate::abi::*;
use crate::error::{last_error, wsa_from_errno};
use crate::ffi::{wsa_call, wsa_call_keep};
use crate::rnr::ScopedIp;
use crate::sys::resolver::{self, GaiError};
use crate::sys::sockaddr::{af_from_linux, af_to_linux, LinuxAddr, WIN_AF_INET, WIN_AF_INET6};
use std::cell::RefCell;
use std::ffi::{c_char, CStr, CString};
use std::ptr;
use std::thread::LocalKey;

/// glibc's EAI_IDN_ENCODE: the name could not be IDNA-encoded.
const EAI_IDN_ENCODE: i32 = -105;

/// Windows AI_* flags with their glibc values. AI_DISABLE_IDN_ENCODING has none: it only
/// withholds the AI_IDN that GetAddrInfoW would add.
const AI_FLAGS: [(u32, i32); 8] = [
    (AI_PASSIVE, libc::AI_PASSIVE),
    (AI_CANONNAME, libc::AI_CANONNAME),
    (AI_NUMERICHOST, libc::AI_NUMERICHOST),
    (AI_NUMERICSERV, libc::AI_NUMERICSERV),
    (AI_ALL, libc::AI_ALL),
    (AI_ADDRCONFIG, libc::AI_ADDRCONFIG),
    (AI_V4MAPPED, libc::AI_V4MAPPED),
    (AI_DISABLE_IDN_ENCODING, 0),
];

/// Windows NI_* flags with their glibc values.
const NI_FLAGS: [(u32, i32); 5] = [
    (NI_NOFQDN, libc::NI_NOFQDN),
    (NI_NUMERICHOST, libc::NI_NUMERICHOST),
    (NI_NAMEREQD, libc::NI_NAMEREQD),
    (NI_NUMERICSERV, libc::NI_NUMERICSERV),
    (NI_DGRAM, libc::NI_DGRAM),
];

/// Translates flags through `table`; a flag it does not list is EAI_BADFLAGS (WSAEINVAL).
fn flags_to_linux(win: i32, table: &[(u32, i32)]) -> Result<i32, i32> {
    let mut rest = win as u32;
    let mut out = 0;
    for &(w, l) in table {
        if rest & w != 0 {
            rest &= !w;
            out |= l;
        }
    }
    if rest == 0 {
        Ok(out)
    } else {
        Err(WSAEINVAL)
    }
}

/// The WSA code Windows documents for each EAI_* condition.
pub fn wsa_from_eai(e: GaiError) -> i32 {
    match e.code {
        libc::EAI_AGAIN => WSATRY_AGAIN,
        libc::EAI_BADFLAGS => WSAEINVAL,
        libc::EAI_FAIL => WSANO_RECOVERY,
        libc::EAI_FAMILY => WSAEAFNOSUPPORT,
        libc::EAI_MEMORY => WSA_NOT_ENOUGH_MEMORY,
        libc::EAI_NONAME | libc::EAI_NODATA | resolver::EAI_ADDRFAMILY | EAI_IDN_ENCODE => WSAHOST_NOT_FOUND,
        libc::EAI_SERVICE => WSATYPE_NOT_FOUND,
        libc::EAI_SOCKTYPE => WSAESOCKTNOSUPPORT,
        libc::EAI_OVERFLOW => WSAEFAULT,
        libc::EAI_SYSTEM => wsa_from_errno(e.errno),
        _ => WSANO_RECOVERY,
    }
}

/// The getaddrinfo code for a namespace provider's failure: "no such name" and "no data of
/// that kind" are both EAI_NONAME on Windows (EAI_NODATA == EAI_NONAME), and so is "no
/// provider serves such names" when every namespace was asked. A lookup aimed at a namespace
/// or provider (GetAddrInfoEx) keeps WSASERVICE_NOT_FOUND and WSAEINVAL.
fn wsa_from_nsp(code: i32, scope: Scope) -> i32 {
    let everywhere = scope.namespace == NS_ALL && scope.provider.is_none();
    match code {
        WSANO_DATA => WSAHOST_NOT_FOUND,
        WSASERVICE_NOT_FOUND | WSAEINVAL if everywhere => WSAHOST_NOT_FOUND,
        WSAEPROVIDERFAILEDINIT | WSAEINVALIDPROVIDER => WSANO_RECOVERY,
        c => c,
    }
}

/// Runs a call that returns its error code (0 on success) and also sets it as the last error.
pub(crate) fn returning_code(body: impl FnOnce() -> Result<(), i32>) -> i32 {
    match wsa_call(SOCKET_ERROR, || body().map(|()| 0)) {
        0 => 0,
        _ => last_error() as i32,
    }
}

/// # Safety
/// `p` must be null or NUL-terminated.
pub(crate) unsafe fn opt_cstr<'a>(p: *const u8) -> Option<&'a [u8]> {
    // SAFETY: per the caller.
    (!p.is_null()).then(|| unsafe { CStr::from_ptr(p as *const c_char) }.to_bytes())
}

/// A wide string as UTF-8; unpaired surrogates name no host.
///
/// # Safety
/// `p` must be null or NUL-terminated.
pub(crate) unsafe fn opt_wide(p: *const u16) -> Result<Option<Vec<u8>>, i32> {
    if p.is_null() {
        return Ok(None);
    }
    // SAFETY: per the caller.
    let s = String::from_utf16(unsafe { wide_units(p) }).map_err(|_| WSAHOST_NOT_FOUND)?;
    Ok(Some(s.into_bytes()))
}

// ---- getaddrinfo -----------------------------------------------------------------------------

/// The hint fields getaddrinfo reads, in Windows values.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct WinHints {
    pub flags: i32,
    pub family: i32,
    pub socktype: i32,
    pub protocol: i32,
}

/// ADDRINFOA, ADDRINFOW, ADDRINFOEXA and ADDRINFOEXW: one layout for the common members, two
/// character types for ai_canonname; the EX forms add a blob and the answering provider.
pub(crate) trait WinAddrInfo: Default {
    type Char: Copy;
    fn encode(s: &str) -> Vec<Self::Char>;
    fn hints(&self) -> Result<WinHints, i32>;
    fn set(&mut self, h: &WinHints, family: i32, len: usize, canon: *mut Self::Char, addr: *mut SOCKADDR, next: *mut Self);
    fn next(&self) -> *mut Self;
    /// ai_provider of the EX forms.
    fn set_provider(&mut self, _p: *mut GUID) {}
}

macro_rules! win_addrinfo {
    ($t:ty, $c:ty, $encode:expr) => {
        win_addrinfo!($t, $c, $encode, |_: &$t| true, |_: &mut $t, _: *mut GUID| {});
    };
    ($t:ty, $c:ty, $encode:expr, $ex_clear:expr, $ex_provider:expr) => {
        impl WinAddrInfo for $t {
            type Char = $c;
            fn encode(s: &str) -> Vec<$c> {
                $encode(s)
            }
            /// Windows requires the hints' other members to be zero or NULL (else WSANO_RECOVERY).
            fn hints(&self) -> Result<WinHints, i32> {
                if self.ai_addrlen != 0
                    || !self.ai_canonname.is_null()
                    || !self.ai_addr.is_null()
                    || !self.ai_next.is_null()
                    || !$ex_clear(self)
                {
                    return Err(WSANO_RECOVERY);
                }
                Ok(WinHints { flags: self.ai_flags, family: self.ai_family, socktype: self.ai_socktype, protocol: self.ai_protocol })
            }
            fn set(&mut self, h: &WinHints, family: i32, len: usize, canon: *mut $c, addr: *mut SOCKADDR, next: *mut Self) {
                self.ai_flags = h.flags;
                self.ai_family = family;
                self.ai_socktype = h.socktype;
                self.ai_protocol = h.protocol;
                self.ai_addrlen = len;
                self.ai_canonname = canon as _;
                self.ai_addr = addr;
                self.ai_next = next;
            }
            fn next(&self) -> *mut Self {
                self.ai_next
            }
            fn set_provider(&mut self, p: *mut GUID) {
                $ex_provider(self, p)
            }
        }
    };
}

win_addrinfo!(ADDRINFOA, u8, |s: &str| s.bytes().chain(Some(0)).collect());
win_addrinfo!(ADDRINFOW, u16, |s: &str| s.encode_utf16().chain(Some(0)).collect());
win_addrinfo!(
    ADDRINFOEXA,
    u8,
    |s: &str| s.bytes().chain(Some(0)).collect(),
    |a: &ADDRINFOEXA| a.ai_blob.is_null() && a.ai_bloblen == 0 && a.ai_provider.is_null(),
    |a: &mut ADDRINFOEXA, p: *mut GUID| a.ai_provider = p
);
win_addrinfo!(
    ADDRINFOEXW,
    u16,
    |s: &str| s.encode_utf16().chain(Some(0)).collect(),
    |a: &ADDRINFOEXW| a.ai_blob.is_null() && a.ai_bloblen == 0 && a.ai_provider.is_null(),
    |a: &mut ADDRINFOEXW, p: *mut GUID| a.ai_provider = p
);

/// One list entry as allocated here: the ADDRINFO first (the pointer the caller holds), then
/// the storage its pointers refer to.
#[repr(C)]
struct Node<A: WinAddrInfo> {
    ai: A,
    addr: [u64; 4],
    canon: Vec<A::Char>,
    /// The answering provider, for ADDRINFOEX's ai_provider.
    provider: GUID,
}

/// One resolved address, as a Windows sockaddr.
#[derive(Debug)]
struct Resolved {
    family: i32,
    addr: [u8; 32],
    len: usize,
}

/// What a lookup found: the addresses and the canonical name, for the caller's hints, and the
/// namespace provider that answered (None when no lookup was needed).
pub(crate) struct Answer {
    hints: WinHints,
    addrs: Vec<Resolved>,
    canonname: Option<String>,
    provider: Option<GUID>,
}

/// glibc hints for Windows ones. glibc gets the socket type only where it picks the service's
/// port (TCP or UDP); the entries take the caller's socket type and protocol verbatim anyway.
pub fn hints_to_linux(h: &WinHints) -> Result<resolver::Hints, i32> {
    let family = match h.family {
        0 | WIN_AF_INET | WIN_AF_INET6 => af_to_linux(h.family).unwrap(),
        _ => return Err(WSAEAFNOSUPPORT),
    };
    let socktype = match (h.socktype, h.protocol) {
        (SOCK_STREAM | SOCK_DGRAM, _) => h.socktype,
        (0, IPPROTO_TCP) => SOCK_STREAM,
        (0, IPPROTO_UDP) => SOCK_DGRAM,
        (0 | SOCK_RAW | SOCK_RDM | SOCK_SEQPACKET, _) => 0,
        _ => return Err(WSAESOCKTNOSUPPORT),
    };
    Ok(resolver::Hints { flags: flags_to_linux(h.flags, &AI_FLAGS)?, family, socktype, protocol: 0 })
}

/// The node name glibc is asked about: the local host for "" and "..localmachine", and the
/// address inside brackets for "[v6addr]" or "[v6addr]:port".
fn node_for_glibc(node: &[u8]) -> Result<Vec<u8>, i32> {
    if node.is_empty() || node == b"..localmachine" {
        return resolver::gethostname().map(CString::into_bytes).map_err(wsa_from_errno);
    }
    if let [b'[', rest @ ..] = node {
        if let Some(close) = rest.iter().position(|&c| c == b']') {
            let inner = &rest[..close];
            let addr = inner.split(|&c| c == b'%').next().unwrap_or_default();
            let port_ok = match &rest[close + 1..] {
                [] => true,
                [b':', p @ ..] => !p.is_empty() && p.iter().all(u8::is_ascii_digit),
                _ => false,
            };
            if port_ok && text::parse_ipv6(addr).is_some() {
                return Ok(inner.to_vec());
            }
        }
    }
    Ok(node.to_vec())
}

/// An answer from glibc's parse of a literal (or of no node at all): no lookup involved.
fn literal_answer(found: Vec<resolver::AddrInfo>, hints: WinHints) -> Result<Answer, i32> {
    let mut answer = Answer { hints, addrs: Vec::new(), canonname: None, provider: None };
    for ai in found {
        if answer.canonname.is_none() {
            answer.canonname = ai.canonname.map(|c| c.to_string_lossy().into_owned());
        }
        let Some(family) = af_from_linux(ai.addr.family()) else { continue };
        let (bytes, len) = ai.addr.windows_bytes();
        // glibc repeats an address once per socket type; Windows lists it once.
        if answer.addrs.iter().any(|r| r.addr[..r.len] == bytes[..len]) {
            continue;
        }
        let mut addr = [0u8; 32];
        addr[..len].copy_from_slice(&bytes[..len]);
        answer.addrs.push(Resolved { family, addr, len });
    }
    if answer.addrs.is_empty() {
        return Err(WSAHOST_NOT_FOUND);
    }
    Ok(answer)
}

/// The port `service` names for the hints' socket type (glibc's services lookup, on a literal
/// so that no host is looked up); 0 without a service.
fn service_port(service: Option<&CStr>, lh: &resolver::Hints) -> Result<u16, i32> {
    let Some(service) = service else { return Ok(0) };
    let probe = resolver::Hints {
        flags: libc::AI_NUMERICHOST | (lh.flags & libc::AI_NUMERICSERV),
        family: libc::AF_INET,
        socktype: lh.socktype,
        protocol: 0,
    };
    let found = resolver::getaddrinfo(Some(c"0.0.0.0"), Some(service), &probe).map_err(wsa_from_eai)?;
    found.first().map(|a| a.addr.port()).ok_or(WSATYPE_NOT_FOUND)
}

/// getaddrinfo's work: validation, literals through glibc's parser, names through the
/// namespace providers of `scope`.
fn resolve(node: Option<&[u8]>, service: Option<&[u8]>, hints: WinHints, wide: bool) -> Result<Answer, i32> {
    resolve_in(node, service, hints, wide, Scope::ALL)
}

pub(crate) fn resolve_in(node: Option<&[u8]>, service: Option<&[u8]>, hints: WinHints, wide: bool, scope: Scope) -> Result<Answer, i32> {
    if node.is_none() && service.is_none() {
        return Err(WSAHOST_NOT_FOUND);
    }
    let lh = hints_to_linux(&hints)?;
    let node = node.map(node_for_glibc).transpose()?;
    let cstr = |b: Vec<u8>| CString::new(b).map_err(|_| WSAHOST_NOT_FOUND);
    let service = service.map(|s| cstr(s.to_vec())).transpose()?;
    let Some(node) = node else {
        // No node: the wildcard (AI_PASSIVE) or loopback addresses.
        return literal_answer(resolver::getaddrinfo(None, service.as_deref(), &lh).map_err(wsa_from_eai)?, hints);
    };
    let cnode = cstr(node.clone())?;
    let literal = resolver::Hints { flags: lh.flags | libc::AI_NUMERICHOST, ..lh };
    match resolver::getaddrinfo(Some(&cnode), service.as_deref(), &literal) {
        Ok(found) => return literal_answer(found, hints),
        Err(e) if e.code == libc::EAI_NONAME && hints.flags as u32 & AI_NUMERICHOST == 0 => {}
        Err(e) => return Err(wsa_from_eai(e)),
    }
    // A name: the service's port here, the addresses from the namespace providers.
    let port = service_port(service.as_deref(), &lh)?;
    let f = hints.flags as u32;
    let mut lup = 0;
    if f & AI_ADDRCONFIG != 0 {
        lup |= LUP_ADDRCONFIG;
    }
    if !wide || f & AI_DISABLE_IDN_ENCODING != 0 {
        lup |= LUP_DISABLE_IDN_ENCODING;
    }
    let mapped = hints.family == WIN_AF_INET6 && f & AI_V4MAPPED != 0;
    let family = if mapped { 0 } else { hints.family };
    let name = String::from_utf8_lossy(&node).into_owned();
    let found = resolve::host_by_name(&name, family, scope, lup).map_err(|e| wsa_from_nsp(e, scope))?;
    let mut ips = found.addrs.clone();
    if mapped {
        // AI_V4MAPPED: IPv4 addresses as IPv4-mapped IPv6 ones when there is no IPv6 address,
        // or always with AI_ALL.
        let (v6, v4): (Vec<ScopedIp>, Vec<ScopedIp>) = ips.into_iter().partition(|a| a.ip.is_ipv6());
        let all = f & AI_ALL != 0;
        ips = if v6.is_empty() || all { v6.into_iter().chain(v4.iter().map(ScopedIp::mapped)).collect() } else { v6 };
    }
    let mut answer = Answer { hints, addrs: Vec::new(), canonname: None, provider: Some(found.provider) };
    for ip in ips {
        let bytes = ip.sockaddr(port);
        let mut addr = [0u8; 32];
        addr[..bytes.len()].copy_from_slice(&bytes);
        if !answer.addrs.iter().any(|r| r.addr[..r.len] == bytes[..]) {
            answer.addrs.push(Resolved { family: ip.family(), addr, len: bytes.len() });
        }
    }
    if answer.addrs.is_empty() {
        return Err(WSAHOST_NOT_FOUND);
    }
    if f & AI_CANONNAME != 0 {
        answer.canonname = Some(found.name.unwrap_or(name));
    }
    Ok(answer)
}

/// The answer's socket addresses, in order (WSAConnectByName connects to them).
pub(crate) fn addresses(answer: &Answer) -> Vec<Vec<u8>> {
    answer.addrs.iter().map(|r| r.addr[..r.len].to_vec()).collect()
}

/// Allocates the caller's list; the canonical name goes with the first entry.
pub(crate) fn build_list<A: WinAddrInfo>(answer: &Answer) -> *mut A {
    let mut head: *mut A = ptr::null_mut();
    for (i, r) in answer.addrs.iter().enumerate().rev() {
        let canon = answer.canonname.as_deref().filter(|_| i == 0).map(A::encode).unwrap_or_default();
        let mut node = Box::new(Node { ai: A::default(), addr: [0; 4], canon, provider: answer.provider.unwrap_or_default() });
        // SAFETY: `addr` is 32 bytes, `r.len` <= 28.
        unsafe { ptr::copy_nonoverlapping(r.addr.as_ptr(), node.addr.as_mut_ptr() as *mut u8, r.len) };
        let canon_ptr = if node.canon.is_empty() { ptr::null_mut() } else { node.canon.as_mut_ptr() };
        let addr_ptr = node.addr.as_mut_ptr() as *mut SOCKADDR;
        node.ai.set(&answer.hints, r.family, r.len, canon_ptr, addr_ptr, head);
        if answer.provider.is_some() {
            let p: *mut GUID = &mut node.provider;
            node.ai.set_provider(p);
        }
        // The ADDRINFO is the first field of a repr(C) node: its address is the node's.
        head = Box::into_raw(node) as *mut A;
    }
    head
}

/// Frees a list built by `build_list`.
///
/// # Safety
/// `p` must be null or the head of a list from `build_list::<A>` not freed before.
pub(crate) unsafe fn free_list<A: WinAddrInfo>(mut p: *mut A) {
    while !p.is_null() {
        // SAFETY: every entry was a Box<Node<A>> whose first field is `p`'s ADDRINFO.
        let node = unsafe { Box::from_raw(p as *mut Node<A>) };
        p = node.ai.next();
    }
}

/// getaddrinfo and GetAddrInfoW: clear the result, resolve, build the list.
///
/// # Safety
/// `hints` null or valid; `res` null or writable.
unsafe fn getaddrinfo_with<A: WinAddrInfo>(
    node: Result<Option<Vec<u8>>, i32>,
    service: Result<Option<Vec<u8>>, i32>,
    hints: *const A,
    res: *mut *mut A,
    wide: bool,
) -> i32 {
    returning_code(|| {
        if res.is_null() {
            return Err(WSAEFAULT);
        }
        // SAFETY: non-null; the caller's result slot. Windows clears it on every failure.
        unsafe { *res = ptr::null_mut() };
        require_started()?;
        // SAFETY: caller contract.
        let hints = unsafe { hints.as_ref() }.map(A::hints).transpose()?.unwrap_or_default();
        let answer = resolve(node?.as_deref(), service?.as_deref(), hints, wide)?;
        // SAFETY: as above.
        unsafe { *res = build_list(&answer) };
        Ok(())
    })
}

/// Returns 0, or the WSA error code (also set as the last error).
///
/// # Safety
/// Strings null or NUL-terminated; `hints` null or valid; `res` null or writable.
#[no_mangle]
pub unsafe extern "system" fn ws2_getaddrinfo(node: PCSTR, service: PCSTR, hints: *const ADDRINFOA, res: *mut *mut ADDRINFOA) -> i32 {
    // SAFETY: caller contract.
    let (n, s) = unsafe { (opt_cstr(node).map(<[u8]>::to_vec), opt_cstr(service).map(<[u8]>::to_vec)) };
    // SAFETY: caller contract.
    unsafe { getaddrinfo_with(Ok(n), Ok(s), hints, res, false) }
}

/// # Safety
/// As getaddrinfo, with wide strings.
#[no_mangle]
pub unsafe extern "system" fn GetAddrInfoW(node: PCWSTR, service: PCWSTR, hints: *const ADDRINFOW, res: *mut *mut ADDRINFOW) -> i32 {
    // SAFETY: caller contract.
    unsafe { getaddrinfo_with(opt_wide(node), opt_wide(service), hints, res, true) }
}

/// Frees a list from getaddrinfo; NULL is a no-op.
///
/// # Safety
/// `ai` must be null or a list from our getaddrinfo, not freed before.
#[no_mangle]
pub unsafe extern "system" fn ws2_freeaddrinfo(ai: *mut ADDRINFOA) {
    wsa_call_keep((), || {
        // SAFETY: caller contract.
        unsafe { free_list(ai) };
        Ok(())
    })
}

/// # Safety
/// `ai` must be null or a list from GetAddrInfoW, not freed before.
#[no_mangle]
pub unsafe extern "system" fn FreeAddrInfoW(ai: *mut ADDRINFOW) {
    wsa_call_keep((), || {
        // SAFETY: caller contract.
        unsafe { free_list(ai) };
        Ok(())
    })
}

// ---- getnameinfo -----------------------------------------------------------------------------

/// The numeric host text of `a`, as Windows prints it (an IPv6 scope id as "%n").
fn numeric_host(a: &LinuxAddr) -> String {
    let (b, _) = a.windows_bytes();
    if a.family() == libc::AF_INET {
        return text::format_ipv4([b[4], b[5], b[6], b[7]]);
    }
    let mut s = text::format_ipv6(b[8..24].try_into().unwrap());
    match u32::from_ne_bytes(b[24..28].try_into().unwrap()) {
        0 => s,
        scope => {
            s.push_str(&format!("%{scope}"));
            s
        }
    }
}

/// NI_NOFQDN: a host of the local domain by its first label only.
fn without_local_domain(name: String) -> String {
    let own = resolver::gethostname().map(|h| h.to_string_lossy().into_owned()).unwrap_or_default();
    let local = own.split_once('.').map(|(_, d)| d.to_ascii_lowercase());
    match (name.split_once('.'), local) {
        (Some((first, domain)), Some(local)) if domain.trim_end_matches('.').eq_ignore_ascii_case(&local) => first.to_string(),
        _ => name,
    }
}

/// getnameinfo's work: the host and service names requested (`None` = not wanted).
///
/// # Safety
/// `sa` must be null or point to `salen` readable bytes.
unsafe fn name_info(
    sa: *const SOCKADDR,
    salen: i32,
    want_host: bool,
    want_serv: bool,
    flags: i32,
) -> Result<(Option<String>, Option<String>), i32> {
    require_started()?;
    // SAFETY: caller contract.
    let addr = unsafe { LinuxAddr::from_windows(sa, salen) }?;
    let lflags = flags_to_linux(flags, &NI_FLAGS)?;
    if !want_host && !want_serv {
        return Err(WSAHOST_NOT_FOUND);
    }
    let host = match want_host {
        false => None,
        true if lflags & libc::NI_NUMERICHOST != 0 => Some(numeric_host(&addr)),
        true => {
            let (bytes, len) = addr.windows_bytes();
            let ip = ScopedIp::from_sockaddr(&bytes[..len]).ok_or(WSAEAFNOSUPPORT)?.0;
            match resolve::name_by_addr(&ip, Scope::ALL, 0) {
                Ok(found) => found.name.map(|n| if lflags & libc::NI_NOFQDN != 0 { without_local_domain(n) } else { n }),
                Err(e) if lflags & libc::NI_NAMEREQD != 0 => return Err(wsa_from_nsp(e, Scope::ALL)),
                Err(_) => Some(numeric_host(&addr)),
            }
        }
    };
    let serv = match want_serv {
        false => None,
        true if lflags & libc::NI_NUMERICSERV != 0 => Some(addr.port().to_string()),
        true => {
            let (_, s) = resolver::getnameinfo(&addr, false, true, lflags & libc::NI_DGRAM).map_err(wsa_from_eai)?;
            s.map(|s| s.to_string_lossy().into_owned())
        }
    };
    Ok((host, serv))
}

/// Copies `units` and a NUL into a buffer of `cap` units, if it fits (else WSAEFAULT).
///
/// # Safety
/// `buf` must have `cap` writable units.
unsafe fn put<T: Copy + Default>(units: &[T], buf: *mut T, cap: usize) -> Result<(), i32> {
    if buf.is_null() || cap <= units.len() {
        return Err(WSAEFAULT);
    }
    // SAFETY: `cap` > units.len() units are writable per the caller.
    unsafe {
        ptr::copy_nonoverlapping(units.as_ptr(), buf, units.len());
        *buf.add(units.len()) = T::default();
    }
    Ok(())
}

/// getnameinfo and GetNameInfoW around `name_info`: a requested name with a zero-length buffer
/// is WSAEINVAL (EAI_BADFLAGS); a name that does not fit its buffer, WSAEFAULT.
///
/// # Safety
/// `sa` null or `salen` readable bytes; each buffer null or its length in writable units.
#[allow(clippy::too_many_arguments)]
unsafe fn getnameinfo_with<T: Copy + Default>(
    sa: *const SOCKADDR,
    salen: i32,
    host: *mut T,
    hostlen: u32,
    serv: *mut T,
    servlen: u32,
    flags: i32,
    encode: impl Fn(&str) -> Vec<T>,
) -> i32 {
    returning_code(|| {
        if (!host.is_null() && hostlen == 0) || (!serv.is_null() && servlen == 0) {
            require_started()?;
            return Err(WSAEINVAL);
        }
        // SAFETY: caller contract.
        let (h, s) = unsafe { name_info(sa, salen, !host.is_null(), !serv.is_null(), flags)? };
        let (h, s) = (h.map(|h| encode(&h)), s.map(|s| encode(&s)));
        if h.as_ref().is_some_and(|h| h.len() >= hostlen as usize) || s.as_ref().is_some_and(|s| s.len() >= servlen as usize) {
            return Err(WSAEFAULT);
        }
        // SAFETY: caller contract; both fit (checked above).
        unsafe {
            if let Some(h) = h {
                put(&h, host, hostlen as usize)?;
            }
            if let Some(s) = s {
                put(&s, serv, servlen as usize)?;
            }
        }
        Ok(())
    })
}

/// Returns 0, or the WSA error code (also set as the last error).
///
/// # Safety
/// `sa` null or `salen` readable bytes; `host`/`serv` null or their lengths in writable bytes.
#[no_mangle]
pub unsafe extern "system" fn ws2_getnameinfo(
    sa: *const SOCKADDR,
    salen: i32,
    host: *mut c_char,
    hostlen: u32,
    serv: *mut c_char,
    servlen: u32,
    flags: i32,
) -> i32 {
    // SAFETY: caller contract.
    unsafe { getnameinfo_with(sa, salen, host as *mut u8, hostlen, serv as *mut u8, servlen, flags, |s| s.as_bytes().to_vec()) }
}

/// # Safety
/// As getnameinfo, with lengths in WCHARs.
#[no_mangle]
pub unsafe extern "system" fn GetNameInfoW(
    sa: *const SOCKADDR,
    salen: i32,
    host: PWSTR,
    hostlen: u32,
    serv: PWSTR,
    servlen: u32,
    flags: i32,
) -> i32 {
    // SAFETY: caller contract.
    unsafe { getnameinfo_with(sa, salen, host, hostlen, serv, servlen, flags, |s| s.encode_utf16().collect()) }
}

// ---- gethostname -----------------------------------------------------------------------------

/// gethostname and GetHostNameW: a null or short buffer is WSAEFAULT and stays untouched.
///
/// # Safety
/// `buf` must be null or have `len` writable units.
unsafe fn hostname_into<T: Copy + Default>(buf: *mut T, len: i32, encode: impl Fn(&str) -> Vec<T>) -> i32 {
    wsa_call(SOCKET_ERROR, || {
        require_started()?;
        let name = resolver::gethostname().map_err(wsa_from_errno)?;
        let units = encode(&name.to_string_lossy());
        // SAFETY: caller contract.
        unsafe { put(&units, buf, len.max(0) as usize) }.map(|()| 0)
    })
}

/// # Safety
/// `name` must be null or have `namelen` writable bytes.
#[no_mangle]
pub unsafe extern "system" fn ws2_gethostname(name: *mut c_char, namelen: i32) -> i32 {
    // SAFETY: caller contract.
    unsafe { hostname_into(name as *mut u8, namelen, |s| s.as_bytes().to_vec()) }
}

/// # Safety
/// `name` must be null or have `namelen` writable WCHARs.
#[no_mangle]
pub unsafe extern "system" fn GetHostNameW(name: PWSTR, namelen: i32) -> i32 {
    // SAFETY: caller contract.
    unsafe { hostname_into(name, namelen, |s| s.encode_utf16().collect()) }
}

// ---- hostent, servent, protoent --------------------------------------------------------------

/// A per-thread block holding one hostent/servent/protoent and everything it points to, laid
/// out as Windows lays it out: the structure, its pointer arrays, then the data. Programs may
/// rely on that (Windows documents one structure per thread, valid until the next call).
struct Block {
    words: Vec<u64>,
    used: usize,
}

fn round8(n: usize) -> usize {
    n.div_ceil(8) * 8
}

impl Block {
    fn new(bytes: usize) -> Block {
        Block { words: vec![0; bytes.div_ceil(8)], used: 0 }
    }

    /// `bytes` zeroed bytes, 8-aligned. The block never grows, so earlier pointers stay valid.
    fn alloc(&mut self, bytes: usize) -> *mut u8 {
        let off = self.used;
        self.used += round8(bytes);
        assert!(self.used <= self.words.len() * 8, "block sized too small");
        // SAFETY: `off + bytes` lies within the allocation (asserted).
        unsafe { (self.words.as_mut_ptr() as *mut u8).add(off) }
    }

    /// A NULL-terminated pointer array of `n` entries, filled in later.
    fn ptr_array(&mut self, n: usize) -> *mut *mut i8 {
        self.alloc((n + 1) * 8) as *mut *mut i8
    }

    fn bytes(&mut self, b: &[u8]) -> *mut i8 {
        let p = self.alloc(b.len() + 1);
        // SAFETY: `p` has b.len() + 1 zeroed bytes; the last stays the NUL.
        unsafe { ptr::copy_nonoverlapping(b.as_ptr(), p, b.len()) };
        p as *mut i8
    }

    /// Fills `array` with copies of `items`.
    fn strings(&mut self, array: *mut *mut i8, items: &[CString]) {
        for (k, s) in items.iter().enumerate() {
            let p = self.bytes(s.as_bytes());
            // SAFETY: `array` has room for items.len() entries plus the NULL.
            unsafe { *array.add(k) = p };
        }
    }

    fn strings_size(items: &[CString]) -> usize {
        (items.len() + 1) * 8 + items.iter().map(|s| round8(s.as_bytes().len() + 1)).sum::<usize>()
    }
}

thread_local! {
    static HOSTENT_BLOCK: RefCell<Option<Block>> = const { RefCell::new(None) };
    static SERVENT_BLOCK: RefCell<Option<Block>> = const { RefCell::new(None) };
    static PROTOENT_BLOCK: RefCell<Option<Block>> = const { RefCell::new(None) };
}

/// Makes `block` the thread's current one of its kind (freeing the previous) and returns `p`.
fn keep<T>(slot: &'static LocalKey<RefCell<Option<Block>>>, block: Block, p: *mut T) -> *mut T {
    slot.with(|s| *s.borrow_mut() = Some(block));
    p
}

/// A Windows hostent for `h`, its addresses of Windows family `af`.
fn hostent(h: &resolver::HostEnt, af: i32) -> *mut HOSTENT {
    let size = round8(std::mem::size_of::<HOSTENT>())
        + Block::strings_size(&h.aliases)
        + (h.addrs.len() + 1) * 8
        + h.addrs.len() * round8(h.addr_len)
        + round8(h.name.as_bytes().len() + 1);
    let mut b = Block::new(size);
    let he = b.alloc(std::mem::size_of::<HOSTENT>()) as *mut HOSTENT;
    let aliases = b.ptr_array(h.aliases.len());
    let addrs = b.ptr_array(h.addrs.len());
    for (k, a) in h.addrs.iter().enumerate() {
        let p = b.alloc(a.len());
        // SAFETY: `p` has a.len() bytes; `addrs` has room for every address plus the NULL.
        unsafe {
            ptr::copy_nonoverlapping(a.as_ptr(), p, a.len());
            *addrs.add(k) = p as *mut i8;
        }
    }
    let name = b.bytes(h.name.as_bytes());
    b.strings(aliases, &h.aliases);
    // SAFETY: `he` is the block's first, suitably aligned, HOSTENT-sized allocation.
    unsafe {
        he.write(HOSTENT { h_name: name as _, h_aliases: aliases, h_addrtype: af as i16, h_length: h.addr_len as i16, h_addr_list: addrs })
    };
    keep(&HOSTENT_BLOCK, b, he)
}

/// A hostent for what a namespace provider found about a host of family `af`.
fn hostent_of(found: resolve::HostFound, query: &str, af: i32) -> *mut HOSTENT {
    let cs = |s: &str| CString::new(s.replace('\0', "")).unwrap_or_default();
    let addrs: Vec<Vec<u8>> = found
        .addrs
        .iter()
        .filter(|a| a.family() == af)
        .map(|a| match a.ip {
            std::net::IpAddr::V4(v) => v.octets().to_vec(),
            std::net::IpAddr::V6(v) => v.octets().to_vec(),
        })
        .collect();
    let h = resolver::HostEnt {
        name: cs(found.name.as_deref().unwrap_or(query)),
        aliases: found.aliases.iter().map(|a| cs(a)).collect(),
        addr_len: if af == WIN_AF_INET { 4 } else { 16 },
        addrs,
    };
    hostent(&h, af)
}

/// Looks up the local host for a null or empty name, as Windows documents; IPv4 only, so an
/// IPv6 literal is WSANO_DATA. An IPv4 literal is returned as it is; names go to the
/// namespace providers.
///
/// # Safety
/// `name` must be null or NUL-terminated.
#[no_mangle]
pub unsafe extern "system" fn ws2_gethostbyname(name: *const c_char) -> *mut HOSTENT {
    wsa_call(ptr::null_mut(), || {
        require_started()?;
        // SAFETY: caller contract.
        let name = match unsafe { opt_cstr(name as *const u8) } {
            None | Some([]) => resolver::gethostname().map_err(wsa_from_errno)?,
            Some(n) => CString::new(n).map_err(|_| WSAHOST_NOT_FOUND)?,
        };
        if text::parse_ipv6(name.as_bytes()).is_some() {
            return Err(WSANO_DATA);
        }
        if let Some(a) = text::inet_addr(name.as_bytes()) {
            let h = resolver::HostEnt { name: name.clone(), aliases: Vec::new(), addr_len: 4, addrs: vec![a.to_be_bytes().to_vec()] };
            return Ok(hostent(&h, WIN_AF_INET));
        }
        let query = name.to_string_lossy().into_owned();
        let found =
            resolve::host_by_name(&query, WIN_AF_INET, Scope::ALL, LUP_RETURN_ALIASES | LUP_DISABLE_IDN_ENCODING).map_err(|e| match e {
                WSASERVICE_NOT_FOUND | WSAEINVAL => WSAHOST_NOT_FOUND,
                WSAEPROVIDERFAILEDINIT | WSAEINVALIDPROVIDER => WSANO_RECOVERY,
                e => e,
            })?;
        Ok(hostent_of(found, &query, WIN_AF_INET))
    })
}

/// # Safety
/// `addr` must be null or point to `len` readable bytes.
#[no_mangle]
pub unsafe extern "system" fn ws2_gethostbyaddr(addr: *const c_char, len: i32, ty: i32) -> *mut HOSTENT {
    wsa_call(ptr::null_mut(), || {
        require_started()?;
        let need = match ty {
            WIN_AF_INET => 4,
            WIN_AF_INET6 => 16,
            _ => return Err(WSAEAFNOSUPPORT),
        };
        if addr.is_null() || len < need as i32 {
            return Err(WSAEFAULT);
        }
        // SAFETY: `need` <= `len` readable bytes per the caller.
        let bytes = unsafe { std::slice::from_raw_parts(addr as *const u8, need) };
        let ip: std::net::IpAddr = match <[u8; 4]>::try_from(bytes) {
            Ok(v4) => v4.into(),
            Err(_) => <[u8; 16]>::try_from(bytes).map_err(|_| WSAEFAULT)?.into(),
        };
        let ip = ScopedIp::new(ip);
        let mut found = resolve::name_by_addr(&ip, Scope::ALL, LUP_RETURN_ALIASES).map_err(|e| match e {
            WSASERVICE_NOT_FOUND | WSAEINVAL => WSAHOST_NOT_FOUND,
            WSAEPROVIDERFAILEDINIT | WSAEINVALIDPROVIDER => WSANO_RECOVERY,
            e => e,
        })?;
        found.addrs = vec![ip];
        Ok(hostent_of(found, &ip.text(), ty))
    })
}

/// A Windows servent (Win64 field order: s_name, s_aliases, s_proto, s_port).
fn servent(s: &resolver::ServEnt) -> *mut SERVENT {
    let size = round8(std::mem::size_of::<SERVENT>())
        + Block::strings_size(&s.aliases)
        + round8(s.name.as_bytes().len() + 1)
        + round8(s.proto.as_bytes().len() + 1);
    let mut b = Block::new(size);
    let se = b.alloc(std::mem::size_of::<SERVENT>()) as *mut SERVENT;
    let aliases = b.ptr_array(s.aliases.len());
    let name = b.bytes(s.name.as_bytes());
    let proto = b.bytes(s.proto.as_bytes());
    b.strings(aliases, &s.aliases);
    // SAFETY: `se` is the block's first, suitably aligned, SERVENT-sized allocation.
    unsafe { se.write(SERVENT { s_name: name as _, s_aliases: aliases, s_proto: proto as _, s_port: s.port as i16 }) };
    keep(&SERVENT_BLOCK, b, se)
}

/// A service entry, or WSANO_DATA when there is none.
fn serv_result(found: Result<Option<resolver::ServEnt>, i32>) -> Result<*mut SERVENT, i32> {
    Ok(servent(&found.map_err(wsa_from_errno)?.ok_or(WSANO_DATA)?))
}

/// # Safety
/// `name` null or NUL-terminated; `proto` null (any protocol) or NUL-terminated.
#[no_mangle]
pub unsafe extern "system" fn ws2_getservbyname(name: *const c_char, proto: *const c_char) -> *mut SERVENT {
    wsa_call(ptr::null_mut(), || {
        require_started()?;
        if name.is_null() {
            return Err(WSAEFAULT);
        }
        // SAFETY: caller contract.
        let (name, proto) = unsafe { (CStr::from_ptr(name), (!proto.is_null()).then(|| CStr::from_ptr(proto))) };
        serv_result(resolver::getservbyname(name, proto))
    })
}

/// `port` is in network byte order, as on Windows.
///
/// # Safety
/// `proto` null (any protocol) or NUL-terminated.
#[no_mangle]
pub unsafe extern "system" fn ws2_getservbyport(port: i32, proto: *const c_char) -> *mut SERVENT {
    wsa_call(ptr::null_mut(), || {
        require_started()?;
        // SAFETY: caller contract.
        let proto = unsafe { (!proto.is_null()).then(|| CStr::from_ptr(proto)) };
        serv_result(resolver::getservbyport(port as u16, proto))
    })
}

/// A Windows protoent (p_proto is a short).
fn protoent(p: &resolver::ProtoEnt) -> *mut PROTOENT {
    let size = round8(std::mem::size_of::<PROTOENT>()) + Block::strings_size(&p.aliases) + round8(p.name.as_bytes().len() + 1);
    let mut b = Block::new(size);
    let pe = b.alloc(std::mem::size_of::<PROTOENT>()) as *mut PROTOENT;
    let aliases = b.ptr_array(p.aliases.len());
    let name = b.bytes(p.name.as_bytes());
    b.strings(aliases, &p.aliases);
    // SAFETY: `pe` is the block's first, suitably aligned, PROTOENT-sized allocation.
    unsafe { pe.write(PROTOENT { p_name: name as _, p_aliases: aliases, p_proto: p.number as i16 }) };
    keep(&PROTOENT_BLOCK, b, pe)
}

/// A protocol entry, or WSANO_DATA when there is none.
fn proto_result(found: Result<Option<resolver::ProtoEnt>, i32>) -> Result<*mut PROTOENT, i32> {
    Ok(protoent(&found.map_err(wsa_from_errno)?.ok_or(WSANO_DATA)?))
}

/// # Safety
/// `name` must be null or NUL-terminated.
#[no_mangle]
pub unsafe extern "system" fn ws2_getprotobyname(name: *const c_char) -> *mut PROTOENT {
    wsa_call(ptr::null_mut(), || {
        require_started()?;
        if name.is_null() {
            return Err(WSAEFAULT);
        }
        // SAFETY: caller contract.
        proto_result(resolver::getprotobyname(unsafe { CStr::from_ptr(name) }))
    })
}

#[no_mangle]
pub extern "system" fn ws2_getprotobynumber(number: i32) -> *mut PROTOENT {
    wsa_call(ptr::null_mut(), || {
        require_started()?;
        proto_result(resolver::getprotobynumber(number))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hints_translate_to_linux_values() {
        let h = WinHints {
            flags: (AI_PASSIVE | AI_NUMERICSERV | AI_ALL | AI_ADDRCONFIG | AI_V4MAPPED) as i32,
            family: 23,
            socktype: 0,
            protocol: IPPROTO_TCP,
        };
        let l = hints_to_linux(&h).unwrap();
        assert_eq!(l.flags, libc::AI_PASSIVE | libc::AI_NUMERICSERV | libc::AI_ALL | libc::AI_ADDRCONFIG | libc::AI_V4MAPPED);
        assert_eq!((l.family, l.socktype, l.protocol), (libc::AF_INET6, libc::SOCK_STREAM, 0));
        let bad = |f: fn(&mut WinHints)| {
            let mut h = WinHints::default();
            f(&mut h);
            hints_to_linux(&h).err()
        };
        assert_eq!(bad(|h| h.flags = AI_FQDN as i32), Some(WSAEINVAL));
        assert_eq!(bad(|h| h.flags = AI_FILESERVER as i32), Some(WSAEINVAL));
        assert_eq!(bad(|h| h.family = 10), Some(WSAEAFNOSUPPORT));
        assert_eq!(bad(|h| h.socktype = 999), Some(WSAESOCKTNOSUPPORT));
        assert_eq!(bad(|h| h.protocol = 999), None);
    }

    #[test]
    fn name_info_flags_translate() {
        assert_eq!(flags_to_linux((NI_NUMERICHOST | NI_NUMERICSERV) as i32, &NI_FLAGS), Ok(libc::NI_NUMERICHOST | libc::NI_NUMERICSERV));
        assert_eq!(
            flags_to_linux((NI_NOFQDN | NI_NAMEREQD | NI_DGRAM) as i32, &NI_FLAGS),
            Ok(libc::NI_NOFQDN | libc::NI_NAMEREQD | libc::NI_DGRAM)
        );
        assert_eq!(flags_to_linux(0x100, &NI_FLAGS), Err(WSAEINVAL));
    }

    #[test]
    fn eai_codes_map_to_documented_wsa_codes() {
        let m = |code| wsa_from_eai(GaiError { code, errno: 0 });
        assert_eq!(m(libc::EAI_AGAIN), 11002);
        assert_eq!(m(libc::EAI_BADFLAGS), 10022);
        assert_eq!(m(libc::EAI_FAIL), 11003);
        assert_eq!(m(libc::EAI_FAMILY), 10047);
        assert_eq!(m(libc::EAI_MEMORY), 8);
        assert_eq!(m(libc::EAI_NONAME), 11001);
        assert_eq!(m(libc::EAI_NODATA), 11001);
        assert_eq!(m(libc::EAI_SERVICE), 10109);
        assert_eq!(m(libc::EAI_SOCKTYPE), 10044);
    }

    #[test]
    fn resolve_lists_each_address_once_with_the_hinted_types() {
        let hints = WinHints { flags: AI_NUMERICHOST as i32, family: 0, socktype: 0, protocol: 0 };
        let a = resolve(Some(b"127.0.0.1"), Some(b"80"), hints, false).unwrap();
        assert_eq!(a.addrs.len(), 1);
        assert_eq!(a.addrs[0].family, 2);
        assert_eq!(&a.addrs[0].addr[..8], &[2, 0, 0, 80, 127, 0, 0, 1]);
        let a = resolve(Some(b"[::1]:99"), None, hints, false).unwrap();
        assert_eq!((a.addrs[0].family, a.addrs[0].len), (23, 28));
        assert_eq!(resolve(None, None, hints, false).err(), Some(WSAHOST_NOT_FOUND));
        assert_eq!(resolve(Some(b"localhost"), None, hints, false).err(), Some(WSAHOST_NOT_FOUND));
    }

    #[test]
    fn lists_are_built_and_freed_here() {
        let hints = WinHints { flags: (AI_NUMERICHOST | AI_CANONNAME) as i32, family: 0, socktype: SOCK_STREAM, protocol: 0 };
        let a = resolve(Some(b"::1"), Some(b"443"), hints, true).unwrap();
        let list = build_list::<ADDRINFOW>(&a);
        // SAFETY: a list just built, freed once.
        unsafe {
            let ai = &*list;
            assert_eq!((ai.ai_family, ai.ai_socktype, ai.ai_protocol, ai.ai_addrlen), (23, SOCK_STREAM, 0, 28));
            assert_eq!((*ai.ai_addr).sa_family, 23);
            assert!(ai.ai_next.is_null());
            assert_eq!(String::from_utf16_lossy(wide_units(ai.ai_canonname)), "::1");
            free_list(list);
        }
    }

    #[test]
    fn bracketed_literals_and_local_names() {
        assert_eq!(node_for_glibc(b"[fe80::1%2]:80").unwrap(), b"fe80::1%2");
        assert_eq!(node_for_glibc(b"[beef::cafe").unwrap(), b"[beef::cafe");
        assert_eq!(node_for_glibc(b"[1.2.3.4]").unwrap(), b"[1.2.3.4]");
        assert_eq!(node_for_glibc(b"").unwrap(), resolver::gethostname().unwrap().into_bytes());
    }

    #[test]
    fn entries_are_laid_out_as_windows_does() {
        let h = resolver::HostEnt {
            name: CString::new("host").unwrap(),
            aliases: vec![CString::new("a1").unwrap(), CString::new("a2").unwrap()],
            addr_len: 4,
            addrs: vec![vec![1, 2, 3, 4], vec![5, 6, 7, 8]],
        };
        // SAFETY: the pointer refers to this thread's block, alive until the next call.
        unsafe {
            let he = &*hostent(&h, 2);
            let base = he as *const HOSTENT as usize;
            assert_eq!(he.h_aliases as usize, base + std::mem::size_of::<HOSTENT>());
            assert_eq!(he.h_addr_list as usize, he.h_aliases as usize + 3 * 8);
            assert_eq!(*he.h_addr_list as usize, he.h_addr_list as usize + 3 * 8);
            assert_eq!((he.h_addrtype, he.h_length), (2, 4));
            assert_eq!(CStr::from_ptr(he.h_name as *const c_char).to_bytes(), b"host");
            assert_eq!(CStr::from_ptr(*he.h_aliases.add(1)).to_bytes(), b"a2");
            assert!((*he.h_aliases.add(2)).is_null());
            assert_eq!(std::slice::from_raw_parts(*he.h_addr_list.add(1) as *const u8, 4), &[5, 6, 7, 8]);
            assert!((*he.h_addr_list.add(2)).is_null());
        }
    }
}
