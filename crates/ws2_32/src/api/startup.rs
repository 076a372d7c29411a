//! WSAStartup and WSACleanup: version negotiation and the process-wide reference count. The
//! last WSACleanup closes every socket still open and calls WSPCleanup on every provider.

use crate::abi::*;
use crate::error::set_last_error;
use crate::spi;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Mutex;

/// WSAStartup calls not yet matched by a WSACleanup.
static REFCOUNT: AtomicU32 = AtomicU32::new(0);
/// Serialises startup and cleanup against each other.
static LOCK: Mutex<()> = Mutex::new(());

/// WSANOTINITIALISED unless WSAStartup has succeeded more often than WSACleanup.
#[inline]
pub fn require_started() -> Result<(), i32> {
    if REFCOUNT.load(Ordering::Acquire) == 0 {
        Err(WSANOTINITIALISED)
    } else {
        Ok(())
    }
}

/// The version a request negotiates to, or None when it is below 1.0.
pub fn negotiate(requested: u16) -> Option<u16> {
    let (major, minor) = ((requested & 0xff) as u8, (requested >> 8) as u8);
    match major {
        0 => None,
        1 if minor == 0 => Some(make_word(1, 0)),
        1 => Some(make_word(1, 1)),
        2 if minor < 2 => Some(make_word(2, minor)),
        _ => Some(WINSOCK_VERSION),
    }
}

fn fill_wsadata(d: &mut WSADATA, version: u16) {
    d.wVersion = version;
    d.wHighVersion = WINSOCK_VERSION;
    // Windows reports these limits only to 1.x callers; 2.x callers must ignore them.
    let v1 = version & 0xff == 1;
    d.iMaxSockets = if v1 { 32767 } else { 0 };
    d.iMaxUdpDg = if v1 { 65467 } else { 0 };
    d.lpVendorInfo = std::ptr::null_mut();
    d.szDescription = [0; 257];
    d.szSystemStatus = [0; 129];
    for (dst, src) in d.szDescription.iter_mut().zip(b"WinSock 2.0") {
        *dst = *src as _;
    }
    for (dst, src) in d.szSystemStatus.iter_mut().zip(b"Running") {
        *dst = *src as _;
    }
}

/// # Safety
/// `data` must be null or point to a writable WSADATA.
#[no_mangle]
pub unsafe extern "system" fn WSAStartup(requested: u16, data: *mut WSADATA) -> i32 {
    let _g = LOCK.lock().unwrap_or_else(|e| e.into_inner());
    if data.is_null() {
        return WSAEFAULT;
    }
    // SAFETY: checked non-null; the caller owns the structure.
    let data = unsafe { &mut *data };
    match negotiate(requested) {
        None => {
            fill_wsadata(data, WINSOCK_VERSION);
            WSAVERNOTSUPPORTED
        }
        Some(v) => {
            fill_wsadata(data, v);
            REFCOUNT.fetch_add(1, Ordering::AcqRel);
            0
        }
    }
}

#[no_mangle]
pub extern "system" fn WSACleanup() -> i32 {
    let _g = LOCK.lock().unwrap_or_else(|e| e.into_inner());
    let n = REFCOUNT.load(Ordering::Acquire);
    if n == 0 {
        set_last_error(WSANOTINITIALISED as u32);
        return SOCKET_ERROR;
    }
    if n == 1 {
        close_everything();
    }
    REFCOUNT.store(n - 1, Ordering::Release);
    0
}

/// The last cleanup: every socket is closed through its provider, then every provider is
/// cleaned up, as Windows does.
fn close_everything() {
    for (s, p) in spi::handles::all() {
        let _g = spi::handles::stripe(s);
        if let Some(close) = p.table.lpWSPCloseSocket {
            let mut err = 0;
            // SAFETY: `s` is registered to `p`, whose table this entry came from.
            if unsafe { close(s, &mut err) } != 0 && err == WSAEWOULDBLOCK {
                // A lingering close of a non-blocking socket with data still to send: the
                // socket goes anyway, its data sent in the background (SO_DONTLINGER).
                let on: BOOL = TRUE;
                if let Some(set) = p.table.lpWSPSetSockOpt {
                    // SAFETY: as above; a BOOL option value that outlives the call.
                    unsafe { set(s, SOL_SOCKET, SO_DONTLINGER, &on as *const BOOL as _, 4, &mut err) };
                }
                // SAFETY: as above.
                unsafe { close(s, &mut err) };
            }
        }
        spi::handles::unregister_locked(s);
        crate::kernel::iocp::forget(s);
        super::events::socket_closed(s);
    }
    spi::cleanup_all();
}

#[no_mangle]
pub extern "system" fn WSAGetLastError() -> i32 {
    crate::error::last_error() as i32
}

#[no_mangle]
pub extern "system" fn WSASetLastError(code: i32) {
    set_last_error(code as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn negotiation_follows_windows() {
        assert_eq!(negotiate(make_word(0, 9)), None);
        assert_eq!(negotiate(make_word(1, 0)), Some(make_word(1, 0)));
        assert_eq!(negotiate(make_word(1, 255)), Some(make_word(1, 1)));
        assert_eq!(negotiate(make_word(2, 0)), Some(make_word(2, 0)));
        assert_eq!(negotiate(make_word(2, 1)), Some(make_word(2, 1)));
        assert_eq!(negotiate(make_word(2, 9)), Some(make_word(2, 2)));
        assert_eq!(negotiate(make_word(3, 0)), Some(make_word(2, 2)));
        assert_eq!(negotiate(make_word(255, 0)), Some(make_word(2, 2)));
    }
}
