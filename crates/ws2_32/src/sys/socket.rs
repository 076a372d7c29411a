//! Thin, safe wrappers over the Linux socket syscalls. Errors are Linux errno values; the
//! base provider decides what they mean in Windows terms.

use super::sockaddr::LinuxAddr;
use std::os::raw::{c_int, c_void};

pub type Fd = c_int;
pub type SysResult<T> = Result<T, i32>;

#[inline]
pub(crate) fn errno() -> i32 {
    std::io::Error::last_os_error().raw_os_error().unwrap_or(libc::EIO)
}

#[inline]
fn check(rc: c_int) -> SysResult<c_int> {
    if rc < 0 {
        Err(errno())
    } else {
        Ok(rc)
    }
}

#[inline]
fn check_size(rc: isize) -> SysResult<usize> {
    if rc < 0 {
        Err(errno())
    } else {
        Ok(rc as usize)
    }
}

pub fn socket(af: c_int, ty: c_int, protocol: c_int) -> SysResult<Fd> {
    // SAFETY: plain syscall with integer arguments.
    check(unsafe { libc::socket(af, ty | libc::SOCK_CLOEXEC, protocol) })
}

pub fn close(fd: Fd) -> SysResult<()> {
    // SAFETY: the caller owns `fd`.
    check(unsafe { libc::close(fd) }).map(|_| ())
}

pub fn bind(fd: Fd, addr: &LinuxAddr) -> SysResult<()> {
    // SAFETY: `addr` holds `addr.len` valid bytes.
    check(unsafe { libc::bind(fd, addr.as_ptr(), addr.len) }).map(|_| ())
}

pub fn listen(fd: Fd, backlog: c_int) -> SysResult<()> {
    // SAFETY: plain syscall.
    check(unsafe { libc::listen(fd, backlog) }).map(|_| ())
}

pub fn connect(fd: Fd, addr: &LinuxAddr) -> SysResult<()> {
    // SAFETY: `addr` holds `addr.len` valid bytes.
    check(unsafe { libc::connect(fd, addr.as_ptr(), addr.len) }).map(|_| ())
}

/// Drops a connection or a connection attempt (connect to AF_UNSPEC): Linux leaves a TCP
/// socket unconnected, as if it had never connected.
pub fn disconnect(fd: Fd) -> SysResult<()> {
    let mut unspec = LinuxAddr::empty();
    unspec.len = std::mem::size_of::<libc::sa_family_t>() as _;
    connect(fd, &unspec)
}

pub fn accept(fd: Fd, nonblocking: bool) -> SysResult<(Fd, LinuxAddr)> {
    let mut peer = LinuxAddr::empty();
    let flags = libc::SOCK_CLOEXEC | if nonblocking { libc::SOCK_NONBLOCK } else { 0 };
    // SAFETY: `peer` is a sockaddr_storage with its size in `peer.len`.
    let nfd = check(unsafe { libc::accept4(fd, peer.as_mut_ptr(), &mut peer.len, flags) })?;
    Ok((nfd, peer))
}

pub fn shutdown(fd: Fd, how: c_int) -> SysResult<()> {
    // SAFETY: plain syscall.
    check(unsafe { libc::shutdown(fd, how) }).map(|_| ())
}

pub fn getsockname(fd: Fd) -> SysResult<LinuxAddr> {
    let mut a = LinuxAddr::empty();
    // SAFETY: `a` is a sockaddr_storage with its size in `a.len`.
    check(unsafe { libc::getsockname(fd, a.as_mut_ptr(), &mut a.len) })?;
    Ok(a)
}

pub fn getpeername(fd: Fd) -> SysResult<LinuxAddr> {
    let mut a = LinuxAddr::empty();
    // SAFETY: as in getsockname.
    check(unsafe { libc::getpeername(fd, a.as_mut_ptr(), &mut a.len) })?;
    Ok(a)
}

