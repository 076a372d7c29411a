//! Dispatch entries the base provider does not serve. Each fails with a Windows error rather
//! than pretending: WSAAsyncSelect needs a window system; Winsock 2
//! has no blocking hooks to cancel; multipoint and QOS are not offered by TCP/IP on Windows
//! either.

use super::fail;
use crate::abi::*;

pub(super) unsafe extern "system" fn wsp_async_select(_s: SOCKET, _hwnd: HWND, _msg: u32, _ev: i32, errno: *mut i32) -> i32 {
    // Without a window system no hWnd refers to an existing window: WSAAsyncSelect's
    // documented error for that is WSAEINVAL.
    fail(errno, WSAEINVAL, SOCKET_ERROR)
}

pub(super) unsafe extern "system" fn wsp_cancel_blocking_call(errno: *mut i32) -> i32 {
    fail(errno, WSAEOPNOTSUPP, SOCKET_ERROR)
}

pub(super) unsafe extern "system" fn wsp_duplicate_socket(_s: SOCKET, _pid: u32, _info: *mut WSAPROTOCOL_INFOW, errno: *mut i32) -> i32 {
    fail(errno, WSAEOPNOTSUPP, SOCKET_ERROR)
}

pub(super) unsafe extern "system" fn wsp_get_qos_by_name(_s: SOCKET, _name: *const WSABUF, _qos: *mut QOS, errno: *mut i32) -> BOOL {
    fail(errno, WSAEINVAL, FALSE)
}

pub(super) unsafe extern "system" fn wsp_join_leaf(
    _s: SOCKET,
    _name: *const SOCKADDR,
    _len: i32,
    _caller: *const WSABUF,
    _callee: *mut WSABUF,
    _sqos: *const QOS,
    _gqos: *const QOS,
    _flags: u32,
    errno: *mut i32,
) -> SOCKET {
    fail(errno, WSAEOPNOTSUPP, INVALID_SOCKET)
}
