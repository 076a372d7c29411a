//! Descriptor operations the mswsock extensions need: moving an accepted connection onto the
//! socket AcceptEx was given, replacing a disconnected socket for reuse, and TransmitFile's
//! file reads (sendfile, or read into a buffer) and descriptor checks.

/// Makes `target` refer to `source`'s socket (closing what `target` was), then closes
/// `source`.
pub fn replace(source: i32, target: i32) -> Result<(), i32> {
    // SAFETY: both are descriptors the caller owns.
    let rc = unsafe { libc::dup3(source, target, libc::O_CLOEXEC) };
    let err = std::io::Error::last_os_error().raw_os_error().unwrap_or(libc::EBADF);
    // SAFETY: as above.
    unsafe { libc::close(source) };
    if rc < 0 {
        Err(err)
    } else {
        Ok(())
    }
}

fn errno() -> i32 {
    std::io::Error::last_os_error().raw_os_error().unwrap_or(libc::EIO)
}

/// Sends up to `count` bytes of `file` to `sock`: from `*offset` (advanced, the file's own
/// position untouched) or, with None, from the file's position (advanced).
///
/// sendfile has no MSG_NOSIGNAL, and Linux raises SIGPIPE on a broken connection; Windows has
/// no such signal. SIGPIPE is blocked in this thread around the call, and one the call raised
/// is taken back before the old mask returns.
pub fn sendfile(sock: i32, file: i32, offset: Option<&mut i64>, count: usize) -> Result<usize, i32> {
    let off = offset.map_or(std::ptr::null_mut(), |o| o as *mut i64);
    // SAFETY: sigset_t is plain data, filled by sigemptyset before use.
    let mut pipe: libc::sigset_t = unsafe { std::mem::zeroed() };
    // SAFETY: as above; written by pthread_sigmask.
    let mut old: libc::sigset_t = unsafe { std::mem::zeroed() };
    // SAFETY: signal-mask calls on live locals; `off` is null or the caller's i64.
    unsafe {
        libc::sigemptyset(&mut pipe);
        libc::sigaddset(&mut pipe, libc::SIGPIPE);
        libc::pthread_sigmask(libc::SIG_BLOCK, &pipe, &mut old);
        // A SIGPIPE the program already had pending (blocked) is not ours to take.
        let theirs = libc::sigismember(&old, libc::SIGPIPE) == 1 && {
            let mut pending: libc::sigset_t = std::mem::zeroed();
            libc::sigpending(&mut pending);
            libc::sigismember(&pending, libc::SIGPIPE) == 1
        };
        let n = libc::sendfile(sock, file, off, count);
        let e = errno();
        if n < 0 && e == libc::EPIPE && !theirs {
            let now = libc::timespec { tv_sec: 0, tv_nsec: 0 };
            libc::sigtimedwait(&pipe, std::ptr::null_mut(), &now);
        }
        libc::pthread_sigmask(libc::SIG_SETMASK, &old, std::ptr::null_mut());
        if n < 0 {
            Err(e)
        } else {
            Ok(n as usize)
        }
    }
}

/// Reads from `file` into `buf`: at `offset` (pread), or from the file's position.
pub fn read(file: i32, buf: &mut [u8], offset: Option<i64>) -> Result<usize, i32> {
    let p = buf.as_mut_ptr() as *mut libc::c_void;
    // SAFETY: `buf` is writable for its length.
    let n = unsafe {
        match offset {
            Some(at) => libc::pread(file, p, buf.len(), at),
            None => libc::read(file, p, buf.len()),
        }
    };
    if n < 0 {
        Err(errno())
    } else {
        Ok(n as usize)
    }
}

/// Whether `fd` is open for reading.
pub fn readable(fd: i32) -> bool {
    // SAFETY: plain fcntl; a bad descriptor only fails.
    let flags = unsafe { libc::fcntl(fd, libc::F_GETFL) };
    flags >= 0 && flags & libc::O_ACCMODE != libc::O_WRONLY
}

/// Whether `fd`'s open file description is non-blocking (O_NONBLOCK).
pub fn nonblocking(fd: i32) -> bool {
    // SAFETY: plain fcntl.
    let flags = unsafe { libc::fcntl(fd, libc::F_GETFL) };
    flags >= 0 && flags & libc::O_NONBLOCK != 0
}