/// Sends from `iov` (to `to`, if given). MSG_NOSIGNAL is always added: Windows has no SIGPIPE.
/// One buffer without an address goes through send(2), which the kernel serves faster.
pub fn sendmsg(fd: Fd, iov: &[libc::iovec], to: Option<&LinuxAddr>, flags: c_int) -> SysResult<usize> {
    if let ([one], None) = (iov, to) {
        // send(2) is sendto(2) without an address. Called directly: glibc's wrappers of socket
        // I/O are thread-cancellation points, two more calls per use that mean nothing to
        // Winsock programs (nor to the overlapped path's non-blocking attempts). The integers
        // go as longs: syscall(2) reads every argument as one.
        // SAFETY: the iovec describes a caller buffer valid for reading.
        let rc = unsafe {
            libc::syscall(
                libc::SYS_sendto,
                fd as libc::c_long,
                one.iov_base,
                one.iov_len,
                (flags | libc::MSG_NOSIGNAL) as libc::c_long,
                0usize,
                0usize,
            )
        };
        return check_size(rc as isize);
    }
    sendmsg_control(fd, iov, to, &[], flags)
}

/// What recvmsg returned: bytes and the returned message flags.
pub struct Received {
    pub bytes: usize,
    pub msg_flags: c_int,
}

/// Receives into one buffer of a stream socket with recv(2), which the kernel serves faster
/// than recvmsg (message flags such as MSG_TRUNC mean nothing on a stream).
pub fn recv_stream(fd: Fd, buf: &mut libc::iovec, flags: c_int) -> SysResult<usize> {
    // recvfrom(2) without an address, called directly (see `sendmsg`).
    // SAFETY: the iovec describes a caller buffer valid for writing.
    let rc =
        unsafe { libc::syscall(libc::SYS_recvfrom, fd as libc::c_long, buf.iov_base, buf.iov_len, flags as libc::c_long, 0usize, 0usize) };
    check_size(rc as isize)
}

/// Receives into `iov`; the sender's address is asked of the kernel only when `from` is given.
pub fn recvmsg(fd: Fd, iov: &mut [libc::iovec], flags: c_int, from: Option<&mut LinuxAddr>) -> SysResult<Received> {
    recvmsg_control(fd, iov, flags, from, &mut []).map(|(r, _)| r)
}

/// recvmsg that also takes the kernel's control messages into `control` (8-aligned, as
/// cmsghdr needs; empty for none); returns what was received and the control bytes written.
pub fn recvmsg_control(
    fd: Fd,
    iov: &mut [libc::iovec],
    flags: c_int,
    from: Option<&mut LinuxAddr>,
    control: &mut [u64],
) -> SysResult<(Received, usize)> {
    // SAFETY: msghdr is plain data; all-zero is valid.
    let mut msg: libc::msghdr = unsafe { std::mem::zeroed() };
    msg.msg_iov = iov.as_mut_ptr();
    msg.msg_iovlen = iov.len();
    if !control.is_empty() {
        msg.msg_control = control.as_mut_ptr() as *mut c_void;
        msg.msg_controllen = std::mem::size_of_val(control);
    }
    let from = from.map(|a| {
        msg.msg_name = a.as_mut_ptr() as *mut c_void;
        msg.msg_namelen = std::mem::size_of::<libc::sockaddr_storage>() as libc::socklen_t;
        a
    });
    // SAFETY: the iovecs describe caller buffers valid for writing; `control` and `from`
    // outlive the call.
    let n = check_size(unsafe { libc::recvmsg(fd, &mut msg, flags) })?;
    if let Some(a) = from {
        a.len = msg.msg_namelen;
    }
    Ok((Received { bytes: n, msg_flags: msg.msg_flags }, msg.msg_controllen))
}

