//! The catalog functions of ws2spi.h/sporder.h — WSCEnumProtocols, WSCInstallProvider(64_32),
//! WSCDeinstallProvider, WSCUpdateProvider, WSCWriteProviderOrder, WSCGetProviderPath,
//! WSCGetProviderInfo/WSCSetProviderInfo — and WSAProviderConfigChange. They read and write the
//! persistent catalog (`catalog::store`); like Windows' they need no WSAStartup, report errors
//! through `lpErrno` (WSCWriteProviderOrder returns its code), and fail with WSANO_RECOVERY
//! when the catalog cannot be read or written.

use crate::abi::*;
use crate::catalog::{self, store, CatalogError, Location, ProviderPath};
use crate::ffi::{bad_ptr, wsa_call};
use std::collections::HashMap;
use std::sync::Mutex;

/// A catalog that cannot be read or written is WSANO_RECOVERY to the WSC functions; the reason
/// (file, line, errno text) goes to the log, since the code alone cannot carry it.
impl From<CatalogError> for i32 {
    fn from(e: CatalogError) -> i32 {
        crate::log::line(&e.to_string());
        WSANO_RECOVERY
    }
}

/// Runs an SPI-style body: Err(code) → SOCKET_ERROR with `*errno = code`; no panic escapes.
fn wsc(errno: *mut i32, body: impl FnOnce() -> Result<i32, i32>) -> i32 {
    let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(body)).unwrap_or(Err(WSASYSCALLFAILURE));
    match r {
        Ok(v) => v,
        Err(code) => {
            if !bad_ptr(errno) {
                // SAFETY: checked to be a plausible pointer; the caller passes its error variable.
                unsafe { *errno = code };
            }
            SOCKET_ERROR
        }
    }
}

/// A NUL-terminated wide string (bounded by MAX_PATH-style sanity: 32767 characters).
unsafe fn wide_str(p: *const u16) -> Result<String, i32> {
    if bad_ptr(p) {
        return Err(WSAEFAULT);
    }
    let mut n = 0;
    // SAFETY: the caller passes a NUL-terminated string; we stop at the NUL or the bound.
    while unsafe { *p.add(n) } != 0 {
        n += 1;
        if n > 32767 {
            return Err(WSAEINVAL);
        }
    }
    // SAFETY: `n` characters were just read.
    Ok(String::from_utf16_lossy(unsafe { std::slice::from_raw_parts(p, n) }))
}

unsafe fn guid_arg(p: *const GUID) -> Result<GUID, i32> {
    if bad_ptr(p) {
        return Err(WSAEFAULT);
    }
    // SAFETY: checked; GUID is plain data.
    Ok(unsafe { *p })
}

unsafe fn infos_arg<'a>(p: *const WSAPROTOCOL_INFOW, n: u32) -> Result<&'a [WSAPROTOCOL_INFOW], i32> {
    if bad_ptr(p) {
        return Err(WSAEFAULT);
    }
    if n == 0 || n > 1024 {
        return Err(WSAEINVAL);
    }
    // SAFETY: the caller passes an array of `n` entries.
    Ok(unsafe { std::slice::from_raw_parts(p, n as usize) })
}

/// Provider paths must be absolute: ws2 loads nothing through a search path.
fn path_arg(s: String) -> Result<ProviderPath, i32> {
    if s.starts_with('/') {
        Ok(ProviderPath::File(s.into()))
    } else {
        Err(WSAEINVAL)
    }
}

fn loc() -> Location {
    crate::catalog::store::process_location().clone()
}

