//! Byte order and address text conversions: htonl & co., WSAHtonl & co., inet_addr, inet_ntoa,
//! inet_pton/InetPtonW, inet_ntop/InetNtopW, and WSAAddressToString/WSAStringToAddress, which
//! reach the provider of the address family through its WSPPROC_TABLE, as on Windows.
//!
//! The Windows text forms themselves (what ntdll's RtlIpv4/6 routines accept and print) live in
//! `text`, shared with the base provider. InetPtonA and InetNtopA are header macros for
//! inet_pton and inet_ntop, as on Windows.

use super::{provider_of, spi_result, startup::require_started};
use crate::abi::*;
use crate::catalog;
use crate::error::set_last_error;
use crate::ffi::{wsa_call, wsa_call_keep};
use crate::spi::{self, ProviderInstance};
use crate::sys::sockaddr::{WIN_AF_INET, WIN_AF_INET6};
use std::cell::UnsafeCell;
use std::ffi::{c_char, c_void, CStr};
use std::ptr;

/// Win32's ERROR_INVALID_PARAMETER: what InetNtop documents for a missing or short buffer.
pub const ERROR_INVALID_PARAMETER: i32 = 87;

/// The Windows text forms of IPv4/IPv6 addresses and socket addresses.
pub(crate) mod text {
    use crate::abi::{WSAEFAULT, WSAEINVAL};
    use crate::sys::sockaddr::{WIN_AF_INET, WIN_AF_INET6};

    pub const SIZE_IN: usize = 16;
    pub const SIZE_IN6: usize = 28;

    /// C's isspace() in the "C" locale.
    fn is_c_space(b: u8) -> bool {
        matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r')
    }

    /// One number in BSD notation ("0x1f" hex, "017" octal, else decimal) at the start of `s`:
    /// its value and length. None without a digit, or when it exceeds 32 bits.
    fn bsd_number(s: &[u8]) -> Option<(u32, usize)> {
        let (radix, mut i) = match s {
            [b'0', b'x' | b'X', ..] => (16, 2),
            [b'0', ..] => (8, 1),
            [b'1'..=b'9', ..] => (10, 0),
            _ => return None,
        };
        let digits_from = i;
        let mut v: u64 = 0;
        while let Some(d) = s.get(i).and_then(|&c| (c as char).to_digit(radix)) {
            v = (v * radix as u64 + d as u64).min(u64::from(u32::MAX) + 1);
            i += 1;
        }
        if radix == 16 && i == digits_from {
            return None;
        }
        u32::try_from(v).ok().map(|v| (v, i))
    }

    /// An IPv4 address in any BSD form (a.b.c.d, a.b.c, a.b, a; each part decimal, octal or
    /// hex) at the start of `s`: the address in host order and the length parsed.
    pub fn parse_ipv4_bsd(s: &[u8]) -> Option<(u32, usize)> {
        let mut parts = [0u32; 4];
        let (mut n, mut i) = (0, 0);
        loop {
            let (v, len) = bsd_number(&s[i..])?;
            parts[n] = v;
            n += 1;
            i += len;
            if n < 4 && s.get(i) == Some(&b'.') {
                i += 1;
            } else {
                break;
            }
        }
        // Every part but the last is one byte; the last fills the remaining bytes.
        let last_max = u32::MAX >> (8 * (n - 1));
        if parts[..n - 1].iter().any(|&p| p > 255) || parts[n - 1] > last_max {
            return None;
        }
        let high = parts[..n - 1].iter().enumerate().fold(0u32, |acc, (k, &p)| acc | p << (24 - 8 * k));
        Some((high | parts[n - 1], i))
    }

    /// inet_addr's reading of `s` (host order), None where Windows returns INADDR_NONE: a BSD
    /// address that may be followed by white space and anything after it. A lone space is 0.
    pub fn inet_addr(s: &[u8]) -> Option<u32> {
        if s == b" " {
            return Some(0);
        }
        let (v, n) = parse_ipv4_bsd(s)?;
        (n == s.len() || is_c_space(s[n])).then_some(v)
    }

    /// Decimal parts of at most three digits, at most 255 each.
    fn dotted_quad(s: &[u8], leading_zeros: bool) -> Option<[u8; 4]> {
        let mut out = [0u8; 4];
        let mut parts = s.split(|&c| c == b'.');
        for o in out.iter_mut() {
            let p = parts.next()?;
            if p.is_empty() || p.len() > 3 || !p.iter().all(u8::is_ascii_digit) || (!leading_zeros && p.len() > 1 && p[0] == b'0') {
                return None;
            }
            *o = std::str::from_utf8(p).ok()?.parse().ok()?;
        }
        parts.next().is_none().then_some(out)
    }

    /// inet_pton's IPv4 form: exactly a.b.c.d in decimal, no leading zeros, nothing else.
    pub fn parse_ipv4_strict(s: &[u8]) -> Option<[u8; 4]> {
        dotted_quad(s, false)
    }