/// sendmsg with control messages (already in Linux form, 8-aligned; empty for none).
pub fn sendmsg_control(fd: Fd, iov: &[libc::iovec], to: Option<&LinuxAddr>, control: &[u64], flags: c_int) -> SysResult<usize> {
    // SAFETY: msghdr is plain data; all-zero is valid.
    let mut msg: libc::msghdr = unsafe { std::mem::zeroed() };
    msg.msg_iov = iov.as_ptr() as *mut libc::iovec;
    msg.msg_iovlen = iov.len();
    if let Some(to) = to {
        msg.msg_name = to.as_ptr() as *mut c_void;
        msg.msg_namelen = to.len;
    }
    if !control.is_empty() {
        msg.msg_control = control.as_ptr() as *mut c_void;
        msg.msg_controllen = std::mem::size_of_val(control);
    }
    // SAFETY: the iovecs describe caller buffers valid for reading; `to` and `control` outlive
    // the call.
    check_size(unsafe { libc::sendmsg(fd, &msg, flags | libc::MSG_NOSIGNAL) })
}

pub fn setsockopt<T: Copy>(fd: Fd, level: c_int, name: c_int, value: &T) -> SysResult<()> {
    // SAFETY: `value` is a live T of the given size.
    check(unsafe { libc::setsockopt(fd, level, name, value as *const T as *const c_void, std::mem::size_of::<T>() as libc::socklen_t) })
        .map(|_| ())
}

pub fn getsockopt<T: Copy + Default>(fd: Fd, level: c_int, name: c_int) -> SysResult<T> {
    let mut v = T::default();
    let mut len = std::mem::size_of::<T>() as libc::socklen_t;
    // SAFETY: `v` is a live T of `len` bytes.
    check(unsafe { libc::getsockopt(fd, level, name, &mut v as *mut T as *mut c_void, &mut len) })?;
    Ok(v)
}

pub fn ioctl_int(fd: Fd, request: libc::c_ulong) -> SysResult<c_int> {
    let mut v: c_int = 0;
    // SAFETY: the requests used (FIONREAD, SIOCATMARK, TIOCOUTQ) write one int.
    check(unsafe { libc::ioctl(fd, request, &mut v) })?;
    Ok(v)
}

pub fn set_nonblocking(fd: Fd, on: bool) -> SysResult<()> {
    // SAFETY: plain fcntl calls on an fd the caller owns.
    let flags = check(unsafe { libc::fcntl(fd, libc::F_GETFL) })?;
    let new = if on { flags | libc::O_NONBLOCK } else { flags & !libc::O_NONBLOCK };
    if new != flags {
        // SAFETY: as above.
        check(unsafe { libc::fcntl(fd, libc::F_SETFL, new) })?;
    }
    Ok(())
}

/// Waits until `fd` is ready for `events` (POLLIN/POLLOUT...), or `timeout_ms` (-1: forever).
pub fn poll_one(fd: Fd, events: i16, timeout_ms: c_int) -> SysResult<i16> {
    let mut p = libc::pollfd { fd, events, revents: 0 };
    loop {
        // SAFETY: one valid pollfd.
        match check(unsafe { libc::poll(&mut p, 1, timeout_ms) }) {
            Ok(_) => return Ok(p.revents),
            Err(libc::EINTR) => continue,
            Err(e) => return Err(e),
        }
    }
}

/// The path of the shared object that holds this code (the library's own file).
pub fn own_library_path() -> std::path::PathBuf {
    // SAFETY: Dl_info is plain data; dladdr only reads the address it is given.
    unsafe {
        let mut info: libc::Dl_info = std::mem::zeroed();
        if libc::dladdr(own_library_path as *const c_void, &mut info) != 0 && !info.dli_fname.is_null() {
            let p = std::ffi::CStr::from_ptr(info.dli_fname).to_string_lossy().into_owned();
            return std::fs::canonicalize(&p).unwrap_or_else(|_| p.into());
        }
    }
    std::path::PathBuf::from("libws2_32.so")
}
