//! select and WSAPoll. select goes to the WSPSelect of the provider owning the first socket
//! in the sets (as Windows does); WSAPoll to that provider's WSPIoctl with ws2's private poll
//! code, since the dispatch table has no poll entry.

use super::provider_of;
use super::startup::require_started;
use crate::abi::*;
use crate::ffi::{bad_ptr, wsa_call};

/// The first socket of a Windows fd_set, if any.
unsafe fn first(set: *const FD_SET) -> Option<SOCKET> {
    if set.is_null() || bad_ptr(set) {
        return None;
    }
    // SAFETY: the caller's fd_set.
    unsafe { ((*set).fd_count > 0).then(|| (*set).fd_array[0]) }
}

/// # Safety
/// The sets must be null or Windows fd_sets; `timeout` null or a timeval.
#[no_mangle]
pub unsafe extern "system" fn ws2_select(nfds: i32, r: *mut FD_SET, w: *mut FD_SET, e: *mut FD_SET, timeout: *const TIMEVAL) -> i32 {
    wsa_call(SOCKET_ERROR, || {
        require_started()?;
        // SAFETY: forwarded contract.
        let s = unsafe { first(r).or_else(|| first(w)).or_else(|| first(e)) }.ok_or(WSAEINVAL)?;
        let p = provider_of(s)?;
        // SAFETY: read only when it is a plausible pointer (the provider reports a bad one).
        if timeout.is_null() || (!bad_ptr(timeout) && unsafe { (*timeout).tv_sec != 0 || (*timeout).tv_usec != 0 }) {
            // About to block: wake-ups this thread deferred at a completion port are due.
            crate::kernel::iocp::settle_mine();
        }
        let mut err = 0;
        // SAFETY: the provider's entry, with the caller's arguments.
        let rc = unsafe { p.table.lpWSPSelect.unwrap()(nfds, r, w, e, timeout, &mut err) };
        super::spi_result(rc, err)
    })
}

const SIO_WS2_POLL: u32 = crate::provider::select::SIO_WS2_POLL;
const POLLNVAL: i16 = 0x0004;

/// # Safety
/// `fds` must hold `n` WSAPOLLFD entries.
#[no_mangle]
pub unsafe extern "system" fn WSAPoll(fds: *mut WSAPOLLFD, n: u32, timeout: i32) -> i32 {
    wsa_call(SOCKET_ERROR, || {
        require_started()?;
        if n == 0 || fds.is_null() {
            return Err(WSAEINVAL);
        }
        if bad_ptr(fds) {
            return Err(WSAEFAULT);
        }
        // SAFETY: the caller's array of `n` entries.
        let entries = unsafe { std::slice::from_raw_parts_mut(fds, n as usize) };
        let owner = entries.iter().filter(|f| (f.fd as isize) >= 0).find_map(|f| provider_of(f.fd).ok().map(|p| (f.fd, p)));
        let Some((s, p)) = owner else {
            // No socket we know: each valid-looking entry is POLLNVAL, none counts.
            for f in entries.iter_mut() {
                f.revents = if (f.fd as isize) >= 0 { POLLNVAL } else { 0 };
            }
            return Ok(0);
        };
        if timeout != 0 {
            // About to block: wake-ups this thread deferred at a completion port are due.
            crate::kernel::iocp::settle_mine();
        }
        let mut inout = timeout;
        let mut returned = 0u32;
        let mut err = 0;
        // SAFETY: the provider's entry: the array and its length in, the timeout in and the
        // count out through a 4-byte buffer.
        let rc = unsafe {
            p.table.lpWSPIoctl.unwrap()(
                s,
                SIO_WS2_POLL,
                fds as *const core::ffi::c_void,
                n,
                &mut inout as *mut i32 as *mut core::ffi::c_void,
                4,
                &mut returned,
                std::ptr::null_mut(),
                None,
                std::ptr::null(),
                &mut err,
            )
        };
        super::spi_result(rc, err)?;
        Ok(inout)
    })
}
