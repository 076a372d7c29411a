//! Overlapped I/O in the base provider. An operation is tried at once; if the socket is not
//! ready it waits, in order, in the socket's read or write queue, and the completion engine's
//! reactor finishes it when readiness arrives (`on_ready`). Either way the result reaches the
//! program as Windows delivers it: the WSAOVERLAPPED's Internal/InternalHigh, then a
//! completion-port packet and the event in hEvent (WPUCompleteOverlappedRequest), or the
//! completion routine as an APC to the issuing thread (WPUQueueApc). closesocket completes
//! what is still queued with WSA_OPERATION_ABORTED, and so does CancelIo/CancelIoEx for the
//! operations it picks (`super::cancel`).
//!
//! The engine reports readiness changes (edges), so a queued operation is retried on every
//! notification until it would block. A receive that found the socket empty (would block, or
//! a short read on a stream) marks it drained until the next notification; a receive issued
//! meanwhile waits in the queue without a doomed attempt.

use super::asyncstate::{self, AsyncState};
use super::select::settle_connect;
use super::state::{self, SocketState, CONNECTED, CONNECTING, CONNECT_FAILED};
use super::transfer::{ignored, transfer_error};
use super::{netevents, upcalls};
use crate::abi::*;
use crate::sys::engine::{self, READ, WRITE};
use crate::sys::sockaddr::LinuxAddr;
use crate::sys::socket as sys;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex};

/// NTSTATUS STATUS_PENDING: Internal while an operation is in progress.
pub const STATUS_PENDING: usize = 0x103;
const MSG_PARTIAL: u32 = 0x8000;
/// Our own completion flag (never a Windows one): the datagram did not fit. The operation
/// delivers the bytes that did and fails with WSAEMSGSIZE — through its completion too, since
/// Windows completes a truncated receive (STATUS_BUFFER_OVERFLOW is a warning, not an error),
/// even one the call itself already failed.
pub(super) const TRUNCATED: u32 = 1 << 31;

pub(super) use super::bufs::Bufs;

pub(super) enum Kind {
    Recv {
        iov: Bufs,
        flags: i32,
        /// Bytes received so far (MSG_WAITALL on a stream fills the buffers across readiness).
        got: u32,
        from: Option<(*mut SOCKADDR, *mut i32)>,
    },
    Send {
        iov: Bufs,
        /// Boxed: the address would triple the size of every operation.
        dest: Option<Box<LinuxAddr>>,
        flags: i32,
        sent: usize,
    },
    /// AcceptEx on a listener: the connection becomes `accept_socket`.
    Accept(Box<super::mswsock::AcceptJob>),
    /// AcceptEx's wait for the first data, queued on the accepted socket.
    AcceptRecv(Box<super::mswsock::AcceptJob>),
    /// ConnectEx: completes when connected and the optional data is sent.
    Connect {
        iov: Bufs,
        sent: usize,
    },
    /// Finished inside its call (an overlapped WSAIoctl): never queued, only delivered.
    Finished,
    /// WSARecvMsg / WSASendMsg (boxed: their control buffers stay off the common path).
    RecvMsg(Box<super::msg::RecvJob>),
    SendMsg(Box<super::msg::SendJob>),
    /// TransmitFile: head, file and tail progress (boxed, as above).
    Transmit(Box<super::transmit::TransmitJob>),
}

pub(super) struct Op {
    pub kind: Kind,
    pub ov: *mut OVERLAPPED,
    pub routine: LPWSAOVERLAPPED_COMPLETION_ROUTINE,
    pub thread: Option<WSATHREADID>,
    /// The socket whose completion port receives the packet (AcceptEx: the listener).
    pub port_socket: SOCKET,
    /// The issuing thread's serial number (`kernel::thread::serial`), for CancelIo.
    pub issuer: u64,
}

// SAFETY: the raw pointers are the program's buffers and WSAOVERLAPPED, which Windows
// requires to stay valid until the operation completes, whichever thread completes it.
unsafe impl Send for Op {}

/// Outcome of one attempt.
pub(super) enum Step {
    Pending,
    Done(Result<u32, i32>, u32),
}

/// Completions wake WSPGetOverlappedResult(fWait = TRUE) waiters.
static DONE_LOCK: Mutex<()> = Mutex::new(());
static DONE_CV: Condvar = Condvar::new();
static WAITERS: AtomicUsize = AtomicUsize::new(0);

