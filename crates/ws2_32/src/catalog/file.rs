//! The catalog file format: TOML, one `[[entry]]` table per catalog entry carrying the whole
//! WSAPROTOCOL_INFOW, in catalog order, plus the serial number and the next free entry id, then
//! one `[[namespace]]` table per namespace provider. A file without any `namespace` key (written
//! before namespace providers existed) has the default namespace providers; `namespace = []`
//! means none.
//! Parsing checks what the rest of ws2 relies on (unique ids, chains naming existing entries,
//! absolute provider paths) and reports problems with the line they are on.

use super::namespace::{default_namespaces, NamespaceEntry};
use super::{guid, Catalog, CatalogEntry, ProviderPath};
use crate::abi::*;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use std::path::PathBuf;

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileCatalog {
    serial: u64,
    next_id: u32,
    #[serde(default, rename = "entry")]
    entries: Vec<FileEntry>,
    #[serde(default, rename = "namespace")]
    namespaces: Option<Vec<FileNamespace>>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileNamespace {
    provider_id: String,
    identifier: String,
    /// The provider library; absent for the providers built into libws2_32.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    path: Option<String>,
    namespace: u32,
    version: u32,
    active: bool,
    /// The provider-specific blob when it is text (the built-in DNS resolver's settings).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    config: Option<String>,
    /// The provider-specific blob in hex, when it is not text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    provider_specific: Option<String>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileEntry {
    id: u32,
    name: String,
    provider_id: String,
    /// The provider library; absent for the provider built into libws2_32.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    path: Option<String>,
    /// ChainLen: 0 layered, 1 base, 2..=7 a protocol chain.
    chain_len: i32,
    /// ChainEntries[..max(ChainLen, 1)].
    chain: Vec<u32>,
    address_family: i32,
    socket_type: i32,
    protocol: i32,
    protocol_max_offset: i32,
    service_flags: [u32; 4],
    provider_flags: u32,
    version: i32,
    max_sockaddr: i32,
    min_sockaddr: i32,
    network_byte_order: i32,
    security_scheme: i32,
    message_size: u32,
    provider_reserved: u32,
    #[serde(default)]
    lsp_categories: u32,
}

/// A catalog file that cannot be used, with the line the problem is on (1-based; 0 when the
/// problem is not tied to a line).
#[derive(Debug, Clone)]
pub struct ParseError {
    pub line: usize,
    pub message: String,
}

const HEADER: &str = "# Winsock catalog (ws2). Written by ws2_32 and ws2ctl; edit with `ws2ctl catalog`.\n\
# Each [[entry]] is one WSAPROTOCOL_INFOW, in catalog order (socket() takes the first match);\n\
# each [[namespace]] one namespace provider, in the order name resolution asks them.\n\n";

pub fn render(cat: &Catalog) -> String {
    let f = FileCatalog {
        serial: cat.serial,
        next_id: cat.next_id,
        entries: cat.entries.iter().map(to_file).collect(),
        namespaces: Some(cat.namespaces.iter().map(namespace_to_file).collect()),
    };
    // Serialising plain structs of strings and integers cannot fail.
    HEADER.to_string() + &toml::to_string(&f).expect("catalog serialises")
}

pub fn parse(text: &str) -> Result<Catalog, ParseError> {
    let f: FileCatalog = toml::from_str(text)
        .map_err(|e| ParseError { line: e.span().map_or(0, |s| line_of(text, s.start)), message: e.message().trim().to_string() })?;
    let entry_line = |i: usize| entry_lines(text).get(i).copied().unwrap_or(0);
    let mut ids = HashSet::new();
    let mut entries = Vec::with_capacity(f.entries.len());
    for (i, fe) in f.entries.iter().enumerate() {
        let err = |message: String| ParseError { line: entry_line(i), message };
        if !ids.insert(fe.id) {
            return Err(err(format!("duplicate catalog entry id {}", fe.id)));
        }
        if fe.id >= f.next_id {
            return Err(err(format!("entry id {} is not below next_id {}", fe.id, f.next_id)));
        }
        entries.push(from_file(fe).map_err(err)?);
    }
    for (i, e) in entries.iter().enumerate() {
        if let Some(missing) = e.chain().iter().find(|id| !ids.contains(id)) {
            return Err(ParseError {
                line: entry_line(i),
                message: format!("protocol chain of entry {} names missing entry {missing}", e.id()),
            });
        }
    }
    let namespaces = match &f.namespaces {
        None => default_namespaces(),
        Some(list) => {
            let lines = table_lines(text, "[[namespace]]");
            let mut out: Vec<NamespaceEntry> = Vec::with_capacity(list.len());
            for (i, fn_) in list.iter().enumerate() {
                let err = |message: String| ParseError { line: lines.get(i).copied().unwrap_or(0), message };
                let n = namespace_from_file(fn_).map_err(err)?;
                if out.iter().any(|o| guid_eq(&o.provider_id, &n.provider_id)) {
                    return Err(err(format!("namespace provider {} is listed twice", fn_.provider_id)));
                }
                out.push(n);
            }
            out
        }
    };
    Ok(Catalog { serial: f.serial, next_id: f.next_id, entries, namespaces })
}

fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].bytes().filter(|&b| b == b'\n').count() + 1
}

