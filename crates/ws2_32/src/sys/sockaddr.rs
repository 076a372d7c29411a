//! Socket addresses between their Windows form (`AF_INET6 == 23`) and their Linux form
//! (`AF_INET6 == 10`). The layouts of sockaddr_in and sockaddr_in6 are the same on both; only
//! the family value differs.

use crate::abi::{SOCKADDR, WSAEAFNOSUPPORT, WSAEFAULT};
use crate::ffi::bad_ptr;

/// Windows address family values this seam translates.
pub const WIN_AF_UNSPEC: i32 = 0;
pub const WIN_AF_INET: i32 = 2;
pub const WIN_AF_INET6: i32 = 23;

const SIZE_IN: usize = std::mem::size_of::<libc::sockaddr_in>();
const SIZE_IN6: usize = std::mem::size_of::<libc::sockaddr_in6>();

/// The Linux family for a Windows one; `None` when Linux has no counterpart we support.
pub fn af_to_linux(af: i32) -> Option<i32> {
    match af {
        WIN_AF_UNSPEC => Some(libc::AF_UNSPEC),
        WIN_AF_INET => Some(libc::AF_INET),
        WIN_AF_INET6 => Some(libc::AF_INET6),
        _ => None,
    }
}

/// The Windows family for a Linux one.
pub fn af_from_linux(af: i32) -> Option<i32> {
    match af {
        libc::AF_UNSPEC => Some(WIN_AF_UNSPEC),
        libc::AF_INET => Some(WIN_AF_INET),
        libc::AF_INET6 => Some(WIN_AF_INET6),
        _ => None,
    }
}

/// The size of a sockaddr of the given Windows family, if it is one we handle.
pub fn sockaddr_len(win_af: i32) -> Option<usize> {
    match win_af {
        WIN_AF_INET => Some(SIZE_IN),
        WIN_AF_INET6 => Some(SIZE_IN6),
        _ => None,
    }
}

/// A Linux socket address, ready for a syscall.
#[derive(Clone, Copy)]
pub struct LinuxAddr {
    pub storage: libc::sockaddr_storage,
    pub len: libc::socklen_t,
}

impl LinuxAddr {
    pub fn empty() -> Self {
        // SAFETY: sockaddr_storage is plain data; all-zero is a valid (AF_UNSPEC) value.
        LinuxAddr { storage: unsafe { std::mem::zeroed() }, len: std::mem::size_of::<libc::sockaddr_storage>() as _ }
    }

    pub fn as_ptr(&self) -> *const libc::sockaddr {
        &self.storage as *const _ as *const libc::sockaddr
    }

    pub fn as_mut_ptr(&mut self) -> *mut libc::sockaddr {
        &mut self.storage as *mut _ as *mut libc::sockaddr
    }

    pub fn family(&self) -> i32 {
        self.storage.ss_family as i32
    }

    /// Sets the port (host order) of an IPv4 or IPv6 address.
    pub fn set_port(&mut self, port: u16) {
        if matches!(self.family(), libc::AF_INET | libc::AF_INET6) {
            // SAFETY: sin_port and sin6_port sit at the same offset inside sockaddr_storage.
            unsafe { (*(self.as_mut_ptr() as *mut libc::sockaddr_in)).sin_port = port.to_be() };
        }
    }

    /// The port in host order (0 for families without one).
    pub fn port(&self) -> u16 {
        match self.family() {
            libc::AF_INET | libc::AF_INET6 => {
                // SAFETY: sin_port and sin6_port sit at the same offset inside sockaddr_storage.
                let sin = unsafe { &*(self.as_ptr() as *const libc::sockaddr_in) };
                u16::from_be(sin.sin_port)
            }
            _ => 0,
        }
    }

