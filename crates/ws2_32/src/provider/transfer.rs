//! Data transfer in the base provider: WSPSend/WSPSendTo/WSPRecv/WSPRecvFrom over sendmsg and
//! recvmsg (scatter/gather straight from the caller's WSABUFs), with Windows flag values and
//! Windows errors (WSAESHUTDOWN, WSAENOTCONN, WSAEMSGSIZE, WSAETIMEDOUT).

use super::netevents::{reenable, FD_OOB_BIT, FD_READ_BIT, FD_WRITE_BIT};
use super::overlapped::{self, Bufs, Kind, Op};
use super::socket::{is_bound, is_connected, lookup, socket_addr};
use super::spi;
use super::state::{Blocked, SocketState, CONNECTED, NONBLOCKING, NO_CONNRESET, RESET, SHUT_RECV, SHUT_SEND};
use crate::abi::*;
use crate::error::wsa_from_errno;
use crate::ffi::bad_ptr;
use crate::sys::sockaddr::LinuxAddr;
use crate::sys::socket as sys;

const WIN_MSG_OOB: u32 = 0x1;
const WIN_MSG_PEEK: u32 = 0x2;
const WIN_MSG_DONTROUTE: u32 = 0x4;
const WIN_MSG_WAITALL: u32 = 0x8;
const WIN_MSG_PUSH_IMMEDIATE: u32 = 0x20;
const WIN_MSG_PARTIAL: u32 = 0x8000;

/// Most iovecs passed to one syscall (Linux's UIO_MAXIOV).
const MAX_IOV: usize = 1024;

const EMPTY_IOV: libc::iovec = libc::iovec { iov_base: std::ptr::null_mut(), iov_len: 0 };

/// Room for the iovecs of one call: the common few on the stack, more on the heap.
pub(super) struct IoVecs {
    inline: [libc::iovec; 4],
    heap: Vec<libc::iovec>,
}

impl IoVecs {
    pub(super) fn new() -> Self {
        IoVecs { inline: [EMPTY_IOV; 4], heap: Vec::new() }
    }

    /// The caller's WSABUF array as iovecs (WSABUF is {len, buf}; iovec is {base, len}).
    pub(super) unsafe fn fill(&mut self, bufs: *const WSABUF, count: u32) -> Result<&mut [libc::iovec], i32> {
        if count == 0 {
            return Ok(&mut self.inline[..0]);
        }
        if bad_ptr(bufs) {
            return Err(WSAEFAULT);
        }
        if count as usize > MAX_IOV {
            return Err(WSAENOBUFS);
        }
        // SAFETY: the caller passes `count` WSABUFs.
        let bufs = unsafe { std::slice::from_raw_parts(bufs, count as usize) };
        let out = if bufs.len() <= self.inline.len() {
            &mut self.inline[..bufs.len()]
        } else {
            self.heap.resize(bufs.len(), EMPTY_IOV);
            &mut self.heap[..]
        };
        for (v, b) in out.iter_mut().zip(bufs) {
            if b.len != 0 && bad_ptr(b.buf) {
                return Err(WSAEFAULT);
            }
            *v = libc::iovec { iov_base: b.buf as *mut libc::c_void, iov_len: b.len as usize };
        }
        Ok(out)
    }
}

pub(super) fn send_flags(flags: u32) -> Result<i32, i32> {
    if flags & !(WIN_MSG_OOB | WIN_MSG_DONTROUTE | WIN_MSG_PARTIAL | WIN_MSG_PUSH_IMMEDIATE) != 0 {
        return Err(WSAEOPNOTSUPP);
    }
    let mut f = 0;
    if flags & WIN_MSG_OOB != 0 {
        f |= libc::MSG_OOB;
    }
    if flags & WIN_MSG_DONTROUTE != 0 {
        f |= libc::MSG_DONTROUTE;
    }
    Ok(f)
}

pub(super) fn recv_flags(st: &SocketState, flags: u32) -> Result<i32, i32> {
    if flags & !(WIN_MSG_OOB | WIN_MSG_PEEK | WIN_MSG_WAITALL | WIN_MSG_PUSH_IMMEDIATE) != 0 {
        return Err(WSAEOPNOTSUPP);
    }
    let mut f = 0;
    if flags & WIN_MSG_OOB != 0 {
        if !st.is_stream() {
            return Err(WSAEOPNOTSUPP);
        }
        f |= libc::MSG_OOB;
    }
    if flags & WIN_MSG_PEEK != 0 {
        f |= libc::MSG_PEEK;
    }
    if flags & WIN_MSG_WAITALL != 0 {
        if !st.is_stream() {
            return Err(WSAEOPNOTSUPP);
        }
        f |= libc::MSG_WAITALL;
    }
    Ok(f)
}