/// A plain receive (no MSG_PEEK, MSG_OOB, MSG_WAITALL): the kind whose emptiness is tracked.
fn plain_recv(k: &Kind) -> bool {
    matches!(k, Kind::Recv { flags: 0, .. })
}

fn would_block(e: i32) -> bool {
    e == libc::EAGAIN || e == libc::EWOULDBLOCK
}

/// Tries an operation once without blocking (under the socket's async-state lock).
/// `drained`: the socket's AsyncState::drained, set when a plain receive empties the socket.
fn attempt(st: &SocketState, fd: sys::Fd, op: &mut Op, drained: &mut bool) -> Step {
    match &mut op.kind {
        Kind::Recv { iov, flags, got, .. } if *flags & libc::MSG_WAITALL != 0 && st.is_stream() => recv_all(st, fd, iov, *flags, got),
        Kind::Recv { iov, flags, from, .. } => {
            let mut sender = from.filter(|(n, _)| !n.is_null()).map(|_| LinuxAddr::empty());
            let plain = *flags == 0;
            let one_stream_buffer = iov.len() == 1 && sender.is_none() && st.is_stream();
            let r = loop {
                let r = if one_stream_buffer {
                    sys::recv_stream(fd, &mut iov[0], *flags | libc::MSG_DONTWAIT).map(|bytes| sys::Received { bytes, msg_flags: 0 })
                } else {
                    sys::recvmsg(fd, iov, *flags | libc::MSG_DONTWAIT, sender.as_mut())
                };
                match r {
                    Err(libc::EINTR) => continue,
                    Err(e) if ignored(st, e) => continue,
                    r => break r,
                }
            };
            match r {
                Err(e) if would_block(e) => {
                    if plain {
                        *drained = true;
                    }
                    Step::Pending
                }
                Err(e) => Step::Done(Err(transfer_error(st, e)), 0),
                Ok(r) => {
                    // A short stream read emptied the socket: more data brings a notification.
                    if plain && r.bytes > 0 && st.is_stream() && r.bytes < iov.iter().map(|v| v.iov_len).sum::<usize>() {
                        *drained = true;
                    }
                    if let (Some((name, len)), Some(a)) = (from, sender.filter(|a| a.len > 0)) {
                        // SAFETY: the caller's address buffer, valid until completion.
                        let _ = unsafe { a.to_windows(*name, *len) };
                    }
                    if r.msg_flags & libc::MSG_TRUNC != 0 && !st.is_stream() {
                        return Step::Done(Ok(r.bytes as u32), MSG_PARTIAL | TRUNCATED);
                    }
                    Step::Done(Ok(r.bytes as u32), 0)
                }
            }
        }
        Kind::Send { iov, dest, flags, sent } => {
            let mut r = send_all(fd, iov, dest.as_deref(), !st.is_stream(), *flags, sent);
            if r.is_err_and(|e| ignored(st, e)) {
                r = send_all(fd, iov, dest.as_deref(), !st.is_stream(), *flags, sent);
            }
            match r {
                Ok(true) => Step::Done(Ok(*sent as u32), 0),
                Ok(false) => Step::Pending,
                Err(e) => Step::Done(Err(transfer_error(st, e)), 0),
            }
        }
        Kind::Connect { iov, sent } => {
            if st.has(CONNECTING) {
                let rev = sys::poll_one(fd, libc::POLLOUT, 0).unwrap_or(0);
                settle_connect(st, fd, rev);
            }
            if st.has(CONNECTING) {
                return Step::Pending;
            }
            if st.has(CONNECT_FAILED) {
                return Step::Done(Err(st.so_error.load(Ordering::Relaxed)), 0);
            }
            match send_all(fd, iov, None, false, 0, sent) {
                Ok(true) => Step::Done(Ok(*sent as u32), 0),
                Ok(false) => Step::Pending,
                Err(e) => Step::Done(Err(transfer_error(st, e)), 0),
            }
        }
        Kind::Accept(job) => super::mswsock::attempt_accept(st, fd, job),
        Kind::AcceptRecv(job) => super::mswsock::attempt_accept_recv(fd, job),
        Kind::RecvMsg(job) => super::msg::attempt_recv(fd, job),
        Kind::SendMsg(job) => super::msg::attempt_send(fd, job),
        Kind::Transmit(job) => super::transmit::attempt(st, fd, job),
        Kind::Finished => Step::Done(Ok(0), 0),
    }
}