/// The line of each `[[entry]]` header, in order.
fn entry_lines(text: &str) -> Vec<usize> {
    table_lines(text, "[[entry]]")
}

/// The line of each `header` line, in order.
fn table_lines(text: &str, header: &str) -> Vec<usize> {
    text.lines().enumerate().filter(|(_, l)| l.trim() == header).map(|(n, _)| n + 1).collect()
}

fn namespace_to_file(n: &NamespaceEntry) -> FileNamespace {
    let text = std::str::from_utf8(&n.provider_specific).ok().filter(|t| !t.contains('\0'));
    FileNamespace {
        provider_id: guid::format(&n.provider_id),
        identifier: n.identifier.clone(),
        path: match &n.path {
            ProviderPath::Builtin => None,
            ProviderPath::File(p) => Some(p.to_string_lossy().into_owned()),
        },
        namespace: n.namespace,
        version: n.version,
        active: n.active,
        config: text.filter(|t| !t.is_empty()).map(str::to_string),
        provider_specific: (text.is_none()).then(|| n.provider_specific.iter().map(|b| format!("{b:02x}")).collect()),
    }
}

fn namespace_from_file(f: &FileNamespace) -> Result<NamespaceEntry, String> {
    let id = guid::parse(&f.provider_id).ok_or(format!("namespace provider_id {:?} is not a GUID", f.provider_id))?;
    let path = match &f.path {
        None => ProviderPath::Builtin,
        Some(p) if p.starts_with('/') => ProviderPath::File(PathBuf::from(p)),
        Some(p) => return Err(format!("namespace provider {}: path {p:?} is not absolute", f.provider_id)),
    };
    let provider_specific = match (&f.config, &f.provider_specific) {
        (Some(_), Some(_)) => return Err(format!("namespace provider {}: both config and provider_specific", f.provider_id)),
        (Some(t), None) => t.as_bytes().to_vec(),
        (None, Some(h)) => hex(h).ok_or(format!("namespace provider {}: provider_specific is not hex", f.provider_id))?,
        (None, None) => Vec::new(),
    };
    Ok(NamespaceEntry {
        provider_id: id,
        identifier: f.identifier.clone(),
        path,
        namespace: f.namespace,
        version: f.version,
        active: f.active,
        provider_specific,
    })
}

fn hex(s: &str) -> Option<Vec<u8>> {
    if !s.len().is_multiple_of(2) {
        return None;
    }
    (0..s.len()).step_by(2).map(|i| u8::from_str_radix(s.get(i..i + 2)?, 16).ok()).collect()
}

fn to_file(e: &CatalogEntry) -> FileEntry {
    let i = &e.info;
    let n = (i.ProtocolChain.ChainLen.clamp(1, MAX_PROTOCOL_CHAIN as i32)) as usize;
    FileEntry {
        id: i.dwCatalogEntryId,
        name: e.name(),
        provider_id: guid::format(&i.ProviderId),
        path: match &e.path {
            ProviderPath::Builtin => None,
            ProviderPath::File(p) => Some(p.to_string_lossy().into_owned()),
        },
        chain_len: i.ProtocolChain.ChainLen,
        chain: i.ProtocolChain.ChainEntries[..n].to_vec(),
        address_family: i.iAddressFamily,
        socket_type: i.iSocketType,
        protocol: i.iProtocol,
        protocol_max_offset: i.iProtocolMaxOffset,
        service_flags: [i.dwServiceFlags1, i.dwServiceFlags2, i.dwServiceFlags3, i.dwServiceFlags4],
        provider_flags: i.dwProviderFlags,
        version: i.iVersion,
        max_sockaddr: i.iMaxSockAddr,
        min_sockaddr: i.iMinSockAddr,
        network_byte_order: i.iNetworkByteOrder,
        security_scheme: i.iSecurityScheme,
        message_size: i.dwMessageSize,
        provider_reserved: i.dwProviderReserved,
        lsp_categories: e.lsp_categories,
    }
}

