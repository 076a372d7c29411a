//! The transport catalog: the ordered list of protocol entries (a WSAPROTOCOL_INFOW each, with
//! the provider that serves it) and the Windows rules for choosing an entry for
//! socket(af, type, protocol).
//!
//! `default` is the embedded catalog (base entries only), `file` the TOML form of a catalog
//! file, `guid` the text form of provider GUIDs, `store` where the file lives and how it is
//! read (cached, re-read when it changes) and written (locked, atomic), `edit` the changes the
//! WSC functions and ws2ctl make, `namespace` the namespace providers kept in the same file.
//! `current()` is the catalog in force for this process.

use crate::abi::*;
use crate::sys::sockaddr::WIN_AF_UNSPEC;
use std::sync::Arc;

mod default;
mod edit;
pub mod file;
pub mod guid;
pub mod namespace;
pub mod store;

pub use namespace::{BuiltinKind, NamespaceEntry};
pub use store::{CatalogError, Location};

/// The provider GUID of the built-in base provider: the one Windows uses for "MSAFD Tcpip".
pub const BASE_PROVIDER_ID: GUID = GUID::from_u128(0xe70f1aa0_ab8b_11cf_8ca3_00805f48a192);

pub const XP1_CONNECTIONLESS: u32 = 0x1;
pub const XP1_GUARANTEED_DELIVERY: u32 = 0x2;
pub const XP1_GUARANTEED_ORDER: u32 = 0x4;
pub const XP1_MESSAGE_ORIENTED: u32 = 0x8;
pub const XP1_GRACEFUL_CLOSE: u32 = 0x20;
pub const XP1_EXPEDITED_DATA: u32 = 0x40;
pub const XP1_SUPPORT_BROADCAST: u32 = 0x200;
pub const XP1_SUPPORT_MULTIPOINT: u32 = 0x400;
pub const XP1_IFS_HANDLES: u32 = 0x20000;
pub const PFL_HIDDEN: u32 = 0x4;
pub const PFL_MATCHES_PROTOCOL_ZERO: u32 = 0x8;

/// Service flags of the Windows TCP entries (0x20066) and UDP/RAW entries (0x20609).
pub const TCP_SERVICE_FLAGS: u32 =
    XP1_IFS_HANDLES | XP1_EXPEDITED_DATA | XP1_GRACEFUL_CLOSE | XP1_GUARANTEED_ORDER | XP1_GUARANTEED_DELIVERY;
pub const UDP_SERVICE_FLAGS: u32 =
    XP1_IFS_HANDLES | XP1_SUPPORT_MULTIPOINT | XP1_SUPPORT_BROADCAST | XP1_MESSAGE_ORIENTED | XP1_CONNECTIONLESS;

/// Where an entry's provider comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ProviderPath {
    /// The base provider built into this library.
    Builtin,
    /// A provider library on disk.
    File(std::path::PathBuf),
}

/// One catalog entry: the protocol it offers and the provider that serves it.
#[derive(Clone)]
pub struct CatalogEntry {
    pub info: WSAPROTOCOL_INFOW,
    pub path: ProviderPath,
    /// LSP category flags (WSCSetProviderInfo's ProviderInfoLspCategories); 0 when unset.
    pub lsp_categories: u32,
}

impl CatalogEntry {
    pub fn id(&self) -> u32 {
        self.info.dwCatalogEntryId
    }

    /// A layered entry (chain length 0) names a provider, not a protocol: socket() never picks it.
    pub fn is_layered(&self) -> bool {
        self.info.ProtocolChain.ChainLen == 0
    }

    /// The protocol name (szProtocol).
    pub fn name(&self) -> String {
        get_wide(&self.info.szProtocol)
    }

    /// The chain's catalog entry ids, top first (ChainEntries[..ChainLen]); empty for a
    /// layered or base entry.
    pub fn chain(&self) -> &[u32] {
        let c = &self.info.ProtocolChain;
        if c.ChainLen > 1 {
            &c.ChainEntries[..(c.ChainLen as usize).min(MAX_PROTOCOL_CHAIN as usize)]
        } else {
            &[]
        }
    }

    pub fn is_hidden(&self) -> bool {
        self.info.dwProviderFlags & PFL_HIDDEN != 0
    }

    /// Whether `protocol` is one this entry serves (Windows' rule, with protocol 0 allowed
    /// only for entries flagged PFL_MATCHES_PROTOCOL_ZERO or whose range starts at 0).
    pub fn matches_protocol(&self, protocol: i32) -> bool {
        let i = &self.info;
        if protocol == 0 && i.dwProviderFlags & PFL_MATCHES_PROTOCOL_ZERO != 0 {
            return true;
        }
        protocol >= i.iProtocol && protocol <= i.iProtocol + i.iProtocolMaxOffset
    }
}