    /// An IPv6 address (RFC 4291 text form, with an optional dotted IPv4 tail whose parts may
    /// have leading zeros, as Windows allows). Nothing may follow it.
    pub fn parse_ipv6(s: &[u8]) -> Option<[u8; 16]> {
        let mut words = [0u16; 8];
        let (mut n, mut gap, mut i) = (0usize, None, 0usize);
        if s.starts_with(b"::") {
            gap = Some(0);
            i = 2;
        } else if s.first() == Some(&b':') {
            return None;
        }
        while i < s.len() {
            let start = i;
            while i < s.len() && s[i].is_ascii_hexdigit() {
                i += 1;
            }
            if s.get(i) == Some(&b'.') {
                // The last 32 bits as a dotted IPv4 address.
                let v4 = dotted_quad(&s[start..], true)?;
                if n > 6 {
                    return None;
                }
                words[n] = u16::from_be_bytes([v4[0], v4[1]]);
                words[n + 1] = u16::from_be_bytes([v4[2], v4[3]]);
                n += 2;
                break;
            }
            if i == start || i - start > 4 || n == 8 {
                return None;
            }
            words[n] = u16::from_str_radix(std::str::from_utf8(&s[start..i]).ok()?, 16).ok()?;
            n += 1;
            if i == s.len() {
                break;
            }
            if s[i] != b':' || i + 1 == s.len() {
                return None;
            }
            i += 1;
            if s[i] == b':' {
                if gap.is_some() {
                    return None;
                }
                gap = Some(n);
                i += 1;
            }
        }
        match gap {
            None if n == 8 => {}
            // "::" stands for at least one zero word.
            Some(g) if n < 8 => {
                let tail = n - g;
                words.copy_within(g..n, 8 - tail);
                words[g..8 - tail].fill(0);
            }
            _ => return None,
        }
        let mut out = [0u8; 16];
        for (o, w) in out.chunks_exact_mut(2).zip(words) {
            o.copy_from_slice(&w.to_be_bytes());
        }
        Some(out)
    }

    pub fn format_ipv4(a: [u8; 4]) -> String {
        format!("{}.{}.{}.{}", a[0], a[1], a[2], a[3])
    }

    /// Whether Windows prints the last 32 bits of `w` as dotted IPv4: ISATAP addresses
    /// (…:0:5efe:a.b.c.d, …:200:5efe:a.b.c.d), and the compatible, mapped and translated forms
    /// (::a.b.c.d, ::ffff:a.b.c.d, ::ffff:0:a.b.c.d) unless the third-last word is zero.
    fn ipv4_tail(w: &[u16; 8]) -> bool {
        if w[5] == 0x5efe && w[4] & !0x0200 == 0 {
            return true;
        }
        w[..4].iter().all(|&x| x == 0) && matches!((w[4], w[5]), (0, 0) | (0, 0xffff) | (0xffff, 0)) && w[6] != 0
    }

    /// The IPv6 text Windows prints: lower-case hex, the first longest run of two or more zero
    /// words as "::", and a dotted IPv4 tail where `ipv4_tail` says so.
    pub fn format_ipv6(a: &[u8; 16]) -> String {
        let mut w = [0u16; 8];
        for (x, b) in w.iter_mut().zip(a.chunks_exact(2)) {
            *x = u16::from_be_bytes([b[0], b[1]]);
        }
        let tail = ipv4_tail(&w);
        let end = if tail { 6 } else { 8 };
        let (mut gap, mut gap_len, mut i) = (end, 1, 0);
        while i < end {
            let start = i;
            while i < end && w[i] == 0 {
                i += 1;
            }
            if i - start > gap_len {
                (gap, gap_len) = (start, i - start);
            }
            i = i.max(start + 1);
        }
        let mut out = String::new();
        let mut i = 0;
        while i < end {
            if i == gap {
                out.push_str(if gap + gap_len == end { "::" } else { ":" });
                i += gap_len;
                continue;
            }
            if i > 0 {
                out.push(':');
            }
            out.push_str(&format!("{:x}", w[i]));
            i += 1;
        }
        if tail {
            if !out.ends_with(':') {
                out.push(':');
            }
            out.push_str(&format_ipv4([a[12], a[13], a[14], a[15]]));
        }
        out
    }

    /// A port after ':' in a socket address string: one BSD number, 1 to 65535, nothing after.
    fn parse_port(s: &[u8]) -> Option<u16> {
        match bsd_number(s)? {
            (v @ 1..=65535, n) if n == s.len() => Some(v as u16),
            _ => None,
        }
    }

    /// A decimal scope id after '%'.
    fn parse_scope(s: &[u8]) -> Option<u32> {
        if s.is_empty() || !s.iter().all(u8::is_ascii_digit) {
            return None;
        }
        std::str::from_utf8(s).ok()?.parse().ok()
    }

