//! WSAGetOverlappedResult, through the provider's WSPGetOverlappedResult.

use super::socket::with_provider;
use crate::abi::*;
use crate::ffi::wsa_call;

/// # Safety
/// Pointers must be null or valid as WSAGetOverlappedResult documents.
#[no_mangle]
pub unsafe extern "system" fn WSAGetOverlappedResult(
    s: SOCKET,
    ov: *const OVERLAPPED,
    bytes: *mut u32,
    wait: BOOL,
    flags: *mut u32,
) -> BOOL {
    wsa_call(FALSE, || {
        let mut ok = FALSE;
        with_provider(s, |p, e| {
            // SAFETY: the provider's entry, with the caller's arguments.
            ok = unsafe { p.table.lpWSPGetOverlappedResult.unwrap()(s, ov, bytes, wait, flags, e) };
            if ok == FALSE {
                SOCKET_ERROR
            } else {
                0
            }
        })?;
        Ok(ok)
    })
}
