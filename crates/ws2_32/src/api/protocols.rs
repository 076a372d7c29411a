//! WSAEnumProtocolsW/A: the visible catalog entries (not layered-only, not hidden), filtered
//! by an optional zero-terminated list of protocols; plus the ANSI/Unicode conversions of
//! WSAPROTOCOL_INFO.

use super::startup::require_started;
use crate::abi::*;
use crate::catalog;
use crate::ffi::wsa_call;

/// WSAPROTOCOL_INFOW to its ANSI form (names are ASCII in practice; others become '?').
pub fn to_ansi(w: &WSAPROTOCOL_INFOW) -> WSAPROTOCOL_INFOA {
    // SAFETY: WSAPROTOCOL_INFOA is plain data; all-zero is valid.
    let mut a: WSAPROTOCOL_INFOA = unsafe { std::mem::zeroed() };
    copy_common!(a, w);
    let name = String::from_utf16_lossy(&w.szProtocol[..w.szProtocol.iter().position(|&c| c == 0).unwrap_or(w.szProtocol.len())]);
    for (d, c) in a.szProtocol.iter_mut().zip(name.chars().take(255)) {
        *d = if c.is_ascii() { c as u8 as _ } else { b'?' as _ };
    }
    a
}

/// WSAPROTOCOL_INFOA to its Unicode form.
pub fn to_wide(a: &WSAPROTOCOL_INFOA) -> WSAPROTOCOL_INFOW {
    // SAFETY: WSAPROTOCOL_INFOW is plain data; all-zero is valid.
    let mut w: WSAPROTOCOL_INFOW = unsafe { std::mem::zeroed() };
    copy_common!(w, a);
    for (d, c) in w.szProtocol.iter_mut().zip(a.szProtocol.iter().take(255).take_while(|c| **c != 0)) {
        *d = *c as u8 as u16;
    }
    w
}

macro_rules! copy_common {
    ($d:ident, $s:ident) => {
        $d.dwServiceFlags1 = $s.dwServiceFlags1;
        $d.dwServiceFlags2 = $s.dwServiceFlags2;
        $d.dwServiceFlags3 = $s.dwServiceFlags3;
        $d.dwServiceFlags4 = $s.dwServiceFlags4;
        $d.dwProviderFlags = $s.dwProviderFlags;
        $d.ProviderId = $s.ProviderId;
        $d.dwCatalogEntryId = $s.dwCatalogEntryId;
        $d.ProtocolChain = $s.ProtocolChain;
        $d.iVersion = $s.iVersion;
        $d.iAddressFamily = $s.iAddressFamily;
        $d.iMaxSockAddr = $s.iMaxSockAddr;
        $d.iMinSockAddr = $s.iMinSockAddr;
        $d.iSocketType = $s.iSocketType;
        $d.iProtocol = $s.iProtocol;
        $d.iProtocolMaxOffset = $s.iProtocolMaxOffset;
        $d.iNetworkByteOrder = $s.iNetworkByteOrder;
        $d.iSecurityScheme = $s.iSecurityScheme;
        $d.dwMessageSize = $s.dwMessageSize;
        $d.dwProviderReserved = $s.dwProviderReserved;
    };
}
use copy_common;

/// A zero-terminated protocol list, or None for a null pointer (no filter).
///
/// # Safety
/// `filter` null or zero-terminated.
pub(crate) unsafe fn filter_list(filter: *const i32) -> Option<Vec<i32>> {
    if filter.is_null() {
        return None;
    }
    let mut wanted = Vec::new();
    let mut p = filter;
    // SAFETY: the caller passes a zero-terminated array.
    unsafe {
        while *p != 0 {
            wanted.push(*p);
            p = p.add(1);
        }
    }
    Some(wanted)
}

/// Whether a protocol filter lists `e`. An entry whose range starts at 0 (RAW) answers
/// socket() for any protocol, but a filter names real protocols only, so Windows does not
/// list it.
pub(crate) fn listed(e: &catalog::CatalogEntry, wanted: &[i32]) -> bool {
    e.info.iProtocol != 0 && wanted.iter().any(|&w| e.matches_protocol(w))
}

/// The visible entries matching the filter. A damaged catalog (already reported, naming the
/// file and line) is a failed network subsystem to this API.
unsafe fn selected(filter: *const i32) -> Result<Vec<WSAPROTOCOL_INFOW>, i32> {
    // SAFETY: caller contract.
    let wanted = unsafe { filter_list(filter) };
    let cat = catalog::try_current().map_err(|_| WSAENETDOWN)?;
    Ok(cat.visible().filter(|e| wanted.as_ref().is_none_or(|w| listed(e, w))).map(|e| e.info).collect())
}

/// Copies `items` into the caller's buffer of `*len` bytes, Windows-style: too small (or null)
/// gives WSAENOBUFS with the needed size in `*len`.
pub(crate) unsafe fn deliver<T: Copy>(items: &[T], buf: *mut T, len: *mut u32) -> Result<i32, i32> {
    if len.is_null() {
        return Err(WSAEFAULT);
    }
    let need = std::mem::size_of_val(items) as u32;
    // SAFETY: `len` is non-null; `buf` has `*len` bytes when non-null.
    unsafe {
        if buf.is_null() || *len < need {
            *len = need;
            return Err(WSAENOBUFS);
        }
        std::ptr::copy_nonoverlapping(items.as_ptr(), buf, items.len());
        *len = need;
    }
    Ok(items.len() as i32)
}

/// # Safety
/// `protocols` null or zero-terminated; `buf` null or `*len` bytes; `len` valid or null.
#[no_mangle]
pub unsafe extern "system" fn WSAEnumProtocolsW(protocols: *const i32, buf: *mut WSAPROTOCOL_INFOW, len: *mut u32) -> i32 {
    wsa_call(SOCKET_ERROR, || {
        require_started()?;
        // SAFETY: caller contract.
        let items = unsafe { selected(protocols) }?;
        // SAFETY: caller contract.
        unsafe { deliver(&items, buf, len) }
    })
}

/// # Safety
/// As WSAEnumProtocolsW.
#[no_mangle]
pub unsafe extern "system" fn WSAEnumProtocolsA(protocols: *const i32, buf: *mut WSAPROTOCOL_INFOA, len: *mut u32) -> i32 {
    wsa_call(SOCKET_ERROR, || {
        require_started()?;
        // SAFETY: caller contract.
        let items: Vec<_> = unsafe { selected(protocols) }?.iter().map(to_ansi).collect();
        // SAFETY: caller contract.
        unsafe { deliver(&items, buf, len) }
    })
}
