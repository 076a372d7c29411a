//! The upcall table (WSPUPCALLTABLE) ws2_32 hands to every provider's WSPStartup: the services
//! a provider calls back for — socket handles, events, fd_set tests, provider paths, APCs.
//!
//! Event objects and APC queues are ws2_32's kernel objects (`crate::kernel`);
//! WPUCompleteOverlappedRequest (exported) delivers a provider's overlapped completion to the
//! socket's completion port and event.

use super::sockets::{wpu_close_socket_handle, wpu_create_socket_handle, wpu_modify_ifs_handle, wpu_query_socket_handle_context};
use crate::abi::*;

pub fn table() -> WSPUPCALLTABLE {
    WSPUPCALLTABLE {
        lpWPUCloseEvent: Some(wpu_close_event),
        lpWPUCloseSocketHandle: Some(wpu_close_socket_handle),
        lpWPUCreateEvent: Some(wpu_create_event),
        lpWPUCreateSocketHandle: Some(wpu_create_socket_handle),
        lpWPUFDIsSet: Some(wpu_fd_is_set),
        lpWPUGetProviderPath: Some(wpu_get_provider_path),
        lpWPUModifyIFSHandle: Some(wpu_modify_ifs_handle),
        lpWPUPostMessage: Some(wpu_post_message),
        lpWPUQueryBlockingCallback: Some(wpu_query_blocking_callback),
        lpWPUQuerySocketHandleContext: Some(wpu_query_socket_handle_context),
        lpWPUQueueApc: Some(wpu_queue_apc),
        lpWPUResetEvent: Some(wpu_reset_event),
        lpWPUSetEvent: Some(wpu_set_event),
        lpWPUOpenCurrentThread: Some(wpu_open_current_thread),
        lpWPUCloseThread: Some(wpu_close_thread),
    }
}

/// Stores `code` through a provider's error pointer, if it gave one.
fn fail<T>(errno: *mut i32, code: i32, value: T) -> T {
    if !errno.is_null() {
        // SAFETY: providers pass a pointer to their own error variable.
        unsafe { *errno = code };
    }
    value
}

unsafe extern "system" fn wpu_fd_is_set(s: SOCKET, set: *const FD_SET) -> i32 {
    // SAFETY: the caller passes a Windows fd_set (count + array of at least `count` sockets).
    unsafe { crate::api::fdset::contains(set, s) as i32 }
}

unsafe extern "system" fn wpu_get_provider_path(id: *const GUID, path: PWSTR, len: *mut i32, errno: *mut i32) -> i32 {
    // SAFETY: forwarded caller contract (the same as WSCGetProviderPath's).
    match unsafe { crate::api::catalog::provider_path_into(id, path, len) } {
        Ok(_) => 0,
        Err(code) => fail(errno, code, SOCKET_ERROR),
    }
}

unsafe extern "system" fn wpu_query_blocking_callback(
    _catalog_entry_id: u32,
    callback: *mut LPBLOCKINGCALLBACK,
    context: *mut usize,
    errno: *mut i32,
) -> i32 {
    if callback.is_null() || context.is_null() {
        return fail(errno, WSAEFAULT, SOCKET_ERROR);
    }
    // Winsock 2 has no blocking hooks: there is never a callback to run.
    // SAFETY: checked non-null.
    unsafe {
        *callback = None;
        *context = 0;
    }
    0
}

unsafe extern "system" fn wpu_post_message(_hwnd: HWND, _msg: u32, _wparam: WPARAM, _lparam: LPARAM) -> BOOL {
    // There is no window system to post to.
    FALSE
}

unsafe extern "system" fn wpu_open_current_thread(id: *mut WSATHREADID, errno: *mut i32) -> i32 {
    if id.is_null() {
        return fail(errno, WSAEFAULT, SOCKET_ERROR);
    }
    // SAFETY: checked non-null.
    unsafe { *id = current_thread_id() };
    0
}

/// The calling thread as a WSATHREADID: ThreadHandle its pthread_t (where WPUQueueApc sends
/// APCs), Reserved its serial number (never reused: what CancelIo matches issuers with).
pub fn current_thread_id() -> WSATHREADID {
    // SAFETY: pthread_self has no preconditions.
    let pt = unsafe { libc::pthread_self() };
    WSATHREADID { ThreadHandle: pt as HANDLE, Reserved: crate::kernel::thread::serial() as usize }
}

