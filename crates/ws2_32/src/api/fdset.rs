//! The Windows fd_set: a count followed by an array of SOCKETs (not a bitmap), and
//! `__WSAFDIsSet`, which the FD_ISSET macro calls.

use crate::abi::*;

/// Whether `s` is among the first `fd_count` entries of `set`.
///
/// # Safety
/// `set` must be null or point to a Windows fd_set holding at least `fd_count` entries.
pub unsafe fn contains(set: *const FD_SET, s: SOCKET) -> bool {
    if set.is_null() {
        return false;
    }
    // SAFETY: the caller guarantees the set's layout; the array may be longer than FD_SET's
    // 64 entries when the program raised FD_SETSIZE, so index through a raw pointer.
    unsafe {
        let n = (*set).fd_count as usize;
        let arr = std::ptr::addr_of!((*set).fd_array) as *const SOCKET;
        (0..n).any(|i| *arr.add(i) == s)
    }
}

/// # Safety
/// As `contains`.
#[no_mangle]
pub unsafe extern "system" fn __WSAFDIsSet(s: SOCKET, set: *mut FD_SET) -> i32 {
    // SAFETY: forwarded contract.
    unsafe { contains(set, s) as i32 }
}
