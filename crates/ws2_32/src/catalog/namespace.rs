//! The namespace catalog: the namespace providers (NSP_ROUTINE providers) that getaddrinfo,
//! WSALookupService* and friends ask, in catalog order, beside the transport entries in the same
//! file. Each entry is what WSCInstallNameSpaceEx records: identifier, provider path, namespace,
//! version, provider GUID, activation state and the provider-specific blob.
//!
//! The providers built into libws2_32 are reached through its exported NSPStartup, as the base
//! transport provider is through WSPStartup: the system resolver (the GUID Windows gives its
//! "Tcpip" NS_DNS provider) and any number of DNS resolver instances, each configured by the
//! text in its provider-specific blob (see `nsp::dns::config`).

use super::{Catalog, ProviderPath};
use crate::abi::*;

/// The system resolver's provider GUID: Windows' "Tcpip" NS_DNS provider
/// ({22059D40-7E9E-11CF-AE5A-00AA00A7112B}), whose role it plays.
pub const SYSTEM_NSP_ID: GUID = GUID::from_u128(0x22059d40_7e9e_11cf_ae5a_00aa00a7112b);

/// The GUID `ws2ctl namespace install --dns` gives the built-in DNS resolver unless told
/// otherwise.
pub const DNS_NSP_ID: GUID = GUID::from_u128(0x5b0e6c2a_4d1f_4e8b_9a37_3c6d2f1e7a41);

/// What the embedded default calls the system resolver.
pub const SYSTEM_NSP_NAME: &str = "Tcpip";

/// One namespace provider entry.
#[derive(Clone)]
pub struct NamespaceEntry {
    pub provider_id: GUID,
    /// lpszIdentifier: the provider's display name.
    pub identifier: String,
    /// The library exporting NSPStartup; Builtin is libws2_32 itself.
    pub path: ProviderPath,
    /// dwNameSpace (NS_DNS = 12 ...).
    pub namespace: u32,
    pub version: u32,
    /// fActive: inactive providers are listed but never asked.
    pub active: bool,
    /// The provider-specific blob (WSCInstallNameSpaceEx, WSAEnumNameSpaceProvidersEx).
    pub provider_specific: Vec<u8>,
}

// GUID (windows-sys) has neither PartialEq nor Debug.
impl PartialEq for NamespaceEntry {
    fn eq(&self, o: &Self) -> bool {
        guid_eq(&self.provider_id, &o.provider_id)
            && (&self.identifier, &self.path, self.namespace, self.version, self.active, &self.provider_specific)
                == (&o.identifier, &o.path, o.namespace, o.version, o.active, &o.provider_specific)
    }
}

impl std::fmt::Debug for NamespaceEntry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NamespaceEntry")
            .field("provider_id", &super::guid::format(&self.provider_id))
            .field("identifier", &self.identifier)
            .field("path", &self.path)
            .field("namespace", &self.namespace)
            .field("active", &self.active)
            .finish_non_exhaustive()
    }
}

/// Which built-in implementation serves a Builtin entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BuiltinKind {
    /// glibc's resolver: /etc/hosts, nsswitch, DNS as configured for the system.
    System,
    /// ws2's own DNS client, asking the servers in the entry's provider-specific blob.
    Dns,
}

impl NamespaceEntry {
    pub fn builtin_kind(&self) -> Option<BuiltinKind> {
        match self.path {
            ProviderPath::File(_) => None,
            ProviderPath::Builtin if guid_eq(&self.provider_id, &SYSTEM_NSP_ID) => Some(BuiltinKind::System),
            ProviderPath::Builtin => Some(BuiltinKind::Dns),
        }
    }

    /// Whether this provider answers queries for `namespace` (NS_ALL: any).
    pub fn serves(&self, namespace: u32) -> bool {
        namespace == NS_ALL || namespace == self.namespace
    }
}

/// The namespace entries of the embedded default: the system resolver only.
pub fn default_namespaces() -> Vec<NamespaceEntry> {
    vec![NamespaceEntry {
        provider_id: SYSTEM_NSP_ID,
        identifier: SYSTEM_NSP_NAME.to_string(),
        path: ProviderPath::Builtin,
        namespace: NS_DNS,
        version: 1,
        active: true,
        provider_specific: Vec::new(),
    }]
}

impl Catalog {
    pub fn namespace(&self, id: &GUID) -> Option<&NamespaceEntry> {
        self.namespaces.iter().find(|n| guid_eq(&n.provider_id, id))
    }

