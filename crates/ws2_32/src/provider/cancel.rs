//! CancelIo and CancelIoEx in the base provider. ws2_32's kernel32 side reaches the socket's
//! provider through WSPIoctl with ws2's private code SIO_WS2_CANCEL_IO (ws2spi.h); here the
//! matching pending operations — every one, those with a given WSAOVERLAPPED, or those a given
//! thread issued — leave their queues and complete through their usual notification (event,
//! port packet, completion routine) with WSA_OPERATION_ABORTED, as closesocket's do. The
//! socket itself is untouched and stays usable. An operation the reactor has already taken off
//! its queue completes normally, which CancelIoEx's documentation allows.
//!
//! An operation belongs to the socket it was issued on (`Op::port_socket`): AcceptEx's wait for
//! the first data sits in the accepted socket's queue but is cancelled through the listener.
//!
//! A ConnectEx cancelled before the connection is made aborts the attempt: the descriptor is
//! disconnected (connect to AF_UNSPEC), and the socket is left unconnected and bound. Windows
//! gives such a socket no further use but closesocket; Linux would accept a new connect.

use super::asyncstate::{self, AsyncState};
use super::overlapped::{deliver, Kind, Op};
use super::state::{SocketState, CONNECTING, LISTENING};
use crate::abi::*;
use crate::ffi::bad_ptr;
use crate::sys::socket as sys;
use std::collections::VecDeque;

/// ws2's private WSPIoctl code for CancelIo/CancelIoEx (vendor space, after SIO_WS2_POLL):
/// input a `CancelRequest`, output a DWORD, the number of operations marked for cancellation.
pub const SIO_WS2_CANCEL_IO: u32 = 0x9800_7774;

/// WS2_CANCEL_IO in ws2spi.h.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct CancelRequest {
    /// Only the operations with this WSAOVERLAPPED; null: any.
    pub ov: *mut OVERLAPPED,
    /// Only the operations this thread issued (CancelIo); null: any thread's.
    pub thread: *const WSATHREADID,
}

/// Which operations a request picks.
struct Filter {
    socket: SOCKET,
    ov: *mut OVERLAPPED,
    issuer: Option<u64>,
}

impl Filter {
    fn picks(&self, op: &Op) -> bool {
        op.port_socket == self.socket && (self.ov.is_null() || op.ov == self.ov) && self.issuer.is_none_or(|t| op.issuer == t)
    }
}

/// WSPIoctl(SIO_WS2_CANCEL_IO).
pub(super) fn ioctl(
    s: SOCKET,
    st: &SocketState,
    inbuf: *const core::ffi::c_void,
    inlen: u32,
    outbuf: *mut core::ffi::c_void,
    outlen: u32,
    returned: *mut u32,
) -> Result<i32, i32> {
    if bad_ptr(inbuf) || (inlen as usize) < std::mem::size_of::<CancelRequest>() || bad_ptr(outbuf) || outlen < 4 {
        return Err(WSAEFAULT);
    }
    // SAFETY: checked: a request's worth of readable bytes.
    let req = unsafe { std::ptr::read_unaligned(inbuf as *const CancelRequest) };
    // SAFETY: null or ws2_32's WSATHREADID, whose Reserved is the thread's serial number.
    let issuer = unsafe { req.thread.as_ref() }.map(|t| t.Reserved as u64);
    let n = cancel(st, Filter { socket: s, ov: req.ov, issuer });
    // SAFETY: checked: 4 writable bytes.
    unsafe {
        std::ptr::write_unaligned(outbuf as *mut u32, n);
        if !returned.is_null() {
            *returned = 4;
        }
    }
    Ok(0)
}

/// Takes the picked operations off their queues, then completes them as aborted; returns how
/// many there were.
fn cancel(st: &SocketState, f: Filter) -> u32 {
    let fd = f.socket as sys::Fd;
    let mut ops = Vec::new();
    if let Some(mut a) = asyncstate::lock_existing(fd) {
        take(&mut a.reads, |op| f.picks(op), &mut ops);
        take(&mut a.writes, |op| f.picks(op), &mut ops);
        // Under the lock, so the reactor cannot settle the connect meanwhile.
        if st.has(CONNECTING) && ops.iter().any(|op| matches!(op.kind, Kind::Connect { .. })) {
            abort_connect(st, fd, &a);
        }
    }
    if st.has(LISTENING) {
        // AcceptEx waiting for the first data on its accepted socket.
        asyncstate::each(|_, a| take(&mut a.reads, |op| matches!(op.kind, Kind::AcceptRecv(_)) && f.picks(op), &mut ops));
    }
    let n = ops.len() as u32;
    for op in ops {
        deliver(op, Err(WSA_OPERATION_ABORTED), 0, false);
    }
    n
}

/// Moves the operations `pick` chooses from `q` to `out`, keeping the others in order.
fn take(q: &mut VecDeque<Op>, pick: impl Fn(&Op) -> bool, out: &mut Vec<Op>) {
    let mut i = 0;
    while i < q.len() {
        if pick(&q[i]) {
            out.extend(q.remove(i));
        } else {
            i += 1;
        }
    }
}

/// Drops a connection attempt whose ConnectEx was cancelled (the caller holds the socket's
/// async-state lock, shown by `_locked`).
fn abort_connect(st: &SocketState, fd: sys::Fd, _locked: &AsyncState) {
    let _ = sys::disconnect(fd);
    // The disconnect leaves ECONNRESET pending; nothing failed from the program's view.
    let _ = sys::getsockopt::<i32>(fd, libc::SOL_SOCKET, libc::SO_ERROR);
    st.set(CONNECTING, false);
}