unsafe extern "system" fn wpu_close_thread(id: *const WSATHREADID, errno: *mut i32) -> i32 {
    if id.is_null() {
        return fail(errno, WSAEFAULT, SOCKET_ERROR);
    }
    0
}

unsafe extern "system" fn wpu_queue_apc(id: *const WSATHREADID, f: LPWSAUSERAPC, ctx: usize, errno: *mut i32) -> i32 {
    let Some(f) = f else { return fail(errno, WSAEINVAL, SOCKET_ERROR) };
    if crate::ffi::bad_ptr(id) {
        return fail(errno, WSAEFAULT, SOCKET_ERROR);
    }
    // SAFETY: checked; the provider passes the WSATHREADID WPUOpenCurrentThread filled in,
    // whose ThreadHandle is the thread's pthread_t.
    let pt = unsafe { (*id).ThreadHandle } as usize;
    crate::kernel::thread::queue_apc_pthread(pt, f, ctx);
    0
}

unsafe extern "system" fn wpu_create_event(_errno: *mut i32) -> WSAEVENT {
    // A manual-reset event, not signalled, as WSACreateEvent makes.
    crate::kernel::event::create(true, false) as WSAEVENT
}

unsafe extern "system" fn wpu_close_event(e: WSAEVENT, errno: *mut i32) -> BOOL {
    if crate::kernel::event::close(e as usize) {
        TRUE
    } else {
        fail(errno, WSA_INVALID_HANDLE, FALSE)
    }
}

unsafe extern "system" fn wpu_set_event(e: WSAEVENT, errno: *mut i32) -> BOOL {
    if crate::kernel::event::set(e as usize) {
        TRUE
    } else {
        fail(errno, WSA_INVALID_HANDLE, FALSE)
    }
}

unsafe extern "system" fn wpu_reset_event(e: WSAEVENT, errno: *mut i32) -> BOOL {
    if crate::kernel::event::reset(e as usize) {
        TRUE
    } else {
        fail(errno, WSA_INVALID_HANDLE, FALSE)
    }
}

/// Completes an overlapped operation a provider finished: records the result in the
/// WSAOVERLAPPED (Internal: the WSA error, 0 for success; InternalHigh: bytes), then queues a
/// packet to the socket's completion port, if it has one, and sets the event in hEvent (with
/// its low bit cleared; a set low bit asks for no port packet, as on Windows).
///
/// # Safety
/// `ov` must point to the caller's live WSAOVERLAPPED.
#[no_mangle]
pub unsafe extern "system" fn WPUCompleteOverlappedRequest(s: SOCKET, ov: *mut OVERLAPPED, error: u32, bytes: u32, errno: *mut i32) -> i32 {
    if crate::ffi::bad_ptr(ov) {
        return fail(errno, WSAEFAULT, SOCKET_ERROR);
    }
    // SAFETY: checked; the operation's WSAOVERLAPPED stays valid until its completion is
    // delivered (the program's contract).
    let event = unsafe {
        std::ptr::write_volatile(&mut (*ov).InternalHigh, bytes as usize);
        std::sync::atomic::fence(std::sync::atomic::Ordering::Release);
        std::ptr::write_volatile(&mut (*ov).Internal, error as usize);
        (*ov).hEvent as usize
    };
    if event & 1 == 0 {
        // With an event to set as well, the packet is queued before the event is: a thread
        // woken by the event finds it.
        crate::kernel::iocp::complete(s, ov, bytes, win32_error(error), event & !1 != 0);
    }
    if event & !1 != 0 {
        crate::kernel::event::set(event & !1);
    }
    0
}

/// The Win32 error a completion port reports for a socket operation's WSA error.
fn win32_error(wsa: u32) -> u32 {
    match wsa as i32 {
        WSAECONNRESET => 64,     // ERROR_NETNAME_DELETED
        WSAECONNABORTED => 1236, // ERROR_CONNECTION_ABORTED
        WSAECONNREFUSED => 1225, // ERROR_CONNECTION_REFUSED
        WSAEMSGSIZE => 234,      // ERROR_MORE_DATA (a truncated datagram)
        _ => wsa,
    }
}
