//! Where this layer sits in a protocol chain, and the layer below it.
//!
//! A layer is identified by its file: the chain entry whose provider path (WPUGetProviderPath)
//! is this library. The next entry in the chain is loaded from its provider path and started
//! with the chain's WSAPROTOCOL_INFOW while it is layered, the base protocol's when it is the
//! base; the upcall table goes down unmodified. The catalog itself (WSCEnumProtocols) comes from
//! the libws2_32 that supplied the upcall table, so a provider never links ws2_32 statically.

use std::ffi::{c_void, CStr};
use std::path::{Path, PathBuf};
use windows_sys::core::GUID;
use windows_sys::Win32::Networking::WinSock::*;

/// The layer below, for one next catalog entry.
pub struct Link {
    pub next_id: u32,
    /// What the layer below was started with and is given in WSPSocket.
    pub next_info: WSAPROTOCOL_INFOW,
    pub table: WSPPROC_TABLE,
}

type EnumProtocols = unsafe extern "system" fn(*const i32, *mut WSAPROTOCOL_INFOW, *mut u32, *mut i32) -> i32;
type Startup = unsafe extern "system" fn(u16, *mut WSPDATA, *const WSAPROTOCOL_INFOW, WSPUPCALLTABLE, *mut WSPPROC_TABLE) -> i32;

/// The shared object containing `addr`.
fn file_of(addr: *const c_void) -> Option<PathBuf> {
    // SAFETY: Dl_info is plain data; dladdr only inspects the address.
    unsafe {
        let mut info: libc::Dl_info = std::mem::zeroed();
        if libc::dladdr(addr, &mut info) == 0 || info.dli_fname.is_null() {
            return None;
        }
        let p = PathBuf::from(CStr::from_ptr(info.dli_fname).to_string_lossy().into_owned());
        Some(p.canonicalize().unwrap_or(p))
    }
}

/// This provider's own library file.
fn own_file() -> Option<PathBuf> {
    file_of(own_file as *const c_void)
}

/// WSCEnumProtocols of the libws2_32 whose upcall table we were given.
fn enum_protocols(up: &WSPUPCALLTABLE) -> Result<Vec<WSAPROTOCOL_INFOW>, i32> {
    let anchor = up.lpWPUGetProviderPath.ok_or(WSAEPROVIDERFAILEDINIT)? as *const c_void;
    let ws2 = file_of(anchor).ok_or(WSAEPROVIDERFAILEDINIT)?;
    // SAFETY: the library is already loaded (it called us); this only takes a reference.
    let lib = unsafe { libloading::os::unix::Library::open(Some(&ws2), libc::RTLD_NOW | libc::RTLD_NOLOAD) }
        .map_err(|_| WSAEPROVIDERFAILEDINIT)?;
    // SAFETY: WSCEnumProtocols has this signature (ws2spi.h).
    let f: EnumProtocols = *unsafe { lib.get::<EnumProtocols>(b"WSCEnumProtocols\0") }.map_err(|_| WSAEPROVIDERFAILEDINIT)?;
    // The reference is dropped: the library stays loaded while it is calling us.
    drop(lib);
    let (mut len, mut err) = (0u32, 0i32);
    // SAFETY: a size query with valid pointers.
    unsafe { f(std::ptr::null(), std::ptr::null_mut(), &mut len, &mut err) };
    let n = len as usize / std::mem::size_of::<WSAPROTOCOL_INFOW>();
    // SAFETY: WSAPROTOCOL_INFOW is plain data.
    let mut all = vec![unsafe { std::mem::zeroed::<WSAPROTOCOL_INFOW>() }; n];
    // SAFETY: the buffer holds `len` bytes.
    let got = unsafe { f(std::ptr::null(), all.as_mut_ptr(), &mut len, &mut err) };
    if got < 0 {
        return Err(WSAEPROVIDERFAILEDINIT);
    }
    all.truncate(got as usize);
    Ok(all)
}

