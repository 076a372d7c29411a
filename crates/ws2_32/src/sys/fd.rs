//! Descriptor operations the mswsock extensions need: moving an accepted connection onto the
//! socket AcceptEx was given, replacing a disconnected socket for reuse, and sendfile.

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

/// Sends up to `count` bytes of `file` (from its current offset) to `sock`.
pub fn sendfile(sock: i32, file: i32, count: usize) -> Result<usize, i32> {
    // SAFETY: plain syscall; a null offset uses and advances the file's own offset.
    let n = unsafe { libc::sendfile(sock, file, std::ptr::null_mut(), count) };
    if n < 0 {
        Err(std::io::Error::last_os_error().raw_os_error().unwrap_or(libc::EIO))
    } else {
        Ok(n as usize)
    }
}
