//! Loading provider libraries: the path is checked (absolute, a regular file, not writable by
//! group or others, owned by root or by the caller) before `dlopen(RTLD_NOW | RTLD_LOCAL)`;
//! each provider GUID is loaded once per process and its `WSPStartup` looked up.
//!
//! Libraries stay loaded for the rest of the process: SOCKETs, upcalls and other threads may
//! still point into a provider's code after its last WSPCleanup, so unloading is never safe.

use super::WspStartupFn;
use crate::abi::*;
use std::collections::HashMap;
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

/// The WSPStartup of provider `id` served by `path`, loading the library on first use.
pub fn startup_of(id: &GUID, path: &Path) -> Result<WspStartupFn, String> {
    let mut loaded = LOADED.lock().unwrap_or_else(|e| e.into_inner());
    let map = loaded.get_or_insert_with(HashMap::new);
    if let Some(l) = map.get(&key(id)) {
        return Ok(l.startup);
    }
    check_path(path)?;
    // SAFETY: loading a library runs its initialisers; the path passed the ownership and
    // permission checks above, which is the trust decision the catalog delegates to us.
    let lib = unsafe { libloading::os::unix::Library::open(Some(path), libc::RTLD_NOW | libc::RTLD_LOCAL) }.map_err(|e| format!("dlopen failed: {e}"))?;
    // SAFETY: `WSPStartup` has this signature in every provider (ws2spi.h).
    let sym = unsafe { lib.get::<WspStartupFn>(b"WSPStartup\0") }.map_err(|_| "it does not export WSPStartup".to_string())?;
    let startup = *sym;
    // Never unloaded: see the module comment.
    std::mem::forget(lib);
    map.insert(key(id), Loaded { startup, starts: 0 });
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
