//! Windows types, values and layouts shared by every layer: re-exported from `windows-sys`
//! (64-bit Windows layouts), plus the few things it lacks.

pub use windows_sys::core::{BOOL, GUID, PCSTR, PCWSTR, PSTR, PWSTR};
pub use windows_sys::Win32::Foundation::{HANDLE, HWND, LPARAM, WPARAM};
pub use windows_sys::Win32::Networking::WinSock::*;
pub use windows_sys::Win32::System::Com::BLOB;
pub use windows_sys::Win32::System::IO::OVERLAPPED;

/// `WSAOVERLAPPED` is `OVERLAPPED` on Windows.
pub type WSAOVERLAPPED = OVERLAPPED;

/// The Winsock version this implementation supports at most: 2.2.
pub const WINSOCK_VERSION: u16 = 0x0202;

pub const TRUE: BOOL = 1;
pub const FALSE: BOOL = 0;

/// Makes a Winsock version word: low byte major, high byte minor (`MAKEWORD`).
pub const fn make_word(low: u8, high: u8) -> u16 {
    (low as u16) | ((high as u16) << 8)
}

/// GUID equality (windows-sys' GUID does not implement PartialEq).
pub fn guid_eq(a: &GUID, b: &GUID) -> bool {
    a.data1 == b.data1 && a.data2 == b.data2 && a.data3 == b.data3 && a.data4 == b.data4
}