/// What a failed send means on Windows.
/// A non-overlapped receive: retried on EINTR, failed with WSAEINTR when closesocket in another
/// thread ends the wait.
pub(super) fn recv_blocking<T>(st: &SocketState, mut recv: impl FnMut() -> Result<T, i32>) -> Result<T, i32> {
    let blocked = Blocked::enter(st);
    loop {
        match recv() {
            Err(libc::EINTR) if !blocked.closed() => continue,
            Err(e) if ignored(st, e) => continue,
            _ if blocked.closed() => return Err(WSAEINTR),
            r => return r.map_err(|e| recv_error(st, e)),
        }
    }
}

/// A non-overlapped send: retried on EINTR, failed with WSAEINTR when closesocket in another
/// thread ends the wait, WSAEWOULDBLOCK (re-enabling FD_WRITE) on a non-blocking socket.
pub(super) fn send_blocking(s: SOCKET, st: &SocketState, mut send: impl FnMut() -> Result<usize, i32>) -> Result<usize, i32> {
    let blocked = Blocked::enter(st);
    loop {
        match send() {
            Err(libc::EINTR) if !blocked.closed() => continue,
            Err(e) if ignored(st, e) => continue,
            _ if blocked.closed() => return Err(WSAEINTR),
            Err(libc::EAGAIN) if st.has(NONBLOCKING) => {
                reenable(s, FD_WRITE_BIT);
                return Err(WSAEWOULDBLOCK);
            }
            r => return r.map_err(|e| send_error(st, e)),
        }
    }
}

fn send_error(st: &SocketState, e: i32) -> i32 {
    match e {
        libc::EPIPE if st.has(SHUT_SEND) => WSAESHUTDOWN,
        libc::EPIPE | libc::ENOTCONN | libc::EDESTADDRREQ if !st.has(CONNECTED) => WSAENOTCONN,
        libc::EAGAIN if !st.has(NONBLOCKING) => WSAETIMEDOUT,
        _ => transfer_error(st, e),
    }
}

fn recv_error(st: &SocketState, e: i32) -> i32 {
    match e {
        libc::EAGAIN if !st.has(NONBLOCKING) => WSAETIMEDOUT,
        _ => transfer_error(st, e),
    }
}

/// A failed send or receive in Windows terms. A connection the peer reset (EPIPE once its FIN
/// came first) stays reset for later calls; on a datagram socket, the ICMP port unreachable a
/// previous send drew is WSAECONNRESET, as recv and send document it.
pub(super) fn transfer_error(st: &SocketState, e: i32) -> i32 {
    match e {
        libc::EPIPE | libc::ECONNRESET if st.is_stream() => st.reset(),
        _ if !st.is_stream() => datagram_error(e),
        _ => wsa_from_errno(e),
    }
}

/// Whether a failure is an ICMP port unreachable the program asked not to hear of
/// (SIO_UDP_CONNRESET off); Linux has cleared it by reporting it, so the call is retried.
pub(super) fn ignored(st: &SocketState, e: i32) -> bool {
    e == libc::ECONNREFUSED && st.has(NO_CONNRESET) && !st.is_stream()
}

/// The same for a datagram socket.
pub(super) fn datagram_error(e: i32) -> i32 {
    match e {
        libc::ECONNREFUSED | libc::EPIPE | libc::ECONNRESET => WSAECONNRESET,
        _ => wsa_from_errno(e),
    }
}

/// An overlapped request: the WSAOVERLAPPED, completion routine and issuing thread.
#[derive(Clone, Copy)]
struct Overlapped {
    ov: *mut OVERLAPPED,
    routine: LPWSAOVERLAPPED_COMPLETION_ROUTINE,
    thread: *const WSATHREADID,
}

impl Overlapped {
    fn op(self, s: SOCKET, kind: Kind) -> Op {
        // SAFETY: null or ws2_32's WSATHREADID for the issuing thread.
        let thread = unsafe { self.thread.as_ref() }.copied();
        Op { kind, ov: self.ov, routine: self.routine, thread, port_socket: s, issuer: crate::kernel::thread::serial() }
    }
}