/// # Safety
/// As WSAEnumProtocolsW, plus `errno` valid.
#[no_mangle]
pub unsafe extern "system" fn WSCEnumProtocols(protocols: *const i32, buf: *mut WSAPROTOCOL_INFOW, len: *mut u32, errno: *mut i32) -> i32 {
    wsc(errno, || {
        let cat = catalog::try_current()?;
        // SAFETY: caller contract.
        let wanted = unsafe { super::protocols::filter_list(protocols) };
        let items: Vec<_> =
            cat.entries.iter().filter(|e| wanted.as_ref().is_none_or(|w| super::protocols::listed(e, w))).map(|e| e.info).collect();
        // SAFETY: caller contract.
        unsafe { super::protocols::deliver(&items, buf, len) }
    })
}

/// # Safety
/// Pointers valid as WSCInstallProvider documents.
#[no_mangle]
pub unsafe extern "system" fn WSCInstallProvider(
    id: *const GUID,
    path: *const u16,
    infos: *const WSAPROTOCOL_INFOW,
    n: u32,
    errno: *mut i32,
) -> i32 {
    wsc(errno, || {
        // SAFETY: caller contract.
        let (id, path, infos) = unsafe { (guid_arg(id)?, path_arg(wide_str(path)?)?, infos_arg(infos, n)?) };
        store::modify(&loc(), |cat| cat.install(&id, path, infos))?;
        Ok(0)
    })
}

/// There is one catalog on Linux, so the 32/64-bit pair installs once.
///
/// # Safety
/// As WSCInstallProvider.
#[no_mangle]
pub unsafe extern "system" fn WSCInstallProvider64_32(
    id: *const GUID,
    path: *const u16,
    infos: *const WSAPROTOCOL_INFOW,
    n: u32,
    errno: *mut i32,
) -> i32 {
    // SAFETY: forwarded.
    unsafe { WSCInstallProvider(id, path, infos, n, errno) }
}

/// # Safety
/// Pointers valid as WSCUpdateProvider documents.
#[no_mangle]
pub unsafe extern "system" fn WSCUpdateProvider(
    id: *const GUID,
    path: *const u16,
    infos: *const WSAPROTOCOL_INFOW,
    n: u32,
    errno: *mut i32,
) -> i32 {
    wsc(errno, || {
        // SAFETY: caller contract.
        let (id, path, infos) = unsafe { (guid_arg(id)?, path_arg(wide_str(path)?)?, infos_arg(infos, n)?) };
        store::modify(&loc(), |cat| cat.update(&id, path, infos))?;
        Ok(0)
    })
}

/// # Safety
/// `id` and `errno` valid.
#[no_mangle]
pub unsafe extern "system" fn WSCDeinstallProvider(id: *const GUID, errno: *mut i32) -> i32 {
    wsc(errno, || {
        // SAFETY: caller contract.
        let id = unsafe { guid_arg(id)? };
        store::modify(&loc(), |cat| cat.deinstall(&id))?;
        Ok(0)
    })
}

/// Returns 0 or the error code itself (no lpErrno), as documented.
///
/// # Safety
/// `ids` points to `n` catalog entry ids.
#[no_mangle]
pub unsafe extern "system" fn WSCWriteProviderOrder(ids: *const u32, n: u32) -> i32 {
    let r = std::panic::catch_unwind(|| {
        if bad_ptr(ids) {
            return Err(WSAEINVAL);
        }
        // SAFETY: the caller passes `n` ids.
        let ids = unsafe { std::slice::from_raw_parts(ids, n as usize) };
        store::modify(&loc(), |cat| cat.reorder(ids))
    });
    match r {
        Ok(Ok(())) => 0,
        Ok(Err(code)) => code,
        Err(_) => WSASYSCALLFAILURE,
    }
}

/// # Safety
/// As WSCWriteProviderOrder.
#[no_mangle]
pub unsafe extern "system" fn WSCWriteProviderOrder64_32(ids: *const u32, n: u32) -> i32 {
    // SAFETY: forwarded.
    unsafe { WSCWriteProviderOrder(ids, n) }
}

