//! The namespace catalog functions: WSCInstallNameSpace(Ex), WSCUnInstallNameSpace,
//! WSCEnableNSProvider, WSCWriteNameSpaceOrder (and their 64_32 forms: one catalog serves every
//! program on Linux) and WSAEnumNameSpaceProviders(Ex)W/A. Changes go through
//! `catalog::store` like the transport WSC functions; like those they need no WSAStartup.
//!
//! A provider path naming libws2_32 itself (as WSCGetProviderPath reports it for the built-in
//! providers) installs a built-in provider: the system resolver for its GUID, else an instance
//! of the DNS resolver configured by the provider-specific blob.

use super::startup::require_started;
use crate::abi::*;
use crate::catalog::{store, Location, NamespaceEntry, ProviderPath};
use crate::ffi::{bad_ptr, wsa_call};
use crate::rnr::queryset::read_string;
use std::mem::size_of;

fn loc() -> Location {
    Location::of_process()
}

/// A caller's provider path: absolute; libws2_32's own path means built in.
fn path_arg(s: String) -> Result<ProviderPath, i32> {
    if !s.starts_with('/') {
        return Err(WSAEINVAL);
    }
    let own = crate::sys::socket::own_library_path();
    let same =
        |a: &std::path::Path, b: &std::path::Path| a == b || matches!((a.canonicalize(), b.canonicalize()), (Ok(x), Ok(y)) if x == y);
    if same(std::path::Path::new(&s), &own) {
        Ok(ProviderPath::Builtin)
    } else {
        Ok(ProviderPath::File(s.into()))
    }
}

/// # Safety
/// `p` null or a valid GUID pointer.
unsafe fn guid_arg(p: *const GUID) -> Result<GUID, i32> {
    if bad_ptr(p) {
        return Err(WSAEINVAL);
    }
    // SAFETY: checked; plain data.
    Ok(unsafe { *p })
}

/// # Safety
/// Strings NUL-terminated, `blob` null or valid.
unsafe fn install(ident: *const u16, path: *const u16, ns: u32, version: u32, id: *const GUID, blob: *const BLOB) -> i32 {
    wsa_call(SOCKET_ERROR, || {
        // SAFETY: caller contract.
        let (ident, path, id) = unsafe { (read_string(ident as *const u8, true)?, read_string(path as *const u8, true)?, guid_arg(id)?) };
        let (ident, path) = (ident.ok_or(WSAEINVAL)?, path_arg(path.ok_or(WSAEINVAL)?)?);
        let provider_specific = match blob {
            b if b.is_null() => Vec::new(),
            b if bad_ptr(b) => return Err(WSAEFAULT),
            // SAFETY: a caller's BLOB; its data has cbSize bytes.
            b => unsafe {
                let b = &*b;
                if b.cbSize == 0 {
                    Vec::new()
                } else if bad_ptr(b.pBlobData) || b.cbSize > 1 << 20 {
                    return Err(WSAEFAULT);
                } else {
                    std::slice::from_raw_parts(b.pBlobData, b.cbSize as usize).to_vec()
                }
            },
        };
        let entry = NamespaceEntry { provider_id: id, identifier: ident, path, namespace: ns, version, active: true, provider_specific };
        store::modify(&loc(), |cat| cat.install_namespace(entry))?;
        Ok(0)
    })
}

/// # Safety
/// As WSCInstallNameSpace documents.
#[no_mangle]
pub unsafe extern "system" fn WSCInstallNameSpace(ident: *const u16, path: *const u16, ns: u32, version: u32, id: *const GUID) -> i32 {
    // SAFETY: caller contract.
    unsafe { install(ident, path, ns, version, id, std::ptr::null()) }
}

/// # Safety
/// As WSCInstallNameSpaceEx documents.
#[no_mangle]
pub unsafe extern "system" fn WSCInstallNameSpaceEx(
    ident: *const u16,
    path: *const u16,
    ns: u32,
    version: u32,
    id: *const GUID,
    blob: *const BLOB,
) -> i32 {
    // SAFETY: caller contract.
    unsafe { install(ident, path, ns, version, id, blob) }
}

