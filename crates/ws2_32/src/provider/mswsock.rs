//! The Microsoft extensions the base provider serves through WSPIoctl
//! (SIO_GET_EXTENSION_FUNCTION_POINTER): AcceptEx (with receive data and the address block
//! GetAcceptExSockaddrs reads), ConnectEx (with send data; the socket must be bound),
//! DisconnectEx, TransmitFile (from `transmit`) and WSARecvMsg/WSASendMsg (from `msg`). Being
//! called directly by the program, they set the thread's last error themselves, as mswsock's
//! do.

use super::overlapped::{self, Bufs, Kind, Op, Step};
use super::socket::{is_bound, is_connected, socket_addr, wsa};
use super::state::{self, SocketState, BOUND, CONNECTED, CONNECTING, LISTENING, NONBLOCKING, SHUT_RECV, SHUT_SEND};
use crate::abi::*;
use crate::error::{set_last_error, wsa_from_errno};
use crate::ffi::bad_ptr;
use crate::sys::engine;
use crate::sys::sockaddr::{af_to_linux, sockaddr_len, LinuxAddr};
use crate::sys::socket as sys;
use std::sync::atomic::Ordering;

pub(super) struct AcceptJob {
    pub accept_socket: SOCKET,
    pub out: *mut u8,
    pub recv_len: u32,
    pub local_len: u32,
    pub remote_len: u32,
    pub peer: LinuxAddr,
}

/// Runs an extension's body: Err(code) sets the last error and returns FALSE.
pub(super) fn ext(body: impl FnOnce() -> Result<BOOL, i32>) -> BOOL {
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(body)) {
        Ok(Ok(v)) => v,
        Ok(Err(code)) => {
            set_last_error(code as u32);
            FALSE
        }
        Err(_) => {
            set_last_error(WSASYSCALLFAILURE as u32);
            FALSE
        }
    }
}

/// The result of `overlapped::submit` as an extension reports it.
fn finish(r: Result<u32, i32>, out: *mut u32) -> Result<BOOL, i32> {
    let n = r?;
    if !out.is_null() {
        // SAFETY: the caller's count variable.
        unsafe { *out = n };
    }
    Ok(TRUE)
}

/// Moves a connection accepted on a listener onto the AcceptEx socket.
fn install(accept_socket: SOCKET, nfd: sys::Fd) -> Result<(), i32> {
    let ast = state::get(accept_socket)?;
    let afd = accept_socket as sys::Fd;
    engine::unregister(afd);
    wsa(crate::sys::fd::replace(nfd, afd))?;
    wsa(sys::set_nonblocking(afd, ast.has(NONBLOCKING)))?;
    ast.set(SHUT_SEND | SHUT_RECV | CONNECTING | LISTENING, false);
    ast.set_connected();
    Ok(())
}

pub(super) fn attempt_accept(_st: &SocketState, fd: sys::Fd, job: &mut AcceptJob) -> Step {
    loop {
        match sys::accept(fd, true) {
            Err(libc::EAGAIN) => return Step::Pending,
            Err(libc::EINTR) | Err(libc::ECONNABORTED) => continue,
            Err(e) => return Step::Done(Err(wsa_from_errno(e)), 0),
            Ok((nfd, peer)) => {
                if let Err(e) = install(job.accept_socket, nfd) {
                    return Step::Done(Err(e), 0);
                }
                job.peer = peer;
                if job.recv_len == 0 {
                    write_addresses(job);
                }
                return Step::Done(Ok(0), 0);
            }
        }
    }
}

pub(super) fn attempt_accept_recv(fd: sys::Fd, job: &mut AcceptJob) -> Step {
    let mut iov = [libc::iovec { iov_base: job.out as *mut libc::c_void, iov_len: job.recv_len as usize }];
    match sys::recvmsg(fd, &mut iov, libc::MSG_DONTWAIT, None) {
        Err(libc::EAGAIN) | Err(libc::EINTR) => Step::Pending,
        Err(e) => Step::Done(Err(wsa_from_errno(e)), 0),
        Ok(r) => {
            write_addresses(job);
            Step::Done(Ok(r.bytes as u32), 0)
        }
    }
}

