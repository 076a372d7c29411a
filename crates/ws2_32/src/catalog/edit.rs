//! Changes to a catalog, with the checks and error codes of the WSC functions that make them
//! (WSCInstallProvider, WSCDeinstallProvider, WSCUpdateProvider, WSCWriteProviderOrder). Both
//! the exported WSC functions and ws2ctl go through these, under the store's write lock.

use super::{Catalog, CatalogEntry, ProviderPath};
use crate::abi::*;
use std::collections::HashSet;

impl Catalog {
    pub fn has_provider(&self, id: &GUID) -> bool {
        self.entries.iter().any(|e| guid_eq(&e.info.ProviderId, id))
    }

    /// Appends one entry per `infos` element under provider `id`, served by `path`; returns the
    /// new catalog entry ids. As on Windows the ids are assigned here, the provider id is
    /// overwritten, and a provider id already present is WSANO_RECOVERY. Chains must name
    /// existing entries (a chain over a layered entry installed in the same call cannot, since
    /// its id is not known yet — install the layered entry first, as Windows requires).
    pub fn install(&mut self, id: &GUID, path: ProviderPath, infos: &[WSAPROTOCOL_INFOW]) -> Result<Vec<u32>, i32> {
        if infos.is_empty() {
            return Err(WSAEINVAL);
        }
        if self.has_provider(id) {
            return Err(WSANO_RECOVERY);
        }
        for i in infos {
            self.check_chain(i)?;
        }
        let mut ids = Vec::with_capacity(infos.len());
        for i in infos {
            let mut info = *i;
            info.ProviderId = *id;
            info.dwCatalogEntryId = self.next_id;
            if info.ProtocolChain.ChainLen == 0 {
                // A layered entry's chain names itself (Windows' convention).
                info.ProtocolChain.ChainEntries[0] = info.dwCatalogEntryId;
            }
            ids.push(self.next_id);
            self.next_id += 1;
            self.entries.push(CatalogEntry { info, path: path.clone(), lsp_categories: 0 });
        }
        Ok(ids)
    }

    fn check_chain(&self, i: &WSAPROTOCOL_INFOW) -> Result<(), i32> {
        let c = &i.ProtocolChain;
        if !(0..=MAX_PROTOCOL_CHAIN as i32).contains(&c.ChainLen) {
            return Err(WSAEINVAL);
        }
        if c.ChainLen > 1 {
            let chain = &c.ChainEntries[..c.ChainLen as usize];
            // Every link must exist; the last must be a base protocol, the others layered.
            for (n, id) in chain.iter().enumerate() {
                let e = self.by_id(*id).ok_or(WSAEINVAL)?;
                let last = n + 1 == chain.len();
                if last != (e.info.ProtocolChain.ChainLen == 1) || (!last && !e.is_layered()) {
                    return Err(WSAEINVAL);
                }
            }
        }
        Ok(())
    }

    /// Removes every entry of provider `id` (WSAEINVAL when there is none). As on Windows,
    /// chains of other providers that name the removed entries are left alone: ws2ctl removes
    /// them, a program calling WSCDeinstallProvider must do so itself.
    pub fn deinstall(&mut self, id: &GUID) -> Result<Vec<u32>, i32> {
        let removed: Vec<u32> = self.entries.iter().filter(|e| guid_eq(&e.info.ProviderId, id)).map(|e| e.id()).collect();
        if removed.is_empty() {
            return Err(WSAEINVAL);
        }
        self.entries.retain(|e| !guid_eq(&e.info.ProviderId, id));
        Ok(removed)
    }

