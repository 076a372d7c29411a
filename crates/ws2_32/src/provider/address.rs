//! WSPAddressToString and WSPStringToAddress: the base provider's text forms of IPv4 and IPv6
//! socket addresses (ports, and scope ids for IPv6), with the SPI's length rules. The forms are
//! Windows' own, shared with inet_ntop & co. (`api::addr::text`).

use super::spi;
use crate::abi::*;
use crate::api::addr::text;
use crate::sys::sockaddr::{WIN_AF_INET, WIN_AF_INET6};

/// Writes the text of the socket address at `addr` to a buffer of `*outlen` WCHARs. A missing or
/// short buffer gives WSAEFAULT with the length needed (NUL included) in `*outlen`.
pub(super) unsafe extern "system" fn wsp_address_to_string(
    addr: *const SOCKADDR,
    len: u32,
    _info: *const WSAPROTOCOL_INFOW,
    out: PWSTR,
    outlen: *mut u32,
    errno: *mut i32,
) -> i32 {
    spi(errno, SOCKET_ERROR, || {
        if addr.is_null() || outlen.is_null() {
            return Err(WSAEFAULT);
        }
        // Anything beyond the largest address we know is not looked at.
        let n = (len as usize).min(text::SIZE_IN6);
        // SAFETY: the caller supplies `len` >= `n` readable bytes.
        let sa = unsafe { std::slice::from_raw_parts(addr as *const u8, n) };
        let s: Vec<u16> = text::sockaddr_to_string(sa)?.encode_utf16().collect();
        let need = s.len() as u32 + 1;
        // SAFETY: `outlen` is non-null; `out` has `*outlen` WCHARs when non-null.
        unsafe {
            if out.is_null() || *outlen < need {
                *outlen = need;
                return Err(WSAEFAULT);
            }
            std::ptr::copy_nonoverlapping(s.as_ptr(), out, s.len());
            *out.add(s.len()) = 0;
            *outlen = need;
        }
        Ok(0)
    })
}

/// Parses `s` as a socket address of family `af` into a buffer of `*len` bytes. A short buffer
/// gives WSAEFAULT with the size needed in `*len`; a string that is no address, WSAEINVAL,
/// with the buffer's sockaddr zeroed (as Windows leaves it) and `*len` unchanged.
pub(super) unsafe extern "system" fn wsp_string_to_address(
    s: PCWSTR,
    af: i32,
    _info: *const WSAPROTOCOL_INFOW,
    addr: *mut SOCKADDR,
    len: *mut i32,
    errno: *mut i32,
) -> i32 {
    spi(errno, SOCKET_ERROR, || {
        if s.is_null() || len.is_null() {
            return Err(WSAEFAULT);
        }
        let need = match af {
            WIN_AF_INET => text::SIZE_IN,
            WIN_AF_INET6 => text::SIZE_IN6,
            _ => return Err(WSAEINVAL),
        };
        // SAFETY: `len` is non-null and points to the caller's length.
        unsafe {
            if addr.is_null() || *len < need as i32 {
                *len = need as i32;
                return Err(WSAEFAULT);
            }
            std::ptr::write_bytes(addr as *mut u8, 0, need);
        }
        // SAFETY: `s` is non-null and NUL-terminated per the SPI contract.
        let units = unsafe { crate::api::addr::wide_units(s) };
        let ascii = crate::api::addr::wide_to_ascii(units).ok_or(WSAEINVAL)?;
        let (sa, n) = text::string_to_sockaddr(&ascii, af)?;
        // SAFETY: the buffer holds `*len` >= `need` >= `n` bytes (checked above).
        unsafe {
            std::ptr::copy_nonoverlapping(sa.as_ptr(), addr as *mut u8, n);
            *len = n as i32;
        }
        Ok(0)
    })
}