/// AcceptEx with receive data: after the accept, wait for the first data on the new socket.
pub(super) fn continue_accept(mut op: Op) {
    let Kind::Accept(job) = op.kind else { return };
    let s = job.accept_socket;
    op.kind = Kind::AcceptRecv(job);
    overlapped::enqueue(s, op);
}

/// The address block after the received data: for each end, a 4-byte length and the
/// Windows sockaddr (GetAcceptExSockaddrs reads it back).
fn write_addresses(job: &AcceptJob) {
    let local = sys::getsockname(job.accept_socket as sys::Fd).unwrap_or(LinuxAddr::empty());
    let areas = [
        (job.recv_len as usize, job.local_len as usize, local),
        ((job.recv_len + job.local_len) as usize, job.remote_len as usize, job.peer),
    ];
    for (at, room, addr) in areas {
        let (bytes, len) = addr.windows_bytes();
        let len = len.min(room.saturating_sub(4));
        // SAFETY: the caller's buffer holds recv_len + local_len + remote_len bytes.
        unsafe {
            let p = job.out.add(at);
            std::ptr::write_unaligned(p as *mut u32, len as u32);
            std::ptr::copy_nonoverlapping(bytes.as_ptr(), p.add(4), len);
        }
    }
}

pub(super) fn new_op(kind: Kind, ov: *mut OVERLAPPED, port_socket: SOCKET) -> Op {
    Op { kind, ov, routine: None, thread: None, port_socket, issuer: crate::kernel::thread::serial() }
}

pub(super) unsafe extern "system" fn accept_ex(
    listener: SOCKET,
    accept_socket: SOCKET,
    out: *mut core::ffi::c_void,
    recv_len: u32,
    local_len: u32,
    remote_len: u32,
    received: *mut u32,
    ov: *mut OVERLAPPED,
) -> BOOL {
    ext(|| {
        let st = state::get(listener)?;
        let ast = state::get(accept_socket)?;
        if bad_ptr(ov) || bad_ptr(out) {
            return Err(if ov.is_null() { WSAEINVAL } else { WSAEFAULT });
        }
        if !st.has(LISTENING) || ast.has(CONNECTED | LISTENING) || ast.ty() != st.ty() {
            return Err(WSAEINVAL);
        }
        let need = sockaddr_len(st.af()).unwrap_or(16) as u32 + 16;
        if local_len < need || remote_len < need {
            return Err(WSAEINVAL);
        }
        let job = Box::new(AcceptJob { accept_socket, out: out as *mut u8, recv_len, local_len, remote_len, peer: LinuxAddr::empty() });
        if recv_len > 0 {
            // The data arrives later: always pending, continued on the accepted socket.
            return finish(overlapped::submit_accept_with_data(listener, st, new_op(Kind::Accept(job), ov, listener)), received);
        }
        finish(overlapped::submit(listener, st, new_op(Kind::Accept(job), ov, listener)), received)
    })
}

/// # Safety
/// `buf` must be an AcceptEx output buffer of the given lengths; out pointers writable.
pub(super) unsafe extern "system" fn get_accept_ex_sockaddrs(
    buf: *mut core::ffi::c_void,
    recv_len: u32,
    local_len: u32,
    _remote_len: u32,
    local: *mut *mut SOCKADDR,
    local_out_len: *mut i32,
    remote: *mut *mut SOCKADDR,
    remote_out_len: *mut i32,
) {
    if bad_ptr(buf) {
        return;
    }
    let base = buf as *mut u8;
    // SAFETY: the caller passes the buffer AcceptEx filled, with the same lengths.
    unsafe {
        let l = base.add(recv_len as usize);
        let r = base.add((recv_len + local_len) as usize);
        if !local.is_null() {
            *local = l.add(4) as *mut SOCKADDR;
        }
        if !local_out_len.is_null() {
            *local_out_len = std::ptr::read_unaligned(l as *const u32) as i32;
        }
        if !remote.is_null() {
            *remote = r.add(4) as *mut SOCKADDR;
        }
        if !remote_out_len.is_null() {
            *remote_out_len = std::ptr::read_unaligned(r as *const u32) as i32;
        }
    }
}

