//! The upcall table (WSPUPCALLTABLE) ws2_32 hands to every provider's WSPStartup: the services
//! a provider calls back for — socket handles, events, fd_set tests, provider paths, APCs.
//!
//! Event objects, APCs and window messages arrive with the asynchronous-I/O work; until then
//! those upcalls fail with WSAEOPNOTSUPP rather than pretend to work.

use crate::abi::*;
use crate::handle_map::HandleMap;
use std::sync::atomic::{AtomicUsize, Ordering};

/// The context a non-IFS provider attached to each handle it created.
static CONTEXTS: HandleMap<AtomicUsize> = HandleMap::new();

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

unsafe extern "system" fn wpu_modify_ifs_handle(_catalog_entry_id: u32, proposed: SOCKET, errno: *mut i32) -> SOCKET {
    // An IFS handle is the file descriptor itself; ws2_32 records its owner when the
    // provider's WSPSocket/WSPAccept returns it.
    if proposed == INVALID_SOCKET || proposed >= crate::handle_map::HANDLE_LIMIT {
        return fail(errno, WSAEINVAL, INVALID_SOCKET);
    }
    proposed
}

unsafe extern "system" fn wpu_create_socket_handle(_catalog_entry_id: u32, context: usize, errno: *mut i32) -> SOCKET {
    // A non-IFS handle is backed by a kernel object of its own so that its value is unique in
    // the process and can be waited on.
    // SAFETY: plain syscall.
    let fd = unsafe { libc::eventfd(0, libc::EFD_CLOEXEC | libc::EFD_NONBLOCK) };
    if fd < 0 {
        return fail(errno, WSAENOBUFS, INVALID_SOCKET);
    }
    match CONTEXTS.slot(fd as usize) {
        Some(slot) => {
            slot.store(context, Ordering::Release);
            fd as SOCKET
        }
        None => {
            // SAFETY: we own `fd`.
            unsafe { libc::close(fd) };
            fail(errno, WSAENOBUFS, INVALID_SOCKET)
        }
    }
}

unsafe extern "system" fn wpu_close_socket_handle(s: SOCKET, errno: *mut i32) -> i32 {
    if CONTEXTS.get(s).is_none_or(|c| c.load(Ordering::Acquire) == 0) {
        return fail(errno, WSAENOTSOCK, SOCKET_ERROR);
    }
    CONTEXTS.get(s).unwrap().store(0, Ordering::Release);
    // SAFETY: `s` is an eventfd created by wpu_create_socket_handle.
    unsafe { libc::close(s as i32) };
    0
}

unsafe extern "system" fn wpu_query_socket_handle_context(s: SOCKET, context: *mut usize, errno: *mut i32) -> i32 {
    match CONTEXTS.get(s).map(|c| c.load(Ordering::Acquire)) {
        Some(c) if c != 0 => {
            if context.is_null() {
                return fail(errno, WSAEFAULT, SOCKET_ERROR);
            }
            // SAFETY: checked non-null; the provider passes its own variable.
            unsafe { *context = c };
            0
        }
        _ => fail(errno, WSAENOTSOCK, SOCKET_ERROR),
    }
}

unsafe extern "system" fn wpu_fd_is_set(s: SOCKET, set: *const FD_SET) -> i32 {
    // SAFETY: the caller passes a Windows fd_set (count + array of at least `count` sockets).
    unsafe { crate::api::fdset::contains(set, s) as i32 }
}

unsafe extern "system" fn wpu_get_provider_path(id: *const GUID, path: PWSTR, len: *mut i32, errno: *mut i32) -> i32 {
    if id.is_null() || path.is_null() || len.is_null() {
        return fail(errno, WSAEFAULT, SOCKET_ERROR);
    }
    // SAFETY: checked non-null.
    let id = unsafe { *id };
    let cat = crate::catalog::current();
    let Some(entry) = cat.entries.iter().find(|e| guid_eq(&e.info.ProviderId, &id)) else {
        return fail(errno, WSAEINVAL, SOCKET_ERROR);
    };
    let p = crate::provider::path_of(&entry.path);
    let wide: Vec<u16> = p.to_string_lossy().encode_utf16().chain(Some(0)).collect();
    // SAFETY: `len` is non-null.
    let avail = unsafe { *len };
    if avail < wide.len() as i32 {
        // SAFETY: as above.
        unsafe { *len = wide.len() as i32 };
        return fail(errno, WSAEFAULT, SOCKET_ERROR);
    }
    // SAFETY: the caller's buffer holds `avail >= wide.len()` WCHARs.
    unsafe {
        std::ptr::copy_nonoverlapping(wide.as_ptr(), path, wide.len());
        *len = wide.len() as i32;
    }
    0
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
    // SAFETY: checked non-null; pthread_self has no preconditions.
    unsafe {
        (*id).ThreadHandle = libc::pthread_self() as HANDLE;
        (*id).Reserved = 0;
    }
    0
}

unsafe extern "system" fn wpu_close_thread(id: *const WSATHREADID, errno: *mut i32) -> i32 {
    if id.is_null() {
        return fail(errno, WSAEFAULT, SOCKET_ERROR);
    }
    0
}

unsafe extern "system" fn wpu_queue_apc(_id: *const WSATHREADID, _f: LPWSAUSERAPC, _ctx: usize, errno: *mut i32) -> i32 {
    fail(errno, WSAEOPNOTSUPP, SOCKET_ERROR)
}

unsafe extern "system" fn wpu_create_event(errno: *mut i32) -> WSAEVENT {
    fail(errno, WSAEOPNOTSUPP, 0)
}

unsafe extern "system" fn wpu_close_event(_e: WSAEVENT, errno: *mut i32) -> BOOL {
    fail(errno, WSAEOPNOTSUPP, FALSE)
}

unsafe extern "system" fn wpu_set_event(_e: WSAEVENT, errno: *mut i32) -> BOOL {
    fail(errno, WSAEOPNOTSUPP, FALSE)
}

unsafe extern "system" fn wpu_reset_event(_e: WSAEVENT, errno: *mut i32) -> BOOL {
    fail(errno, WSAEOPNOTSUPP, FALSE)
}