/// A stream receive with MSG_WAITALL: fills the buffers across notifications and completes
/// when they are full, at the end of the stream, or on an error (WSARecv's conditions).
fn recv_all(st: &SocketState, fd: sys::Fd, iov: &mut Bufs, flags: i32, got: &mut u32) -> Step {
    loop {
        while iov.first().is_some_and(|v| v.iov_len == 0) {
            iov.remove(0);
        }
        if iov.is_empty() {
            return Step::Done(Ok(*got), 0);
        }
        match sys::recvmsg(fd, iov, (flags & !libc::MSG_WAITALL) | libc::MSG_DONTWAIT, None) {
            Err(libc::EINTR) => continue,
            Err(e) if would_block(e) => return Step::Pending,
            Err(e) => return Step::Done(Err(transfer_error(st, e)), 0),
            Ok(r) if r.bytes == 0 => return Step::Done(Ok(*got), 0),
            Ok(r) => {
                *got += r.bytes as u32;
                advance(iov, r.bytes);
            }
        }
    }
}

/// Moves past the first `n` bytes of `iov` (what a short transfer took).
fn advance(iov: &mut Bufs, mut n: usize) {
    for v in iov.iter_mut() {
        let take = n.min(v.iov_len);
        // SAFETY: advancing within the caller's buffer.
        v.iov_base = unsafe { (v.iov_base as *mut u8).add(take) } as *mut libc::c_void;
        v.iov_len -= take;
        n -= take;
        if n == 0 {
            break;
        }
    }
}

/// Sends what is left of `iov`; Ok(true) when everything went.
/// A datagram (`whole`) goes in one call, even an empty one.
fn send_all(fd: sys::Fd, iov: &mut Bufs, dest: Option<&LinuxAddr>, whole: bool, flags: i32, sent: &mut usize) -> Result<bool, i32> {
    loop {
        while !whole && iov.first().is_some_and(|v| v.iov_len == 0) {
            iov.remove(0);
        }
        if !whole && iov.is_empty() {
            return Ok(true);
        }
        match sys::sendmsg(fd, iov, dest, flags | libc::MSG_DONTWAIT) {
            Err(libc::EINTR) => continue,
            Err(e) if would_block(e) => return Ok(false),
            Err(e) => return Err(e),
            Ok(n) => {
                *sent += n;
                if whole || dest.is_some() {
                    return Ok(true); // a datagram goes whole
                }
                if n == iov.iter().map(|v| v.iov_len).sum::<usize>() {
                    return Ok(true); // the usual case: everything went at once
                }
                advance(iov, n);
            }
        }
    }
}

/// The directions the queued operations wait for.
pub(super) fn interest(a: &AsyncState) -> u8 {
    (!a.reads.is_empty() as u8 * READ) | (!a.writes.is_empty() as u8 * WRITE)
}

fn is_read(k: &Kind) -> bool {
    matches!(k, Kind::Recv { .. } | Kind::Accept(_) | Kind::AcceptRecv(_) | Kind::RecvMsg(_))
}

/// Starts an overlapped operation on `s`: Ok(bytes) when it completed at once (its
/// notifications are delivered as Windows does), Err(WSA_IO_PENDING) when it waits.
pub(super) fn submit(s: SOCKET, st: &'static SocketState, mut op: Op) -> Result<u32, i32> {
    let fd = s as sys::Fd;
    if op.routine.is_some() && op.thread.is_none() {
        op.thread = Some(current_thread()?);
    }
    let read = is_read(&op.kind);
    let mut a = asyncstate::lock(fd).ok_or(WSAENOTSOCK)?;
    let queue_empty = if read { a.reads.is_empty() } else { a.writes.is_empty() };
    // A receive on a drained socket would block: it waits for the next notification.
    let doomed = read && plain_recv(&op.kind) && a.drained;
    if queue_empty && !doomed {
        if let Step::Done(res, flags) = attempt(st, fd, &mut op, &mut a.drained) {
            drop(a);
            return match res {
                Ok(_) if flags & TRUNCATED != 0 => {
                    deliver(op, res, flags, true);
                    Err(WSAEMSGSIZE)
                }
                Ok(n) => {
                    deliver(op, Ok(n), flags, true);
                    Ok(n)
                }
                // Windows never fails a ConnectEx inside the call: a refusal is its completion.
                Err(e) if matches!(op.kind, Kind::Connect { .. }) => complete_later(op, e),
                // A failure at once is reported by the call alone, with no completion.
                Err(e) => Err(e),
            };
        }
    }
    mark_pending(&op);
    if read {
        a.reads.push_back(op);
    } else {
        a.writes.push_back(op);
    }
    // Registered before the lock goes: a closesocket waiting for it then forgets after us.
    engine::arm(fd, interest(&a));
    drop(a);
    Err(WSA_IO_PENDING)
}

