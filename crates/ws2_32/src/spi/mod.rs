//! The Service Provider Interface as ws2_32 uses it: starting a catalog entry's provider
//! (`provider_for`: load the library through `loader`, call its WSPStartup), the table of
//! socket handles and the provider that owns each (`handles`), and the upcall table providers
//! call back through (`upcall`); `nsp` starts namespace providers the same way.
//!
//! For a protocol chain ws2_32 starts only the top provider, with the chain's
//! WSAPROTOCOL_INFOW; the provider loads the layers below it itself.

pub mod handles;
pub mod loader;
pub mod nsp;
pub mod sockets;
pub mod upcall;

use crate::abi::*;
use crate::catalog::{CatalogEntry, ProviderPath};
use std::sync::Mutex;

/// A started provider: the dispatch table its WSPStartup filled in. Instances live for the
/// rest of the process (handles point at them without a lock); a new WSAStartup after the
/// last WSACleanup starts providers afresh.
pub struct ProviderInstance {
    pub provider_id: GUID,
    pub catalog_entry_id: u32,
    pub version: u16,
    pub table: WSPPROC_TABLE,
}

/// WSPStartup's signature, as every provider exports it.
pub type WspStartupFn = unsafe extern "system" fn(u16, *mut WSPDATA, *const WSAPROTOCOL_INFOW, WSPUPCALLTABLE, *mut WSPPROC_TABLE) -> i32;

/// The providers started since the last full cleanup.
static STARTED: Mutex<Vec<&'static ProviderInstance>> = Mutex::new(Vec::new());

/// Returns the started provider for a catalog entry, starting it on first use: its WSPStartup
/// is called with version 2.2, the entry's WSAPROTOCOL_INFOW and the upcall table.
pub fn provider_for(entry: &CatalogEntry) -> Result<&'static ProviderInstance, i32> {
    let mut started = STARTED.lock().unwrap_or_else(|e| e.into_inner());
    // One start per provider per catalog entry: a layered chain and the base protocol under it
    // are distinct entries and receive distinct WSAPROTOCOL_INFOW.
    if let Some(p) = started.iter().find(|p| p.catalog_entry_id == entry.id()) {
        return Ok(p);
    }
    let (startup, path) = match &entry.path {
        ProviderPath::Builtin => (crate::provider::WSPStartup as WspStartupFn, None),
        ProviderPath::File(p) => match loader::startup_of(&entry.info.ProviderId, p) {
            Ok(f) => (f, Some(p)),
            Err(why) => return Err(refuse(entry, &why)),
        },
    };
    let mut data = WSPDATA::default();
    let mut table = WSPPROC_TABLE::default();
    // SAFETY: all pointers refer to live locals; the provider fills `data` and `table`. The
    // entry's info is copied so a provider that writes to it cannot change the catalog.
    let info = entry.info;
    let rc = unsafe { startup(WINSOCK_VERSION, &mut data, &info, upcall::table(), &mut table) };
    if rc != 0 {
        return Err(refuse(entry, &format!("WSPStartup failed with {rc}")));
    }
    let why = if data.wVersion != WINSOCK_VERSION {
        Some(format!("it negotiated SPI version {}.{}, ws2_32 needs 2.2", data.wVersion & 0xff, data.wVersion >> 8))
    } else if !table_complete(&table) {
        Some("its WSPPROC_TABLE has empty entries".to_string())
    } else {
        None
    };
    if let Some(why) = why {
        if let Some(cleanup) = table.lpWSPCleanup {
            let mut err = 0;
            // SAFETY: undoes the successful WSPStartup above.
            unsafe { cleanup(&mut err) };
        }
        return Err(refuse(entry, &why));
    }
    if path.is_some() {
        loader::count_start(&entry.info.ProviderId, 1);
    }
    let inst: &'static ProviderInstance = Box::leak(Box::new(ProviderInstance {
        provider_id: entry.info.ProviderId,
        catalog_entry_id: entry.id(),
        version: data.wVersion,
        table,
    }));
    started.push(inst);
    Ok(inst)
}

/// Logs (once per entry and reason) why an entry's provider cannot start; socket() then fails
/// with WSAEPROVIDERFAILEDINIT and other entries keep working.
fn refuse(entry: &CatalogEntry, why: &str) -> i32 {
    static LOGGED: Mutex<Vec<(u32, String)>> = Mutex::new(Vec::new());
    let mut logged = LOGGED.lock().unwrap_or_else(|e| e.into_inner());
    let key = (entry.id(), why.to_string());
    if !logged.contains(&key) {
        crate::log::line(&format!(
            "provider \"{}\" {} (catalog entry {}, {}) cannot start: {why}",
            entry.name(),
            crate::catalog::guid::format(&entry.info.ProviderId),
            entry.id(),
            crate::provider::path_of(&entry.path).display(),
        ));
        logged.push(key);
    }
    WSAEPROVIDERFAILEDINIT
}

/// Calls WSPCleanup once for every started provider and forgets them; then NSPCleanup for the
/// namespace providers.
pub fn cleanup_all() {
    nsp::cleanup_all();
    let started = std::mem::take(&mut *STARTED.lock().unwrap_or_else(|e| e.into_inner()));
    for p in started {
        if let Some(cleanup) = p.table.lpWSPCleanup {
            let mut err = 0;
            // SAFETY: the provider's own entry point, called once per successful WSPStartup.
            unsafe { cleanup(&mut err) };
        }
        loader::count_start(&p.provider_id, -1);
    }
}

/// A provider must fill every one of the 30 entries (Windows rejects a table with holes).
fn table_complete(t: &WSPPROC_TABLE) -> bool {
    t.lpWSPAccept.is_some()
        && t.lpWSPAddressToString.is_some()
        && t.lpWSPAsyncSelect.is_some()
        && t.lpWSPBind.is_some()
        && t.lpWSPCancelBlockingCall.is_some()
        && t.lpWSPCleanup.is_some()
        && t.lpWSPCloseSocket.is_some()
        && t.lpWSPConnect.is_some()
        && t.lpWSPDuplicateSocket.is_some()
        && t.lpWSPEnumNetworkEvents.is_some()
        && t.lpWSPEventSelect.is_some()
        && t.lpWSPGetOverlappedResult.is_some()
        && t.lpWSPGetPeerName.is_some()
        && t.lpWSPGetSockName.is_some()
        && t.lpWSPGetSockOpt.is_some()
        && t.lpWSPGetQOSByName.is_some()
        && t.lpWSPIoctl.is_some()
        && t.lpWSPJoinLeaf.is_some()
        && t.lpWSPListen.is_some()
        && t.lpWSPRecv.is_some()
        && t.lpWSPRecvDisconnect.is_some()
        && t.lpWSPRecvFrom.is_some()
        && t.lpWSPSelect.is_some()
        && t.lpWSPSend.is_some()
        && t.lpWSPSendDisconnect.is_some()
        && t.lpWSPSendTo.is_some()
        && t.lpWSPSetSockOpt.is_some()
        && t.lpWSPShutdown.is_some()
        && t.lpWSPSocket.is_some()
        && t.lpWSPStringToAddress.is_some()
}
