//! Readiness in Windows terms: WSPSelect over Windows fd_sets, and WSAPoll's request (a
//! ws2-private WSPIoctl code, since the dispatch table has no poll entry). Linux poll results
//! are filtered through what Windows reports: a fresh TCP socket is neither readable nor
//! writable (Linux says POLLOUT|POLLHUP), a failed non-blocking connect is an exception (with
//! SO_ERROR kept), a listening socket with a pending connection is readable.

use super::socket::wsa;
use super::spi;
use super::state::{self, Blocked, SocketState, CONNECTED, CONNECTING, CONNECT_FAILED, LISTENING, SHUT_RECV};
use crate::abi::*;
use crate::error::wsa_from_errno;
use crate::ffi::bad_ptr;
use crate::sys::socket as sys;
use std::sync::atomic::Ordering;
use std::time::Duration;

/// What a socket is ready for, in select's three senses plus WSAPoll's details.
#[derive(Default, Clone, Copy)]
pub(super) struct Ready {
    pub read: bool,
    pub write: bool,
    pub except: bool,
    pub oob: bool,
    pub hup: bool,
    pub err: bool,
}

/// Settles a non-blocking connect the kernel has finished: success marks the socket
/// connected; failure keeps the error for SO_ERROR and select's exceptfds.
pub(super) fn settle_connect(st: &SocketState, fd: sys::Fd, revents: i16) {
    if !st.has(CONNECTING) || revents & (libc::POLLOUT | libc::POLLERR | libc::POLLHUP) == 0 {
        return;
    }
    // One thread settles: reading SO_ERROR clears it, so a second reader would see success.
    static SETTLING: [std::sync::Mutex<()>; 16] = [const { std::sync::Mutex::new(()) }; 16];
    let _g = SETTLING[fd as usize % 16].lock().unwrap_or_else(|e| e.into_inner());
    if !st.has(CONNECTING) {
        return;
    }
    let err = sys::getsockopt::<i32>(fd, libc::SOL_SOCKET, libc::SO_ERROR).unwrap_or(0);
    if err != 0 || revents & libc::POLLOUT == 0 {
        let err = if err == 0 { libc::ECONNREFUSED } else { err };
        st.so_error.store(wsa_from_errno(err), Ordering::Relaxed);
        st.set(CONNECT_FAILED, true);
    } else {
        st.set_connected();
    }
    st.set(CONNECTING, false);
}

/// Whether Linux readiness is meaningful for this socket at all; if not, `fixed` is what
/// Windows reports without asking the kernel.
fn fixed(st: &SocketState) -> Option<Ready> {
    if st.has(CONNECT_FAILED) {
        return Some(Ready { except: true, err: true, hup: true, ..Ready::default() });
    }
    let idle = st.is_stream() && !st.has(CONNECTED | CONNECTING | LISTENING);
    idle.then(Ready::default)
}

/// Windows readiness from Linux revents (after `settle_connect`).
pub(super) fn ready(st: &SocketState, fd: sys::Fd, revents: i16) -> Ready {
    if let Some(r) = fixed(st) {
        return r;
    }
    let mut r = Ready::default();
    if st.has(CONNECTING) {
        return r;
    }
    let err = revents & libc::POLLERR != 0;
    // Linux reports a receive side shut down here (shutdown(SD_RECEIVE)) as a hang-up and as
    // readable; Windows reports neither, only data that still arrives.
    let shut_here = st.has(SHUT_RECV);
    let hup = !shut_here && revents & (libc::POLLHUP | libc::POLLRDHUP) != 0;
    r.read = if shut_here { err || (revents & libc::POLLIN != 0 && data_waiting(fd)) } else { revents & libc::POLLIN != 0 || hup || err };
    r.write = revents & libc::POLLOUT != 0 || err;
    r.oob = revents & libc::POLLPRI != 0;
    r.except = r.oob;
    r.hup = hup && st.is_stream();
    r.err = err;
    r
}

/// The socket's readiness right now (no wait).
pub(super) fn ready_now(st: &SocketState, fd: sys::Fd) -> Ready {
    if let Some(r) = fixed(st) {
        return r;
    }
    let revents = sys::poll_one(fd, libc::POLLIN | libc::POLLOUT | libc::POLLPRI | libc::POLLRDHUP, 0).unwrap_or(0);
    settle_connect(st, fd, revents);
    ready(st, fd, revents)
}

/// The sockets of a Windows fd_set (count + array, possibly longer than 64).
unsafe fn members(set: *const FD_SET) -> Result<Vec<SOCKET>, i32> {
    if set.is_null() {
        return Ok(Vec::new());
    }
    if bad_ptr(set) {
        return Err(WSAEFAULT);
    }
    // SAFETY: the caller passes a Windows fd_set whose array holds fd_count entries.
    unsafe {
        let n = (*set).fd_count as usize;
        let arr = std::ptr::addr_of!((*set).fd_array) as *const SOCKET;
        Ok(std::slice::from_raw_parts(arr, n).to_vec())
    }
}

