//! The transport catalog: the ordered list of protocol entries (a WSAPROTOCOL_INFOW each, with
//! the provider that serves it). This module holds the embedded default catalog — the base
//! entries of the built-in provider — and the Windows rules for choosing an entry for
//! socket(af, type, protocol). The persistent catalog file plugs in behind `current()`.

use crate::abi::*;
use crate::sys::sockaddr::{WIN_AF_INET, WIN_AF_INET6, WIN_AF_UNSPEC};
use std::sync::{Arc, OnceLock};

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
}

impl CatalogEntry {
    pub fn id(&self) -> u32 {
        self.info.dwCatalogEntryId
    }

    /// A layered entry (chain length 0) names a provider, not a protocol: socket() never picks it.
    pub fn is_layered(&self) -> bool {
        self.info.ProtocolChain.ChainLen == 0
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
pub struct Catalog {
    pub serial: u64,
    pub entries: Vec<CatalogEntry>,
}

impl Catalog {
    /// The embedded default: base entries for TCP, UDP and RAW over IPv4 and IPv6.
    pub fn embedded_default() -> Catalog {
        let v4 = std::mem::size_of::<SOCKADDR_IN>() as i32;
        let v6 = std::mem::size_of::<SOCKADDR_IN6>() as i32;
        let entries = vec![
            base_entry(1001, WIN_AF_INET, v4, SOCK_STREAM, IPPROTO_TCP, 0, TCP_SERVICE_FLAGS, PFL_MATCHES_PROTOCOL_ZERO, 0, "MSAFD Tcpip [TCP/IP]"),
            base_entry(1002, WIN_AF_INET, v4, SOCK_DGRAM, IPPROTO_UDP, 0, UDP_SERVICE_FLAGS, PFL_MATCHES_PROTOCOL_ZERO, 65507, "MSAFD Tcpip [UDP/IP]"),
            base_entry(1003, WIN_AF_INET, v4, SOCK_RAW, 0, 255, UDP_SERVICE_FLAGS, 0, 65467, "MSAFD Tcpip [RAW/IP]"),
            base_entry(1004, WIN_AF_INET6, v6, SOCK_STREAM, IPPROTO_TCP, 0, TCP_SERVICE_FLAGS, PFL_MATCHES_PROTOCOL_ZERO, 0, "MSAFD Tcpip [TCP/IPv6]"),
            base_entry(1005, WIN_AF_INET6, v6, SOCK_DGRAM, IPPROTO_UDP, 0, UDP_SERVICE_FLAGS, PFL_MATCHES_PROTOCOL_ZERO, 65527, "MSAFD Tcpip [UDP/IPv6]"),
            base_entry(1006, WIN_AF_INET6, v6, SOCK_RAW, 0, 255, UDP_SERVICE_FLAGS, 0, 65527, "MSAFD Tcpip [RAW/IPv6]"),
        ];
        Catalog { serial: 0, entries }
    }

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
        if rank(other) > rank(self) { other } else { self }
    }
}

#[allow(clippy::too_many_arguments)]
fn base_entry(
    id: u32,
    af: i32,
    addr_len: i32,
    ty: i32,
    protocol: i32,
    max_offset: i32,
    service_flags: u32,
    provider_flags: u32,
    message_size: u32,
    name: &str,
) -> CatalogEntry {
    // SAFETY: WSAPROTOCOL_INFOW is plain data; all-zero is valid.
    let mut info: WSAPROTOCOL_INFOW = unsafe { std::mem::zeroed() };
    info.dwServiceFlags1 = service_flags;
    info.dwProviderFlags = provider_flags;
    info.ProviderId = BASE_PROVIDER_ID;
    info.dwCatalogEntryId = id;
    info.ProtocolChain.ChainLen = 1; // BASE_PROTOCOL
    info.iVersion = 2;
    info.iAddressFamily = af;
    info.iMaxSockAddr = addr_len;
    info.iMinSockAddr = addr_len;
    info.iSocketType = ty;
    info.iProtocol = protocol;
    info.iProtocolMaxOffset = max_offset;
    info.iNetworkByteOrder = 0; // BIGENDIAN
    info.iSecurityScheme = 0; // SECURITY_PROTOCOL_NONE
    info.dwMessageSize = message_size;
    set_wide(&mut info.szProtocol, name);
    CatalogEntry { info, path: ProviderPath::Builtin }
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

/// The catalog in force for this process.
pub fn current() -> Arc<Catalog> {
    static DEFAULT: OnceLock<Arc<Catalog>> = OnceLock::new();
    DEFAULT.get_or_init(|| Arc::new(Catalog::embedded_default())).clone()
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
