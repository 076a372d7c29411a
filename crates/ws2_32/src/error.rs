//! The per-thread last-error slot (`WSAGetLastError` and `GetLastError` share it, as on
//! Windows) and the translation of Linux errno values into WSA error codes.

use crate::abi::*;
use std::cell::Cell;

thread_local! {
    static LAST_ERROR: Cell<u32> = const { Cell::new(0) };
}

/// Sets the calling thread's last error (`WSASetLastError`/`SetLastError`).
#[inline]
pub fn set_last_error(code: u32) {
    LAST_ERROR.with(|e| e.set(code));
}

/// The calling thread's last error (`WSAGetLastError`/`GetLastError`).
#[inline]
pub fn last_error() -> u32 {
    LAST_ERROR.with(|e| e.get())
}

/// Translates a Linux errno into the WSA error a Windows program expects for the same condition.
pub fn wsa_from_errno(errno: i32) -> i32 {
    match errno {
        0 => 0,
        libc::EINTR => WSAEINTR,
        libc::EBADF => WSAENOTSOCK,
        libc::EACCES | libc::EPERM => WSAEACCES,
        libc::EFAULT => WSAEFAULT,
        libc::EINVAL => WSAEINVAL,
        libc::EMFILE | libc::ENFILE => WSAEMFILE,
        libc::EAGAIN => WSAEWOULDBLOCK,
        libc::EINPROGRESS => WSAEWOULDBLOCK,
        libc::EALREADY => WSAEALREADY,
        libc::ENOTSOCK => WSAENOTSOCK,
        libc::EDESTADDRREQ => WSAEDESTADDRREQ,
        libc::EMSGSIZE => WSAEMSGSIZE,
        libc::EPROTOTYPE => WSAEPROTOTYPE,
        libc::ENOPROTOOPT => WSAENOPROTOOPT,
        libc::EPROTONOSUPPORT => WSAEPROTONOSUPPORT,
        libc::ESOCKTNOSUPPORT => WSAESOCKTNOSUPPORT,
        libc::EOPNOTSUPP => WSAEOPNOTSUPP,
        libc::EPFNOSUPPORT => WSAEPFNOSUPPORT,
        libc::EAFNOSUPPORT => WSAEAFNOSUPPORT,
        libc::EADDRINUSE => WSAEADDRINUSE,
        libc::EADDRNOTAVAIL => WSAEADDRNOTAVAIL,
        libc::ENETDOWN => WSAENETDOWN,
        libc::ENETUNREACH => WSAENETUNREACH,
        libc::ENETRESET => WSAENETRESET,
        libc::ECONNABORTED => WSAECONNABORTED,
        libc::ECONNRESET | libc::EPIPE => WSAECONNRESET,
        libc::ENOBUFS | libc::ENOMEM => WSAENOBUFS,
        libc::EISCONN => WSAEISCONN,
        libc::ENOTCONN => WSAENOTCONN,
        libc::ESHUTDOWN => WSAESHUTDOWN,
        libc::ETOOMANYREFS => WSAETOOMANYREFS,
        libc::ETIMEDOUT => WSAETIMEDOUT,
        libc::ECONNREFUSED => WSAECONNREFUSED,
        libc::ELOOP => WSAELOOP,
        libc::ENAMETOOLONG => WSAENAMETOOLONG,
        libc::EHOSTDOWN => WSAEHOSTDOWN,
        libc::EHOSTUNREACH => WSAEHOSTUNREACH,
        libc::ENOTEMPTY => WSAENOTEMPTY,
        libc::EUSERS => WSAEUSERS,
        libc::EDQUOT => WSAEDQUOT,
        libc::ESTALE => WSAESTALE,
        libc::EREMOTE => WSAEREMOTE,
        _ => WSAEINVAL,
    }
}

/// The calling thread's errno, as a WSA error code.
#[inline]
pub fn wsa_from_last_errno() -> i32 {
    wsa_from_errno(std::io::Error::last_os_error().raw_os_error().unwrap_or(0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn last_error_is_per_thread() {
        set_last_error(10038);
        std::thread::spawn(|| assert_eq!(last_error(), 0)).join().unwrap();
        assert_eq!(last_error(), 10038);
    }

    #[test]
    fn errno_values_map_to_windows_codes() {
        assert_eq!(wsa_from_errno(libc::ECONNREFUSED), 10061);
        assert_eq!(wsa_from_errno(libc::EAGAIN), 10035);
        assert_eq!(wsa_from_errno(libc::EADDRINUSE), 10048);
        assert_eq!(wsa_from_errno(libc::ENOTCONN), 10057);
    }
}
