//! The socket-handle upcalls: WPUModifyIFSHandle for providers whose SOCKETs are the lower
//! layer's (IFS) file descriptors, and WPUCreateSocketHandle / WPUQuerySocketHandleContext /
//! WPUCloseSocketHandle for providers with handles of their own (non-IFS). A non-IFS handle
//! is an eventfd: a value unique in the process that no other object can take while it is
//! open, carrying the provider's context (any value, 0 included).

use crate::abi::*;
use crate::handle_map::HandleMap;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

#[derive(Default)]
struct Slot {
    live: AtomicBool,
    context: AtomicUsize,
}

static HANDLES: HandleMap<Slot> = HandleMap::new();

/// Stores `code` through a provider's error pointer, if it gave one.
fn fail<T>(errno: *mut i32, code: i32, value: T) -> T {
    if !errno.is_null() {
        // SAFETY: providers pass a pointer to their own error variable.
        unsafe { *errno = code };
    }
    value
}

/// Whether `s` is a handle made by WPUCreateSocketHandle and not yet closed.
pub fn is_provider_handle(s: SOCKET) -> bool {
    HANDLES.get(s).is_some_and(|h| h.live.load(Ordering::Acquire))
}

pub(super) unsafe extern "system" fn wpu_modify_ifs_handle(_catalog_entry_id: u32, proposed: SOCKET, errno: *mut i32) -> SOCKET {
    // An IFS handle is the file descriptor itself; ws2_32 records its owner when the
    // provider's WSPSocket/WSPAccept returns it.
    if proposed == INVALID_SOCKET || proposed >= crate::handle_map::HANDLE_LIMIT {
        return fail(errno, WSAEINVAL, INVALID_SOCKET);
    }
    proposed
}

pub(super) unsafe extern "system" fn wpu_create_socket_handle(_catalog_entry_id: u32, context: usize, errno: *mut i32) -> SOCKET {
    // SAFETY: plain syscall.
    let fd = unsafe { libc::eventfd(0, libc::EFD_CLOEXEC | libc::EFD_NONBLOCK) };
    if fd < 0 {
        return fail(errno, WSAENOBUFS, INVALID_SOCKET);
    }
    match HANDLES.slot(fd as usize) {
        Some(slot) => {
            slot.context.store(context, Ordering::Relaxed);
            slot.live.store(true, Ordering::Release);
            fd as SOCKET
        }
        None => {
            // SAFETY: we own `fd`.
            unsafe { libc::close(fd) };
            fail(errno, WSAENOBUFS, INVALID_SOCKET)
        }
    }
}

pub(super) unsafe extern "system" fn wpu_close_socket_handle(s: SOCKET, errno: *mut i32) -> i32 {
    // Only the caller that flips `live` closes the descriptor, so a double close cannot close
    // a descriptor the kernel has since reused.
    match HANDLES.get(s) {
        Some(h) if h.live.swap(false, Ordering::AcqRel) => {
            // SAFETY: `s` is an eventfd created by wpu_create_socket_handle, closed once.
            unsafe { libc::close(s as i32) };
            0
        }
        _ => fail(errno, WSAENOTSOCK, SOCKET_ERROR),
    }
}

pub(super) unsafe extern "system" fn wpu_query_socket_handle_context(s: SOCKET, context: *mut usize, errno: *mut i32) -> i32 {
    if !is_provider_handle(s) {
        return fail(errno, WSAENOTSOCK, SOCKET_ERROR);
    }
    if crate::ffi::bad_ptr(context) {
        return fail(errno, WSAEFAULT, SOCKET_ERROR);
    }
    // SAFETY: checked; the provider passes its own variable.
    unsafe { *context = HANDLES.get(s).map_or(0, |h| h.context.load(Ordering::Relaxed)) };
    0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn handles_carry_any_context_and_close_once() {
        let mut err = 0;
        // SAFETY: valid pointers to locals.
        unsafe {
            let h = wpu_create_socket_handle(1007, 0, &mut err);
            assert_ne!(h, INVALID_SOCKET);
            let mut ctx = 99;
            assert_eq!(wpu_query_socket_handle_context(h, &mut ctx, &mut err), 0);
            assert_eq!(ctx, 0, "a zero context is a context");
            assert_eq!(wpu_close_socket_handle(h, &mut err), 0);
            assert_eq!(wpu_close_socket_handle(h, &mut err), SOCKET_ERROR);
            assert_eq!(err, WSAENOTSOCK);
            assert_eq!(wpu_query_socket_handle_context(h, &mut ctx, &mut err), SOCKET_ERROR);
        }
    }
}
