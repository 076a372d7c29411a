//! The Service Provider Interface as ws2_32 uses it: loading a provider and calling its
//! WSPStartup (`provider_for`), the table of socket handles and the provider that owns each
//! (`handles`), and the upcall table providers call back through (`upcall`).

pub mod handles;
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
pub type WspStartupFn =
    unsafe extern "system" fn(u16, *mut WSPDATA, *const WSAPROTOCOL_INFOW, WSPUPCALLTABLE, *mut WSPPROC_TABLE) -> i32;

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
    let startup: WspStartupFn = match &entry.path {
        ProviderPath::Builtin => crate::provider::WSPStartup,
        ProviderPath::File(_) => return Err(WSAEPROVIDERFAILEDINIT),
    };
    let mut data = WSPDATA::default();
    let mut table = WSPPROC_TABLE::default();
    // SAFETY: all pointers refer to live locals; the provider fills `data` and `table`.
    let rc = unsafe { startup(WINSOCK_VERSION, &mut data, &entry.info, upcall::table(), &mut table) };
    if rc != 0 {
        return Err(WSAEPROVIDERFAILEDINIT);
    }
    if data.wVersion != WINSOCK_VERSION || !table_complete(&table) {
        return Err(WSAEPROVIDERFAILEDINIT);
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

/// Calls WSPCleanup once for every started provider and forgets them.
pub fn cleanup_all() {
    let started = std::mem::take(&mut *STARTED.lock().unwrap_or_else(|e| e.into_inner()));
    for p in started {
        if let Some(cleanup) = p.table.lpWSPCleanup {
            let mut err = 0;
            // SAFETY: the provider's own entry point, called once per successful WSPStartup.
            unsafe { cleanup(&mut err) };
        }
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