    /// The active providers for a query, in catalog order: every one serving `namespace`, or
    /// only `provider` when given.
    pub fn namespace_providers(&self, namespace: u32, provider: Option<&GUID>) -> Vec<NamespaceEntry> {
        self.namespaces
            .iter()
            .filter(|n| n.active && n.serves(namespace) && provider.is_none_or(|p| guid_eq(p, &n.provider_id)))
            .cloned()
            .collect()
    }

    /// WSCInstallNameSpace(Ex): appended, active. A provider GUID already present is
    /// WSANO_RECOVERY, as Windows documents ("the provider is already installed").
    pub fn install_namespace(&mut self, entry: NamespaceEntry) -> Result<(), i32> {
        if self.namespace(&entry.provider_id).is_some() {
            return Err(WSANO_RECOVERY);
        }
        if entry.identifier.is_empty() {
            return Err(WSAEINVAL);
        }
        self.namespaces.push(entry);
        Ok(())
    }

    /// WSCUnInstallNameSpace: an unknown GUID is WSAEINVAL.
    pub fn uninstall_namespace(&mut self, id: &GUID) -> Result<(), i32> {
        let before = self.namespaces.len();
        self.namespaces.retain(|n| !guid_eq(&n.provider_id, id));
        if self.namespaces.len() == before {
            return Err(WSAEINVAL);
        }
        Ok(())
    }

    /// WSCEnableNSProvider.
    pub fn enable_namespace(&mut self, id: &GUID, on: bool) -> Result<(), i32> {
        let n = self.namespaces.iter_mut().find(|n| guid_eq(&n.provider_id, id)).ok_or(WSAEINVAL)?;
        n.active = on;
        Ok(())
    }

    /// WSCWriteNameSpaceOrder: `ids` must name every namespace provider exactly once.
    pub fn order_namespaces(&mut self, ids: &[GUID]) -> Result<(), i32> {
        if ids.len() != self.namespaces.len() {
            return Err(WSAEINVAL);
        }
        let mut rest = std::mem::take(&mut self.namespaces);
        let mut ordered = Vec::with_capacity(rest.len());
        for id in ids {
            match rest.iter().position(|n| guid_eq(&n.provider_id, id)) {
                Some(i) => ordered.push(rest.swap_remove(i)),
                None => {
                    ordered.append(&mut rest);
                    self.namespaces = ordered;
                    return Err(WSAEINVAL);
                }
            }
        }
        self.namespaces = ordered;
        Ok(())
    }

    /// Moves one namespace provider to the front (ws2ctl's `--first`).
    pub fn namespace_to_front(&mut self, id: &GUID) {
        if let Some(i) = self.namespaces.iter().position(|n| guid_eq(&n.provider_id, id)) {
            let n = self.namespaces.remove(i);
            self.namespaces.insert(0, n);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dns(id: u128) -> NamespaceEntry {
        NamespaceEntry {
            provider_id: GUID::from_u128(id),
            identifier: format!("dns {id}"),
            path: ProviderPath::Builtin,
            namespace: NS_DNS,
            version: 1,
            active: true,
            provider_specific: b"servers=127.0.0.1:53".to_vec(),
        }
    }

    #[test]
    fn install_enable_order_uninstall() {
        let mut c = Catalog::embedded_default();
        assert_eq!(c.namespaces.len(), 1);
        assert_eq!(c.namespaces[0].builtin_kind(), Some(BuiltinKind::System));
        c.install_namespace(dns(7)).unwrap();
        assert_eq!(c.install_namespace(dns(7)), Err(WSANO_RECOVERY));
        assert_eq!(c.namespace(&GUID::from_u128(7)).unwrap().builtin_kind(), Some(BuiltinKind::Dns));
        assert_eq!(c.namespace_providers(NS_ALL, None).len(), 2);
        c.enable_namespace(&SYSTEM_NSP_ID, false).unwrap();
        let active = c.namespace_providers(NS_DNS, None);
        assert_eq!(active.len(), 1);
        assert!(guid_eq(&active[0].provider_id, &GUID::from_u128(7)));
        assert!(c.namespace_providers(NS_NLA, None).is_empty());
        assert_eq!(c.order_namespaces(&[GUID::from_u128(7)]), Err(WSAEINVAL));
        assert_eq!(c.namespaces.len(), 2);
        c.order_namespaces(&[GUID::from_u128(7), SYSTEM_NSP_ID]).unwrap();
        assert!(guid_eq(&c.namespaces[0].provider_id, &GUID::from_u128(7)));
        c.uninstall_namespace(&GUID::from_u128(7)).unwrap();
        assert_eq!(c.uninstall_namespace(&GUID::from_u128(7)), Err(WSAEINVAL));
        assert_eq!(c.enable_namespace(&GUID::from_u128(9), true), Err(WSAEINVAL));
    }
}
