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