/// select's timeout in a Duration (None: wait forever).
unsafe fn timeout_of(t: *const TIMEVAL) -> Result<Option<Duration>, i32> {
    if t.is_null() {
        return Ok(None);
    }
    if bad_ptr(t) {
        return Err(WSAEFAULT);
    }
    // SAFETY: checked; read only (Windows leaves the timeval unchanged).
    let t = unsafe { *t };
    let us = (t.tv_sec.max(0) as u64) * 1_000_000 + t.tv_usec.max(0) as u64;
    Ok(Some(Duration::from_micros(us)))
}

pub(super) unsafe extern "system" fn wsp_select(
    _nfds: i32,
    r: *mut FD_SET,
    w: *mut FD_SET,
    e: *mut FD_SET,
    timeout: *const TIMEVAL,
    errno: *mut i32,
) -> i32 {
    spi(errno, SOCKET_ERROR, || {
        // SAFETY: forwarded caller contract.
        let sets = unsafe { [members(r)?, members(w)?, members(e)?] };
        // SAFETY: as above.
        let timeout = unsafe { timeout_of(timeout) }?;
        // Every handle is checked before anything changes (sets stay as they were).
        let mut entries: Vec<(SOCKET, &'static SocketState, u8)> = Vec::new();
        for (role, set) in sets.iter().enumerate() {
            for &s in set.iter() {
                let st = state::get(s)?;
                match entries.iter_mut().find(|x| x.0 == s) {
                    Some(x) => x.2 |= 1 << role,
                    None => entries.push((s, st, 1 << role)),
                }
            }
        }
        if entries.is_empty() {
            return Err(WSAEINVAL);
        }
        let guards: Vec<Blocked> = entries.iter().map(|x| Blocked::enter(x.1)).collect();
        let mut pfds: Vec<libc::pollfd> = entries
            .iter()
            .map(|&(s, st, roles)| {
                let mut ev = 0;
                if roles & 0b101 != 0 {
                    ev |= libc::POLLIN | libc::POLLPRI | libc::POLLRDHUP;
                }
                if roles & 0b110 != 0 {
                    ev |= libc::POLLOUT;
                }
                let fd = if fixed(st).is_some() { -1 } else { s as i32 };
                libc::pollfd { fd, events: ev, revents: 0 }
            })
            .collect();
        let mut wait = timeout;
        let start = std::time::Instant::now();
        let results = loop {
            let any_fixed = entries.iter().any(|&(_, st, roles)| fixed(st).is_some_and(|f| hits(f, roles) > 0));
            let t = if any_fixed { Some(Duration::ZERO) } else { wait };
            wsa(crate::sys::poll::poll(&mut pfds, t))?;
            if guards.iter().any(|g| g.closed()) {
                return Err(WSAEINTR);
            }
            let results: Vec<Ready> = entries
                .iter()
                .zip(&pfds)
                .map(|(&(s, st, _), p)| {
                    settle_connect(st, s as i32, p.revents);
                    ready(st, s as i32, p.revents)
                })
                .collect();
            let count: usize = results.iter().zip(&entries).map(|(r, x)| hits(*r, x.2)).sum();
            let expired = timeout.is_some_and(|t| start.elapsed() >= t);
            if count > 0 || expired {
                break results;
            }
            // Something changed that Windows does not count (a connect settled): wait again.
            for (p, x) in pfds.iter_mut().zip(&entries) {
                p.revents = 0;
                if fixed(x.1).is_some() {
                    p.fd = -1;
                }
            }
            wait = timeout.map(|t| t.saturating_sub(start.elapsed()));
        };
        let mut total = 0;
        for (role, set) in sets.into_iter().enumerate() {
            let keep: Vec<SOCKET> = set
                .iter()
                .copied()
                .filter(|s| {
                    let i = entries.iter().position(|x| x.0 == *s).unwrap();
                    let r = results[i];
                    [r.read, r.write, r.except][role]
                })
                .collect();
            total += keep.len();
            let fdset = [r, w, e][role];
            if !fdset.is_null() {
                // SAFETY: non-null sets were validated by `members`; `keep` is no longer than
                // the set's own array.
                unsafe {
                    let arr = std::ptr::addr_of_mut!((*fdset).fd_array) as *mut SOCKET;
                    std::ptr::copy_nonoverlapping(keep.as_ptr(), arr, keep.len());
                    (*fdset).fd_count = keep.len() as u32;
                }
            }
        }
        Ok(total as i32)
    })
}

/// How many of a socket's requested roles (bit 0 read, 1 write, 2 except) are ready.
fn hits(r: Ready, roles: u8) -> usize {
    (roles & 1 != 0 && r.read) as usize + (roles & 2 != 0 && r.write) as usize + (roles & 4 != 0 && r.except) as usize
}

// ---- WSAPoll ----

const W_POLLRDNORM: i16 = 0x0100;
const W_POLLRDBAND: i16 = 0x0200;
const W_POLLPRI: i16 = 0x0400;
const W_POLLWRNORM: i16 = 0x0010;
const W_POLLWRBAND: i16 = 0x0020;
const W_POLLERR: i16 = 0x0001;
const W_POLLHUP: i16 = 0x0002;
const W_POLLNVAL: i16 = 0x0004;

/// ws2's private WSPIoctl code for WSAPoll (vendor space, "ws" 0x7773): input is the
/// caller's WSAPOLLFD array, `inlen` its entry count; the output buffer is an INT timeout.
pub const SIO_WS2_POLL: u32 = 0x9800_7773;

/// Serves WSAPoll for the entries that are our sockets; others get POLLNVAL.
pub(super) unsafe fn poll(fds: *mut WSAPOLLFD, n: u32, timeout_ms: i32) -> Result<i32, i32> {
    if bad_ptr(fds) {
        return Err(WSAEFAULT);
    }
    // SAFETY: ws2_32 passes the caller's array of `n` entries.
    let fds = unsafe { std::slice::from_raw_parts_mut(fds, n as usize) };
    let bad = W_POLLERR | W_POLLHUP | W_POLLNVAL | W_POLLPRI | W_POLLWRBAND;
    if fds.iter().any(|f| (f.fd as isize) >= 0 && f.events & bad != 0) {
        return Err(WSAEINVAL);
    }
    let states: Vec<Option<&'static SocketState>> =
        fds.iter().map(|f| if (f.fd as isize) < 0 { None } else { state::get(f.fd).ok() }).collect();
    // A poll that cannot block needs no wake-up on close (and skips two atomic writes per socket).
    let guards: Vec<Blocked> = if timeout_ms == 0 { Vec::new() } else { states.iter().flatten().map(|st| Blocked::enter(st)).collect() };
    let mut pfds: Vec<libc::pollfd> = fds
        .iter()
        .zip(&states)
        .map(|(f, st)| {
            let mut ev = libc::POLLRDHUP;
            if f.events & W_POLLRDNORM != 0 {
                ev |= libc::POLLIN;
            }
            if f.events & W_POLLRDBAND != 0 {
                ev |= libc::POLLPRI;
            }
            if f.events & W_POLLWRNORM != 0 {
                ev |= libc::POLLOUT;
            }
            let fd = match st {
                Some(st) if fixed(st).is_none() => f.fd as i32,
                _ => -1,
            };
            libc::pollfd { fd, events: ev, revents: 0 }
        })
        .collect();
    let timeout = (timeout_ms >= 0).then(|| Duration::from_millis(timeout_ms as u64));
    let start = std::time::Instant::now();
    let mut wait = timeout;
    loop {
        let immediate = fds.iter().zip(&states).any(|(f, st)| (f.fd as isize) >= 0 && st.is_none_or(|st| st.has(CONNECT_FAILED)));
        wsa(crate::sys::poll::poll(&mut pfds, if immediate { Some(Duration::ZERO) } else { wait }))?;
        if guards.iter().any(|g| g.closed()) {
            return Err(WSAEINTR);
        }
        let mut count = 0;
        for ((f, st), p) in fds.iter_mut().zip(&states).zip(&pfds) {
            f.revents = 0;
            if (f.fd as isize) < 0 {
                continue;
            }
            let Some(st) = st else {
                f.revents = W_POLLNVAL;
                continue;
            };
            if p.revents == 0 && p.fd >= 0 {
                // Polled by the kernel and quiet: nothing to report (the common idle case).
                continue;
            }
            settle_connect(st, f.fd as i32, p.revents);
            let r = ready(st, f.fd as i32, p.revents);
            // A closed connection still holding data is readable, not yet hung up (as FD_CLOSE
            // comes once the data is read); it stays writable as long as Linux says so.
            let data = r.hup && data_waiting(f.fd as i32);
            let mut rev = 0;
            if r.err {
                rev |= W_POLLERR;
            }
            if r.hup && !data {
                rev |= W_POLLHUP;
            }
            if r.read && !r.err && (!r.hup || data) {
                rev |= W_POLLRDNORM & f.events;
            }
            if r.oob {
                rev |= W_POLLRDBAND & f.events;
            }
            if r.write {
                rev |= W_POLLWRNORM & f.events;
            }
            f.revents = rev;
            count += (rev != 0) as i32;
        }
        let expired = timeout.is_some_and(|t| start.elapsed() >= t);
        if count > 0 || expired || immediate {
            return Ok(count);
        }
        for (p, st) in pfds.iter_mut().zip(&states) {
            p.revents = 0;
            if st.is_some_and(|st| fixed(st).is_some()) {
                p.fd = -1;
            }
        }
        wait = timeout.map(|t| t.saturating_sub(start.elapsed()));
    }
}

/// Whether unread data waits on a stream (a closed stream is readable for its remaining
/// data). A peek, not FIONREAD: Linux counts nothing past an urgent byte read with MSG_OOB.
pub(super) fn data_waiting(fd: sys::Fd) -> bool {
    let mut one = [0u8; 1];
    sys::recv_stream(fd, &mut libc::iovec { iov_base: one.as_mut_ptr().cast(), iov_len: 1 }, libc::MSG_PEEK | libc::MSG_DONTWAIT)
        .is_ok_and(|n| n > 0)
}
