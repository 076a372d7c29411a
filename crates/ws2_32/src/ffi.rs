//! The C boundary: every exported function runs its body through `wsa_call`, which turns an
//! `Err(code)` into the Windows failure convention (a failure value plus the thread's last
//! error) and keeps a panic from crossing into C.

use crate::error::set_last_error;
use std::panic::{catch_unwind, AssertUnwindSafe};

/// Winsock's "internal failure" code, used when a Rust panic is caught at the boundary.
const WSASYSCALLFAILURE: i32 = windows_sys::Win32::Networking::WinSock::WSASYSCALLFAILURE;

/// Runs `body`; on `Err(code)` sets the last error to `code` and returns `fail`. On success the
/// last error is reset to 0, as Windows' socket functions do.
#[inline]
pub(crate) fn wsa_call<R>(fail: R, body: impl FnOnce() -> Result<R, i32>) -> R {
    let (v, ok) = run(fail, body);
    if ok {
        set_last_error(0);
    }
    v
}

/// As `wsa_call`, but success leaves the last error alone (functions that Windows documents as
/// not touching it on success).
#[inline]
pub(crate) fn wsa_call_keep<R>(fail: R, body: impl FnOnce() -> Result<R, i32>) -> R {
    run(fail, body).0
}

/// Runs `body` with panics caught; failures set the last error. Returns the value and whether
/// the body succeeded.
#[inline]
fn run<R>(fail: R, body: impl FnOnce() -> Result<R, i32>) -> (R, bool) {
    match catch_unwind(AssertUnwindSafe(body)) {
        Ok(Ok(v)) => (v, true),
        Ok(Err(code)) => {
            set_last_error(code as u32);
            (fail, false)
        }
        Err(_) => {
            set_last_error(WSASYSCALLFAILURE as u32);
            (fail, false)
        }
    }
}

/// Whether a caller's pointer is certainly invalid: null or inside the never-mapped first page
/// (where programs' mistaken small integers point). Windows turns such pointers into WSAEFAULT
/// with structured exception handling; this check catches the common cases without a fault.
#[inline]
pub(crate) fn bad_ptr<T>(p: *const T) -> bool {
    (p as usize) < 4096
}
