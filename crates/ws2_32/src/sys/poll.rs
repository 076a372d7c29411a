//! poll(2) over many descriptors with a deadline that survives signal interruptions.

use std::time::{Duration, Instant};

/// Polls `fds` until one is ready or `timeout` passes (None: forever); the number ready.
pub fn poll(fds: &mut [libc::pollfd], timeout: Option<Duration>) -> Result<usize, i32> {
    let deadline = timeout.map(|t| Instant::now() + t);
    loop {
        let ms = match deadline {
            None => -1,
            Some(d) => {
                let left = d.saturating_duration_since(Instant::now());
                // Round up so a sub-millisecond wait still waits.
                left.as_micros().div_ceil(1000).min(i32::MAX as u128) as i32
            }
        };
        // SAFETY: `fds` is a live slice of pollfd.
        let n = unsafe { libc::poll(fds.as_mut_ptr(), fds.len() as libc::nfds_t, ms) };
        if n >= 0 {
            return Ok(n as usize);
        }
        let e = std::io::Error::last_os_error().raw_os_error().unwrap_or(libc::EINVAL);
        if e != libc::EINTR {
            return Err(e);
        }
    }
}
