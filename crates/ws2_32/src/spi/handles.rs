//! The socket handle table: which started provider owns each SOCKET. Every API call looks its
//! socket up here (one atomic load) and calls through that provider's WSPPROC_TABLE.
//!
//! Registering and unregistering a handle take a per-handle stripe lock, so that a handle
//! value reused by the kernel right after a close is never unregistered by that close.

use super::ProviderInstance;
use crate::abi::{SOCKET, WSAENOTSOCK};
use crate::handle_map::HandleMap;
use std::sync::atomic::{AtomicPtr, Ordering};
use std::sync::{Mutex, MutexGuard};

static OWNERS: HandleMap<AtomicPtr<ProviderInstance>> = HandleMap::new();
static STRIPES: [Mutex<()>; 64] = [const { Mutex::new(()) }; 64];

/// Holds off registration of `s` while a close of the same handle value is in progress.
pub fn stripe(s: SOCKET) -> MutexGuard<'static, ()> {
    STRIPES[s % STRIPES.len()].lock().unwrap_or_else(|e| e.into_inner())
}

/// The provider that owns `s`, or WSAENOTSOCK.
#[inline]
pub fn lookup(s: SOCKET) -> Result<&'static ProviderInstance, i32> {
    let p = OWNERS.get(s).map(|slot| slot.load(Ordering::Acquire)).unwrap_or(std::ptr::null_mut());
    if p.is_null() {
        return Err(WSAENOTSOCK);
    }
    // SAFETY: only `&'static ProviderInstance` values are ever stored.
    Ok(unsafe { &*p })
}

/// Records that `s` belongs to `provider` (the provider whose WSPSocket/WSPAccept returned it).
pub fn register(s: SOCKET, provider: &'static ProviderInstance) -> Result<(), i32> {
    let _g = stripe(s);
    let slot = OWNERS.slot(s).ok_or(WSAENOTSOCK)?;
    slot.store(provider as *const _ as *mut _, Ordering::Release);
    Ok(())
}

/// Forgets `s`; the caller holds `stripe(s)` across the provider's close and this call.
pub fn unregister_locked(s: SOCKET) {
    if let Some(slot) = OWNERS.get(s) {
        slot.store(std::ptr::null_mut(), Ordering::Release);
    }
}

/// Every registered handle with its provider (for the last WSACleanup).
pub fn all() -> Vec<(SOCKET, &'static ProviderInstance)> {
    let mut v = Vec::new();
    OWNERS.for_each(|h, slot| {
        let p = slot.load(Ordering::Acquire);
        if !p.is_null() {
            // SAFETY: as in `lookup`.
            v.push((h, unsafe { &*p }));
        }
    });
    v
}