    /// The text of a Windows socket address, as WSAAddressToString gives it: "a.b.c.d",
    /// "a.b.c.d:port", "addr", "addr%scope", "[addr]:port" or "[addr%scope]:port".
    pub fn sockaddr_to_string(sa: &[u8]) -> Result<String, i32> {
        if sa.len() < 2 {
            return Err(WSAEFAULT);
        }
        let port = |sa: &[u8]| u16::from_be_bytes([sa[2], sa[3]]);
        match i32::from(u16::from_ne_bytes([sa[0], sa[1]])) {
            WIN_AF_INET if sa.len() >= SIZE_IN => {
                let ip = format_ipv4([sa[4], sa[5], sa[6], sa[7]]);
                Ok(match port(sa) {
                    0 => ip,
                    p => format!("{ip}:{p}"),
                })
            }
            WIN_AF_INET6 if sa.len() >= SIZE_IN6 => {
                let mut ip = format_ipv6(sa[8..24].try_into().unwrap());
                let scope = u32::from_ne_bytes(sa[24..28].try_into().unwrap());
                if scope != 0 {
                    ip.push_str(&format!("%{scope}"));
                }
                Ok(match port(sa) {
                    0 => ip,
                    p => format!("[{ip}]:{p}"),
                })
            }
            WIN_AF_INET | WIN_AF_INET6 => Err(WSAEFAULT),
            _ => Err(WSAEINVAL),
        }
    }

    /// Parses a socket address string of Windows family `af` into a Windows sockaddr (bytes and
    /// length), as WSAStringToAddress does: IPv4 in any BSD form with an optional ":port";
    /// IPv6 with an optional "%scope", in brackets when followed by ":port".
    pub fn string_to_sockaddr(s: &[u8], af: i32) -> Result<([u8; SIZE_IN6], usize), i32> {
        let mut out = [0u8; SIZE_IN6];
        out[..2].copy_from_slice(&(af as u16).to_ne_bytes());
        match af {
            WIN_AF_INET => {
                let (ip, n) = parse_ipv4_bsd(s).ok_or(WSAEINVAL)?;
                let port = match &s[n..] {
                    [] => 0,
                    [b':', rest @ ..] => parse_port(rest).ok_or(WSAEINVAL)?,
                    _ => return Err(WSAEINVAL),
                };
                out[2..4].copy_from_slice(&port.to_be_bytes());
                out[4..8].copy_from_slice(&ip.to_be_bytes());
                Ok((out, SIZE_IN))
            }
            WIN_AF_INET6 => {
                let (body, port) = match s {
                    [b'[', rest @ ..] => {
                        let close = rest.iter().position(|&c| c == b']').ok_or(WSAEINVAL)?;
                        let port = match &rest[close + 1..] {
                            [] => 0,
                            [b':', p @ ..] => parse_port(p).ok_or(WSAEINVAL)?,
                            _ => return Err(WSAEINVAL),
                        };
                        (&rest[..close], port)
                    }
                    _ => (s, 0),
                };
                let (ip, scope) = match body.iter().position(|&c| c == b'%') {
                    Some(p) => (&body[..p], parse_scope(&body[p + 1..]).ok_or(WSAEINVAL)?),
                    None => (body, 0),
                };
                let addr = parse_ipv6(ip).ok_or(WSAEINVAL)?;
                out[2..4].copy_from_slice(&port.to_be_bytes());
                out[8..24].copy_from_slice(&addr);
                out[24..28].copy_from_slice(&scope.to_ne_bytes());
                Ok((out, SIZE_IN6))
            }
            _ => Err(WSAEINVAL),
        }
    }
}

// ---- wide strings ------------------------------------------------------------------------

/// The units of a NUL-terminated UTF-16 string, without the NUL.
///
/// # Safety
/// `p` must be non-null and NUL-terminated.
pub(crate) unsafe fn wide_units<'a>(p: *const u16) -> &'a [u16] {
    let mut n = 0;
    // SAFETY: the caller guarantees a terminating NUL.
    unsafe {
        while *p.add(n) != 0 {
            n += 1;
        }
        std::slice::from_raw_parts(p, n)
    }
}

/// The bytes of an all-ASCII wide string; None if any unit is not ASCII.
pub(crate) fn wide_to_ascii(w: &[u16]) -> Option<Vec<u8>> {
    w.iter().map(|&c| u8::try_from(c).ok().filter(u8::is_ascii)).collect()
}

// ---- byte order ------------------------------------------------------------------------------

#[no_mangle]
pub extern "system" fn ws2_htonl(v: u32) -> u32 {
    v.to_be()
}

#[no_mangle]
pub extern "system" fn ws2_htons(v: u16) -> u16 {
    v.to_be()
}

#[no_mangle]
pub extern "system" fn ws2_ntohl(v: u32) -> u32 {
    u32::from_be(v)
}

#[no_mangle]
pub extern "system" fn ws2_ntohs(v: u16) -> u16 {
    u16::from_be(v)
}

/// The WSA byte-order calls convert for a socket's protocol, so the socket must be valid; every
/// protocol we offer is big-endian (iNetworkByteOrder BIGENDIAN).
///
/// # Safety
/// `out` must be null or writable.
unsafe fn for_socket<T>(s: SOCKET, v: T, out: *mut T) -> i32 {
    wsa_call(SOCKET_ERROR, || {
        provider_of(s)?;
        if out.is_null() {
            return Err(WSAEFAULT);
        }
        // SAFETY: non-null; the caller owns the variable (alignment not assumed).
        unsafe { out.write_unaligned(v) };
        Ok(0)
    })
}

