//! TransmitFile in the base provider (an mswsock extension, offered through `mswsock`'s table):
//! the head buffer, the file, the tail buffer, then TF_DISCONNECT / TF_REUSE_SOCKET.
//!
//! With an OVERLAPPED it is an overlapped operation like WSASend: tried at once, and when the
//! socket cannot take everything it waits in the socket's write queue, the reactor carrying it
//! on as room appears (`overlapped`). The call then fails with WSA_IO_PENDING; the completion
//! (event, port packet — skipped on success at once as for any operation) reports the bytes of
//! head, file and tail together. The file is read from the OVERLAPPED's Offset/OffsetHigh and
//! its own position is left alone; closesocket and CancelIo(Ex) abort the transfer as any
//! queued operation.
//!
//! Without an OVERLAPPED the calling thread does the whole transfer, from the file's current
//! position (advancing it), waiting for room as needed — on a non-blocking socket too, as wine
//! does (the documentation names no WSAEWOULDBLOCK); closesocket from another thread ends it
//! with WSAEINTR.
//!
//! The file goes by sendfile(2) where it cannot block: always in the synchronous form, and for
//! an overlapped transfer when the descriptor is O_NONBLOCK (FIONBIO, WSAEventSelect).
//! sendfile has no MSG_DONTWAIT, so an overlapped transfer on a blocking descriptor reads the
//! file into a buffer and sends that with MSG_DONTWAIT (FIONBIO changes the descriptor under
//! the socket's async-state lock, so the check holds for the attempt). nNumberOfBytesPerSend
//! bounds each send; TF_WRITE_BEHIND and the worker-thread flags are hints with nothing to
//! choose here (an operation completes once the socket has taken its data).

use super::mswsock::{ext, new_op, renew, reuse, TF_DISCONNECT, TF_REUSE_SOCKET};
use super::overlapped::{self, Kind, Step};
use super::socket::{is_connected, wsa};
use super::state::{self, Blocked, SocketState, SHUT_SEND};
use crate::abi::*;
use crate::error::wsa_from_errno;
use crate::ffi::bad_ptr;
use crate::sys::engine;
use crate::sys::fd as file_io;
use crate::sys::socket as sys;

/// TRANSMIT_FILE_BUFFERS.
#[repr(C)]
pub struct TransmitFileBuffers {
    head: *mut core::ffi::c_void,
    head_len: u32,
    tail: *mut core::ffi::c_void,
    tail_len: u32,
}

/// Bytes read per copy when nNumberOfBytesPerSend is 0.
const COPY_CHUNK: usize = 64 * 1024;
/// Most bytes one sendfile is asked for when nNumberOfBytesPerSend is 0.
const SENDFILE_MAX: usize = 1 << 30;

/// What is still unsent of one of the program's buffers.
struct Chunk {
    p: *const u8,
    len: usize,
}

impl Chunk {
    fn new(p: *const core::ffi::c_void, len: u32) -> Chunk {
        Chunk { p: p as *const u8, len: if p.is_null() { 0 } else { len as usize } }
    }
}

/// The file part of a transfer.
struct FilePart {
    fd: i32,
    /// Where the next read starts; None: the file's own position.
    offset: Option<i64>,
    /// Bytes still to take from the file (u64::MAX: up to its end).
    left: u64,
    /// nNumberOfBytesPerSend (0: the defaults above).
    per_send: usize,
    /// The copy path's buffer: bytes read and not yet sent are buf[at..end].
    buf: Vec<u8>,
    at: usize,
    end: usize,
    /// sendfile cannot read this file (not a regular file): always copy.
    copy_only: bool,
}

/// Why a step stopped: a Linux errno from the socket, or a file that could not be read.
enum Fail {
    Socket(i32),
    File,
}

impl Fail {
    fn wsa(self, st: &SocketState) -> i32 {
        match self {
            Fail::Socket(libc::EPIPE) if st.has(SHUT_SEND) => WSAESHUTDOWN,
            Fail::Socket(libc::EPIPE) => WSAECONNRESET,
            Fail::Socket(e) => wsa_from_errno(e),
            // A file that cannot be read is an invalid argument.
            Fail::File => WSAEINVAL,
        }
    }
}

