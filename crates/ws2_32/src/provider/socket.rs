//! Socket life cycle in the base provider: create, bind, listen, accept, connect, shut down,
//! close, and the local and peer names.

use super::state::{
    self, Blocked, SocketState, BOUND, CONNECTED, CONNECTING, CONNECT_FAILED, LISTENING, NONBLOCKING, SHUT_RECV, SHUT_SEND,
};
use super::{spi, upcalls};
use crate::abi::*;
use crate::error::wsa_from_errno;
use crate::ffi::bad_ptr;
use crate::sys::sockaddr::{af_to_linux, sockaddr_len, LinuxAddr};
use crate::sys::socket as sys;

/// Translates a syscall error to its WSA code.
#[inline]
pub(super) fn wsa<T>(r: sys::SysResult<T>) -> Result<T, i32> {
    r.map_err(wsa_from_errno)
}

/// The socket's state and descriptor.
#[inline]
pub(super) fn lookup(s: SOCKET) -> Result<(&'static SocketState, sys::Fd), i32> {
    Ok((state::get(s)?, s as sys::Fd))
}

/// Whether the socket has a local address: our flag, or (after implicit binds by connect or
/// sendto) a non-zero local port.
pub(super) fn is_bound(st: &SocketState, fd: sys::Fd) -> bool {
    if st.has(BOUND) {
        return true;
    }
    let bound = sys::getsockname(fd).map(|a| a.port() != 0).unwrap_or(false);
    if bound {
        st.set(BOUND, true);
    }
    bound
}

/// Whether the socket is (or was) connected: our flag, or a peer the kernel knows (a
/// non-blocking connect completes without telling us).
pub(super) fn is_connected(st: &SocketState, fd: sys::Fd) -> bool {
    if st.has(CONNECTED) {
        return true;
    }
    let connected = sys::getpeername(fd).is_ok();
    if connected {
        st.set_connected();
    }
    connected
}

/// Reads a caller's address for this socket: a length too short for the socket's family gives
/// WSAEFAULT; an address of another family gives `mismatch`.
pub(super) unsafe fn socket_addr(st: &SocketState, name: *const SOCKADDR, namelen: i32, mismatch: i32) -> Result<LinuxAddr, i32> {
    let need = sockaddr_len(st.af()).unwrap_or(0);
    if bad_ptr(name) || namelen < 0 || (namelen as usize) < need.min(2) {
        return Err(WSAEFAULT);
    }
    // SAFETY: at least 2 readable bytes (checked), the family comes first.
    let fam = unsafe { (*name).sa_family } as i32;
    if fam != st.af() {
        return Err(if (namelen as usize) < need { WSAEFAULT } else { mismatch });
    }
    // SAFETY: forwarded contract: `name` has `namelen` readable bytes.
    unsafe { LinuxAddr::from_windows(name, namelen) }
}

/// Registers a new descriptor with ws2_32 as an IFS handle.
fn modify_ifs_handle(catalog_entry_id: u32, fd: sys::Fd) -> Result<SOCKET, i32> {
    let Some(modify) = upcalls().and_then(|u| u.lpWPUModifyIFSHandle) else {
        return Ok(fd as SOCKET);
    };
    let mut err = 0;
    // SAFETY: ws2_32's own upcall, called with a descriptor we own.
    let h = unsafe { modify(catalog_entry_id, fd as SOCKET, &mut err) };
    if h == INVALID_SOCKET {
        return Err(if err == 0 { WSAENOBUFS } else { err });
    }
    Ok(h)
}