/// # Safety
/// `net` must be null or writable.
#[no_mangle]
pub unsafe extern "system" fn WSAHtonl(s: SOCKET, host: u32, net: *mut u32) -> i32 {
    // SAFETY: forwarded.
    unsafe { for_socket(s, host.to_be(), net) }
}

/// # Safety
/// `net` must be null or writable.
#[no_mangle]
pub unsafe extern "system" fn WSAHtons(s: SOCKET, host: u16, net: *mut u16) -> i32 {
    // SAFETY: forwarded.
    unsafe { for_socket(s, host.to_be(), net) }
}

/// # Safety
/// `host` must be null or writable.
#[no_mangle]
pub unsafe extern "system" fn WSANtohl(s: SOCKET, net: u32, host: *mut u32) -> i32 {
    // SAFETY: forwarded.
    unsafe { for_socket(s, u32::from_be(net), host) }
}

/// # Safety
/// `host` must be null or writable.
#[no_mangle]
pub unsafe extern "system" fn WSANtohs(s: SOCKET, net: u16, host: *mut u16) -> i32 {
    // SAFETY: forwarded.
    unsafe { for_socket(s, u16::from_be(net), host) }
}

// ---- inet_addr / inet_ntoa -------------------------------------------------------------------

/// Never touches the last error except for a null string (WSAEFAULT), as on Windows.
///
/// # Safety
/// `cp` must be null or NUL-terminated.
#[no_mangle]
pub unsafe extern "system" fn ws2_inet_addr(cp: *const c_char) -> u32 {
    wsa_call_keep(INADDR_NONE, || {
        if cp.is_null() {
            return Err(WSAEFAULT);
        }
        // SAFETY: non-null and NUL-terminated per the caller.
        let s = unsafe { CStr::from_ptr(cp) }.to_bytes();
        Ok(text::inet_addr(s).map_or(INADDR_NONE, u32::to_be))
    })
}

/// Takes `struct in_addr` by value (four bytes in network order, passed as a 32-bit integer)
/// and returns the calling thread's buffer, overwritten by its next call, as Windows does.
#[no_mangle]
pub extern "system" fn ws2_inet_ntoa(addr: u32) -> *mut c_char {
    thread_local! {
        static BUF: UnsafeCell<[u8; 16]> = const { UnsafeCell::new([0; 16]) };
    }
    wsa_call_keep(ptr::null_mut(), || {
        let s = text::format_ipv4(addr.to_ne_bytes());
        Ok(BUF.with(|b| {
            let p = b.get() as *mut u8;
            // SAFETY: the buffer belongs to this thread; "255.255.255.255" plus NUL fits in 16.
            unsafe {
                ptr::copy_nonoverlapping(s.as_ptr(), p, s.len());
                *p.add(s.len()) = 0;
            }
            p as *mut c_char
        }))
    })
}

// ---- inet_pton / inet_ntop -------------------------------------------------------------------

/// Parses `src` as family `af` into `dst`: Ok(1), Ok(0) for a bad string, or Err for a family
/// other than AF_INET/AF_INET6.
///
/// # Safety
/// `dst` must have room for the family's address (4 or 16 bytes).
unsafe fn pton(af: i32, src: Option<&[u8]>, dst: *mut c_void) -> Result<i32, i32> {
    let (bytes, len) = match af {
        WIN_AF_INET => (src.and_then(text::parse_ipv4_strict).map(|a| a.to_vec()), 4),
        WIN_AF_INET6 => (src.and_then(text::parse_ipv6).map(|a| a.to_vec()), 16),
        _ => return Err(WSAEAFNOSUPPORT),
    };
    Ok(match bytes {
        Some(b) => {
            // SAFETY: the caller guarantees `len` writable bytes.
            unsafe { ptr::copy_nonoverlapping(b.as_ptr(), dst as *mut u8, len) };
            1
        }
        None => 0,
    })
}

/// 1 on success, 0 for a string that is not an address (the last error left alone), -1 with
/// WSAEFAULT for null pointers or WSAEAFNOSUPPORT for a family other than AF_INET/AF_INET6.
///
/// # Safety
/// `src` null or NUL-terminated; `dst` null or large enough for the family's address.
#[no_mangle]
pub unsafe extern "system" fn ws2_inet_pton(af: i32, src: *const c_char, dst: *mut c_void) -> i32 {
    wsa_call_keep(-1, || {
        if src.is_null() || dst.is_null() {
            return Err(WSAEFAULT);
        }
        // SAFETY: caller contract.
        unsafe { pton(af, Some(CStr::from_ptr(src).to_bytes()), dst) }
    })
}

/// As inet_pton, except that a bad string also sets WSAEINVAL (Windows' InetPtonW does).
///
/// # Safety
/// `src` null or NUL-terminated; `dst` null or large enough for the family's address.
#[no_mangle]
pub unsafe extern "system" fn InetPtonW(af: i32, src: *const u16, dst: *mut c_void) -> i32 {
    let rc = wsa_call_keep(-1, || {
        if src.is_null() || dst.is_null() {
            return Err(WSAEFAULT);
        }
        // SAFETY: caller contract.
        let ascii = wide_to_ascii(unsafe { wide_units(src) });
        // SAFETY: caller contract.
        unsafe { pton(af, ascii.as_deref(), dst) }
    });
    if rc == 0 {
        set_last_error(WSAEINVAL as u32);
    }
    rc
}