/// Copies a provider's path for `id` into a caller's WCHAR buffer of `*len` characters
/// (WSCGetProviderPath and the WPUGetProviderPath upcall share this). A short buffer is
/// WSAEFAULT, with the needed length in `*len`.
///
/// # Safety
/// `path` holds `*len` WCHARs; `len` valid.
pub unsafe fn provider_path_into(id: *const GUID, path: *mut u16, len: *mut i32) -> Result<i32, i32> {
    // SAFETY: caller contract.
    let id = unsafe { guid_arg(id)? };
    if bad_ptr(len) || bad_ptr(path) {
        return Err(WSAEFAULT);
    }
    let cat = catalog::try_current()?;
    // Transport providers first, then namespace providers (WSCGetProviderPath serves both).
    let found = match cat.entries.iter().find(|e| guid_eq(&e.info.ProviderId, &id)) {
        Some(e) => &e.path,
        None => &cat.namespace(&id).ok_or(WSAEINVAL)?.path,
    };
    let wide: Vec<u16> = crate::provider::path_of(found).to_string_lossy().encode_utf16().chain(Some(0)).collect();
    // SAFETY: checked non-null; the caller's buffer holds `*len` WCHARs.
    unsafe {
        if *len < wide.len() as i32 {
            *len = wide.len() as i32;
            return Err(WSAEFAULT);
        }
        std::ptr::copy_nonoverlapping(wide.as_ptr(), path, wide.len());
        *len = wide.len() as i32;
    }
    Ok(0)
}

/// # Safety
/// As WSCGetProviderPath documents.
#[no_mangle]
pub unsafe extern "system" fn WSCGetProviderPath(id: *const GUID, path: *mut u16, len: *mut i32, errno: *mut i32) -> i32 {
    // SAFETY: caller contract.
    wsc(errno, || unsafe { provider_path_into(id, path, len) })
}

/// The call is documented as "not implemented" for ProviderInfoAudit.
const ERROR_CALL_NOT_IMPLEMENTED: i32 = 120;

/// LSP categories are the one information class Windows implements.
fn info_kind(kind: WSC_PROVIDER_INFO_TYPE) -> Result<(), i32> {
    if kind == ProviderInfoLspCategories {
        Ok(())
    } else if kind == ProviderInfoAudit {
        Err(ERROR_CALL_NOT_IMPLEMENTED)
    } else {
        Err(WSAEINVAL)
    }
}

/// # Safety
/// As WSCGetProviderInfo documents.
#[no_mangle]
pub unsafe extern "system" fn WSCGetProviderInfo(
    id: *const GUID,
    kind: i32,
    info: *mut u8,
    size: *mut usize,
    _flags: u32,
    errno: *mut i32,
) -> i32 {
    wsc(errno, || {
        // SAFETY: caller contract.
        let id = unsafe { guid_arg(id)? };
        info_kind(kind)?;
        if bad_ptr(size) {
            return Err(WSAEFAULT);
        }
        let cat = catalog::try_current()?;
        let e = cat.entries.iter().find(|e| guid_eq(&e.info.ProviderId, &id)).ok_or(WSAEINVALIDPROVIDER)?;
        // SAFETY: `size` checked; `info` holds `*size` bytes when non-null.
        unsafe {
            if bad_ptr(info) || *size < 4 {
                *size = 4;
                return Err(WSAEFAULT);
            }
            std::ptr::write_unaligned(info as *mut u32, e.lsp_categories);
            *size = 4;
        }
        Ok(0)
    })
}

/// # Safety
/// As WSCSetProviderInfo documents.
#[no_mangle]
pub unsafe extern "system" fn WSCSetProviderInfo(
    id: *const GUID,
    kind: i32,
    info: *const u8,
    size: usize,
    _flags: u32,
    errno: *mut i32,
) -> i32 {
    wsc(errno, || {
        // SAFETY: caller contract.
        let id = unsafe { guid_arg(id)? };
        info_kind(kind)?;
        if bad_ptr(info) {
            return Err(WSAEFAULT);
        }
        if size != 4 {
            return Err(WSAEINVAL);
        }
        // SAFETY: checked: 4 readable bytes.
        let categories = unsafe { std::ptr::read_unaligned(info as *const u32) };
        store::modify(&loc(), |cat| {
            let mut found = false;
            for e in cat.entries.iter_mut().filter(|e| guid_eq(&e.info.ProviderId, &id)) {
                e.lsp_categories = categories;
                found = true;
            }
            if found {
                Ok(())
            } else {
                Err(WSAEINVALIDPROVIDER)
            }
        })?;
        Ok(0)
    })
}

