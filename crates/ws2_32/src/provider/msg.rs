//! WSARecvMsg and WSASendMsg in the base provider, on datagram and raw sockets only, as the
//! documentation says (it names no error for a stream socket: we answer WSAEINVAL).
//!
//! WSARecvMsg is an extension function: the program asks WSPIoctl(SIO_GET_EXTENSION_FUNCTION_
//! POINTER, WSAID_WSARECVMSG) for it and calls it directly, so it sets the thread's last error
//! itself, as mswsock's does. WSASendMsg arrives as ws2_32 sends it on Windows — WSPIoctl
//! (SIO_EXT_SENDMSG) with a WSASENDMSG — or directly through WSAID_WSASENDMSG. Control data
//! is translated by `cmsg`; the program's WSAMSG (which must stay valid until an overlapped
//! receive completes) receives the sender, the control data and dwFlags when the data comes.

use super::cmsg;
use super::netevents::{reenable, FD_READ_BIT};
use super::overlapped::{self, Kind, Op, Step};
use super::socket::{is_bound, lookup, socket_addr};
use super::state::{SocketState, CONNECTED, SHUT_RECV, SHUT_SEND};
use super::transfer::{datagram_error, recv_blocking, recv_flags, send_blocking, send_flags, IoVecs};
use crate::abi::*;
use crate::ffi::{bad_ptr, wsa_call};
use crate::sys::sockaddr::{sockaddr_len, LinuxAddr};
use crate::sys::socket as sys;

/// Windows' MSG_PARTIAL, the receive flag of a truncated datagram in the WSAOVERLAPPED.
const WIN_MSG_PARTIAL: u32 = 0x8000;

/// An overlapped WSARecvMsg waiting for data.
pub(super) struct RecvJob {
    msg: *mut WSAMSG,
    iov: Vec<libc::iovec>,
    flags: i32,
    control: [u64; cmsg::ROOM],
}

/// An overlapped WSASendMsg waiting for room.
pub(super) struct SendJob {
    iov: Vec<libc::iovec>,
    dest: Option<LinuxAddr>,
    flags: i32,
    control: [u64; cmsg::ROOM],
    control_len: usize,
}

impl SendJob {
    /// The control messages in use (whole 8-byte words: each message's space is aligned).
    fn control(&self) -> &[u64] {
        &self.control[..self.control_len / 8]
    }
}

/// An overlapped request of the calling thread (a completion routine's thread is found by
/// `overlapped::submit`).
fn new_op(s: SOCKET, kind: Kind, ov: *mut OVERLAPPED, routine: LPWSAOVERLAPPED_COMPLETION_ROUTINE) -> Op {
    Op { kind, ov, routine, thread: None, port_socket: s, issuer: crate::kernel::thread::serial() }
}

/// What one receive gave the program.
struct Got {
    bytes: u32,
    /// The datagram (MSG_TRUNC) or its control data (MSG_CTRUNC) did not fit: WSAEMSGSIZE.
    truncated: bool,
    ctruncated: bool,
}

/// One recvmsg into the program's buffers; writes the sender, the control data and dwFlags into
/// its WSAMSG. Errors are Linux errno values.
///
/// # Safety
/// `msg` is the program's WSAMSG, checked by `check_recv`, valid until the receive completes.
unsafe fn receive(fd: sys::Fd, msg: *mut WSAMSG, iov: &mut [libc::iovec], flags: i32, control: &mut [u64; cmsg::ROOM]) -> Result<Got, i32> {
    // SAFETY: the caller's contract.
    let m = unsafe { &mut *msg };
    let mut sender = (!m.name.is_null()).then(LinuxAddr::empty);
    let (r, kernel_len) = sys::recvmsg_control(fd, iov, flags, sender.as_mut(), control)?;
    if let Some(a) = sender.filter(|a| a.len > 0) {
        // SAFETY: `check_recv` made sure `name` has `namelen` bytes, enough for the family.
        let _ = unsafe { a.to_windows(m.name, &mut m.namelen) };
    }
    let kernel: Vec<u8> = control.iter().flat_map(|w| w.to_ne_bytes()).take(kernel_len).collect();
    let out: &mut [u8] = if m.Control.len == 0 {
        &mut []
    } else {
        // SAFETY: `check_recv` made sure a non-empty control buffer is there.
        unsafe { std::slice::from_raw_parts_mut(m.Control.buf, m.Control.len as usize) }
    };
    let (used, short) = cmsg::to_windows(&kernel, out);
    m.Control.len = used as u32;
    let truncated = r.msg_flags & libc::MSG_TRUNC != 0;
    let ctruncated = short || r.msg_flags & libc::MSG_CTRUNC != 0;
    m.dwFlags = if truncated { MSG_TRUNC } else { 0 } | if ctruncated { MSG_CTRUNC } else { 0 };
    Ok(Got { bytes: r.bytes as u32, truncated, ctruncated })
}