fn provider_path(up: &WSPUPCALLTABLE, id: &GUID) -> Option<PathBuf> {
    let get = up.lpWPUGetProviderPath?;
    let mut buf = [0u16; 4096];
    let (mut len, mut err) = (buf.len() as i32, 0);
    // SAFETY: the buffer holds `len` WCHARs.
    if unsafe { get(id, buf.as_mut_ptr(), &mut len, &mut err) } != 0 {
        return None;
    }
    let end = buf.iter().position(|&c| c == 0).unwrap_or(buf.len());
    let p = PathBuf::from(String::from_utf16_lossy(&buf[..end]));
    Some(p.canonicalize().unwrap_or(p))
}

fn same(a: &Path, b: &Path) -> bool {
    a == b
}

/// The next entry below this layer in `chain`: its id and the info to start and call it with.
pub fn next_below(chain: &WSAPROTOCOL_INFOW, up: &WSPUPCALLTABLE) -> Result<(u32, WSAPROTOCOL_INFOW, PathBuf), i32> {
    let me = own_file().ok_or(WSAEPROVIDERFAILEDINIT)?;
    let all = enum_protocols(up)?;
    let entry = |id: u32| all.iter().find(|e| e.dwCatalogEntryId == id);
    let c = &chain.ProtocolChain;
    let ids = &c.ChainEntries[..(c.ChainLen.clamp(0, 7) as usize)];
    let pos = ids
        .iter()
        .take(ids.len().saturating_sub(1))
        .position(|id| entry(*id).and_then(|e| provider_path(up, &e.ProviderId)).is_some_and(|p| same(&p, &me)))
        .ok_or(WSAEPROVIDERFAILEDINIT)?;
    let next = entry(ids[pos + 1]).ok_or(WSAEPROVIDERFAILEDINIT)?;
    let path = provider_path(up, &next.ProviderId).ok_or(WSAEPROVIDERFAILEDINIT)?;
    if same(&path, &me) {
        // The same file twice in one chain would load itself as its own lower layer.
        return Err(WSAEPROVIDERFAILEDINIT);
    }
    let info = if next.ProtocolChain.ChainLen == 1 { *next } else { *chain };
    Ok((next.dwCatalogEntryId, info, path))
}

/// The checks ws2_32 applies before loading a provider: an absolute path to a regular file,
/// not writable by group or others, owned by root or by the caller.
fn trusted(path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    // SAFETY: geteuid has no preconditions.
    let me = unsafe { libc::geteuid() };
    path.is_absolute() && std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.mode() & 0o022 == 0 && (m.uid() == 0 || m.uid() == me))
}

/// Loads the layer at `path` and starts it with `info`.
pub fn start_below(next_id: u32, info: WSAPROTOCOL_INFOW, path: &Path, up: WSPUPCALLTABLE) -> Result<Link, i32> {
    if !trusted(path) {
        return Err(WSAEPROVIDERFAILEDINIT);
    }
    // SAFETY: loading the next provider of the chain from its catalog path, as the SPI
    // prescribes, after the same checks ws2_32 makes.
    let lib = unsafe { libloading::os::unix::Library::open(Some(path), libc::RTLD_NOW | libc::RTLD_LOCAL) }
        .map_err(|_| WSAEPROVIDERFAILEDINIT)?;
    // SAFETY: WSPStartup has this signature in every provider.
    let startup: Startup = *unsafe { lib.get::<Startup>(b"WSPStartup\0") }.map_err(|_| WSAEPROVIDERFAILEDINIT)?;
    // Providers stay loaded: sockets and other threads may point into them.
    std::mem::forget(lib);
    // SAFETY: plain data.
    let mut data: WSPDATA = unsafe { std::mem::zeroed() };
    let mut table = WSPPROC_TABLE::default();
    // SAFETY: valid pointers to locals; the lower layer fills `data` and `table`.
    let rc = unsafe { startup(0x0202, &mut data, &info, up, &mut table) };
    if rc != 0 {
        return Err(rc);
    }
    Ok(Link { next_id, next_info: info, table })
}
