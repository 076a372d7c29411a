//! WSAGetOverlappedResult, through the provider's WSPGetOverlappedResult, and the socket side
//! of kernel32's CancelIo/CancelIoEx, through the provider's WSPIoctl with ws2's private
//! SIO_WS2_CANCEL_IO (the dispatch table has no cancel entry), which a thread's exit takes too.

use super::socket::with_provider;
use crate::abi::*;
use crate::ffi::wsa_call;
use crate::provider::cancel::{CancelRequest, SIO_WS2_CANCEL_IO};

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
        if wait != FALSE {
            // About to block: wake-ups this thread deferred at a completion port are due.
            crate::kernel::iocp::settle_mine();
        }
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

/// Asks the provider of `s` to abort its pending operations with `ov` (null: any), issued by
/// the calling thread only (`this_thread`, CancelIo) or by any (CancelIoEx). Ok(how many were
/// marked for cancellation).
pub(crate) fn cancel_io(s: SOCKET, ov: *mut OVERLAPPED, this_thread: bool) -> Result<u32, i32> {
    let me = crate::spi::upcall::current_thread_id();
    let req = CancelRequest { ov, thread: if this_thread { &me } else { std::ptr::null() } };
    let (mut count, mut returned) = (0u32, 0u32);
    with_provider(s, |p, e| {
        // SAFETY: the provider's entry; the request and the count live across the call.
        unsafe {
            p.table.lpWSPIoctl.unwrap()(
                s,
                SIO_WS2_CANCEL_IO,
                &req as *const CancelRequest as *const core::ffi::c_void,
                std::mem::size_of::<CancelRequest>() as u32,
                &mut count as *mut u32 as *mut core::ffi::c_void,
                4,
                &mut returned,
                std::ptr::null_mut(),
                None,
                std::ptr::null(),
                e,
            )
        }
    })?;
    Ok(count)
}

/// A thread's exit (kernel::exit): the calling thread's pending operations on every socket not
/// associated with a completion port are cancelled, through each socket's provider as CancelIo's.
pub(crate) fn cancel_exiting_thread_io() {
    for (s, _) in crate::spi::handles::all() {
        if !crate::kernel::iocp::is_associated(s) {
            let _ = cancel_io(s, std::ptr::null_mut(), true);
        }
    }
}