pub(super) unsafe extern "system" fn wsp_socket(
    af: i32,
    ty: i32,
    protocol: i32,
    info: *const WSAPROTOCOL_INFOW,
    _g: u32,
    _flags: u32,
    errno: *mut i32,
) -> SOCKET {
    spi(errno, INVALID_SOCKET, || {
        if info.is_null() {
            return Err(WSAEINVAL);
        }
        // SAFETY: checked non-null; ws2_32 passes the catalog entry's protocol info.
        let info = unsafe { &*info };
        let af = if af == FROM_PROTOCOL_INFO { info.iAddressFamily } else { af };
        let ty = if ty == FROM_PROTOCOL_INFO || ty == 0 { info.iSocketType } else { ty };
        let protocol = if protocol == FROM_PROTOCOL_INFO || (protocol == 0 && ty != SOCK_RAW) { info.iProtocol } else { protocol };
        let af = if af == 0 { info.iAddressFamily } else { af };
        let linux_af = af_to_linux(af).filter(|a| *a != libc::AF_UNSPEC).ok_or(WSAEAFNOSUPPORT)?;
        let fd = wsa(sys::socket(linux_af, ty, protocol))?;
        let init = || -> Result<SOCKET, i32> {
            if linux_af == libc::AF_INET6 && ty != SOCK_RAW {
                // Windows creates IPv6 sockets v6-only (raw sockets are per family already;
                // Linux refuses the option on them).
                wsa(sys::setsockopt(fd, libc::IPPROTO_IPV6, libc::IPV6_V6ONLY, &1i32))?;
            }
            state::insert(fd, af, ty, protocol, info.dwCatalogEntryId, 0)?;
            modify_ifs_handle(info.dwCatalogEntryId, fd)
        };
        init().inspect_err(|_| {
            state::remove(fd as SOCKET);
            let _ = sys::close(fd);
        })
    })
}

pub(super) unsafe extern "system" fn wsp_bind(s: SOCKET, name: *const SOCKADDR, namelen: i32, errno: *mut i32) -> i32 {
    spi(errno, SOCKET_ERROR, || {
        let (st, fd) = lookup(s)?;
        // SAFETY: forwarded caller contract.
        let addr = unsafe { socket_addr(st, name, namelen, WSAEFAULT) }?;
        if st.has(BOUND) {
            return Err(WSAEINVAL);
        }
        wsa(sys::bind(fd, &addr))?;
        st.set(BOUND, true);
        Ok(0)
    })
}

pub(super) unsafe extern "system" fn wsp_listen(s: SOCKET, backlog: i32, errno: *mut i32) -> i32 {
    spi(errno, SOCKET_ERROR, || {
        let (st, fd) = lookup(s)?;
        if !st.is_stream() {
            return Err(WSAEOPNOTSUPP);
        }
        if st.has(CONNECTED) {
            return Err(WSAEISCONN);
        }
        // Linux would bind an unbound socket to an ephemeral port; Windows refuses.
        if !is_bound(st, fd) {
            return Err(WSAEINVAL);
        }
        // SOMAXCONN_HINT(n) is -n; SOMAXCONN (0x7fffffff) means "the maximum".
        let backlog = if backlog < 0 { backlog.saturating_neg().clamp(200, 65535) } else { backlog.clamp(0, 65535) };
        wsa(sys::listen(fd, backlog))?;
        wsa(sys::set_nonblocking(fd, true))?;
        st.set(LISTENING, true);
        Ok(0)
    })
}

