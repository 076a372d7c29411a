//! The few kernel32 functions the minimal windows.h declares: Sleep and the last-error pair
//! (which shares its per-thread slot with WSAGetLastError, as on Windows).

#[no_mangle]
pub extern "system" fn Sleep(ms: u32) {
    std::thread::sleep(std::time::Duration::from_millis(ms as u64));
}

#[no_mangle]
pub extern "system" fn GetLastError() -> u32 {
    crate::error::last_error()
}

#[no_mangle]
pub extern "system" fn SetLastError(code: u32) {
    crate::error::set_last_error(code)
}

/// Milliseconds since boot (CLOCK_MONOTONIC), wrapping every 49.7 days as on Windows.
#[no_mangle]
pub extern "system" fn GetTickCount() -> u32 {
    GetTickCount64() as u32
}

#[no_mangle]
pub extern "system" fn GetTickCount64() -> u64 {
    let mut ts = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: clock_gettime writes one timespec.
    unsafe { libc::clock_gettime(libc::CLOCK_MONOTONIC, &mut ts) };
    ts.tv_sec as u64 * 1000 + ts.tv_nsec as u64 / 1_000_000
}