/// The text of the address at `addr` of family `af`.
///
/// # Safety
/// `addr` must be null or point to the family's address.
unsafe fn ntop(af: i32, addr: *const c_void) -> Result<String, i32> {
    if af != WIN_AF_INET && af != WIN_AF_INET6 {
        return Err(WSAEAFNOSUPPORT);
    }
    if addr.is_null() {
        return Err(ERROR_INVALID_PARAMETER);
    }
    let p = addr as *const u8;
    // SAFETY: the caller guarantees 4 (AF_INET) or 16 (AF_INET6) readable bytes.
    Ok(unsafe {
        if af == WIN_AF_INET {
            text::format_ipv4(ptr::read_unaligned(p as *const [u8; 4]))
        } else {
            text::format_ipv6(&ptr::read_unaligned(p as *const [u8; 16]))
        }
    })
}

/// Copies `units` and a NUL into a caller's buffer of `size` units; a missing or short buffer is
/// ERROR_INVALID_PARAMETER, as InetNtop documents.
///
/// # Safety
/// `buf` must be null or have `size` writable units.
unsafe fn put_text<T: Copy + Default>(units: &[T], buf: *mut T, size: usize) -> Result<*const T, i32> {
    if buf.is_null() || size <= units.len() {
        return Err(ERROR_INVALID_PARAMETER);
    }
    // SAFETY: `size` > units.len() units are writable per the caller.
    unsafe {
        ptr::copy_nonoverlapping(units.as_ptr(), buf, units.len());
        *buf.add(units.len()) = T::default();
    }
    Ok(buf)
}

/// Returns `buf`, or NULL with WSAEAFNOSUPPORT (family) or ERROR_INVALID_PARAMETER (missing
/// address or buffer, or a buffer too small). Success leaves the last error alone.
///
/// # Safety
/// `addr` null or the family's address; `buf` null or `size` writable bytes.
#[no_mangle]
pub unsafe extern "system" fn ws2_inet_ntop(af: i32, addr: *const c_void, buf: *mut c_char, size: usize) -> *const c_char {
    wsa_call_keep(ptr::null(), || {
        // SAFETY: caller contract.
        let s = unsafe { ntop(af, addr)? };
        // SAFETY: caller contract.
        unsafe { put_text(s.as_bytes(), buf as *mut u8, size) }.map(|p| p as *const c_char)
    })
}

/// As inet_ntop, with `size` in WCHARs.
///
/// # Safety
/// `addr` null or the family's address; `buf` null or `size` writable WCHARs.
#[no_mangle]
pub unsafe extern "system" fn InetNtopW(af: i32, addr: *const c_void, buf: *mut u16, size: usize) -> *const u16 {
    wsa_call_keep(ptr::null(), || {
        // SAFETY: caller contract.
        let s: Vec<u16> = unsafe { ntop(af, addr)? }.encode_utf16().collect();
        // SAFETY: caller contract.
        unsafe { put_text(&s, buf, size) }
    })
}

// ---- WSAAddressToString / WSAStringToAddress -------------------------------------------------

/// The started provider that converts addresses of family `af`: that of the catalog entry the
/// caller's WSAPROTOCOL_INFO names, else of the first protocol entry of the family. No entry
/// means no provider supports the family: WSAEINVAL, as documented.
fn provider_for_family(af: i32, catalog_id: Option<u32>) -> Result<(&'static ProviderInstance, WSAPROTOCOL_INFOW), i32> {
    let cat = catalog::current();
    let entry = match catalog_id {
        Some(id) => cat.by_id(id),
        None => cat.entries.iter().find(|e| !e.is_layered() && e.info.iAddressFamily == af),
    }
    .ok_or(WSAEINVAL)?;
    Ok((spi::provider_for(entry)?, entry.info))
}

/// WSAAddressToStringW's work: validation, then the provider's WSPAddressToString.
///
/// # Safety
/// Pointers null or valid as WSAAddressToStringW documents.
unsafe fn address_to_string(addr: *const SOCKADDR, len: u32, catalog_id: Option<u32>, out: *mut u16, outlen: *mut u32) -> Result<i32, i32> {
    require_started()?;
    if addr.is_null() || len == 0 || outlen.is_null() {
        return Err(WSAEINVAL);
    }
    if len < 2 {
        return Err(WSAEFAULT);
    }
    // SAFETY: `len` >= 2 readable bytes; the family is the first field.
    let af = i32::from(unsafe { ptr::read_unaligned(addr as *const u16) });
    let (p, info) = provider_for_family(af, catalog_id)?;
    let wsp = p.table.lpWSPAddressToString.ok_or(WSAEPROVIDERFAILEDINIT)?;
    let mut err = 0;
    // SAFETY: the provider's entry, with the caller's buffers and its catalog entry's info.
    let rc = unsafe { wsp(addr, len, &info, out, outlen, &mut err) };
    spi_result(rc, err)
}

