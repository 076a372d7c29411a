//! Socket options and control: setsockopt, getsockopt, ioctlsocket and WSAIoctl, passed to the
//! provider's WSPSetSockOpt/WSPGetSockOpt/WSPIoctl.

use super::socket::with_provider;
use crate::abi::*;
use crate::ffi::wsa_call;

/// # Safety
/// `val` must have `len` readable bytes.
#[no_mangle]
pub unsafe extern "system" fn ws2_setsockopt(s: SOCKET, level: i32, name: i32, val: PCSTR, len: i32) -> i32 {
    wsa_call(SOCKET_ERROR, || {
        // SAFETY: the provider's entry, with the caller's arguments.
        with_provider(s, |p, e| unsafe { p.table.lpWSPSetSockOpt.unwrap()(s, level, name, val, len, e) })
    })
}

/// # Safety
/// `val` must have `*len` writable bytes; `len` null or valid.
#[no_mangle]
pub unsafe extern "system" fn ws2_getsockopt(s: SOCKET, level: i32, name: i32, val: PSTR, len: *mut i32) -> i32 {
    wsa_call(SOCKET_ERROR, || {
        // SAFETY: the provider's entry, with the caller's arguments.
        with_provider(s, |p, e| unsafe { p.table.lpWSPGetSockOpt.unwrap()(s, level, name, val, len, e) })
    })
}

/// # Safety
/// `argp` must be null or point to a u_long.
#[no_mangle]
pub unsafe extern "system" fn ioctlsocket(s: SOCKET, cmd: i32, argp: *mut u32) -> i32 {
    wsa_call(SOCKET_ERROR, || {
        if argp.is_null() {
            // Checked after the handle, as Windows reports WSAENOTSOCK first.
            super::provider_of(s)?;
            return Err(WSAEFAULT);
        }
        let mut returned = 0u32;
        with_provider(s, |p, e| {
            // SAFETY: the provider's entry; `argp` serves as both input and output (4 bytes).
            unsafe {
                p.table.lpWSPIoctl.unwrap()(
                    s,
                    cmd as u32,
                    argp as *const _,
                    4,
                    argp as *mut _,
                    4,
                    &mut returned,
                    std::ptr::null_mut(),
                    None,
                    std::ptr::null(),
                    e,
                )
            }
        })
    })
}

/// # Safety
/// Pointers must be null or valid as WSAIoctl documents.
#[no_mangle]
pub unsafe extern "system" fn WSAIoctl(
    s: SOCKET,
    code: u32,
    inbuf: *const core::ffi::c_void,
    inlen: u32,
    outbuf: *mut core::ffi::c_void,
    outlen: u32,
    returned: *mut u32,
    ov: *mut OVERLAPPED,
    cr: LPWSAOVERLAPPED_COMPLETION_ROUTINE,
) -> i32 {
    wsa_call(SOCKET_ERROR, || {
        with_provider(s, |p, e| {
            // SAFETY: the provider's entry, with the caller's arguments.
            unsafe { p.table.lpWSPIoctl.unwrap()(s, code, inbuf, inlen, outbuf, outlen, returned, ov, cr, std::ptr::null(), e) }
        })
    })
}