fn from_file(f: &FileEntry) -> Result<CatalogEntry, String> {
    // SAFETY: WSAPROTOCOL_INFOW is plain data; all-zero is valid.
    let mut i: WSAPROTOCOL_INFOW = unsafe { std::mem::zeroed() };
    let id = f.id;
    i.dwCatalogEntryId = id;
    i.ProviderId = guid::parse(&f.provider_id).ok_or(format!("entry {id}: provider_id {:?} is not a GUID", f.provider_id))?;
    if !(0..=MAX_PROTOCOL_CHAIN as i32).contains(&f.chain_len) {
        return Err(format!("entry {id}: chain_len {} is outside 0..=7", f.chain_len));
    }
    let want = f.chain_len.max(1) as usize;
    if f.chain.len() != want {
        return Err(format!("entry {id}: chain has {} ids, chain_len {} needs {want}", f.chain.len(), f.chain_len));
    }
    i.ProtocolChain.ChainLen = f.chain_len;
    i.ProtocolChain.ChainEntries[..want].copy_from_slice(&f.chain);
    [i.dwServiceFlags1, i.dwServiceFlags2, i.dwServiceFlags3, i.dwServiceFlags4] = f.service_flags;
    i.dwProviderFlags = f.provider_flags;
    i.iVersion = f.version;
    i.iAddressFamily = f.address_family;
    i.iMaxSockAddr = f.max_sockaddr;
    i.iMinSockAddr = f.min_sockaddr;
    i.iSocketType = f.socket_type;
    i.iProtocol = f.protocol;
    i.iProtocolMaxOffset = f.protocol_max_offset;
    i.iNetworkByteOrder = f.network_byte_order;
    i.iSecurityScheme = f.security_scheme;
    i.dwMessageSize = f.message_size;
    i.dwProviderReserved = f.provider_reserved;
    super::set_wide(&mut i.szProtocol, &f.name);
    let path = match &f.path {
        None => ProviderPath::Builtin,
        Some(p) if p.starts_with('/') => ProviderPath::File(PathBuf::from(p)),
        Some(p) => return Err(format!("entry {id}: provider path {p:?} is not absolute")),
    };
    Ok(CatalogEntry { info: i, path, lsp_categories: f.lsp_categories })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_round_trips() {
        let c = Catalog::embedded_default();
        let text = render(&c);
        let back = parse(&text).unwrap();
        assert_eq!(back.entries.len(), c.entries.len());
        assert_eq!(render(&back), text);
        assert_eq!(back.entries[3].name(), "MSAFD Tcpip [TCP/IPv6]");
    }

    #[test]
    fn errors_name_the_line() {
        let mut text = render(&Catalog::embedded_default());
        text = text.replacen("socket_type = 2", "socket_type = \"two\"", 1);
        let e = parse(&text).err().unwrap();
        let want = text.lines().position(|l| l.contains("\"two\"")).unwrap() + 1;
        assert_eq!(e.line, want, "{e:?}");

        let text = render(&Catalog::embedded_default()).replacen("id = 1002", "id = 1001", 1);
        let e = parse(&text).err().unwrap();
        assert!(e.message.contains("duplicate"), "{e:?}");
        assert_eq!(e.line, entry_lines(&text)[1]);
    }

    #[test]
    fn namespaces_round_trip_and_default_when_absent() {
        let mut c = Catalog::embedded_default();
        c.namespaces.push(NamespaceEntry {
            provider_id: GUID::from_u128(5),
            identifier: "lib".into(),
            path: ProviderPath::File("/x/nsp.so".into()),
            namespace: 12,
            version: 2,
            active: false,
            provider_specific: vec![0, 1, 0xfe],
        });
        c.namespaces[0].provider_specific = b"servers=127.0.0.1:53".to_vec();
        let text = render(&c);
        assert!(
            text.contains("[[namespace]]")
                && text.contains("config = \"servers=127.0.0.1:53\"")
                && text.contains("provider_specific = \"0001fe\""),
            "{text}"
        );
        let back = parse(&text).unwrap();
        assert_eq!(back.namespaces, c.namespaces);

        // A file from before namespaces: the default providers.
        let old = text[..text.find("\n[[namespace]]").unwrap()].to_string();
        assert_eq!(parse(&old).unwrap().namespaces, crate::catalog::namespace::default_namespaces());
        // An explicit empty list: none.
        let none = format!("namespace = []\n{old}");
        assert!(parse(&none).unwrap().namespaces.is_empty());

        let dup = text.replacen("{00000000-0000-0000-0000-000000000005}", &guid::format(&crate::catalog::namespace::SYSTEM_NSP_ID), 1);
        let e = parse(&dup).err().unwrap();
        assert!(e.message.contains("twice"), "{e:?}");
        assert_eq!(e.line, table_lines(&dup, "[[namespace]]")[1]);
    }
}
