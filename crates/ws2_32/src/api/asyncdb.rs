//! WSAAsyncGetHostByName & co. and WSACancelAsyncRequest. These post their answer to a window
//! (hWnd, wMsg), and ws2 has no window system, so a request can never be delivered: after the
//! documented argument checks (WSANOTINITIALISED, WSAEFAULT, WSAENOBUFS) each fails with
//! WSAEWOULDBLOCK, which the documentation gives for "the asynchronous operation cannot be
//! scheduled at this time due to resource or other constraints within the Windows Sockets
//! implementation", and returns a NULL task handle. No task handle exists, so
//! WSACancelAsyncRequest reports WSAEINVAL ("the specified asynchronous task handle was
//! invalid"). Programs use getaddrinfo, or GetAddrInfoExW with an OVERLAPPED, instead.

use super::startup::require_started;
use crate::abi::*;
use crate::ffi::{bad_ptr, wsa_call};
use std::ffi::c_char;

/// The common checks, then the refusal.
fn refuse(pointers_ok: bool, buflen: i32, need: usize) -> Result<HANDLE, i32> {
    require_started()?;
    if !pointers_ok {
        return Err(WSAEFAULT);
    }
    if buflen < 0 || (buflen as usize) < need {
        return Err(WSAENOBUFS);
    }
    Err(WSAEWOULDBLOCK)
}

#[no_mangle]
pub extern "system" fn WSAAsyncGetHostByName(_hwnd: HWND, _msg: u32, name: *const c_char, buf: *mut c_char, buflen: i32) -> HANDLE {
    wsa_call(std::ptr::null_mut(), || refuse(!bad_ptr(name) && !bad_ptr(buf), buflen, std::mem::size_of::<HOSTENT>()))
}

#[no_mangle]
pub extern "system" fn WSAAsyncGetHostByAddr(
    _hwnd: HWND,
    _msg: u32,
    addr: *const c_char,
    _len: i32,
    _ty: i32,
    buf: *mut c_char,
    buflen: i32,
) -> HANDLE {
    wsa_call(std::ptr::null_mut(), || refuse(!bad_ptr(addr) && !bad_ptr(buf), buflen, std::mem::size_of::<HOSTENT>()))
}

#[no_mangle]
pub extern "system" fn WSAAsyncGetServByName(
    _hwnd: HWND,
    _msg: u32,
    name: *const c_char,
    _proto: *const c_char,
    buf: *mut c_char,
    buflen: i32,
) -> HANDLE {
    wsa_call(std::ptr::null_mut(), || refuse(!bad_ptr(name) && !bad_ptr(buf), buflen, std::mem::size_of::<SERVENT>()))
}

#[no_mangle]
pub extern "system" fn WSAAsyncGetServByPort(
    _hwnd: HWND,
    _msg: u32,
    _port: i32,
    _proto: *const c_char,
    buf: *mut c_char,
    buflen: i32,
) -> HANDLE {
    wsa_call(std::ptr::null_mut(), || refuse(!bad_ptr(buf), buflen, std::mem::size_of::<SERVENT>()))
}

#[no_mangle]
pub extern "system" fn WSAAsyncGetProtoByName(_hwnd: HWND, _msg: u32, name: *const c_char, buf: *mut c_char, buflen: i32) -> HANDLE {
    wsa_call(std::ptr::null_mut(), || refuse(!bad_ptr(name) && !bad_ptr(buf), buflen, std::mem::size_of::<PROTOENT>()))
}

#[no_mangle]
pub extern "system" fn WSAAsyncGetProtoByNumber(_hwnd: HWND, _msg: u32, _number: i32, buf: *mut c_char, buflen: i32) -> HANDLE {
    wsa_call(std::ptr::null_mut(), || refuse(!bad_ptr(buf), buflen, std::mem::size_of::<PROTOENT>()))
}

#[no_mangle]
pub extern "system" fn WSACancelAsyncRequest(_task: HANDLE) -> i32 {
    wsa_call(SOCKET_ERROR, || {
        require_started()?;
        Err(WSAEINVAL)
    })
}
