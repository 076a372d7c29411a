//! WSAEventSelect and WSAEnumNetworkEvents with Windows' recording and re-enabling rules:
//! a network event is recorded (and the event object set) once, then stays disabled until
//! the call that re-enables it — recv for FD_READ (even a partial one), send failing with
//! WSAEWOULDBLOCK for FD_WRITE, accept for FD_ACCEPT, recv(MSG_OOB) for FD_OOB. FD_CONNECT and
//! FD_WRITE arrive together once a connect completes; FD_CLOSE after the peer closed and the
//! data was read. Selecting makes the socket non-blocking.

use super::asyncstate::{self, AsyncState};
use super::select::{ready_now, Ready};
use super::state::{self, SocketState, CONNECTED, CONNECTING, CONNECT_FAILED, EVENT_SELECT, LISTENING, NONBLOCKING};
use super::{spi, upcalls};
use crate::abi::*;
use crate::ffi::bad_ptr;
use crate::sys::engine::{self, READ, WRITE};
use crate::sys::socket as sys;
use std::sync::atomic::Ordering;

const FD_READ_: i32 = 1 << 0;
const FD_WRITE_: i32 = 1 << 1;
const FD_OOB_: i32 = 1 << 2;
const FD_ACCEPT_: i32 = 1 << 3;
const FD_CONNECT_: i32 = 1 << 4;
const FD_CLOSE_: i32 = 1 << 5;
pub const FD_READ_BIT: i32 = FD_READ_;
pub const FD_WRITE_BIT: i32 = FD_WRITE_;
pub const FD_OOB_BIT: i32 = FD_OOB_;
pub const FD_ACCEPT_BIT: i32 = FD_ACCEPT_;

pub(super) struct Selection {
    event: usize,
    mask: i32,
    /// Events that may be recorded now (cleared when recorded, set by re-enabling calls).
    enabled: i32,
    recorded: i32,
    errors: [i32; 10],
    /// A connect was started while selected: FD_CONNECT is due when it settles.
    connect_pending: bool,
    /// The stream has seen its end (close or error): readiness no longer changes by itself.
    finished: bool,
}

impl Selection {
    fn new(event: usize, mask: i32, st: &SocketState) -> Self {
        Selection { event, mask, enabled: 0x3ff, recorded: 0, errors: [0; 10], connect_pending: st.has(CONNECTING), finished: false }
    }
}

fn set_event(h: usize) {
    if let Some(set) = upcalls().and_then(|u| u.lpWPUSetEvent) {
        let mut e = 0;
        // SAFETY: ws2_32's upcall with an event handle the program gave us.
        unsafe { set(h as WSAEVENT, &mut e) };
    }
}

fn reset_event(h: usize) {
    if let Some(reset) = upcalls().and_then(|u| u.lpWPUResetEvent) {
        let mut e = 0;
        // SAFETY: as in set_event.
        unsafe { reset(h as WSAEVENT, &mut e) };
    }
}

/// Records every enabled, selected event whose condition holds; sets the event object when
/// something new was recorded.
fn evaluate(st: &SocketState, fd: sys::Fd, sel: &mut Selection) {
    let r: Ready = ready_now(st, fd);
    let fire = |bit: i32, err: i32, sel: &mut Selection| {
        if sel.enabled & sel.mask & bit != 0 {
            sel.recorded |= bit;
            sel.errors[bit.trailing_zeros() as usize] = err;
            sel.enabled &= !bit;
            true
        } else {
            false
        }
    };
    let mut new = false;
    let stream = st.is_stream();
    if sel.connect_pending && !st.has(CONNECTING) {
        sel.connect_pending = false;
        let err = if st.has(CONNECT_FAILED) { st.so_error.load(Ordering::Relaxed) } else { 0 };
        new |= fire(FD_CONNECT_, err, sel);
    }
    if st.has(LISTENING) {
        if r.read {
            new |= fire(FD_ACCEPT_, 0, sel);
        }
    } else if !stream || st.has(CONNECTED) {
        let waiting = if stream { super::select::data_waiting(fd) } else { r.read };
        if waiting {
            new |= fire(FD_READ_, 0, sel);
        }
        if r.oob {
            new |= fire(FD_OOB_, 0, sel);
        }
        if r.write && !r.hup && !r.err {
            new |= fire(FD_WRITE_, 0, sel);
        }
        if stream && (r.hup || r.err) {
            sel.finished = true;
            if !waiting {
                let err = if r.err {
                    // Reading SO_ERROR takes the error from Linux: the socket remembers a reset
                    // for the calls that follow.
                    match sys::getsockopt::<i32>(fd, libc::SOL_SOCKET, libc::SO_ERROR).unwrap_or(0) {
                        0 | libc::ECONNRESET | libc::EPIPE => st.reset(),
                        e => crate::error::wsa_from_errno(e),
                    }
                } else {
                    0
                };
                new |= fire(FD_CLOSE_, err, sel);
            }
        }
    }
    if new && sel.event != 0 {
        set_event(sel.event);
    }
}