pub(super) unsafe extern "system" fn connect_ex(
    s: SOCKET,
    name: *const SOCKADDR,
    namelen: i32,
    data: *const core::ffi::c_void,
    data_len: u32,
    sent: *mut u32,
    ov: *mut OVERLAPPED,
) -> BOOL {
    ext(|| {
        let st = state::get(s)?;
        let fd = s as sys::Fd;
        if bad_ptr(ov) {
            return Err(WSAEINVAL);
        }
        // SAFETY: forwarded caller contract.
        let addr = unsafe { socket_addr(st, name, namelen, WSAEAFNOSUPPORT) }?;
        if !st.is_stream() || st.has(LISTENING) {
            return Err(WSAEINVAL);
        }
        if st.has(CONNECTING) {
            return Err(WSAEALREADY);
        }
        if is_connected(st, fd) {
            return Err(WSAEISCONN);
        }
        if !is_bound(st, fd) {
            return Err(WSAEINVAL);
        }
        let failed_before = st.has(super::state::CONNECT_FAILED);
        overlapped::mark_connecting(st);
        let blocking = !st.has(NONBLOCKING);
        if blocking {
            wsa(sys::set_nonblocking(fd, true))?;
        }
        let r = super::socket::connect_again(fd, &addr, failed_before);
        if blocking {
            let _ = sys::set_nonblocking(fd, false);
        }
        let iov = if data_len > 0 && !data.is_null() {
            vec![libc::iovec { iov_base: data as *mut libc::c_void, iov_len: data_len as usize }]
        } else {
            Vec::new()
        };
        let op = new_op(Kind::Connect { iov: iov.into(), sent: 0 }, ov, s);
        match r {
            Ok(()) => {
                st.set(CONNECTING, false);
                st.set_connected();
            }
            Err(libc::EINPROGRESS) => {}
            // Refused at once (loopback): recorded as a connect that failed, which the
            // operation reports as its completion (below), FD_CONNECT and SO_ERROR too.
            Err(e) if super::socket::refused(e) => super::socket::fail_connect(st, e),
            Err(e) => {
                st.set(CONNECTING, false);
                return Err(wsa_from_errno(e));
            }
        }
        super::netevents::connect_started(s);
        finish(overlapped::submit(s, st, op), sent)
    })
}

/// Replaces a disconnected socket's connection with a fresh socket of the same kind
/// (TF_REUSE_SOCKET), so AcceptEx or ConnectEx can use it again; what is still pending on it
/// completes as aborted.
pub(super) fn reuse(st: &SocketState, fd: sys::Fd) -> Result<(), i32> {
    renew(st, fd, || overlapped::abort_for_reuse(fd))
}

/// The descriptor side of `reuse`: `release` lets go of what belongs to the old connection
/// (its engine registration at least) before the fresh socket takes the descriptor number.
pub(super) fn renew(st: &SocketState, fd: sys::Fd, release: impl FnOnce()) -> Result<(), i32> {
    let af = af_to_linux(st.af()).ok_or(WSAEAFNOSUPPORT)?;
    let fresh = wsa(sys::socket(af, st.ty(), st.protocol.load(Ordering::Relaxed)))?;
    if af == libc::AF_INET6 {
        let _ = sys::setsockopt(fresh, libc::IPPROTO_IPV6, libc::IPV6_V6ONLY, &1i32);
    }
    // A reused socket stays bound, so ConnectEx (which needs a bound socket) takes it as it
    // takes a fresh bound one: the same address, the same port if it is free (the old
    // connection may hold it in TIME_WAIT, where Windows would delay the reuse), else another.
    let bound = sys::getsockname(fd).ok().filter(|a| a.port() != 0).is_some_and(|mut a| {
        sys::bind(fresh, &a).is_ok() || {
            a.set_port(0);
            sys::bind(fresh, &a).is_ok()
        }
    });
    release();
    wsa(crate::sys::fd::replace(fresh, fd))?;
    wsa(sys::set_nonblocking(fd, st.has(NONBLOCKING)))?;
    st.set(CONNECTED | BOUND | SHUT_SEND | SHUT_RECV | CONNECTING | super::state::CONNECT_FAILED | super::state::RESET | LISTENING, false);
    st.set(BOUND, bound);
    Ok(())
}