/// A transfer in progress (boxed in `Kind::Transmit`, off the common operations' path).
pub(super) struct TransmitJob {
    head: Chunk,
    file: Option<FilePart>,
    tail: Chunk,
    flags: u32,
    sent: u64,
    /// The OVERLAPPED's Offset, handed back as the completion's flags: delivery stores receive
    /// flags in Offset, and this leaves the program's file offset as it set it.
    offset_low: u32,
}

/// Sends what is left of `c`; Ok(true) once all of it went.
fn send_chunk(fd: sys::Fd, c: &mut Chunk, flags: i32, sent: &mut u64) -> Result<bool, Fail> {
    while c.len > 0 {
        let iov = [libc::iovec { iov_base: c.p as *mut libc::c_void, iov_len: c.len }];
        match sys::sendmsg(fd, &iov, None, flags) {
            Ok(n) => {
                // SAFETY: advancing within the program's buffer (n <= len).
                c.p = unsafe { c.p.add(n) };
                c.len -= n;
                *sent += n as u64;
            }
            Err(libc::EINTR) => {}
            Err(libc::EAGAIN) => return Ok(false),
            Err(e) => return Err(Fail::Socket(e)),
        }
    }
    Ok(true)
}

impl FilePart {
    /// Sends file data until the socket is full or the part is done (Ok(true)).
    fn step(&mut self, sock: sys::Fd, wait: bool, flags: i32, sent: &mut u64) -> Result<bool, Fail> {
        let mut by_sendfile = !self.copy_only && (wait || file_io::nonblocking(sock));
        loop {
            if self.at < self.end {
                let mut rest = Chunk { p: self.buf[self.at..].as_ptr(), len: self.end - self.at };
                let all = send_chunk(sock, &mut rest, flags, sent);
                self.at = self.end - rest.len;
                if !all? {
                    return Ok(false);
                }
            }
            if self.left == 0 {
                return Ok(true);
            }
            if by_sendfile {
                let want = self.left.min(if self.per_send > 0 { self.per_send } else { SENDFILE_MAX } as u64) as usize;
                match file_io::sendfile(sock, self.fd, self.offset.as_mut(), want) {
                    Ok(0) => return Ok(true), // the end of the file
                    Ok(n) => {
                        self.left -= n as u64;
                        *sent += n as u64;
                    }
                    Err(libc::EINTR) => {}
                    Err(libc::EAGAIN) => return Ok(false),
                    Err(libc::EINVAL) | Err(libc::ENOSYS) => {
                        self.copy_only = true;
                        by_sendfile = false;
                    }
                    Err(libc::EBADF | libc::EIO | libc::ESPIPE | libc::EOVERFLOW) => return Err(Fail::File),
                    Err(e) => return Err(Fail::Socket(e)),
                }
            } else {
                if self.buf.is_empty() {
                    let chunk = if self.per_send > 0 { self.per_send.min(1 << 20) } else { COPY_CHUNK };
                    self.buf = vec![0; self.left.min(chunk as u64) as usize];
                }
                let want = self.left.min(self.buf.len() as u64) as usize;
                match file_io::read(self.fd, &mut self.buf[..want], self.offset) {
                    Ok(0) => return Ok(true),
                    Ok(n) => {
                        (self.at, self.end) = (0, n);
                        self.left -= n as u64;
                        if let Some(o) = &mut self.offset {
                            *o += n as i64;
                        }
                    }
                    Err(libc::EINTR) => {}
                    Err(_) => return Err(Fail::File),
                }
            }
        }
    }
}

impl TransmitJob {
    /// Sends as much as the socket takes; Ok(true) once head, file and tail are all sent.
    /// `wait`: the calling thread may block in the kernel (the synchronous form).
    fn step(&mut self, fd: sys::Fd, wait: bool) -> Result<bool, Fail> {
        let flags = if wait { 0 } else { libc::MSG_DONTWAIT };
        if !send_chunk(fd, &mut self.head, flags, &mut self.sent)? {
            return Ok(false);
        }
        if let Some(f) = &mut self.file {
            if !f.step(fd, wait, flags, &mut self.sent)? {
                return Ok(false);
            }
            self.file = None;
        }
        send_chunk(fd, &mut self.tail, flags, &mut self.sent)
    }

