//! Winsock 1.1 blocking hooks, removed in Winsock 2.2: Windows keeps the exports, and for a
//! 2.x application they fail with WSAEOPNOTSUPP (WSAIsBlocking always reports FALSE, since a
//! 2.x blocking call never yields to a hook).

use super::startup::require_started;
use crate::abi::*;
use crate::ffi::wsa_call;

#[no_mangle]
pub extern "system" fn WSAIsBlocking() -> BOOL {
    FALSE
}

#[no_mangle]
pub extern "system" fn WSASetBlockingHook(
    _hook: Option<unsafe extern "system" fn() -> isize>,
) -> Option<unsafe extern "system" fn() -> isize> {
    wsa_call(None, || {
        require_started()?;
        Err(WSAEOPNOTSUPP)
    })
}

#[no_mangle]
pub extern "system" fn WSAUnhookBlockingHook() -> i32 {
    wsa_call(SOCKET_ERROR, || {
        require_started()?;
        Err(WSAEOPNOTSUPP)
    })
}

#[no_mangle]
pub extern "system" fn WSACancelBlockingCall() -> i32 {
    wsa_call(SOCKET_ERROR, || {
        require_started()?;
        Err(WSAEOPNOTSUPP)
    })
}
