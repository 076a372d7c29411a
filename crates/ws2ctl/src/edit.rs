//! The commands that change the catalog: install, remove, order, reset. Each is one locked,
//! atomic write through `ws2_32::catalog::store`, with the checks of the WSC functions.

use std::path::Path;
use std::process::ExitCode;
use ws2_32::catalog::{guid, store, Catalog, CatalogError, Location, ProviderPath};

/// A WSC error code or a catalog error, as a message.
enum Failure {
    Code(String),
    Catalog(CatalogError),
}

impl From<CatalogError> for Failure {
    fn from(e: CatalogError) -> Self {
        Failure::Catalog(e)
    }
}

fn message(f: Failure) -> String {
    match f {
        Failure::Code(m) => m,
        Failure::Catalog(e) => e.to_string(),
    }
}

/// Resolves `tcp4`-style names and ids to catalog entry ids.
fn resolve_over(cat: &Catalog, over: &[String]) -> Result<Vec<u32>, Failure> {
    let base = |af: i32, ty: i32| {
        cat.entries
            .iter()
            .find(|e| e.info.ProtocolChain.ChainLen == 1 && e.info.iAddressFamily == af && e.info.iSocketType == ty)
            .map(|e| e.id())
    };
    over.iter()
        .map(|o| {
            let id = match o.trim() {
                "tcp4" => base(2, 1),
                "tcp6" => base(23, 1),
                "udp4" => base(2, 2),
                "udp6" => base(23, 2),
                "raw4" => base(2, 3),
                "raw6" => base(23, 3),
                n => n.parse::<u32>().ok().filter(|id| cat.by_id(*id).is_some()),
            };
            id.ok_or_else(|| Failure::Code(format!("--over {o}: no such protocol or catalog entry")))
        })
        .collect()
}

pub fn install(loc: &Location, path: &Path, name: &str, over: &[String], guid_text: Option<&str>) -> Result<ExitCode, String> {
    if !path.is_absolute() {
        return Err(format!("--path {}: the provider path must be absolute", path.display()));
    }
    if !path.is_file() {
        return Err(format!("--path {}: no such file", path.display()));
    }
    if let Err(why) = ws2_32::spi::loader::check_path(path) {
        return Err(format!("--path {}: refused: {why}", path.display()));
    }
    let layered = match guid_text {
        Some(t) => guid::parse(t).ok_or(format!("--guid {t}: not a GUID"))?,
        None => guid::random(),
    };
    let (lid, chains) = store::modify(loc, |cat| {
        if cat.entries.iter().any(|e| e.is_layered() && e.name() == name) {
            return Err(Failure::Code(format!("a layered provider named {name:?} is already installed")));
        }
        if cat.has_provider(&layered) {
            return Err(Failure::Code(format!("provider {} is already installed", guid::format(&layered))));
        }
        let ids = resolve_over(cat, over)?;
        cat.install_layered(name, ProviderPath::File(path.to_path_buf()), &layered, &guid::random(), &ids).map_err(|c| {
            Failure::Code(format!(
                "cannot layer over {} (error {c}): chains are at most 7 long and must end in a base protocol",
                over.join(",")
            ))
        })
    })
    .map_err(message)?;
    let ids: Vec<String> = chains.iter().map(|i| i.to_string()).collect();
    println!("installed {name:?}: layered entry {lid}, chains {}", ids.join(", "));
    Ok(ExitCode::SUCCESS)
}

pub fn remove(loc: &Location, what: &str) -> Result<ExitCode, String> {
    let removed = store::modify(loc, |cat| {
        let id = match what.parse::<u32>() {
            Ok(id) => id,
            Err(_) => cat
                .entries
                .iter()
                .find(|e| e.is_layered() && e.name() == what)
                .map(|e| e.id())
                .ok_or_else(|| Failure::Code(format!("no layered provider named {what:?}")))?,
        };
        match cat.by_id(id) {
            None => return Err(Failure::Code(format!("no catalog entry {id}"))),
            Some(e) if e.info.ProtocolChain.ChainLen == 1 => {
                return Err(Failure::Code(format!("entry {id} is a base protocol; `ws2ctl catalog reset` restores the default")))
            }
            _ => {}
        }
        cat.remove_layered(id).map_err(|c| Failure::Code(format!("cannot remove {id} (error {c})")))
    })
    .map_err(message)?;
    let ids: Vec<String> = removed.iter().map(|i| i.to_string()).collect();
    println!("removed entries {}", ids.join(", "));
    Ok(ExitCode::SUCCESS)
}

pub fn order(loc: &Location, ids: &[u32]) -> Result<ExitCode, String> {
    store::modify(loc, |cat| {
        if let Some(bad) = ids.iter().find(|id| cat.by_id(**id).is_none()) {
            return Err(Failure::Code(format!("no catalog entry {bad}")));
        }
        let mut seen = std::collections::HashSet::new();
        if let Some(dup) = ids.iter().find(|id| !seen.insert(**id)) {
            return Err(Failure::Code(format!("entry {dup} is named twice")));
        }
        cat.move_to_front(ids);
        Ok(())
    })
    .map_err(message)?;
    Ok(ExitCode::SUCCESS)
}

pub fn reset(loc: &Location) -> Result<ExitCode, String> {
    let cat = store::reset(loc).map_err(|e| e.to_string())?;
    println!("catalog {} reset to the default ({} entries, serial {})", loc.path().display(), cat.entries.len(), cat.serial);
    Ok(ExitCode::SUCCESS)
}