pub(super) const TF_DISCONNECT: u32 = 1;
pub(super) const TF_REUSE_SOCKET: u32 = 2;

/// Completes a synchronous extension call's overlapped notification.
fn complete_now(s: SOCKET, ov: *mut OVERLAPPED, bytes: u32) {
    if !ov.is_null() {
        overlapped::deliver(new_op(Kind::Connect { iov: Bufs::new(), sent: 0 }, ov, s), Ok(bytes), 0, true);
    }
}

pub(super) unsafe extern "system" fn disconnect_ex(s: SOCKET, ov: *mut OVERLAPPED, flags: u32, reserved: u32) -> BOOL {
    ext(|| {
        let st = state::get(s)?;
        let fd = s as sys::Fd;
        if reserved != 0 || flags & !TF_REUSE_SOCKET != 0 {
            return Err(WSAEINVAL);
        }
        if !is_connected(st, fd) {
            return Err(WSAENOTCONN);
        }
        wsa(sys::shutdown(fd, libc::SHUT_WR))?;
        st.set(SHUT_SEND, true);
        if flags & TF_REUSE_SOCKET != 0 {
            reuse(st, fd)?;
        }
        complete_now(s, ov, 0);
        Ok(TRUE)
    })
}

const fn guid(d1: u32, d2: u16, d3: u16, d4: [u8; 8]) -> GUID {
    GUID { data1: d1, data2: d2, data3: d3, data4: d4 }
}

pub const WSAID_ACCEPTEX: GUID = guid(0xb5367df1, 0xcbac, 0x11cf, [0x95, 0xca, 0x00, 0x80, 0x5f, 0x48, 0xa1, 0x92]);
pub const WSAID_GETACCEPTEXSOCKADDRS: GUID = guid(0xb5367df2, 0xcbac, 0x11cf, [0x95, 0xca, 0x00, 0x80, 0x5f, 0x48, 0xa1, 0x92]);
pub const WSAID_TRANSMITFILE: GUID = guid(0xb5367df0, 0xcbac, 0x11cf, [0x95, 0xca, 0x00, 0x80, 0x5f, 0x48, 0xa1, 0x92]);
pub const WSAID_CONNECTEX: GUID = guid(0x25a207b9, 0xddf3, 0x4660, [0x8e, 0xe9, 0x76, 0xe5, 0x8c, 0x74, 0x06, 0x3e]);
pub const WSAID_DISCONNECTEX: GUID = guid(0x7fda2e11, 0x8630, 0x436f, [0xa0, 0x31, 0xf5, 0x36, 0xa6, 0xee, 0xc1, 0x57]);

/// The extension function a GUID names, or WSAEINVAL.
pub(super) fn extension(id: &GUID) -> Result<usize, i32> {
    let table: [(GUID, usize); 7] = [
        (WSAID_ACCEPTEX, accept_ex as *const () as usize),
        (WSAID_GETACCEPTEXSOCKADDRS, get_accept_ex_sockaddrs as *const () as usize),
        (WSAID_TRANSMITFILE, super::transmit::transmit_file as *const () as usize),
        (WSAID_CONNECTEX, connect_ex as *const () as usize),
        (WSAID_DISCONNECTEX, disconnect_ex as *const () as usize),
        (WSAID_WSARECVMSG, super::msg::wsa_recv_msg as *const () as usize),
        (WSAID_WSASENDMSG, super::msg::wsa_send_msg as *const () as usize),
    ];
    table.iter().find(|(g, _)| guid_eq(g, id)).map(|(_, f)| *f).ok_or(WSAEINVAL)
}