    /// Reads a Windows socket address supplied by a caller. A null pointer or a length too
    /// short for its family gives WSAEFAULT; a family we do not know, WSAEAFNOSUPPORT.
    ///
    /// # Safety
    /// `addr` must be null or point to at least `len` readable bytes.
    pub unsafe fn from_windows(addr: *const SOCKADDR, len: i32) -> Result<Self, i32> {
        if bad_ptr(addr) || len < 2 {
            return Err(WSAEFAULT);
        }
        // SAFETY: the caller guarantees `len` (>= 2) readable bytes, and sa_family is the first field.
        let win_af = unsafe { (*addr).sa_family } as i32;
        let size = sockaddr_len(win_af).ok_or(WSAEAFNOSUPPORT)?;
        if (len as usize) < size {
            return Err(WSAEFAULT);
        }
        let mut out = LinuxAddr::empty();
        // SAFETY: `size` bytes are readable (checked above) and fit in sockaddr_storage.
        unsafe { std::ptr::copy_nonoverlapping(addr as *const u8, out.as_mut_ptr() as *mut u8, size) };
        out.storage.ss_family = af_to_linux(win_af).unwrap() as libc::sa_family_t;
        out.len = size as libc::socklen_t;
        Ok(out)
    }

    /// Writes this address in Windows form to a caller's buffer of `*len` bytes, storing the
    /// full size in `*len`. Null pointers or a short buffer give WSAEFAULT, as on Windows.
    ///
    /// # Safety
    /// `out` and `len` must be null or valid; `out` must have `*len` writable bytes.
    pub unsafe fn to_windows(&self, out: *mut SOCKADDR, len: *mut i32) -> Result<(), i32> {
        if bad_ptr(out) || bad_ptr(len) {
            return Err(WSAEFAULT);
        }
        let (bytes, size) = self.windows_bytes();
        // SAFETY: `len` is non-null and points to the caller's length.
        let avail = unsafe { *len };
        if avail < 0 || (avail as usize) < size {
            return Err(WSAEFAULT);
        }
        // SAFETY: the caller's buffer holds `avail >= size` bytes.
        unsafe {
            std::ptr::copy_nonoverlapping(bytes.as_ptr(), out as *mut u8, size);
            *len = size as i32;
        }
        Ok(())
    }

    /// The Windows encoding of this address and its length.
    pub fn windows_bytes(&self) -> ([u8; 128], usize) {
        let mut buf = [0u8; 128];
        let size = match self.family() {
            libc::AF_INET => SIZE_IN,
            libc::AF_INET6 => SIZE_IN6,
            _ => (self.len as usize).min(128),
        };
        // SAFETY: sockaddr_storage is 128 bytes, and `size` <= 128.
        unsafe { std::ptr::copy_nonoverlapping(self.as_ptr() as *const u8, buf.as_mut_ptr(), size) };
        let win_af = af_from_linux(self.family()).unwrap_or(self.family()) as u16;
        buf[..2].copy_from_slice(&win_af.to_ne_bytes());
        (buf, size)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inet6_family_is_translated_both_ways() {
        let mut win = [0u8; 28];
        win[..2].copy_from_slice(&23u16.to_ne_bytes());
        win[2..4].copy_from_slice(&8080u16.to_be_bytes());
        win[23] = 1; // ::1
        let a = unsafe { LinuxAddr::from_windows(win.as_ptr() as *const SOCKADDR, 28) }.unwrap();
        assert_eq!(a.family(), libc::AF_INET6);
        assert_eq!(a.port(), 8080);
        let (bytes, len) = a.windows_bytes();
        assert_eq!(len, 28);
        assert_eq!(&bytes[..28], &win[..]);
    }

    #[test]
    fn short_or_null_addresses_fault() {
        let win = [2u8, 0, 0, 80, 127, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0];
        assert_eq!(unsafe { LinuxAddr::from_windows(std::ptr::null(), 16) }.err(), Some(WSAEFAULT));
        assert_eq!(unsafe { LinuxAddr::from_windows(win.as_ptr() as _, 15) }.err(), Some(WSAEFAULT));
        assert!(unsafe { LinuxAddr::from_windows(win.as_ptr() as _, 16) }.is_ok());
        let mut bad = win;
        bad[0] = 99;
        assert_eq!(unsafe { LinuxAddr::from_windows(bad.as_ptr() as _, 16) }.err(), Some(WSAEAFNOSUPPORT));
    }
}