/// Notification handles: the catalog serial each one last reported.
static NOTIFY: Mutex<Option<HashMap<usize, u64>>> = Mutex::new(None);
/// Notification handles are numbered apart from sockets and events.
const NOTIFY_BASE: usize = 0x7e50_0000;

fn serial_now() -> Result<u64, i32> {
    Ok(catalog::try_current().map_err(|_| WSAENETDOWN)?.serial)
}

/// Waits until the catalog serial differs from the one `h` last reported, and records it.
fn wait_for_change(h: usize, seen: u64) -> Result<(), i32> {
    loop {
        let now = serial_now()?;
        if now != seen {
            if let Some(m) = NOTIFY.lock().unwrap_or_else(|e| e.into_inner()).as_mut() {
                m.insert(h, now);
            }
            return Ok(());
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

/// The first call (a NULL handle) returns a handle at once; later calls with it complete when
/// the catalog changed since the previous one: blocking without an OVERLAPPED, else
/// WSA_IO_PENDING now and, at the change, the OVERLAPPED's status set and its event signalled.
/// Completion routines are not offered (WSAEOPNOTSUPP, as for an environment that cannot
/// notify).
///
/// # Safety
/// `handle` valid; `ov` null or valid until the notification completes.
#[no_mangle]
pub unsafe extern "system" fn WSAProviderConfigChange(
    handle: *mut HANDLE,
    ov: *mut WSAOVERLAPPED,
    cr: LPWSAOVERLAPPED_COMPLETION_ROUTINE,
) -> i32 {
    wsa_call(SOCKET_ERROR, || {
        super::startup::require_started()?;
        if bad_ptr(handle) {
            return Err(WSAEFAULT);
        }
        // SAFETY: checked.
        let h = unsafe { *handle } as usize;
        if h == 0 {
            let serial = serial_now()?;
            let mut map = NOTIFY.lock().unwrap_or_else(|e| e.into_inner());
            let map = map.get_or_insert_with(HashMap::new);
            let new = NOTIFY_BASE + map.len();
            map.insert(new, serial);
            // SAFETY: checked.
            unsafe { *handle = new as HANDLE };
            return Ok(0);
        }
        let seen = NOTIFY.lock().unwrap_or_else(|e| e.into_inner()).as_ref().and_then(|m| m.get(&h).copied()).ok_or(WSA_INVALID_HANDLE)?;
        if ov.is_null() {
            wait_for_change(h, seen)?;
            return Ok(0);
        }
        if cr.is_some() || bad_ptr(ov) {
            return Err(if cr.is_some() { WSAEOPNOTSUPP } else { WSAEFAULT });
        }
        // SAFETY: the caller's OVERLAPPED, valid until the notification completes (as on
        // Windows); only its status words and event are touched, from the waiting thread.
        let (ov_addr, event) = unsafe {
            (*ov).Internal = WSA_IO_PENDING as usize;
            (ov as usize, (*ov).hEvent as usize)
        };
        std::thread::spawn(move || {
            let code = wait_for_change(h, seen).err().unwrap_or(0);
            let ov = ov_addr as *mut WSAOVERLAPPED;
            // SAFETY: as above.
            unsafe {
                (*ov).InternalHigh = 0;
                (*ov).Internal = code as usize;
            }
            if event != 0 {
                crate::kernel::event::set(event);
            }
        });
        Err(WSA_IO_PENDING)
    })
}