pub(super) unsafe extern "system" fn wsp_accept(
    s: SOCKET,
    addr: *mut SOCKADDR,
    addrlen: *mut i32,
    condition: LPCONDITIONPROC,
    callback_data: usize,
    errno: *mut i32,
) -> SOCKET {
    spi(errno, INVALID_SOCKET, || {
        let (st, fd) = lookup(s)?;
        if !st.is_stream() {
            return Err(WSAEOPNOTSUPP);
        }
        if !st.has(LISTENING) {
            return Err(WSAEINVAL);
        }
        if !addr.is_null() {
            let need = sockaddr_len(st.af()).unwrap_or(0) as i32;
            // SAFETY: dereferenced only when non-null.
            if bad_ptr(addrlen) || unsafe { *addrlen } < need {
                return Err(WSAEFAULT);
            }
        }
        let nonblocking = st.has(NONBLOCKING);
        let blocked = Blocked::enter(st);
        // Listening descriptors are O_NONBLOCK (so AcceptEx can try them); a blocking accept
        // waits in poll, which closesocket in another thread wakes.
        let timeout = match st.rcv_timeout.load(std::sync::atomic::Ordering::Relaxed) {
            0 => -1,
            ms => ms.min(i32::MAX as u32) as i32,
        };
        let accepted = loop {
            match sys::accept(fd, nonblocking) {
                _ if blocked.closed() => break Err(WSAEINTR),
                Err(libc::EINTR) | Err(libc::ECONNABORTED) => continue,
                Err(libc::EAGAIN) if !nonblocking => match sys::poll_one(fd, libc::POLLIN, timeout) {
                    Ok(0) => break Err(WSAETIMEDOUT),
                    Ok(_) => continue,
                    Err(e) => break Err(wsa_from_errno(e)),
                },
                r => break wsa(r),
            }
        };
        drop(blocked);
        // accept (successful or not) re-enables FD_ACCEPT.
        super::netevents::reenable(s, super::netevents::FD_ACCEPT_BIT);
        let (nfd, peer) = accepted?;
        let close_new = |e: i32| {
            state::remove(nfd as SOCKET);
            let _ = sys::close(nfd);
            e
        };
        if let Some(cond) = condition {
            // SAFETY: the caller's condition function, given WSABUFs over live locals.
            let verdict = unsafe { call_condition(cond, fd, &peer, callback_data) };
            match verdict {
                CF_ACCEPT => {}
                CF_DEFER => return Err(close_new(WSATRY_AGAIN)),
                _ => return Err(close_new(WSAECONNREFUSED)),
            }
        }
        let id = st.catalog_entry_id.load(std::sync::atomic::Ordering::Relaxed);
        let inherited = st.flags.load(std::sync::atomic::Ordering::Acquire) & NONBLOCKING;
        state::insert(nfd, st.af(), st.ty(), st.protocol.load(std::sync::atomic::Ordering::Relaxed), id, inherited | BOUND | CONNECTED)
            .map_err(close_new)?
            .inherit_options(st);
        let h = modify_ifs_handle(id, nfd).map_err(close_new)?;
        if !addr.is_null() {
            // SAFETY: checked above that `addr` has `*addrlen` bytes.
            unsafe { peer.to_windows(addr, addrlen) }.map_err(close_new)?;
        } else if !addrlen.is_null() {
            // SAFETY: caller's length variable.
            unsafe { *addrlen = peer.windows_bytes().1 as i32 };
        }
        // The accepted socket takes over the listener's WSAEventSelect.
        super::netevents::inherit(s, h);
        Ok(h)
    })
}

const CF_ACCEPT: i32 = 0;
const CF_DEFER: i32 = 2;

/// Asks WSAAccept's condition function about a connection: caller id is the peer address,
/// callee id the local one.
unsafe fn call_condition(
    cond: unsafe extern "system" fn(*mut WSABUF, *mut WSABUF, *mut QOS, *mut QOS, *mut WSABUF, *mut WSABUF, *mut u32, usize) -> i32,
    fd: sys::Fd,
    peer: &LinuxAddr,
    data: usize,
) -> i32 {
    let (mut caller, caller_len) = peer.windows_bytes();
    let local = sys::getsockname(fd).unwrap_or(LinuxAddr::empty());
    let (mut callee, callee_len) = local.windows_bytes();
    let mut caller_id = WSABUF { len: caller_len as u32, buf: caller.as_mut_ptr() };
    let mut callee_id = WSABUF { len: callee_len as u32, buf: callee.as_mut_ptr() };
    let mut g = 0u32;
    // SAFETY: all pointers refer to live locals; null pointers stand for absent data and QOS.
    unsafe {
        cond(
            &mut caller_id,
            std::ptr::null_mut(),
            std::ptr::null_mut(),
            std::ptr::null_mut(),
            &mut callee_id,
            std::ptr::null_mut(),
            &mut g,
            data,
        )
    }
}

/// connect(2), on a socket whose last connect may have failed (`failed_before`): Windows lets
/// the program connect again after WSAECONNREFUSED, WSAENETUNREACH or WSAETIMEDOUT; Linux
/// answers the first connect after a failure it reported asynchronously with ECONNABORTED
/// (while resetting the socket for the next).
pub(super) fn connect_again(fd: sys::Fd, addr: &crate::sys::sockaddr::LinuxAddr, failed_before: bool) -> sys::SysResult<()> {
    match sys::connect(fd, addr) {
        Err(libc::ECONNABORTED) if failed_before => sys::connect(fd, addr),
        r => r,
    }
}