    /// Replaces the entries of provider `id` in place (same count, ids and order kept).
    pub fn update(&mut self, id: &GUID, path: ProviderPath, infos: &[WSAPROTOCOL_INFOW]) -> Result<(), i32> {
        let slots: Vec<usize> = (0..self.entries.len()).filter(|&n| guid_eq(&self.entries[n].info.ProviderId, id)).collect();
        if slots.is_empty() || slots.len() != infos.len() {
            return Err(WSAEINVAL);
        }
        for i in infos {
            self.check_chain(i)?;
        }
        for (n, i) in slots.into_iter().zip(infos) {
            let e = &mut self.entries[n];
            let keep = e.info.dwCatalogEntryId;
            e.info = *i;
            e.info.ProviderId = *id;
            e.info.dwCatalogEntryId = keep;
            e.path = path.clone();
        }
        Ok(())
    }

    /// Puts the entries in the order of `ids`, which must name every entry exactly once.
    pub fn reorder(&mut self, ids: &[u32]) -> Result<(), i32> {
        let mut seen = HashSet::new();
        if ids.len() != self.entries.len() || !ids.iter().all(|id| seen.insert(*id) && self.by_id(*id).is_some()) {
            return Err(WSAEINVAL);
        }
        let mut old = std::mem::take(&mut self.entries);
        for id in ids {
            let n = old.iter().position(|e| e.id() == *id).expect("checked above");
            self.entries.push(old.swap_remove(n));
        }
        Ok(())
    }

    /// Installs a layered provider the way WSCInstallProviderAndChains does: one layered entry
    /// (ChainLen 0, provider `layered_id`) and, for each entry of `over` (a base protocol or an
    /// existing chain), a chain with the new layer on top (provider `chain_id`), named
    /// "NAME over [LOWER NAME]". The chains are moved to the front of the catalog so socket()
    /// picks them. Returns the layered entry's id and the chains' ids.
    pub fn install_layered(
        &mut self,
        name: &str,
        path: ProviderPath,
        layered_id: &GUID,
        chain_id: &GUID,
        over: &[u32],
    ) -> Result<(u32, Vec<u32>), i32> {
        if over.is_empty() || self.has_provider(chain_id) {
            return Err(WSAEINVAL);
        }
        let mut lowers = Vec::with_capacity(over.len());
        for id in over {
            let e = self.by_id(*id).ok_or(WSAEINVAL)?;
            let len = e.info.ProtocolChain.ChainLen;
            if len == 0 || len >= MAX_PROTOCOL_CHAIN as i32 {
                return Err(WSAEINVAL);
            }
            lowers.push(e.clone());
        }
        let mut layered = lowers[0].info;
        layered.ProtocolChain.ChainLen = 0;
        // A layered provider's handles are its own unless it says otherwise.
        layered.dwServiceFlags1 &= !super::XP1_IFS_HANDLES;
        super::set_wide(&mut layered.szProtocol, name);
        let lid = self.install(layered_id, path.clone(), &[layered])?[0];
        let chains: Vec<WSAPROTOCOL_INFOW> = lowers
            .iter()
            .map(|lower| {
                let mut c = lower.info;
                let below: Vec<u32> = if lower.info.ProtocolChain.ChainLen == 1 { vec![lower.id()] } else { lower.chain().to_vec() };
                c.ProtocolChain.ChainLen = below.len() as i32 + 1;
                c.ProtocolChain.ChainEntries = [0; 7];
                c.ProtocolChain.ChainEntries[0] = lid;
                c.ProtocolChain.ChainEntries[1..=below.len()].copy_from_slice(&below);
                super::set_wide(&mut c.szProtocol, &format!("{name} over [{}]", lower.name()));
                c
            })
            .collect();
        let ids = match self.install(chain_id, path, &chains) {
            Ok(ids) => ids,
            Err(e) => {
                let _ = self.deinstall(layered_id);
                return Err(e);
            }
        };
        self.move_to_front(&ids);
        Ok((lid, ids))
    }