/// An operation that failed inside its call but, as on Windows, reports it as a completion:
/// WSA_IO_PENDING, then the usual notification with `error`.
fn complete_later(op: Op, error: i32) -> Result<u32, i32> {
    mark_pending(&op);
    deliver(op, Err(error), 0, false);
    Err(WSA_IO_PENDING)
}

/// Marks the WSAOVERLAPPED in progress and resets its event, before anyone can complete it.
fn mark_pending(op: &Op) {
    // SAFETY: the program's WSAOVERLAPPED, valid until completion.
    unsafe {
        std::ptr::write_volatile(&mut (*op.ov).Internal, STATUS_PENDING);
        (*op.ov).InternalHigh = 0;
    }
    if op.routine.is_none() {
        // SAFETY: as above.
        let ev = unsafe { (*op.ov).hEvent } as usize & !1;
        if ev != 0 {
            if let Some(reset) = upcalls().and_then(|u| u.lpWPUResetEvent) {
                let mut e = 0;
                // SAFETY: ws2_32's upcall with the program's event.
                unsafe { reset(ev as WSAEVENT, &mut e) };
            }
        }
    }
}

/// AcceptEx with receive data: never complete inside the call; an accepted connection goes
/// on to wait for its first data on the new socket.
pub(super) fn submit_accept_with_data(s: SOCKET, st: &'static SocketState, mut op: Op) -> Result<u32, i32> {
    let fd = s as sys::Fd;
    mark_pending(&op);
    let mut a = asyncstate::lock(fd).ok_or(WSAENOTSOCK)?;
    if a.reads.is_empty() {
        match attempt(st, fd, &mut op, &mut a.drained) {
            Step::Done(Ok(_), _) => {
                drop(a);
                super::mswsock::continue_accept(op);
                return Err(WSA_IO_PENDING);
            }
            Step::Done(Err(e), _) => return Err(e),
            Step::Pending => {}
        }
    }
    a.reads.push_back(op);
    // Registered before the lock goes: a closesocket waiting for it then forgets after us.
    engine::arm(fd, interest(&a));
    drop(a);
    Err(WSA_IO_PENDING)
}

pub(super) fn current_thread() -> Result<WSATHREADID, i32> {
    let open = upcalls().and_then(|u| u.lpWPUOpenCurrentThread).ok_or(WSAEINVAL)?;
    let mut id = WSATHREADID { ThreadHandle: std::ptr::null_mut(), Reserved: 0 };
    let mut e = 0;
    // SAFETY: ws2_32's upcall filling our local.
    if unsafe { open(&mut id, &mut e) } != 0 {
        return Err(if e == 0 { WSAEINVAL } else { e });
    }
    Ok(id)
}

/// A completion routine call, carried through an APC.
struct RoutineCall {
    routine: unsafe extern "system" fn(u32, u32, *mut OVERLAPPED, u32),
    error: u32,
    bytes: u32,
    ov: *mut OVERLAPPED,
    flags: u32,
}

unsafe extern "system" fn run_routine(ctx: usize) {
    // SAFETY: `ctx` is the Box deliver() leaked for this APC, run exactly once.
    let c = unsafe { Box::from_raw(ctx as *mut RoutineCall) };
    // SAFETY: the program's completion routine with its own WSAOVERLAPPED.
    unsafe { (c.routine)(c.error, c.bytes, c.ov, c.flags) };
}