/// Whether a connect's failure is one Windows reports after the call (a refusal, an
/// unreachable network or host, a time-out), where Linux can report it at once (loopback).
pub(super) fn refused(e: i32) -> bool {
    matches!(e, libc::ECONNREFUSED | libc::ETIMEDOUT | libc::ENETUNREACH | libc::EHOSTUNREACH)
}

/// Records a connect that failed with errno `e`: exceptfds, SO_ERROR and FD_CONNECT (or
/// ConnectEx's completion) report it.
pub(super) fn fail_connect(st: &SocketState, e: i32) {
    st.so_error.store(wsa_from_errno(e), std::sync::atomic::Ordering::Relaxed);
    st.set(CONNECTING, false);
    st.set(CONNECT_FAILED, true);
}

pub(super) unsafe extern "system" fn wsp_connect(
    s: SOCKET,
    name: *const SOCKADDR,
    namelen: i32,
    _caller_data: *const WSABUF,
    _callee_data: *mut WSABUF,
    _sqos: *const QOS,
    _gqos: *const QOS,
    errno: *mut i32,
) -> i32 {
    spi(errno, SOCKET_ERROR, || {
        let (st, fd) = lookup(s)?;
        // SAFETY: forwarded caller contract.
        let addr = unsafe { socket_addr(st, name, namelen, WSAEAFNOSUPPORT) }?;
        if st.has(LISTENING) {
            return Err(WSAEINVAL);
        }
        if st.is_stream() {
            if st.has(CONNECTING) {
                // A second connect: still in progress, or finished since.
                let rev = sys::poll_one(fd, libc::POLLOUT, 0).unwrap_or(0);
                super::select::settle_connect(st, fd, rev);
                if st.has(CONNECTING) {
                    return Err(WSAEALREADY);
                }
            }
            if st.has(CONNECTED) || is_connected(st, fd) {
                return Err(WSAEISCONN);
            }
        }
        // Windows refuses to connect to the unspecified address or port 0.
        if st.is_stream() && (addr.port() == 0 || is_unspecified(&addr)) {
            return Err(WSAEADDRNOTAVAIL);
        }
        let failed_before = st.has(CONNECT_FAILED);
        st.set(CONNECT_FAILED, false);
        st.so_error.store(0, std::sync::atomic::Ordering::Relaxed);
        match connect_again(fd, &addr, failed_before) {
            Ok(()) => {}
            Err(libc::EINPROGRESS) if st.has(NONBLOCKING) => {
                st.set(CONNECTING, true);
                super::netevents::connect_started(s);
                return Err(WSAEWOULDBLOCK);
            }
            Err(libc::EINTR) | Err(libc::EINPROGRESS) => wait_connected(fd)?,
            // A non-blocking connect that fails at once still reports WSAEWOULDBLOCK on
            // Windows; the failure shows in exceptfds, SO_ERROR and FD_CONNECT.
            Err(e) if refused(e) && st.has(NONBLOCKING) && st.is_stream() => {
                fail_connect(st, e);
                super::netevents::connect_started(s);
                return Err(WSAEWOULDBLOCK);
            }
            Err(e) => return Err(wsa_from_errno(e)),
        }
        st.set_connected();
        super::netevents::connect_started(s);
        if st.is_stream() {
            st.set(SHUT_SEND | SHUT_RECV, false);
        }
        Ok(0)
    })
}

/// Finishes a blocking connect the kernel left in progress (after a signal).
fn wait_connected(fd: sys::Fd) -> Result<(), i32> {
    wsa(sys::poll_one(fd, libc::POLLOUT, -1))?;
    match wsa(sys::getsockopt::<i32>(fd, libc::SOL_SOCKET, libc::SO_ERROR))? {
        0 => Ok(()),
        e => Err(wsa_from_errno(e)),
    }
}

fn is_unspecified(a: &LinuxAddr) -> bool {
    let (bytes, len) = a.windows_bytes();
    match len {
        16 => bytes[4..8] == [0; 4],
        28 => bytes[8..24] == [0; 16],
        _ => false,
    }
}