    /// Removes layered entry `id` with every chain that goes through it; returns the removed ids.
    pub fn remove_layered(&mut self, id: u32) -> Result<Vec<u32>, i32> {
        let e = self.by_id(id).ok_or(WSAEINVAL)?;
        let removed: Vec<u32> = if e.is_layered() {
            self.entries.iter().filter(|x| x.id() == id || x.chain().contains(&id)).map(|x| x.id()).collect()
        } else {
            // A chain or base entry alone, with the chains built on it.
            let this = e.clone();
            self.entries
                .iter()
                .filter(|x| x.id() == id || (this.chain().len() > 1 && x.chain().ends_with(this.chain())))
                .map(|x| x.id())
                .collect()
        };
        self.entries.retain(|x| !removed.contains(&x.id()));
        Ok(removed)
    }

    /// Moves the entries `first` to the front, keeping their order and everything else's.
    pub fn move_to_front(&mut self, first: &[u32]) {
        let mut order: Vec<u32> = first.to_vec();
        order.extend(self.entries.iter().map(|e| e.id()).filter(|id| !first.contains(id)));
        // The ids come from this catalog, so the permutation is valid.
        let _ = self.reorder(&order);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn layered(name: &str) -> WSAPROTOCOL_INFOW {
        let mut i = Catalog::embedded_default().entries[0].info;
        i.ProtocolChain.ChainLen = 0;
        super::super::set_wide(&mut i.szProtocol, name);
        i
    }

    #[test]
    fn install_chain_reorder_remove() {
        let mut c = Catalog::embedded_default();
        let g1 = GUID::from_u128(1);
        let g2 = GUID::from_u128(2);
        let path = ProviderPath::File("/x/lsp.so".into());
        let ids = c.install(&g1, path.clone(), &[layered("lsp")]).unwrap();
        assert_eq!(ids, vec![1007]);
        assert_eq!(c.install(&g1, path.clone(), &[layered("again")]), Err(WSANO_RECOVERY));
        let mut chain = c.entries[0].info;
        chain.ProtocolChain.ChainLen = 2;
        chain.ProtocolChain.ChainEntries[0] = 1007;
        chain.ProtocolChain.ChainEntries[1] = 1001;
        assert_eq!(c.install(&g2, path.clone(), &[chain]).unwrap(), vec![1008]);
        // A chain whose bottom is not a base protocol is refused.
        let mut bad = chain;
        bad.ProtocolChain.ChainEntries[1] = 1007;
        assert_eq!(c.install(&GUID::from_u128(3), path.clone(), &[bad]), Err(WSAEINVAL));
        c.move_to_front(&[1008]);
        assert_eq!(c.find(2, 1, 0).unwrap().id(), 1008);
        assert_eq!(c.reorder(&[1001, 1002]), Err(WSAEINVAL));
        assert_eq!(c.deinstall(&g2).unwrap(), vec![1008]);
        assert_eq!(c.deinstall(&g2), Err(WSAEINVAL));
        assert_eq!(c.find(2, 1, 0).unwrap().id(), 1001);
    }

    #[test]
    fn layered_install_stacks_and_removes() {
        let mut c = Catalog::embedded_default();
        let p = ProviderPath::File("/x/a.so".into());
        let (a, ca) = c.install_layered("A", p.clone(), &GUID::from_u128(10), &GUID::from_u128(11), &[1001, 1004]).unwrap();
        assert_eq!((a, ca.clone()), (1007, vec![1008, 1009]));
        assert_eq!(c.by_id(1008).unwrap().chain(), &[1007, 1001]);
        assert_eq!(c.by_id(1008).unwrap().name(), "A over [MSAFD Tcpip [TCP/IP]]");
        let (b, cb) = c.install_layered("B", p, &GUID::from_u128(12), &GUID::from_u128(13), &[1008]).unwrap();
        assert_eq!(c.by_id(cb[0]).unwrap().chain(), &[b, 1007, 1001]);
        assert_eq!(c.find(2, 1, 0).unwrap().id(), cb[0]);
        // Removing A takes every chain through it, B's included.
        let mut gone = c.remove_layered(a).unwrap();
        gone.sort();
        assert_eq!(gone, vec![1007, 1008, 1009, cb[0]]);
        assert_eq!(c.find(2, 1, 0).unwrap().id(), 1001);
    }
}