/// Delivers a finished operation: the WSAOVERLAPPED's fields, then the completion routine
/// (as an APC) or the port packet and event. `immediate`: it finished inside the call, where
/// FILE_SKIP_COMPLETION_PORT_ON_SUCCESS suppresses the packet.
pub(super) fn deliver(op: Op, res: Result<u32, i32>, flags: u32, immediate: bool) {
    let truncated = flags & TRUNCATED != 0;
    let (error, bytes) = match res {
        Ok(n) if truncated => (WSAEMSGSIZE as u32, n),
        Ok(n) => (0u32, n),
        Err(e) => (e as u32, 0),
    };
    let flags = flags & !TRUNCATED;
    let ov = op.ov;
    // SAFETY: the program's WSAOVERLAPPED; Offset carries the receive flags for
    // WSAGetOverlappedResult (sockets ignore it on input).
    unsafe { (*ov).Anonymous.Anonymous.Offset = flags };
    // Skip-on-success spares a truncated receive's packet too (its status is no error), as
    // wine does; the call has reported it.
    let skip = immediate && (error == 0 || truncated) && crate::kernel::iocp::skips_on_success(op.port_socket);
    if let (Some(routine), Some(thread)) = (op.routine, op.thread) {
        write_result(ov, error, bytes);
        let call = Box::into_raw(Box::new(RoutineCall { routine, error, bytes, ov, flags })) as usize;
        if let Some(queue) = upcalls().and_then(|u| u.lpWPUQueueApc) {
            let mut e = 0;
            // SAFETY: ws2_32's upcall; the APC frees `call`.
            unsafe { queue(&thread, Some(run_routine), call, &mut e) };
        }
    } else if skip {
        write_result(ov, error, bytes);
        // SAFETY: as above.
        let ev = unsafe { (*ov).hEvent } as usize & !1;
        if ev != 0 {
            if let Some(set) = upcalls().and_then(|u| u.lpWPUSetEvent) {
                let mut e = 0;
                // SAFETY: ws2_32's upcall with the program's event.
                unsafe { set(ev as WSAEVENT, &mut e) };
            }
        }
    } else {
        let mut e = 0;
        // SAFETY: ws2_32's export; `ov` is the program's live WSAOVERLAPPED.
        unsafe { crate::spi::upcall::WPUCompleteOverlappedRequest(op.port_socket, ov, error, bytes, &mut e) };
    }
    if WAITERS.load(Ordering::Acquire) > 0 {
        let _g = DONE_LOCK.lock().unwrap_or_else(|e| e.into_inner());
        DONE_CV.notify_all();
    }
}

fn write_result(ov: *mut OVERLAPPED, error: u32, bytes: u32) {
    // SAFETY: the program's live WSAOVERLAPPED; bytes before status, as readers poll Internal.
    unsafe {
        std::ptr::write_volatile(&mut (*ov).InternalHigh, bytes as usize);
        std::sync::atomic::fence(Ordering::Release);
        std::ptr::write_volatile(&mut (*ov).Internal, error as usize);
    }
}

/// The reactor's entry: readiness on `fd`. Runs queued operations until one must wait,
/// updates the WSAEventSelect record, re-arms, then delivers what finished.
pub fn on_ready(fd: i32, revents: u32) {
    let Ok(st) = state::get(fd as SOCKET) else { return };
    let Some(mut guard) = asyncstate::lock_existing(fd) else { return };
    let a = &mut *guard;
    a.drained = false;
    settle_connect(st, fd, revents as i16);
    // Usually one operation finishes per notification: it needs no collection.
    let mut first: Option<(Op, Result<u32, i32>, u32)> = None;
    let mut more = Vec::new();
    let mut follow_ups = Vec::new();
    for read in [true, false] {
        loop {
            let q = if read { &mut a.reads } else { &mut a.writes };
            let Some(op) = q.front_mut() else { break };
            match attempt(st, fd, op, &mut a.drained) {
                Step::Pending => break,
                Step::Done(res, flags) => {
                    let op = q.pop_front().unwrap();
                    match (&op.kind, res) {
                        // AcceptEx with receive data continues on the accepted socket.
                        (Kind::Accept(job), Ok(_)) if job.recv_len > 0 => follow_ups.push(op),
                        _ if first.is_none() => first = Some((op, res, flags)),
                        _ => more.push((op, res, flags)),
                    }
                }
            }
        }
    }
    let dirs = interest(a) | netevents::refresh(st, fd, a);
    // Registered before the lock goes: a closesocket waiting for it then forgets after us.
    if dirs != 0 {
        engine::arm(fd, dirs);
    }
    drop(guard);
    for op in follow_ups {
        super::mswsock::continue_accept(op);
    }
    for (op, res, flags) in first.into_iter().chain(more) {
        deliver(op, res, flags, false);
    }
}