/// The overlapped receive's attempt (under the socket's async-state lock).
pub(super) fn attempt_recv(fd: sys::Fd, job: &mut RecvJob) -> Step {
    let r = loop {
        // SAFETY: the job's WSAMSG, valid until completion.
        match unsafe { receive(fd, job.msg, &mut job.iov, job.flags | libc::MSG_DONTWAIT, &mut job.control) } {
            Err(libc::EINTR) => continue,
            r => break r,
        }
    };
    match r {
        Err(e) if e == libc::EAGAIN || e == libc::EWOULDBLOCK => Step::Pending,
        Err(e) => Step::Done(Err(datagram_error(e)), 0),
        Ok(g) if g.truncated || g.ctruncated => {
            Step::Done(Ok(g.bytes), super::overlapped::TRUNCATED | if g.truncated { WIN_MSG_PARTIAL } else { 0 })
        }
        Ok(g) => Step::Done(Ok(g.bytes), 0),
    }
}

/// The overlapped send's attempt (a datagram goes whole or not at all).
pub(super) fn attempt_send(fd: sys::Fd, job: &mut SendJob) -> Step {
    loop {
        match sys::sendmsg_control(fd, &job.iov, job.dest.as_ref(), job.control(), job.flags | libc::MSG_DONTWAIT) {
            Err(libc::EINTR) => continue,
            Err(e) if e == libc::EAGAIN || e == libc::EWOULDBLOCK => return Step::Pending,
            Err(e) => return Step::Done(Err(datagram_error(e)), 0),
            Ok(n) => return Step::Done(Ok(n as u32), 0),
        }
    }
}

/// WSARecvMsg's checks, in Windows' order; returns the Linux receive flags.
///
/// # Safety
/// `msg` must be null or the program's WSAMSG.
unsafe fn check_recv(st: &SocketState, fd: sys::Fd, msg: *mut WSAMSG) -> Result<i32, i32> {
    if bad_ptr(msg) {
        return Err(WSAEFAULT);
    }
    if st.is_stream() {
        return Err(WSAEINVAL);
    }
    // SAFETY: checked non-null.
    let m = unsafe { &*msg };
    if m.Control.len != 0 && bad_ptr(m.Control.buf) {
        return Err(WSAEFAULT);
    }
    if !m.name.is_null() || m.namelen != 0 {
        let need = sockaddr_len(st.af()).unwrap_or(0);
        if bad_ptr(m.name) || m.namelen < 0 || (m.namelen as usize) < need {
            return Err(WSAEFAULT);
        }
    }
    let flags = recv_flags(st, m.dwFlags)?;
    if st.has(SHUT_RECV) {
        return Err(WSAESHUTDOWN);
    }
    // Linux would wait forever on an unbound datagram socket; Windows refuses.
    if !st.has(CONNECTED) && !is_bound(st, fd) {
        return Err(WSAEINVAL);
    }
    Ok(flags)
}

/// WSARecvMsg, as returned for WSAID_WSARECVMSG.
pub(super) unsafe extern "system" fn wsa_recv_msg(
    s: SOCKET,
    msg: *mut WSAMSG,
    received: *mut u32,
    ov: *mut OVERLAPPED,
    routine: LPWSAOVERLAPPED_COMPLETION_ROUTINE,
) -> i32 {
    wsa_call(SOCKET_ERROR, || {
        let (st, fd) = lookup(s)?;
        // SAFETY: forwarded caller contract.
        let r = unsafe { recv_msg(s, st, fd, msg, received, ov, routine) };
        // Every receive call re-enables FD_READ, whatever its outcome.
        reenable(s, FD_READ_BIT);
        r
    })
}

unsafe fn recv_msg(
    s: SOCKET,
    st: &'static SocketState,
    fd: sys::Fd,
    msg: *mut WSAMSG,
    received: *mut u32,
    ov: *mut OVERLAPPED,
    routine: LPWSAOVERLAPPED_COMPLETION_ROUTINE,
) -> Result<i32, i32> {
    // SAFETY: forwarded caller contract.
    let flags = unsafe { check_recv(st, fd, msg) }?;
    let mut room = IoVecs::new();
    // SAFETY: `msg` checked non-null; its buffers are the caller's.
    let iov = unsafe { room.fill((*msg).lpBuffers, (*msg).dwBufferCount) }?;
    let mut control = [0u64; cmsg::ROOM];
    if !ov.is_null() {
        let job = RecvJob { msg, iov: iov.to_vec(), flags, control };
        let n = overlapped::submit(s, st, new_op(s, Kind::RecvMsg(Box::new(job)), ov, routine))?;
        if !received.is_null() {
            // SAFETY: the caller's count variable.
            unsafe { *received = n };
        }
        return Ok(0);
    }
    // SAFETY: checked by `check_recv`; the call is synchronous.
    let got = recv_blocking(st, || unsafe { receive(fd, msg, iov, flags, &mut control) })?;
    if !received.is_null() {
        // SAFETY: the caller's count variable.
        unsafe { *received = got.bytes };
    }
    if got.truncated || got.ctruncated {
        return Err(WSAEMSGSIZE);
    }
    Ok(0)
}