    /// After the data: TF_DISCONNECT shuts the sending side down (the peer gets its FIN after
    /// the data); TF_REUSE_SOCKET then gives the socket a fresh descriptor. `queued`: the
    /// caller holds the socket's async-state lock, so only the engine registration leaves with
    /// the old connection, and operations queued behind this one meet the fresh socket.
    fn disconnect(&self, st: &SocketState, fd: sys::Fd, queued: bool) -> Result<(), i32> {
        if self.flags & (TF_DISCONNECT | TF_REUSE_SOCKET) == 0 {
            return Ok(());
        }
        wsa(sys::shutdown(fd, libc::SHUT_WR))?;
        st.set(SHUT_SEND, true);
        match (self.flags & TF_REUSE_SOCKET != 0, queued) {
            (false, _) => Ok(()),
            (true, true) => renew(st, fd, || engine::unregister(fd)),
            (true, false) => reuse(st, fd),
        }
    }
}

/// An overlapped transfer's attempt (from `overlapped`, under the socket's async-state lock).
pub(super) fn attempt(st: &SocketState, fd: sys::Fd, job: &mut TransmitJob) -> Step {
    let res = match job.step(fd, false) {
        Ok(false) => return Step::Pending,
        Ok(true) => job.disconnect(st, fd, true).map(|()| job.sent as u32),
        Err(f) => Err(f.wsa(st)),
    };
    Step::Done(res, job.offset_low)
}

/// TransmitFile without an OVERLAPPED: the whole transfer in the calling thread.
fn transmit_now(st: &SocketState, fd: sys::Fd, mut job: TransmitJob) -> Result<(), i32> {
    let blocked = Blocked::enter(st);
    loop {
        let r = job.step(fd, true);
        if blocked.closed() {
            return Err(WSAEINTR);
        }
        match r {
            Ok(true) => break,
            // A non-blocking socket is full: wait for room (closesocket's shutdown wakes it).
            Ok(false) => {
                wsa(sys::poll_one(fd, libc::POLLOUT, -1))?;
            }
            Err(f) => return Err(f.wsa(st)),
        }
    }
    drop(blocked);
    job.disconnect(st, fd, false)
}

pub(super) unsafe extern "system" fn transmit_file(
    s: SOCKET,
    file: HANDLE,
    count: u32,
    per_send: u32,
    ov: *mut OVERLAPPED,
    buffers: *const TransmitFileBuffers,
    flags: u32,
) -> BOOL {
    ext(|| {
        let st = state::get(s)?;
        let fd = s as sys::Fd;
        if (!ov.is_null() && bad_ptr(ov)) || (!buffers.is_null() && bad_ptr(buffers)) {
            return Err(WSAEFAULT);
        }
        if !is_connected(st, fd) {
            return Err(WSAENOTCONN);
        }
        // On Linux a file HANDLE is its descriptor.
        let file_fd = (!file.is_null()).then_some(file as usize as i32);
        if file_fd.is_some_and(|f| !file_io::readable(f)) {
            return Err(WSAEINVAL);
        }
        // SAFETY: null or the caller's OVERLAPPED (checked above), whose Offset/OffsetHigh
        // say where the file starts.
        let (offset_low, offset) = match unsafe { ov.as_ref() } {
            Some(o) => {
                // SAFETY: plain fields of the live OVERLAPPED.
                let (low, high) = unsafe { (o.Anonymous.Anonymous.Offset, o.Anonymous.Anonymous.OffsetHigh) };
                (low, Some(((high as u64) << 32 | low as u64) as i64))
            }
            None => (0, None),
        };
        // SAFETY: null or the caller's TRANSMIT_FILE_BUFFERS (checked above).
        let bufs = unsafe { buffers.as_ref() };
        let job = TransmitJob {
            head: bufs.map_or(Chunk::new(std::ptr::null(), 0), |b| Chunk::new(b.head, b.head_len)),
            file: file_fd.map(|fd| FilePart {
                fd,
                offset,
                left: if count == 0 { u64::MAX } else { count as u64 },
                per_send: per_send as usize,
                buf: Vec::new(),
                at: 0,
                end: 0,
                copy_only: false,
            }),
            tail: bufs.map_or(Chunk::new(std::ptr::null(), 0), |b| Chunk::new(b.tail, b.tail_len)),
            flags,
            sent: 0,
            offset_low,
        };
        if ov.is_null() {
            return transmit_now(st, fd, job).map(|()| TRUE);
        }
        overlapped::submit(s, st, new_op(Kind::Transmit(Box::new(job)), ov, s))?;
        Ok(TRUE)
    })
}