/// # Safety
/// As WSCInstallNameSpace.
#[no_mangle]
pub unsafe extern "system" fn WSCInstallNameSpace64_32(ident: *const u16, path: *const u16, ns: u32, version: u32, id: *const GUID) -> i32 {
    // SAFETY: forwarded.
    unsafe { install(ident, path, ns, version, id, std::ptr::null()) }
}

/// # Safety
/// As WSCInstallNameSpaceEx.
#[no_mangle]
pub unsafe extern "system" fn WSCInstallNameSpaceEx64_32(
    ident: *const u16,
    path: *const u16,
    ns: u32,
    version: u32,
    id: *const GUID,
    blob: *const BLOB,
) -> i32 {
    // SAFETY: forwarded.
    unsafe { install(ident, path, ns, version, id, blob) }
}

/// # Safety
/// `id` valid.
#[no_mangle]
pub unsafe extern "system" fn WSCUnInstallNameSpace(id: *const GUID) -> i32 {
    wsa_call(SOCKET_ERROR, || {
        // SAFETY: caller contract.
        let id = unsafe { guid_arg(id)? };
        store::modify(&loc(), |cat| cat.uninstall_namespace(&id))?;
        Ok(0)
    })
}

/// # Safety
/// As WSCUnInstallNameSpace.
#[no_mangle]
pub unsafe extern "system" fn WSCUnInstallNameSpace64_32(id: *const GUID) -> i32 {
    // SAFETY: forwarded.
    unsafe { WSCUnInstallNameSpace(id) }
}

/// # Safety
/// `id` valid.
#[no_mangle]
pub unsafe extern "system" fn WSCEnableNSProvider(id: *const GUID, enable: BOOL) -> i32 {
    wsa_call(SOCKET_ERROR, || {
        // SAFETY: caller contract.
        let id = unsafe { guid_arg(id)? };
        store::modify(&loc(), |cat| cat.enable_namespace(&id, enable != FALSE))?;
        Ok(0)
    })
}

/// # Safety
/// As WSCEnableNSProvider.
#[no_mangle]
pub unsafe extern "system" fn WSCEnableNSProvider64_32(id: *const GUID, enable: BOOL) -> i32 {
    // SAFETY: forwarded.
    unsafe { WSCEnableNSProvider(id, enable) }
}

/// Returns 0 or the error code itself, as documented.
///
/// # Safety
/// `ids` points to `n` GUIDs.
#[no_mangle]
pub unsafe extern "system" fn WSCWriteNameSpaceOrder(ids: *const GUID, n: u32) -> i32 {
    let r = std::panic::catch_unwind(|| {
        if bad_ptr(ids) || n > 4096 {
            return Err(WSAEINVAL);
        }
        // SAFETY: the caller passes `n` GUIDs.
        let ids = unsafe { std::slice::from_raw_parts(ids, n as usize) };
        store::modify(&loc(), |cat| cat.order_namespaces(ids))
    });
    match r {
        Ok(Ok(())) => 0,
        Ok(Err(code)) => code,
        Err(_) => WSASYSCALLFAILURE,
    }
}

/// # Safety
/// As WSCWriteNameSpaceOrder.
#[no_mangle]
pub unsafe extern "system" fn WSCWriteNameSpaceOrder64_32(ids: *const GUID, n: u32) -> i32 {
    // SAFETY: forwarded.
    unsafe { WSCWriteNameSpaceOrder(ids, n) }
}

// ---- WSAEnumNameSpaceProviders ---------------------------------------------------------------

