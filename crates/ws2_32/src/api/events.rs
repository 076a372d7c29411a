//! Event objects and network-event selection: WSACreateEvent, WSASetEvent, WSAResetEvent,
//! WSACloseEvent, WSAWaitForMultipleEvents (kernel event objects and waits, `crate::kernel`),
//! and WSAEventSelect/WSAEnumNetworkEvents through the provider's WSPEventSelect and
//! WSPEnumNetworkEvents (WSAAsyncSelect through WSPAsyncSelect). ws2_32 remembers which event
//! each socket is selected for, so that closesocket in another thread ends a
//! WSAWaitForMultipleEvents on it with an error.

use super::socket::with_provider;
use crate::abi::*;
use crate::error::set_last_error;
use crate::ffi::{bad_ptr, wsa_call};
use crate::kernel::{event, handles, wait};
use std::collections::HashMap;
use std::sync::Mutex;

/// Socket → the event it is selected for.
static SELECTED: Mutex<Option<HashMap<SOCKET, usize>>> = Mutex::new(None);

#[no_mangle]
pub extern "system" fn WSACreateEvent() -> WSAEVENT {
    event::create(true, false) as WSAEVENT
}

#[no_mangle]
pub extern "system" fn WSASetEvent(h: WSAEVENT) -> BOOL {
    if event::set(h as usize) {
        TRUE
    } else {
        fail_handle()
    }
}

#[no_mangle]
pub extern "system" fn WSAResetEvent(h: WSAEVENT) -> BOOL {
    if event::reset(h as usize) {
        TRUE
    } else {
        fail_handle()
    }
}

#[no_mangle]
pub extern "system" fn WSACloseEvent(h: WSAEVENT) -> BOOL {
    if event::close(h as usize) {
        TRUE
    } else {
        fail_handle()
    }
}

fn fail_handle() -> BOOL {
    set_last_error(WSA_INVALID_HANDLE as u32);
    FALSE
}

/// # Safety
/// `events` must hold `n` handles.
#[no_mangle]
pub unsafe extern "system" fn WSAWaitForMultipleEvents(n: u32, events: *const WSAEVENT, all: BOOL, ms: u32, alertable: BOOL) -> u32 {
    if n == 0 || n > WSA_MAXIMUM_WAIT_EVENTS || bad_ptr(events) {
        set_last_error(if bad_ptr(events) && n != 0 { WSAEFAULT as u32 } else { WSA_INVALID_PARAMETER as u32 });
        return WSA_WAIT_FAILED;
    }
    // SAFETY: the caller passes `n` handles.
    let hs: Vec<usize> = unsafe { std::slice::from_raw_parts(events, n as usize) }.iter().map(|h| *h as usize).collect();
    let counts: Vec<u64> = hs.iter().map(|h| handles::event(*h).map_or(0, |e| e.abandon_count())).collect();
    // A socket closed while we wait abandons its event: the wait fails with WSAENOTSOCK.
    let abandoned = || hs.iter().zip(&counts).any(|(h, c)| handles::event(*h).is_some_and(|e| e.abandon_count() != *c));
    wait::wait_multiple(&hs, all != 0, ms, alertable != 0, Some(&abandoned))
}

#[no_mangle]
pub extern "system" fn WSAEventSelect(s: SOCKET, ev: WSAEVENT, mask: i32) -> i32 {
    wsa_call(SOCKET_ERROR, || {
        let r = with_provider(s, |p, e| {
            // A handle that is no event object of ours is an invalid parameter (as a null one
            // is, which the provider answers).
            if mask != 0 && ev != 0 && handles::event(ev as usize).is_none() {
                *e = WSAEINVAL;
                return SOCKET_ERROR;
            }
            // SAFETY: the provider's entry.
            unsafe { p.table.lpWSPEventSelect.unwrap()(s, ev, mask, e) }
        })?;
        let mut m = SELECTED.lock().unwrap_or_else(|e| e.into_inner());
        let m = m.get_or_insert_with(HashMap::new);
        if mask == 0 {
            m.remove(&s);
        } else {
            m.insert(s, ev as usize);
        }
        Ok(r)
    })
}

/// WSAAsyncSelect: notification by window message, through the provider's WSPAsyncSelect
/// (the base provider has no window system: no window handle is valid, WSAEINVAL).
///
/// # Safety
/// `hwnd` is handed to the provider as the caller gave it.
#[no_mangle]
pub unsafe extern "system" fn WSAAsyncSelect(s: SOCKET, hwnd: HWND, msg: u32, mask: i32) -> i32 {
    wsa_call(SOCKET_ERROR, || {
        // SAFETY: the provider's entry, with the caller's arguments.
        with_provider(s, |p, e| unsafe { p.table.lpWSPAsyncSelect.unwrap()(s, hwnd, msg, mask, e) })
    })
}

/// # Safety
/// `ne` must point to a writable WSANETWORKEVENTS.
#[no_mangle]
pub unsafe extern "system" fn WSAEnumNetworkEvents(s: SOCKET, ev: WSAEVENT, ne: *mut WSANETWORKEVENTS) -> i32 {
    wsa_call(SOCKET_ERROR, || {
        // SAFETY: the provider's entry, with the caller's arguments.
        with_provider(s, |p, e| unsafe { p.table.lpWSPEnumNetworkEvents.unwrap()(s, ev as HANDLE, ne, e) })
    })
}

/// closesocket: the socket's selected event, if any, is abandoned (waits on it end).
pub(crate) fn socket_closed(s: SOCKET) {
    let ev = SELECTED.lock().unwrap_or_else(|e| e.into_inner()).as_mut().and_then(|m| m.remove(&s));
    if let Some(ev) = ev {
        event::abandon(ev);
    }
}
