//! The mswsock exports AcceptEx, GetAcceptExSockaddrs and TransmitFile: as on Windows, each
//! asks the socket's provider for its extension function (WSAIoctl with
//! SIO_GET_EXTENSION_FUNCTION_POINTER) and calls it. GetAcceptExSockaddrs needs no socket: it
//! is the base provider's parser.

use crate::abi::*;
use crate::error::set_last_error;

const SIO_GET_EXTENSION_FUNCTION_POINTER: u32 = 0xC800_0006;
const WSAID_ACCEPTEX: GUID = GUID::from_u128(0xb5367df1_cbac_11cf_95ca_00805f48a192);
const WSAID_TRANSMITFILE: GUID = GUID::from_u128(0xb5367df0_cbac_11cf_95ca_00805f48a192);
const WSAID_GETACCEPTEXSOCKADDRS: GUID = GUID::from_u128(0xb5367df2_cbac_11cf_95ca_00805f48a192);

/// The provider's extension function for `id` on socket `s` (the last error is set on failure).
fn extension(s: SOCKET, id: GUID) -> Option<usize> {
    let mut f = 0usize;
    let mut returned = 0u32;
    // SAFETY: our own export with live locals.
    let rc = unsafe {
        super::sockopt::WSAIoctl(
            s,
            SIO_GET_EXTENSION_FUNCTION_POINTER,
            &id as *const GUID as *const core::ffi::c_void,
            std::mem::size_of::<GUID>() as u32,
            &mut f as *mut usize as *mut core::ffi::c_void,
            std::mem::size_of::<usize>() as u32,
            &mut returned,
            std::ptr::null_mut(),
            None,
        )
    };
    (rc == 0 && f != 0).then_some(f)
}

type AcceptExFn = unsafe extern "system" fn(SOCKET, SOCKET, *mut core::ffi::c_void, u32, u32, u32, *mut u32, *mut OVERLAPPED) -> BOOL;
type TransmitFileFn = unsafe extern "system" fn(SOCKET, HANDLE, u32, u32, *mut OVERLAPPED, *mut core::ffi::c_void, u32) -> BOOL;
type GetAcceptExSockaddrsFn =
    unsafe extern "system" fn(*mut core::ffi::c_void, u32, u32, u32, *mut *mut SOCKADDR, *mut i32, *mut *mut SOCKADDR, *mut i32);

/// # Safety
/// Pointers must be valid as AcceptEx documents.
#[no_mangle]
pub unsafe extern "system" fn AcceptEx(
    listener: SOCKET,
    accept: SOCKET,
    out: *mut core::ffi::c_void,
    recv_len: u32,
    local_len: u32,
    remote_len: u32,
    received: *mut u32,
    ov: *mut OVERLAPPED,
) -> BOOL {
    let Some(f) = extension(listener, WSAID_ACCEPTEX) else { return FALSE };
    // SAFETY: the provider's AcceptEx (the signature the GUID promises), with the caller's
    // arguments.
    unsafe { std::mem::transmute::<usize, AcceptExFn>(f)(listener, accept, out, recv_len, local_len, remote_len, received, ov) }
}

/// # Safety
/// Pointers must be valid as TransmitFile documents.
#[no_mangle]
pub unsafe extern "system" fn TransmitFile(
    s: SOCKET,
    file: HANDLE,
    count: u32,
    per_send: u32,
    ov: *mut OVERLAPPED,
    buffers: *mut core::ffi::c_void,
    flags: u32,
) -> BOOL {
    let Some(f) = extension(s, WSAID_TRANSMITFILE) else { return FALSE };
    // SAFETY: as in AcceptEx.
    unsafe { std::mem::transmute::<usize, TransmitFileFn>(f)(s, file, count, per_send, ov, buffers, flags) }
}

/// # Safety
/// `buf` must be an AcceptEx output buffer of the given lengths.
#[no_mangle]
pub unsafe extern "system" fn GetAcceptExSockaddrs(
    buf: *mut core::ffi::c_void,
    recv_len: u32,
    local_len: u32,
    remote_len: u32,
    local: *mut *mut SOCKADDR,
    local_out: *mut i32,
    remote: *mut *mut SOCKADDR,
    remote_out: *mut i32,
) {
    let Ok(f) = crate::provider::extension_function(&WSAID_GETACCEPTEXSOCKADDRS) else {
        set_last_error(WSAEINVAL as u32);
        return;
    };
    // SAFETY: the base provider's parser of its own AcceptEx buffers.
    unsafe {
        std::mem::transmute::<usize, GetAcceptExSockaddrsFn>(f)(buf, recv_len, local_len, remote_len, local, local_out, remote, remote_out)
    }
}