unsafe fn do_send(
    s: SOCKET,
    bufs: *const WSABUF,
    count: u32,
    sent: *mut u32,
    flags: u32,
    to: Option<(*const SOCKADDR, i32)>,
    ovl: Option<Overlapped>,
) -> Result<i32, i32> {
    let (st, fd) = lookup(s)?;
    // SAFETY: forwarded caller contract.
    let mut room = IoVecs::new();
    let iov = unsafe { room.fill(bufs, count) }?;
    let linux_flags = send_flags(flags)?;
    if st.has(SHUT_SEND) {
        return Err(WSAESHUTDOWN);
    }
    if st.has(RESET) {
        return Err(WSAECONNRESET);
    }
    // A stream socket ignores a destination; a datagram socket uses it when given.
    let dest = match to {
        Some((name, len)) if !st.is_stream() && !name.is_null() => {
            // SAFETY: forwarded caller contract.
            Some(unsafe { socket_addr(st, name, len, WSAEAFNOSUPPORT) }?)
        }
        _ => None,
    };
    if st.is_stream() && !is_connected(st, fd) {
        return Err(WSAENOTCONN);
    }
    if let Some(o) = ovl {
        let kind = Kind::Send { iov: Bufs::from_slice(iov), dest: dest.map(Box::new), flags: linux_flags, sent: 0 };
        let n = overlapped::submit(s, st, o.op(s, kind))?;
        if !sent.is_null() {
            // SAFETY: caller's count variable.
            unsafe { *sent = n };
        }
        return Ok(0);
    }
    let n = send_blocking(s, st, || sys::sendmsg(fd, iov, dest.as_ref(), linux_flags))?;
    if !sent.is_null() {
        // SAFETY: caller's count variable.
        unsafe { *sent = n as u32 };
    }
    Ok(0)
}

unsafe fn do_recv(
    s: SOCKET,
    bufs: *const WSABUF,
    count: u32,
    received: *mut u32,
    flags: *mut u32,
    from: Option<(*mut SOCKADDR, *mut i32)>,
    ovl: Option<Overlapped>,
) -> Result<i32, i32> {
    let (st, fd) = lookup(s)?;
    // SAFETY: forwarded caller contract.
    let r = unsafe { do_recv_inner(s, st, fd, bufs, count, received, flags, from, ovl) };
    // Every receive call re-enables FD_READ (FD_OOB for MSG_OOB), whatever its outcome.
    reenable(s, FD_READ_BIT | if r.as_ref().is_ok_and(|v| v.1) { FD_OOB_BIT } else { 0 });
    r.map(|v| v.0)
}

#[allow(clippy::too_many_arguments)]
unsafe fn do_recv_inner(
    s: SOCKET,
    st: &'static SocketState,
    fd: sys::Fd,
    bufs: *const WSABUF,
    count: u32,
    received: *mut u32,
    flags: *mut u32,
    from: Option<(*mut SOCKADDR, *mut i32)>,
    ovl: Option<Overlapped>,
) -> Result<(i32, bool), i32> {
    // SAFETY: forwarded caller contract.
    let mut room = IoVecs::new();
    let iov = unsafe { room.fill(bufs, count) }?;
    if bad_ptr(flags) {
        return Err(WSAEFAULT);
    }
    // SAFETY: checked non-null.
    let linux_flags = recv_flags(st, unsafe { *flags })?;
    if let Some((name, len)) = from {
        if !name.is_null() {
            let need = crate::sys::sockaddr::sockaddr_len(st.af()).unwrap_or(0) as i32;
            // SAFETY: dereferenced only when non-null.
            if bad_ptr(len) || unsafe { *len } < need {
                return Err(WSAEFAULT);
            }
        }
    }
    if st.has(SHUT_RECV) {
        return Err(WSAESHUTDOWN);
    }
    if st.has(RESET) {
        return Err(WSAECONNRESET);
    }
    if st.is_stream() {
        if !is_connected(st, fd) {
            return Err(WSAENOTCONN);
        }
    } else if !st.has(CONNECTED) && !is_bound(st, fd) {
        // Linux would wait forever on an unbound datagram socket; Windows refuses.
        return Err(WSAEINVAL);
    }
    let oob = linux_flags & libc::MSG_OOB != 0;
    // "If the socket is in a non-blocking mode, then this call will fail with WSAEOPNOTSUPP."
    if ovl.is_none() && linux_flags & libc::MSG_WAITALL != 0 && st.has(NONBLOCKING) {
        return Err(WSAEOPNOTSUPP);
    }
    if let Some(o) = ovl {
        let kind = Kind::Recv { iov: Bufs::from_slice(iov), flags: linux_flags, got: 0, from };
        let n = overlapped::submit(s, st, o.op(s, kind))?;
        // SAFETY: caller's variables (flags checked non-null above).
        unsafe {
            if !received.is_null() {
                *received = n;
            }
            *flags = 0;
        }
        return Ok((0, oob));
    }
    let mut sender = from.filter(|(name, _)| !name.is_null()).map(|_| LinuxAddr::empty());
    let r = recv_blocking(st, || match iov {
        [one] if st.is_stream() && sender.is_none() => {
            sys::recv_stream(fd, one, linux_flags).map(|bytes| sys::Received { bytes, msg_flags: 0 })
        }
        _ => sys::recvmsg(fd, iov, linux_flags, sender.as_mut()),
    })?;
    // SAFETY: caller's variables (flags checked non-null above).
    unsafe {
        if !received.is_null() {
            *received = r.bytes as u32;
        }
        *flags = 0;
    }
    if let Some((name, len)) = from {
        if let Some(addr) = sender.filter(|a| a.len > 0) {
            // SAFETY: checked above that `name` has `*len` bytes.
            unsafe { addr.to_windows(name, len) }?;
        }
    }
    if r.msg_flags & libc::MSG_TRUNC != 0 && !st.is_stream() {
        // SAFETY: checked non-null above.
        unsafe { *flags = WIN_MSG_PARTIAL };
        return Err(WSAEMSGSIZE);
    }
    Ok((0, oob))
}