/// Queues an operation on another socket than the one whose readiness produced it (tried at
/// once when nothing waits before it: notifications report changes, not levels).
pub(super) fn enqueue(s: SOCKET, mut op: Op) {
    let fd = s as sys::Fd;
    let Some(mut a) = asyncstate::lock(fd) else { return };
    let queue_empty = if is_read(&op.kind) { a.reads.is_empty() } else { a.writes.is_empty() };
    if queue_empty {
        if let Ok(st) = state::get(s) {
            if let Step::Done(res, flags) = attempt(st, fd, &mut op, &mut a.drained) {
                drop(a);
                deliver(op, res, flags, false);
                return;
            }
        }
    }
    if is_read(&op.kind) {
        a.reads.push_back(op);
    } else {
        a.writes.push_back(op);
    }
    engine::arm(fd, interest(&a));
    drop(a);
}

/// closesocket: every queued operation completes with WSA_OPERATION_ABORTED.
pub(super) fn abort_all(fd: sys::Fd) {
    abort_queued(fd, engine::forget)
}

/// A socket made anew under the same handle (TF_REUSE_SOCKET): as closing, but the handle
/// keeps its completion-port route, as Windows keeps the association.
pub(super) fn abort_for_reuse(fd: sys::Fd) {
    abort_queued(fd, engine::unregister)
}

fn abort_queued(fd: sys::Fd, release: fn(i32)) {
    let Some(mut a) = asyncstate::lock_existing(fd) else { return };
    let mut ops: Vec<Op> = a.reads.drain(..).collect();
    ops.extend(a.writes.drain(..));
    netevents::forget(&mut a);
    a.drained = false;
    drop(a);
    release(fd);
    for op in ops {
        deliver(op, Err(WSA_OPERATION_ABORTED), 0, false);
    }
}

pub(super) unsafe extern "system" fn wsp_get_overlapped_result(
    s: SOCKET,
    ov: *const OVERLAPPED,
    bytes: *mut u32,
    wait: BOOL,
    flags: *mut u32,
    errno: *mut i32,
) -> BOOL {
    super::spi(errno, FALSE, || {
        state::get(s)?;
        if crate::ffi::bad_ptr(ov) || crate::ffi::bad_ptr(bytes) || crate::ffi::bad_ptr(flags) {
            return Err(WSAEFAULT);
        }
        // SAFETY: checked; the program's WSAOVERLAPPED, written by completions.
        let status = || unsafe { std::ptr::read_volatile(&(*ov).Internal) };
        if status() == STATUS_PENDING {
            if wait == FALSE {
                return Err(WSA_IO_INCOMPLETE);
            }
            WAITERS.fetch_add(1, Ordering::AcqRel);
            let mut g = DONE_LOCK.lock().unwrap_or_else(|e| e.into_inner());
            while status() == STATUS_PENDING {
                g = DONE_CV.wait_timeout(g, std::time::Duration::from_millis(50)).unwrap_or_else(|e| e.into_inner()).0;
            }
            drop(g);
            WAITERS.fetch_sub(1, Ordering::AcqRel);
        }
        std::sync::atomic::fence(Ordering::Acquire);
        // SAFETY: as above.
        unsafe {
            *bytes = (*ov).InternalHigh as u32;
            *flags = (*ov).Anonymous.Anonymous.Offset;
        }
        match status() {
            0 => Ok(TRUE),
            e => Err(e as i32),
        }
    })
}

/// Connected-state bookkeeping for ConnectEx.
pub(super) fn mark_connecting(st: &SocketState) {
    st.set(CONNECT_FAILED | CONNECTED, false);
    st.so_error.store(0, Ordering::Relaxed);
    st.set(CONNECTING, true);
}

// Every operation is moved into its socket's queue and out again: rare fields stay boxed.
const _: () = assert!(std::mem::size_of::<Op>() <= 112);
