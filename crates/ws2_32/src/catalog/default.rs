//! The embedded default catalog: the base entries of the built-in provider (TCP, UDP and RAW
//! over IPv4 then IPv6, ids from 1001, Windows' service flags) and the system resolver as the
//! one namespace provider. It applies when no catalog file exists, and is where a new catalog
//! file starts from.

use super::*;
use crate::sys::sockaddr::{WIN_AF_INET, WIN_AF_INET6};

impl Catalog {
    /// The embedded default: base entries for TCP, UDP and RAW over IPv4 and IPv6.
    pub fn embedded_default() -> Catalog {
        let v4 = std::mem::size_of::<SOCKADDR_IN>() as i32;
        let v6 = std::mem::size_of::<SOCKADDR_IN6>() as i32;
        let entries = vec![
            base_entry(
                1001,
                WIN_AF_INET,
                v4,
                SOCK_STREAM,
                IPPROTO_TCP,
                0,
                TCP_SERVICE_FLAGS,
                PFL_MATCHES_PROTOCOL_ZERO,
                0,
                "MSAFD Tcpip [TCP/IP]",
            ),
            base_entry(
                1002,
                WIN_AF_INET,
                v4,
                SOCK_DGRAM,
                IPPROTO_UDP,
                0,
                UDP_SERVICE_FLAGS,
                PFL_MATCHES_PROTOCOL_ZERO,
                65507,
                "MSAFD Tcpip [UDP/IP]",
            ),
            base_entry(1003, WIN_AF_INET, v4, SOCK_RAW, 0, 255, UDP_SERVICE_FLAGS, 0, 65467, "MSAFD Tcpip [RAW/IP]"),
            base_entry(
                1004,
                WIN_AF_INET6,
                v6,
                SOCK_STREAM,
                IPPROTO_TCP,
                0,
                TCP_SERVICE_FLAGS,
                PFL_MATCHES_PROTOCOL_ZERO,
                0,
                "MSAFD Tcpip [TCP/IPv6]",
            ),
            base_entry(
                1005,
                WIN_AF_INET6,
                v6,
                SOCK_DGRAM,
                IPPROTO_UDP,
                0,
                UDP_SERVICE_FLAGS,
                PFL_MATCHES_PROTOCOL_ZERO,
                65527,
                "MSAFD Tcpip [UDP/IPv6]",
            ),
            base_entry(1006, WIN_AF_INET6, v6, SOCK_RAW, 0, 255, UDP_SERVICE_FLAGS, 0, 65527, "MSAFD Tcpip [RAW/IPv6]"),
        ];
        Catalog { serial: 0, next_id: 1007, entries, namespaces: super::namespace::default_namespaces() }
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
    CatalogEntry { info, path: ProviderPath::Builtin, lsp_categories: 0 }
}