/// # Safety
/// `addr` null or `len` readable bytes; `out` null or `*outlen` writable WCHARs.
#[no_mangle]
pub unsafe extern "system" fn WSAAddressToStringW(
    addr: *const SOCKADDR,
    len: u32,
    info: *const WSAPROTOCOL_INFOW,
    out: PWSTR,
    outlen: *mut u32,
) -> i32 {
    wsa_call(SOCKET_ERROR, || {
        // SAFETY: caller contract.
        let id = unsafe { info.as_ref() }.map(|i| i.dwCatalogEntryId);
        // SAFETY: caller contract.
        unsafe { address_to_string(addr, len, id, out, outlen) }.map(|_| 0)
    })
}

/// The provider speaks UTF-16; the ANSI form converts, with the same length rules in bytes.
///
/// # Safety
/// `addr` null or `len` readable bytes; `out` null or `*outlen` writable bytes.
#[no_mangle]
pub unsafe extern "system" fn WSAAddressToStringA(
    addr: *const SOCKADDR,
    len: u32,
    info: *const WSAPROTOCOL_INFOA,
    out: PSTR,
    outlen: *mut u32,
) -> i32 {
    wsa_call(SOCKET_ERROR, || {
        require_started()?;
        if outlen.is_null() {
            return Err(WSAEINVAL);
        }
        let mut wide = [0u16; 128];
        let mut wlen = wide.len() as u32;
        // SAFETY: caller contract.
        let id = unsafe { info.as_ref() }.map(|i| i.dwCatalogEntryId);
        // SAFETY: caller contract for `addr`; `wide` is local with its length in `wlen`.
        unsafe { address_to_string(addr, len, id, wide.as_mut_ptr(), &mut wlen)? };
        let text: Vec<u8> = String::from_utf16_lossy(&wide[..wlen.saturating_sub(1) as usize])
            .chars()
            .map(|c| if c.is_ascii() { c as u8 } else { b'?' })
            .collect();
        let need = text.len() as u32 + 1;
        // SAFETY: `outlen` is non-null; `out` has `*outlen` bytes when non-null.
        unsafe {
            if out.is_null() || *outlen < need {
                *outlen = need;
                return Err(WSAEFAULT);
            }
            ptr::copy_nonoverlapping(text.as_ptr(), out, text.len());
            *out.add(text.len()) = 0;
            *outlen = need;
        }
        Ok(0)
    })
}

/// WSAStringToAddressW's work on a NUL-terminated wide string.
///
/// # Safety
/// `s` NUL-terminated; `addr` null or `*len` writable bytes; `len` null or valid.
unsafe fn string_to_address(s: *const u16, af: i32, catalog_id: Option<u32>, addr: *mut SOCKADDR, len: *mut i32) -> Result<i32, i32> {
    require_started()?;
    if s.is_null() || len.is_null() {
        return Err(WSAEFAULT);
    }
    let (p, info) = provider_for_family(af, catalog_id)?;
    let wsp = p.table.lpWSPStringToAddress.ok_or(WSAEPROVIDERFAILEDINIT)?;
    let mut err = 0;
    // SAFETY: the provider's entry, with the caller's buffers and its catalog entry's info.
    let rc = unsafe { wsp(s, af, &info, addr, len, &mut err) };
    spi_result(rc, err)
}

/// # Safety
/// `s` null or NUL-terminated; `addr` null or `*len` writable bytes; `len` null or valid.
#[no_mangle]
pub unsafe extern "system" fn WSAStringToAddressW(
    s: PWSTR,
    af: i32,
    info: *const WSAPROTOCOL_INFOW,
    addr: *mut SOCKADDR,
    len: *mut i32,
) -> i32 {
    wsa_call(SOCKET_ERROR, || {
        // SAFETY: caller contract.
        let id = unsafe { info.as_ref() }.map(|i| i.dwCatalogEntryId);
        // SAFETY: caller contract.
        unsafe { string_to_address(s, af, id, addr, len) }.map(|_| 0)
    })
}

/// # Safety
/// As WSAStringToAddressW, with an ANSI string.
#[no_mangle]
pub unsafe extern "system" fn WSAStringToAddressA(
    s: PSTR,
    af: i32,
    info: *const WSAPROTOCOL_INFOA,
    addr: *mut SOCKADDR,
    len: *mut i32,
) -> i32 {
    wsa_call(SOCKET_ERROR, || {
        require_started()?;
        if s.is_null() {
            return Err(WSAEFAULT);
        }
        // Bytes widen one to one; anything beyond ASCII is not an address and the parser says so.
        // SAFETY: non-null and NUL-terminated per the caller.
        let wide: Vec<u16> = unsafe { CStr::from_ptr(s as *const c_char) }.to_bytes_with_nul().iter().map(|&b| u16::from(b)).collect();
        // SAFETY: caller contract.
        let id = unsafe { info.as_ref() }.map(|i| i.dwCatalogEntryId);
        // SAFETY: `wide` is NUL-terminated; the rest is the caller's.
        unsafe { string_to_address(wide.as_ptr(), af, id, addr, len) }.map(|_| 0)
    })
}