/// Packs the catalog's namespace providers into a caller's buffer: the array of
/// WSANAMESPACE_INFO(EX) first, then the identifiers (and blobs) they point to. A short
/// buffer is WSAEFAULT with the size needed in `*len`.
///
/// # Safety
/// `len` null or valid; `buf` null or `*len` writable bytes.
unsafe fn enumerate(len: *mut u32, buf: *mut u8, wide: bool, ex: bool) -> i32 {
    wsa_call(SOCKET_ERROR, || {
        require_started()?;
        if bad_ptr(len) {
            return Err(WSAEFAULT);
        }
        let cat = crate::catalog::try_current()?;
        let list = &cat.namespaces;
        let item = if ex { size_of::<WSANAMESPACE_INFOEXW>() } else { size_of::<WSANAMESPACE_INFOW>() };
        let base = buf as usize;
        let mut img = vec![0u8; item * list.len()];
        let put = |img: &mut Vec<u8>, data: &[u8], align: usize| {
            let off = img.len().next_multiple_of(align);
            img.resize(off, 0);
            img.extend_from_slice(data);
            base + off
        };
        for (i, n) in list.iter().enumerate() {
            let ident: Vec<u8> = if wide {
                n.identifier.encode_utf16().chain(Some(0)).flat_map(u16::to_ne_bytes).collect()
            } else {
                n.identifier.bytes().chain(Some(0)).collect()
            };
            let ident = put(&mut img, &ident, 2);
            let info = WSANAMESPACE_INFOW {
                NSProviderId: n.provider_id,
                dwNameSpace: n.namespace,
                fActive: n.active as BOOL,
                dwVersion: n.version,
                lpszIdentifier: ident as *mut u16,
            };
            // SAFETY: plain data copied byte-wise into the image's i-th slot.
            unsafe {
                std::ptr::copy_nonoverlapping(
                    &info as *const _ as *const u8,
                    img.as_mut_ptr().add(i * item),
                    size_of::<WSANAMESPACE_INFOW>(),
                )
            };
            if ex {
                let data = if n.provider_specific.is_empty() { 0 } else { put(&mut img, &n.provider_specific, 8) };
                let b = BLOB { cbSize: n.provider_specific.len() as u32, pBlobData: data as *mut u8 };
                let at = i * item + std::mem::offset_of!(WSANAMESPACE_INFOEXW, ProviderSpecific);
                // SAFETY: as above, into the EX structure's ProviderSpecific field.
                unsafe { std::ptr::copy_nonoverlapping(&b as *const _ as *const u8, img.as_mut_ptr().add(at), size_of::<BLOB>()) };
            }
        }
        // SAFETY: checked non-null.
        let avail = unsafe { *len } as usize;
        if bad_ptr(buf) || avail < img.len() {
            // SAFETY: as above.
            unsafe { *len = img.len() as u32 };
            return Err(WSAEFAULT);
        }
        // SAFETY: the caller's buffer holds `avail >= img.len()` bytes.
        unsafe { std::ptr::copy_nonoverlapping(img.as_ptr(), buf, img.len()) };
        Ok(list.len() as i32)
    })
}

/// # Safety
/// As WSAEnumNameSpaceProviders documents.
#[no_mangle]
pub unsafe extern "system" fn WSAEnumNameSpaceProvidersW(len: *mut u32, buf: *mut WSANAMESPACE_INFOW) -> i32 {
    // SAFETY: caller contract.
    unsafe { enumerate(len, buf as *mut u8, true, false) }
}

/// # Safety
/// As WSAEnumNameSpaceProviders documents.
#[no_mangle]
pub unsafe extern "system" fn WSAEnumNameSpaceProvidersA(len: *mut u32, buf: *mut WSANAMESPACE_INFOA) -> i32 {
    // SAFETY: caller contract.
    unsafe { enumerate(len, buf as *mut u8, false, false) }
}

/// # Safety
/// As WSAEnumNameSpaceProvidersEx documents.
#[no_mangle]
pub unsafe extern "system" fn WSAEnumNameSpaceProvidersExW(len: *mut u32, buf: *mut WSANAMESPACE_INFOEXW) -> i32 {
    // SAFETY: caller contract.
    unsafe { enumerate(len, buf as *mut u8, true, true) }
}

/// # Safety
/// As WSAEnumNameSpaceProvidersEx documents.
#[no_mangle]
pub unsafe extern "system" fn WSAEnumNameSpaceProvidersExA(len: *mut u32, buf: *mut WSANAMESPACE_INFOEXA) -> i32 {
    // SAFETY: caller contract.
    unsafe { enumerate(len, buf as *mut u8, false, true) }
}