/// The readiness the selection still waits for (none once nothing can change by itself).
pub(super) fn interest(st: &SocketState, sel: &Selection) -> u8 {
    let want = sel.enabled & sel.mask;
    if st.has(CONNECT_FAILED) || sel.finished {
        return 0;
    }
    if st.has(CONNECTING) {
        return if sel.connect_pending { WRITE } else { 0 };
    }
    if st.has(LISTENING) {
        return if want & FD_ACCEPT_ != 0 { READ } else { 0 };
    }
    if st.is_stream() && !st.has(CONNECTED) {
        return 0;
    }
    let mut dirs = 0;
    if want & (FD_READ_ | FD_OOB_ | FD_CLOSE_) != 0 {
        dirs |= READ;
    }
    if want & FD_WRITE_ != 0 {
        dirs |= WRITE;
    }
    dirs
}

/// Re-checks a selected socket (after readiness or a state change) and re-arms the engine.
pub(super) fn refresh(st: &SocketState, fd: sys::Fd, a: &mut AsyncState) -> u8 {
    match a.sel.as_mut() {
        Some(sel) => {
            evaluate(st, fd, sel);
            interest(st, sel)
        }
        None => 0,
    }
}

/// A call that re-enables `bit` (recv: FD_READ, send failing with WSAEWOULDBLOCK: FD_WRITE,
/// accept: FD_ACCEPT, recv(MSG_OOB): FD_OOB); also called with 0 after connect starts.
pub(super) fn reenable(s: SOCKET, bit: i32) {
    let Ok(st) = state::get(s) else { return };
    if !st.has(EVENT_SELECT) {
        return;
    }
    let fd = s as sys::Fd;
    let Some(mut a) = asyncstate::lock(fd) else { return };
    let Some(sel) = a.sel.as_mut() else { return };
    sel.enabled |= bit;
    if bit == FD_CONNECT_ {
        sel.connect_pending = true;
        sel.finished = false;
    }
    let dirs = refresh(st, fd, &mut a) | super::overlapped::interest(&a);
    if dirs != 0 {
        engine::arm(fd, dirs);
    }
    drop(a);
}

/// connect started (or finished at once) on a socket that may be selected.
pub(super) fn connect_started(s: SOCKET) {
    reenable(s, FD_CONNECT_);
}

/// An accepted socket takes over the listener's selection.
pub(super) fn inherit(listener: SOCKET, accepted: SOCKET) {
    let Some(a) = asyncstate::lock_existing(listener as i32) else { return };
    let Some((event, mask)) = a.sel.as_ref().map(|s| (s.event, s.mask)) else { return };
    drop(a);
    let Ok(st) = state::get(accepted) else { return };
    let _ = select(st, accepted, event, mask);
}

fn select(st: &'static SocketState, s: SOCKET, event: usize, mask: i32) -> Result<(), i32> {
    let fd = s as sys::Fd;
    let mut a = asyncstate::lock(fd).ok_or(WSAENOTSOCK)?;
    if mask == 0 {
        a.sel = None;
        st.set(EVENT_SELECT, false);
        return Ok(());
    }
    super::socket::wsa(sys::set_nonblocking(fd, true))?;
    st.set(NONBLOCKING | EVENT_SELECT, true);
    a.sel = Some(Selection::new(event, mask, st));
    let dirs = refresh(st, fd, &mut a) | super::overlapped::interest(&a);
    if dirs != 0 {
        engine::arm(fd, dirs);
    }
    drop(a);
    Ok(())
}

pub(super) unsafe extern "system" fn wsp_event_select(s: SOCKET, event: WSAEVENT, mask: i32, errno: *mut i32) -> i32 {
    spi(errno, SOCKET_ERROR, || {
        let st = state::get(s)?;
        if mask != 0 && event as usize == 0 {
            return Err(WSAEINVAL);
        }
        select(st, s, event as usize, mask)?;
        Ok(0)
    })
}

pub(super) unsafe extern "system" fn wsp_enum_network_events(s: SOCKET, event: HANDLE, ne: *mut WSANETWORKEVENTS, errno: *mut i32) -> i32 {
    spi(errno, SOCKET_ERROR, || {
        state::get(s)?;
        if bad_ptr(ne) {
            return Err(WSAEFAULT);
        }
        let mut a = asyncstate::lock(s as i32).ok_or(WSAENOTSOCK)?;
        let (recorded, errors) = match a.sel.as_mut() {
            Some(sel) => {
                let r = (sel.recorded, sel.errors);
                sel.recorded = 0;
                sel.errors = [0; 10];
                r
            }
            None => (0, [0; 10]),
        };
        // Reset under the socket's lock: an event recorded after this call sets it again.
        if event as usize != 0 {
            reset_event(event as usize);
        }
        drop(a);
        // SAFETY: checked; the caller's structure.
        unsafe {
            (*ne).lNetworkEvents = recorded;
            for (i, e) in errors.iter().enumerate() {
                (*ne).iErrorCode[i] = if recorded & (1 << i) != 0 { *e } else { 0 };
            }
        }
        Ok(0)
    })
}

/// Drops a closing socket's selection.
pub(super) fn forget(a: &mut AsyncState) {
    a.sel = None;
}