#[cfg(test)]
mod tests {
    use super::text::*;

    fn addr(s: &str) -> u32 {
        inet_addr(s.as_bytes()).map_or(0xffff_ffff, u32::to_be)
    }

    #[test]
    fn inet_addr_follows_windows() {
        // Expected values as Windows returns them (network order read as a little-endian u32).
        let cases: &[(&str, u32)] = &[
            ("1.2.3.4", 0x04030201),
            ("1 2 3 4", 0x01000000),
            ("1.2.3. 4", 0xffffffff),
            ("1.2.3 .4", 0x03000201),
            ("3.4.5.6.7", 0xffffffff),
            ("3.4.5.6  7", 0x06050403),
            (" 3.4.5.6", 0xffffffff),
            ("3.4.5.6 ", 0x06050403),
            ("1.2.3", 0x03000201),
            (".1.2.3", 0xffffffff),
            ("", 0xffffffff),
            (" ", 0),
            ("  ", 0xffffffff),
            ("\t", 0xffffffff),
            ("0xa1a2b3b4 ", 0xb4b3a2a1),
            ("127.127.127.255:123", 0xffffffff),
            ("127.127.127.256", 0xffffffff),
            ("1.2.3.0xaA", 0xaa030201),
            ("1.1.1.0x", 0xffffffff),
            ("1.2.3.010", 0x08030201),
            ("1.2.3.00", 0x00030201),
            ("1.2.3.0a", 0xffffffff),
            ("1.1.1.-2", 0xffffffff),
            ("1", 0x01000000),
            ("1.2", 0x02000001),
            ("203569230", 0x4e38220c),
            ("[0.1.2.3]", 0xffffffff),
            ("0x2134", 0x34210000),
            ("1234BEEF", 0xffffffff),
            ("017700000001", 0x0100007f),
            ("0777", 0xff010000),
            ("::1", 0xffffffff),
            ("255.255.255.255", 0xffffffff),
            ("4294967296", 0xffffffff),
        ];
        for &(s, want) in cases {
            assert_eq!(addr(s), want, "inet_addr({s:?})");
        }
    }

    #[test]
    fn pton_forms_are_strict() {
        assert_eq!(parse_ipv4_strict(b"1.1.1.1"), Some([1, 1, 1, 1]));
        for bad in ["", " ", "1.1.1.010", "1.1.1.00", "1.2.3", "3.4.5.6 ", "0x1.2.3.4", "256.1.1.1", "1.1.1.1.1"] {
            assert_eq!(parse_ipv4_strict(bad.as_bytes()), None, "{bad:?}");
        }
        let ok: &[(&str, [u16; 8])] = &[
            ("::", [0; 8]),
            ("::1", [0, 0, 0, 0, 0, 0, 0, 1]),
            ("1111::", [0x1111, 0, 0, 0, 0, 0, 0, 0]),
            ("::0:0:0:0:0:0:0", [0; 8]),
            ("0:0:0:0:0:0:0::", [0; 8]),
            ("1:2:3:4:5:6::8", [1, 2, 3, 4, 5, 6, 0, 8]),
            ("1::001.2.3.4", [1, 0, 0, 0, 0, 0, 0x0102, 0x0304]),
            ("0:0:0:0:0:FFFF:129.144.52.38", [0, 0, 0, 0, 0, 0xffff, 0x8190, 0x3426]),
            ("2001:0db8:0:0:0:0:1428:57ab", [0x2001, 0xdb8, 0, 0, 0, 0, 0x1428, 0x57ab]),
        ];
        for (s, words) in ok {
            let a = parse_ipv6(s.as_bytes()).unwrap_or_else(|| panic!("{s}"));
            let got: Vec<u16> = a.chunks(2).map(|c| u16::from_be_bytes([c[0], c[1]])).collect();
            assert_eq!(&got[..], &words[..], "{s}");
        }
        for bad in [
            ":",
            ":1",
            "1111",
            "0x1111",
            "1:2:3:",
            "1111:2222:::",
            "1::2::3",
            "02001:0:1234:0:0:C1C0:ABCD:0876",
            "::%16",
            "[::]",
            "1.2.3.4",
            "1::0001.2.3.4",
            "1::1.2.3.256",
            "1::1.2.3.4::1",
            "1111:2222:3333:4444:5555:6666::7777:8888",
            "1111:2222:3333:4444:5555:6666:7777:1.2.3.4",
            "1:2:3:4:5:6:7:8:9",
            "1::1a.2.3.4",
            "::-1",
        ] {
            assert_eq!(parse_ipv6(bad.as_bytes()), None, "{bad:?}");
        }
    }

    fn v6(words: [u16; 8]) -> [u8; 16] {
        let mut a = [0u8; 16];
        for (c, w) in a.chunks_mut(2).zip(words) {
            c.copy_from_slice(&w.to_be_bytes());
        }
        a
    }