/// An ordered catalog.
#[derive(Clone)]
pub struct Catalog {
    /// Incremented by every write; readers compare it to notice changes.
    pub serial: u64,
    /// The next catalog entry id to hand out (ids are never reused).
    pub next_id: u32,
    pub entries: Vec<CatalogEntry>,
    /// The namespace providers, in the order they are asked (see `namespace`).
    pub namespaces: Vec<NamespaceEntry>,
}

impl Catalog {
    pub fn by_id(&self, id: u32) -> Option<&CatalogEntry> {
        self.entries.iter().find(|e| e.id() == id)
    }

    /// The entries WSAEnumProtocols shows: neither layered-only nor hidden.
    pub fn visible(&self) -> impl Iterator<Item = &CatalogEntry> {
        self.entries.iter().filter(|e| !e.is_layered() && !e.is_hidden())
    }

    /// Chooses the entry for socket(af, type, protocol) as Windows does: the first protocol
    /// entry (in catalog order) that matches all three; 0 for type or af matches any. The
    /// error names the first thing that could not be matched.
    pub fn find(&self, af: i32, ty: i32, protocol: i32) -> Result<&CatalogEntry, i32> {
        if af == WIN_AF_UNSPEC && ty == 0 && protocol == 0 {
            return Err(WSAEINVAL);
        }
        let mut err = WSAEAFNOSUPPORT;
        for e in self.entries.iter().filter(|e| !e.is_layered()) {
            let i = &e.info;
            if af != WIN_AF_UNSPEC && i.iAddressFamily != af {
                continue;
            }
            if ty != 0 && i.iSocketType != ty {
                err = err.max_specific(WSAESOCKTNOSUPPORT);
                continue;
            }
            if !e.matches_protocol(protocol) {
                err = err.max_specific(WSAEPROTONOSUPPORT);
                continue;
            }
            return Ok(e);
        }
        Err(err)
    }
}

/// A NUL-terminated UTF-16 array as a String.
pub fn get_wide(src: &[u16]) -> String {
    String::from_utf16_lossy(&src[..src.iter().position(|&c| c == 0).unwrap_or(src.len())])
}

/// The catalog in force for this process (see `store`). A damaged or unreadable catalog file
/// is an error (logged once, naming the file and line), never a silent fallback.
pub fn try_current() -> Result<Arc<Catalog>, CatalogError> {
    store::current()
}

/// As `try_current`, for callers that only look entries up: a damaged catalog (already
/// reported) reads as an empty one, so lookups fail as for an unknown entry.
pub fn current() -> Arc<Catalog> {
    try_current().unwrap_or_else(|_| Arc::new(Catalog { serial: 0, next_id: 0, entries: Vec::new(), namespaces: Vec::new() }))
}

/// Orders socket()'s errors by how far the match got: family, then type, then protocol.
trait Specificity {
    fn max_specific(self, other: i32) -> i32;
}

impl Specificity for i32 {
    fn max_specific(self, other: i32) -> i32 {
        let rank = |e: i32| match e {
            WSAEPROTONOSUPPORT => 2,
            WSAESOCKTNOSUPPORT => 1,
            _ => 0,
        };
        if rank(other) > rank(self) {
            other
        } else {
            self
        }
    }
}

/// Copies `s` into a NUL-terminated UTF-16 array, truncating if needed.
pub fn set_wide(dst: &mut [u16], s: &str) {
    let mut n = 0;
    let room = dst.len() - 1;
    for (d, c) in dst.iter_mut().zip(s.encode_utf16()).take(room) {
        *d = c;
        n += 1;
    }
    dst[n] = 0;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_catalog_has_windows_ids_and_flags() {
        let c = Catalog::embedded_default();
        assert_eq!(c.entries[0].id(), 1001);
        assert_eq!(c.entries[0].info.dwServiceFlags1, 0x20066);
        assert_eq!(c.entries[1].info.dwServiceFlags1, 0x20609);
    }

    #[test]
    fn socket_lookup_follows_windows_rules() {
        let c = Catalog::embedded_default();
        assert_eq!(c.find(2, 0, 0).unwrap().id(), 1001);
        assert_eq!(c.find(2, 0, IPPROTO_UDP).unwrap().id(), 1002);
        assert_eq!(c.find(23, SOCK_DGRAM, 0).unwrap().id(), 1005);
        assert_eq!(c.find(2, SOCK_STREAM, IPPROTO_UDP).err(), Some(WSAEPROTONOSUPPORT));
        assert_eq!(c.find(2, 99, 0).err(), Some(WSAESOCKTNOSUPPORT));
        assert_eq!(c.find(99, SOCK_STREAM, 0).err(), Some(WSAEAFNOSUPPORT));
        assert_eq!(c.find(2, SOCK_RAW, 1).unwrap().id(), 1003);
    }
}
