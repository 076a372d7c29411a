//! The namespace SPI as ws2_32 uses it: starting a namespace catalog entry's provider (its
//! NSPStartup, from libws2_32 itself for the built-in ones or from its library through
//! `loader`) once per provider GUID, keeping the NSP_ROUTINE it fills in, and NSPCleanup for
//! each at the last WSACleanup. A provider that cannot start is logged (once per reason) and
//! skipped by lookups.

use super::loader;
use crate::abi::*;
use crate::catalog::{guid, NamespaceEntry, ProviderPath};
use std::sync::Mutex;

/// NSPStartup's signature, as every namespace provider exports it.
pub type NspStartupFn = unsafe extern "system" fn(*const GUID, *mut NSP_ROUTINE) -> i32;

/// A started namespace provider. Instances live for the rest of the process (lookups in
/// flight may still use them after a cleanup); a new WSAStartup starts providers afresh.
pub struct NspInstance {
    pub provider_id: GUID,
    pub namespace: u32,
    pub routine: NSP_ROUTINE,
}

/// The part of NSP_ROUTINE every provider must fill (NSPIoctl came later: Winsock 2.2).
const MIN_ROUTINE_SIZE: u32 = std::mem::offset_of!(NSP_ROUTINE, NSPIoctl) as u32;

static STARTED: Mutex<Vec<&'static NspInstance>> = Mutex::new(Vec::new());

impl NspInstance {
    /// NSPIoctl when the provider's NSP_ROUTINE is recent enough to have it.
    pub fn ioctl(&self) -> LPNSPIOCTL {
        if self.routine.cbSize as usize >= std::mem::size_of::<NSP_ROUTINE>() {
            self.routine.NSPIoctl
        } else {
            None
        }
    }
}

/// Calls a provider's entry point under the NSP convention: NO_ERROR, or SOCKET_ERROR with the
/// code set through WSASetLastError; `silent` is what a failure that set no code is taken for.
pub fn nsp_result(silent: i32, call: impl FnOnce() -> i32) -> Result<(), i32> {
    crate::error::set_last_error(0);
    match call() {
        0 => Ok(()),
        _ => match crate::error::last_error() as i32 {
            0 => Err(silent),
            code => Err(code),
        },
    }
}

/// The started provider of a namespace entry, starting it on first use.
pub fn nsp_for(entry: &NamespaceEntry) -> Result<&'static NspInstance, i32> {
    let mut started = STARTED.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(p) = started.iter().find(|p| guid_eq(&p.provider_id, &entry.provider_id)) {
        return Ok(p);
    }
    let startup: NspStartupFn = match &entry.path {
        ProviderPath::Builtin => crate::nsp::NSPStartup,
        ProviderPath::File(p) => loader::nsp_startup_of(&entry.provider_id, p).map_err(|why| refuse(entry, &why))?,
    };
    let mut routine = NSP_ROUTINE { cbSize: std::mem::size_of::<NSP_ROUTINE>() as u32, ..Default::default() };
    let id = entry.provider_id;
    crate::error::set_last_error(0);
    // SAFETY: both pointers refer to live locals; the provider fills in `routine`.
    let rc = unsafe { startup(&id, &mut routine) };
    if rc != 0 {
        let code = crate::error::last_error();
        return Err(refuse(entry, &format!("NSPStartup failed (error {code})")));
    }
    let r = &routine;
    if r.cbSize < MIN_ROUTINE_SIZE
        || r.NSPLookupServiceBegin.is_none()
        || r.NSPLookupServiceNext.is_none()
        || r.NSPLookupServiceEnd.is_none()
        || r.NSPCleanup.is_none()
    {
        return Err(refuse(entry, "its NSP_ROUTINE lacks NSPLookupServiceBegin/Next/End or NSPCleanup"));
    }
    let inst: &'static NspInstance = Box::leak(Box::new(NspInstance { provider_id: id, namespace: entry.namespace, routine }));
    started.push(inst);
    Ok(inst)
}

/// Logs (once per provider and reason) why a namespace provider cannot start.
fn refuse(entry: &NamespaceEntry, why: &str) -> i32 {
    static LOGGED: Mutex<Vec<(String, String)>> = Mutex::new(Vec::new());
    let key = (guid::format(&entry.provider_id), why.to_string());
    let mut logged = LOGGED.lock().unwrap_or_else(|e| e.into_inner());
    if !logged.contains(&key) {
        let path = crate::provider::path_of(&entry.path);
        crate::log::line(&format!(
            "namespace provider \"{}\" {} ({}) cannot start: {why}",
            entry.identifier,
            guid::format(&entry.provider_id),
            path.display()
        ));
        logged.push(key);
    }
    WSAEPROVIDERFAILEDINIT
}

/// Calls NSPCleanup once for every started namespace provider and forgets them.
pub fn cleanup_all() {
    let started = std::mem::take(&mut *STARTED.lock().unwrap_or_else(|e| e.into_inner()));
    for p in started {
        if let Some(cleanup) = p.routine.NSPCleanup {
            // SAFETY: the provider's own entry point, once per successful NSPStartup.
            unsafe { cleanup(&p.provider_id) };
        }
    }
}
