//! Loading provider libraries: the path is checked (absolute, a regular file, not writable by
//! group or others, owned by root or by the caller) before `dlopen(RTLD_NOW | RTLD_LOCAL)`;
//! each provider GUID is loaded once per process and its `WSPStartup` (transport providers) or
//! `NSPStartup` (namespace providers) looked up.
//!
//! Libraries stay loaded for the rest of the process: SOCKETs, upcalls and other threads may
//! still point into a provider's code after its last WSPCleanup, so unloading is never safe.

use super::WspStartupFn;
use crate::abi::*;
use std::collections::HashMap;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::MetadataExt;
use std::path::Path;
use std::sync::Mutex;

struct Loaded {
    startup: WspStartupFn,
    /// WSPStartup calls not yet matched by WSPCleanup (for diagnostics and tests).
    starts: u32,
}

/// Loaded providers by GUID.
static LOADED: Mutex<Option<HashMap<u128, Loaded>>> = Mutex::new(None);
/// Loaded namespace providers' NSPStartup by GUID.
static NSP_LOADED: Mutex<Option<HashMap<u128, super::nsp::NspStartupFn>>> = Mutex::new(None);

fn key(id: &GUID) -> u128 {
    ((id.data1 as u128) << 96) | ((id.data2 as u128) << 80) | ((id.data3 as u128) << 64) | u64::from_be_bytes(id.data4) as u128
}

/// Refuses a provider file that another user could have replaced.
pub fn check_path(path: &Path) -> Result<(), String> {
    if !path.is_absolute() {
        return Err("the path is not absolute".into());
    }
    let m = std::fs::metadata(path).map_err(|e| format!("cannot open it: {e}"))?;
    if !m.is_file() {
        return Err("it is not a regular file".into());
    }
    if m.mode() & 0o022 != 0 {
        return Err(format!("it is writable by group or others (mode {:o})", m.mode() & 0o777));
    }
    // SAFETY: geteuid has no preconditions.
    let me = unsafe { libc::geteuid() };
    if m.uid() != 0 && m.uid() != me {
        return Err(format!("it is owned by uid {}, neither root nor the caller (uid {me})", m.uid()));
    }
    Ok(())
}

/// Checks and loads `path`, and looks up `symbol` (NUL-terminated), which must have type `F`.
/// The library is never unloaded: see the module comment.
///
/// # Safety
/// `F` must be the function pointer type `symbol` has in every provider (ws2spi.h).
unsafe fn load_symbol<F: Copy>(path: &Path, symbol: &[u8]) -> Result<F, String> {
    check_path(path)?;
    // SAFETY: loading a library runs its initialisers; the path passed the ownership and
    // permission checks above, which is the trust decision the catalog delegates to us.
    let lib = unsafe { libloading::os::unix::Library::open(Some(path), libc::RTLD_NOW | libc::RTLD_LOCAL) }
        .map_err(|e| format!("dlopen failed: {e}"))?;
    let name = String::from_utf8_lossy(&symbol[..symbol.len() - 1]).into_owned();
    // SAFETY: looking a symbol up has no preconditions; it is only used as an address here.
    let raw = *unsafe { lib.get::<*const libc::c_void>(symbol) }.map_err(|_| format!("it does not export {name}"))?;
    // dlsym also searches the library's dependencies: a provider linked against libws2_32
    // that lacks the entry point would otherwise get libws2_32's own.
    if !defined_in(raw, path) {
        return Err(format!("it does not export {name}"));
    }
    // SAFETY: per the caller, `F` is the symbol's (function pointer) type.
    let f = unsafe { std::mem::transmute_copy::<*const libc::c_void, F>(&raw) };
    std::mem::forget(lib);
    Ok(f)
}

/// Whether the code at `addr` belongs to the file at `path`.
fn defined_in(addr: *const libc::c_void, path: &Path) -> bool {
    // SAFETY: Dl_info is plain data, filled in by dladdr.
    let mut info: libc::Dl_info = unsafe { std::mem::zeroed() };
    // SAFETY: dladdr only inspects the address.
    if unsafe { libc::dladdr(addr, &mut info) } == 0 || info.dli_fname.is_null() {
        return false;
    }
    // SAFETY: dli_fname is a NUL-terminated path owned by the dynamic linker.
    let file = std::path::PathBuf::from(std::ffi::OsStr::from_bytes(unsafe { std::ffi::CStr::from_ptr(info.dli_fname) }.to_bytes()));
    file == path || matches!((file.canonicalize(), path.canonicalize()), (Ok(a), Ok(b)) if a == b)
}

/// The WSPStartup of provider `id` served by `path`, loading the library on first use.
pub fn startup_of(id: &GUID, path: &Path) -> Result<WspStartupFn, String> {
    let mut loaded = LOADED.lock().unwrap_or_else(|e| e.into_inner());
    let map = loaded.get_or_insert_with(HashMap::new);
    if let Some(l) = map.get(&key(id)) {
        return Ok(l.startup);
    }
    // SAFETY: `WSPStartup` has this signature in every provider (ws2spi.h).
    let startup = unsafe { load_symbol::<WspStartupFn>(path, b"WSPStartup\0") }?;
    map.insert(key(id), Loaded { startup, starts: 0 });
    Ok(startup)
}

/// The NSPStartup of namespace provider `id` served by `path`, loading it on first use.
pub fn nsp_startup_of(id: &GUID, path: &Path) -> Result<super::nsp::NspStartupFn, String> {
    let mut loaded = NSP_LOADED.lock().unwrap_or_else(|e| e.into_inner());
    let map = loaded.get_or_insert_with(HashMap::new);
    if let Some(f) = map.get(&key(id)) {
        return Ok(*f);
    }
    // SAFETY: `NSPStartup` has this signature in every namespace provider (ws2spi.h).
    let startup = unsafe { load_symbol::<super::nsp::NspStartupFn>(path, b"NSPStartup\0") }?;
    map.insert(key(id), startup);
    Ok(startup)
}

/// Records a successful WSPStartup (`delta` 1) or its WSPCleanup (`delta` -1).
pub fn count_start(id: &GUID, delta: i32) {
    let mut loaded = LOADED.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(l) = loaded.as_mut().and_then(|m| m.get_mut(&key(id))) {
        l.starts = l.starts.saturating_add_signed(delta);
    }
}

/// Outstanding WSPStartup calls of a loaded provider (None if never loaded).
pub fn starts(id: &GUID) -> Option<u32> {
    LOADED.lock().unwrap_or_else(|e| e.into_inner()).as_ref()?.get(&key(id)).map(|l| l.starts)
}