pub(super) unsafe extern "system" fn wsp_send(
    s: SOCKET,
    bufs: *const WSABUF,
    count: u32,
    sent: *mut u32,
    flags: u32,
    ov: *mut OVERLAPPED,
    cr: LPWSAOVERLAPPED_COMPLETION_ROUTINE,
    thread: *const WSATHREADID,
    errno: *mut i32,
) -> i32 {
    let ovl = overlapped_of(ov, cr, thread);
    // SAFETY: forwarded caller contract.
    spi(errno, SOCKET_ERROR, || unsafe { do_send(s, bufs, count, sent, flags, None, ovl) })
}

pub(super) unsafe extern "system" fn wsp_send_to(
    s: SOCKET,
    bufs: *const WSABUF,
    count: u32,
    sent: *mut u32,
    flags: u32,
    to: *const SOCKADDR,
    tolen: i32,
    ov: *mut OVERLAPPED,
    cr: LPWSAOVERLAPPED_COMPLETION_ROUTINE,
    thread: *const WSATHREADID,
    errno: *mut i32,
) -> i32 {
    let ovl = overlapped_of(ov, cr, thread);
    // SAFETY: forwarded caller contract.
    spi(errno, SOCKET_ERROR, || unsafe { do_send(s, bufs, count, sent, flags, Some((to, tolen)), ovl) })
}

pub(super) unsafe extern "system" fn wsp_recv(
    s: SOCKET,
    bufs: *const WSABUF,
    count: u32,
    received: *mut u32,
    flags: *mut u32,
    ov: *mut OVERLAPPED,
    cr: LPWSAOVERLAPPED_COMPLETION_ROUTINE,
    thread: *const WSATHREADID,
    errno: *const i32,
) -> i32 {
    let ovl = overlapped_of(ov, cr, thread);
    // SAFETY: forwarded caller contract.
    spi(errno as *mut i32, SOCKET_ERROR, || unsafe { do_recv(s, bufs, count, received, flags, None, ovl) })
}

pub(super) unsafe extern "system" fn wsp_recv_from(
    s: SOCKET,
    bufs: *const WSABUF,
    count: u32,
    received: *mut u32,
    flags: *mut u32,
    from: *mut SOCKADDR,
    fromlen: *mut i32,
    ov: *mut OVERLAPPED,
    cr: LPWSAOVERLAPPED_COMPLETION_ROUTINE,
    thread: *const WSATHREADID,
    errno: *mut i32,
) -> i32 {
    let ovl = overlapped_of(ov, cr, thread);
    // SAFETY: forwarded caller contract.
    spi(errno, SOCKET_ERROR, || unsafe { do_recv(s, bufs, count, received, flags, Some((from, fromlen)), ovl) })
}

/// An overlapped request when the caller gave a WSAOVERLAPPED (a completion routine alone
/// makes no overlapped request, as on Windows).
fn overlapped_of(ov: *mut OVERLAPPED, routine: LPWSAOVERLAPPED_COMPLETION_ROUTINE, thread: *const WSATHREADID) -> Option<Overlapped> {
    (!ov.is_null()).then_some(Overlapped { ov, routine, thread })
}

pub(super) unsafe extern "system" fn wsp_send_disconnect(s: SOCKET, _data: *const WSABUF, errno: *mut i32) -> i32 {
    // SAFETY: forwarded; shutdown(SD_SEND) is what a disconnect without data is.
    unsafe { super::socket::wsp_shutdown(s, 1, errno) }
}

pub(super) unsafe extern "system" fn wsp_recv_disconnect(s: SOCKET, _data: *const WSABUF, errno: *mut i32) -> i32 {
    // SAFETY: forwarded; shutdown(SD_RECEIVE).
    unsafe { super::socket::wsp_shutdown(s, 0, errno) }
}