/// WSASendMsg as the program or ws2_32 (through SIO_EXT_SENDMSG) calls it.
unsafe fn send_msg(
    s: SOCKET,
    msg: *const WSAMSG,
    flags: u32,
    sent: *mut u32,
    ov: *mut OVERLAPPED,
    routine: LPWSAOVERLAPPED_COMPLETION_ROUTINE,
) -> Result<i32, i32> {
    let (st, fd) = lookup(s)?;
    if bad_ptr(msg) {
        return Err(WSAEFAULT);
    }
    if st.is_stream() {
        return Err(WSAEINVAL);
    }
    // SAFETY: checked non-null; the caller's WSAMSG.
    let m = unsafe { &*msg };
    let mut room = IoVecs::new();
    // SAFETY: the caller's buffers.
    let iov = unsafe { room.fill(m.lpBuffers, m.dwBufferCount) }?;
    let linux_flags = send_flags(flags)?;
    if linux_flags & libc::MSG_OOB != 0 {
        return Err(WSAEOPNOTSUPP);
    }
    if ov.is_null() && bad_ptr(sent) {
        return Err(WSAEFAULT);
    }
    if st.has(SHUT_SEND) {
        return Err(WSAESHUTDOWN);
    }
    let dest = match m.name.is_null() {
        true => None,
        // SAFETY: the caller's address of `namelen` bytes.
        false => Some(unsafe { socket_addr(st, m.name, m.namelen, WSAEAFNOSUPPORT) }?),
    };
    let mut control = [0u64; cmsg::ROOM];
    let control_len = if m.Control.len == 0 {
        0
    } else if bad_ptr(m.Control.buf) {
        return Err(WSAEFAULT);
    } else {
        // SAFETY: the caller's control buffer of `Control.len` bytes.
        let bytes = unsafe { std::slice::from_raw_parts(m.Control.buf, m.Control.len as usize) };
        cmsg::to_linux(bytes, &mut control)?
    };
    if !ov.is_null() {
        let job = SendJob { iov: iov.to_vec(), dest, flags: linux_flags, control, control_len };
        let n = overlapped::submit(s, st, new_op(s, Kind::SendMsg(Box::new(job)), ov, routine))?;
        if !sent.is_null() {
            // SAFETY: the caller's count variable.
            unsafe { *sent = n };
        }
        return Ok(0);
    }
    let n = send_blocking(s, st, || sys::sendmsg_control(fd, iov, dest.as_ref(), &control[..control_len / 8], linux_flags))?;
    // SAFETY: checked non-null above (not overlapped).
    unsafe { *sent = n as u32 };
    Ok(0)
}

/// WSASendMsg, as returned for WSAID_WSASENDMSG.
pub(super) unsafe extern "system" fn wsa_send_msg(
    s: SOCKET,
    msg: *mut WSAMSG,
    flags: u32,
    sent: *mut u32,
    ov: *mut OVERLAPPED,
    routine: LPWSAOVERLAPPED_COMPLETION_ROUTINE,
) -> i32 {
    // SAFETY: forwarded caller contract.
    wsa_call(SOCKET_ERROR, || unsafe { send_msg(s, msg, flags, sent, ov, routine) })
}

/// WSPIoctl(SIO_EXT_SENDMSG): the WSASENDMSG that ws2_32's WSASendMsg passes down.
///
/// # Safety
/// `inbuf` must be null or point to `inlen` readable bytes.
pub(super) unsafe fn ioctl_send_msg(s: SOCKET, inbuf: *const core::ffi::c_void, inlen: u32) -> Result<i32, i32> {
    if bad_ptr(inbuf) || (inlen as usize) < std::mem::size_of::<WSASENDMSG>() {
        return Err(WSAEFAULT);
    }
    // SAFETY: checked: a WSASENDMSG's worth of readable bytes.
    let p = unsafe { std::ptr::read_unaligned(inbuf as *const WSASENDMSG) };
    // SAFETY: the WSASENDMSG carries WSASendMsg's arguments.
    unsafe { send_msg(s, p.lpMsg, p.dwFlags, p.lpNumberOfBytesSent, p.lpOverlapped, p.lpCompletionRoutine) }
}