pub(super) unsafe extern "system" fn wsp_shutdown(s: SOCKET, how: i32, errno: *mut i32) -> i32 {
    spi(errno, SOCKET_ERROR, || {
        let (st, fd) = lookup(s)?;
        let (linux_how, flags) = match how {
            0 => (libc::SHUT_RD, SHUT_RECV),
            1 => (libc::SHUT_WR, SHUT_SEND),
            2 => (libc::SHUT_RDWR, SHUT_RECV | SHUT_SEND),
            _ => return Err(WSAEINVAL),
        };
        // Marked before the kernel hears of it: the readiness the shutdown causes must find
        // the socket shut down here (no hang-up to report).
        let before = st.flags.load(std::sync::atomic::Ordering::Acquire) & flags;
        st.set(flags, true);
        match sys::shutdown(fd, linux_how) {
            Ok(()) => Ok(0),
            // A datagram socket need not be connected to be shut down on Windows.
            Err(libc::ENOTCONN) if !st.is_stream() => Ok(0),
            Err(e) => {
                st.set(flags & !before, false);
                Err(wsa_from_errno(e))
            }
        }
    })
}

/// Whether closing would have to wait for unsent data: a lingering close (SO_LINGER on, with
/// a time) of a non-blocking stream socket whose send queue is not empty, which Windows
/// refuses with WSAEWOULDBLOCK, leaving the socket open (Linux would block in close).
fn close_would_block(st: &SocketState, fd: sys::Fd) -> bool {
    st.is_stream()
        && st.has(NONBLOCKING)
        && sys::getsockopt::<libc::linger>(fd, libc::SOL_SOCKET, libc::SO_LINGER).is_ok_and(|l| l.l_onoff != 0 && l.l_linger != 0)
        && sys::ioctl_int(fd, libc::TIOCOUTQ).is_ok_and(|n| n > 0)
}

pub(super) unsafe extern "system" fn wsp_close_socket(s: SOCKET, errno: *mut i32) -> i32 {
    spi(errno, SOCKET_ERROR, || {
        let (st, fd) = lookup(s)?;
        if close_would_block(st, fd) {
            return Err(WSAEWOULDBLOCK);
        }
        let blocked = st.blocked.load(std::sync::atomic::Ordering::Acquire) > 0;
        state::remove(s);
        // Pending overlapped operations complete with WSA_OPERATION_ABORTED.
        super::overlapped::abort_all(fd);
        // Linux close() does not wake a thread blocked on the socket; shutdown does, and the
        // woken call sees the socket gone (Blocked::closed) and fails with WSAEINTR.
        if blocked {
            let _ = sys::shutdown(fd, libc::SHUT_RDWR);
        }
        // close() releases the descriptor even when it reports an error.
        let _ = sys::close(fd);
        Ok(0)
    })
}

pub(super) unsafe extern "system" fn wsp_get_sock_name(s: SOCKET, name: *mut SOCKADDR, namelen: *mut i32, errno: *mut i32) -> i32 {
    spi(errno, SOCKET_ERROR, || {
        let (st, fd) = lookup(s)?;
        if bad_ptr(name) || bad_ptr(namelen) {
            return Err(WSAEFAULT);
        }
        if !is_bound(st, fd) {
            return Err(WSAEINVAL);
        }
        let a = wsa(sys::getsockname(fd))?;
        // SAFETY: forwarded caller contract.
        unsafe { a.to_windows(name, namelen) }?;
        Ok(0)
    })
}

pub(super) unsafe extern "system" fn wsp_get_peer_name(s: SOCKET, name: *mut SOCKADDR, namelen: *mut i32, errno: *mut i32) -> i32 {
    spi(errno, SOCKET_ERROR, || {
        let (_, fd) = lookup(s)?;
        if bad_ptr(name) || bad_ptr(namelen) {
            return Err(WSAEFAULT);
        }
        let a = wsa(sys::getpeername(fd))?;
        // SAFETY: forwarded caller contract.
        unsafe { a.to_windows(name, namelen) }?;
        Ok(0)
    })
}