    #[test]
    fn ipv6_text_is_what_windows_prints() {
        let cases: &[([u16; 8], &str)] = &[
            ([0; 8], "::"),
            ([0, 0, 0, 0, 0, 0, 0, 1], "::1"),
            ([0x20ab, 0, 0, 0, 0, 0, 0, 1], "20ab::1"),
            ([0x2030, 0xa4b1, 0, 0, 0, 0, 0, 0], "2030:a4b1::"),
            ([0, 0, 0, 0, 0, 0xfffe, 0xcc98, 0xbd74], "::fffe:cc98:bd74"),
            ([0, 0, 0, 0, 0, 0, 0xcc98, 0xbd74], "::204.152.189.116"),
            ([0, 0, 0, 0, 0, 0xffff, 0x7f00, 1], "::ffff:127.0.0.1"),
            ([0, 0, 0, 0, 0xffff, 0, 0x0102, 0x0304], "::ffff:0:1.2.3.4"),
            ([0xfe80, 0, 0, 0, 0, 0x5efe, 0x0a00, 1], "fe80::5efe:10.0.0.1"),
            ([1, 0, 0, 2, 0, 0, 0, 3], "1:0:0:2::3"),
            ([1, 0, 0, 2, 0, 0, 3, 4], "1::2:0:0:3:4"),
            ([1, 0, 2, 3, 4, 5, 6, 7], "1:0:2:3:4:5:6:7"),
            ([0xABCD, 0xEF01, 0, 0, 0, 0, 0, 0x10], "abcd:ef01::10"),
        ];
        for (words, want) in cases {
            assert_eq!(format_ipv6(&v6(*words)), *want);
            assert_eq!(parse_ipv6(want.as_bytes()), Some(v6(*words)), "{want}");
        }
    }

    #[test]
    fn socket_address_strings_round_trip() {
        for (s, af) in [
            ("1.2.3.4", 2),
            ("1.2.3.4:80", 2),
            ("255.255.255.255:65535", 2),
            ("::1", 23),
            ("[::1]:80", 23),
            ("fe80::1%2", 23),
            ("[fe80::1%2]:8080", 23),
        ] {
            let (sa, len) = string_to_sockaddr(s.as_bytes(), af).unwrap();
            assert_eq!(sockaddr_to_string(&sa[..len]).unwrap(), s);
        }
    }

    #[test]
    fn string_to_sockaddr_follows_windows() {
        let v4 = |s: &str| {
            string_to_sockaddr(s.as_bytes(), 2)
                .map(|(a, _)| (u32::from_be_bytes([a[4], a[5], a[6], a[7]]), u16::from_be_bytes([a[2], a[3]])))
        };
        assert_eq!(v4("1:1"), Ok((1, 1)));
        assert_eq!(v4("1.2:1"), Ok((0x01000002, 1)));
        assert_eq!(v4("127.127.127.127:0xAbCd"), Ok((0x7f7f7f7f, 43981)));
        assert_eq!(v4("127.127.127.127:010"), Ok((0x7f7f7f7f, 8)));
        assert_eq!(v4("1.223756"), Ok((0x01036a0c, 0)));
        assert_eq!(v4("0777:10"), Ok((0x1ff, 10)));
        for bad in [
            "",
            " ",
            "a",
            "127.0.0.1:",
            "127.0.0.1:0",
            "127.0.0.1:65537",
            "127.0.0.1::1",
            "127.0.0.1:08",
            "3.4.5.6 ",
            "3.4.65536",
            "1000.2000",
            "2001::1",
        ] {
            assert!(v4(bad).is_err(), "{bad:?}");
        }
        let v6 = |s: &str| {
            string_to_sockaddr(s.as_bytes(), 23)
                .map(|(a, _)| (u16::from_be_bytes([a[2], a[3]]), u32::from_ne_bytes([a[24], a[25], a[26], a[27]])))
        };
        assert_eq!(v6("[::1]:65535"), Ok((65535, 0)));
        assert_eq!(v6("[::1]"), Ok((0, 0)));
        assert_eq!(v6("fe80::1%7"), Ok((0, 7)));
        for bad in ["", "::1]:65535", "1.2.3.4", "1:2:3:", "[::1", "[::1]x", "::1%", "::1%x"] {
            assert!(v6(bad).is_err(), "{bad:?}");
        }
        assert_eq!(string_to_sockaddr(b"1.2.3.4", 99).err(), Some(crate::abi::WSAEINVAL));
    }

    #[test]
    fn short_or_foreign_sockaddrs_are_refused() {
        let mut sa = [0u8; 28];
        sa[0] = 2;
        assert_eq!(sockaddr_to_string(&sa[..15]).err(), Some(crate::abi::WSAEFAULT));
        assert_eq!(sockaddr_to_string(&sa[..16]).unwrap(), "0.0.0.0");
        sa[0] = 23;
        assert_eq!(sockaddr_to_string(&sa[..27]).err(), Some(crate::abi::WSAEFAULT));
        sa[0] = 7;
        assert_eq!(sockaddr_to_string(&sa).err(), Some(crate::abi::WSAEINVAL));
    }
}
