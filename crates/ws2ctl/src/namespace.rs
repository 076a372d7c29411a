//! `ws2ctl namespace`: the namespace providers of the catalog, as `netsh winsock show catalog`
//! lists them, and the changes WSCInstallNameSpace(Ex), WSCUnInstallNameSpace,
//! WSCEnableNSProvider and WSCWriteNameSpaceOrder make, through the same locked writes.

use crate::json::Value;
use std::path::Path;
use std::process::ExitCode;
use ws2_32::abi::{guid_eq, GUID, NS_DNS};
use ws2_32::catalog::namespace::{BuiltinKind, DNS_NSP_ID};
use ws2_32::catalog::{guid, store, Catalog, CatalogError, Location, NamespaceEntry, ProviderPath};
use ws2_32::nsp::dns::config::{parse_server, Config};

fn failure(e: CatalogError) -> String {
    e.to_string()
}

/// A change's failure: a message, or the catalog's own error.
enum Fail {
    Msg(String),
    Catalog(CatalogError),
}

impl From<CatalogError> for Fail {
    fn from(e: CatalogError) -> Self {
        Fail::Catalog(e)
    }
}

fn message(f: Fail) -> String {
    match f {
        Fail::Msg(m) => m,
        Fail::Catalog(e) => e.to_string(),
    }
}

/// A provider named by GUID or by its identifier.
fn find(cat: &Catalog, what: &str) -> Result<GUID, String> {
    if let Some(g) = guid::parse(what) {
        if cat.namespace(&g).is_some() {
            return Ok(g);
        }
    }
    cat.namespaces.iter().find(|n| n.identifier == what).map(|n| n.provider_id).ok_or(format!("no namespace provider {what:?}"))
}

fn kind(n: &NamespaceEntry) -> &'static str {
    match n.builtin_kind() {
        Some(BuiltinKind::System) => "built in: system resolver (/etc/hosts, nsswitch, DNS)",
        Some(BuiltinKind::Dns) => "built in: DNS resolver",
        None => "library",
    }
}

fn path(n: &NamespaceEntry) -> String {
    match &n.path {
        ProviderPath::File(p) => p.display().to_string(),
        ProviderPath::Builtin => crate::check::ws2_32_library().map_or("libws2_32.so (built in)".into(), |p| p.display().to_string()),
    }
}

fn settings(n: &NamespaceEntry) -> String {
    String::from_utf8(n.provider_specific.clone()).unwrap_or_else(|_| n.provider_specific.iter().map(|b| format!("{b:02x}")).collect())
}

pub fn show(loc: &Location, json: bool) -> Result<ExitCode, String> {
    let cat = store::load(loc).map_err(failure)?;
    if json {
        let list = cat
            .namespaces
            .iter()
            .map(|n| {
                Value::Obj(vec![
                    ("description", Value::Str(n.identifier.clone())),
                    ("provider_id", Value::Str(guid::format(&n.provider_id))),
                    ("provider_path", Value::Str(path(n))),
                    ("kind", Value::Str(kind(n).into())),
                    ("name_space", Value::Num(n.namespace as i64)),
                    ("active", Value::Num(n.active as i64)),
                    ("version", Value::Num(n.version as i64)),
                    ("provider_specific", Value::Str(settings(n))),
                ])
            })
            .collect();
        let doc = Value::Obj(vec![
            ("catalog", Value::Str(loc.path().display().to_string())),
            ("serial", Value::Num(cat.serial as i64)),
            ("namespaces", Value::Arr(list)),
        ]);
        let mut s = String::new();
        doc.write(&mut s);
        println!("{s}");
        return Ok(ExitCode::SUCCESS);
    }
    println!("Catalog: {} (serial {})", loc.path().display(), cat.serial);
    for n in &cat.namespaces {
        println!();
        println!("Name Space Provider Entry");
        println!("------------------------------------------------------");
        println!("Description:                        {}", n.identifier);
        println!("Provider ID:                        {}", guid::format(&n.provider_id));
        println!("Provider Path:                      {}", path(n));
        println!("Kind:                               {}", kind(n));
        println!("Name Space:                         {}", n.namespace);
        println!("Active:                             {}", n.active as i32);
        println!("Version:                            {}", n.version);
        if !n.provider_specific.is_empty() {
            println!("Settings:                           {}", settings(n));
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// What `install` installs: a library, or the built-in DNS resolver with its settings.
pub struct Install<'a> {
    pub path: Option<&'a Path>,
    pub dns: Vec<String>,
    pub timeout_ms: Option<u64>,
    pub attempts: Option<u32>,
    pub name: Option<String>,
    pub namespace: u32,
    pub guid: Option<String>,
    pub data: Option<String>,
    pub first: bool,
}

pub fn install(loc: &Location, a: Install) -> Result<ExitCode, String> {
    let (path, name, blob, default_id) = match (a.path, a.dns.is_empty()) {
        (Some(_), false) => return Err("give either --path or --dns, not both".into()),
        (None, true) => return Err("give --path LIB.so (a provider library) or --dns SERVER (the built-in DNS resolver)".into()),
        (Some(p), true) => {
            if !p.is_absolute() {
                return Err(format!("--path {}: the provider path must be absolute", p.display()));
            }
            ws2_32::spi::loader::check_path(p).map_err(|why| format!("--path {}: refused: {why}", p.display()))?;
            let name = a.name.clone().ok_or("--name is needed with --path")?;
            (ProviderPath::File(p.to_path_buf()), name, a.data.clone().unwrap_or_default().into_bytes(), None)
        }
        (None, false) => {
            let mut c = Config::default();
            for s in a.dns.iter().flat_map(|s| s.split(',')) {
                c.servers.push(parse_server(s).ok_or(format!("--dns {s}: not an address (1.2.3.4[:port] or [v6][:port])"))?);
            }
            if let Some(ms) = a.timeout_ms {
                c.timeout = std::time::Duration::from_millis(ms);
            }
            if let Some(n) = a.attempts {
                c.attempts = n;
            }
            let text = c.render();
            Config::parse(&text)?;
            let servers: Vec<String> = c.servers.iter().map(|s| s.to_string()).collect();
            let name = a.name.clone().unwrap_or(format!("DNS resolver ({})", servers.join(", ")));
            (ProviderPath::Builtin, name, text.into_bytes(), Some(DNS_NSP_ID))
        }
    };
    let id = match (&a.guid, default_id) {
        (Some(t), _) => guid::parse(t).ok_or(format!("--guid {t}: not a GUID"))?,
        (None, Some(d)) => d,
        (None, None) => guid::random(),
    };
    if guid_eq(&id, &ws2_32::catalog::namespace::SYSTEM_NSP_ID) {
        return Err("that GUID is the system resolver's".into());
    }
    let entry = NamespaceEntry {
        provider_id: id,
        identifier: name.clone(),
        path,
        namespace: a.namespace,
        version: 1,
        active: true,
        provider_specific: blob,
    };
    store::modify(loc, |cat| {
        if cat.namespace(&id).is_some() {
            return Err(Fail::Msg(format!("namespace provider {} is already installed (remove it first)", guid::format(&id))));
        }
        cat.install_namespace(entry).map_err(|c| Fail::Msg(format!("cannot install (error {c})")))?;
        if a.first {
            cat.namespace_to_front(&id);
        }
        Ok(())
    })
    .map_err(message)?;
    println!("installed namespace provider {name:?} {}", guid::format(&id));
    Ok(ExitCode::SUCCESS)
}

pub fn remove(loc: &Location, what: &str) -> Result<ExitCode, String> {
    let id = store::modify(loc, |cat| {
        let id = find(cat, what).map_err(Fail::Msg)?;
        cat.uninstall_namespace(&id).map_err(|c| Fail::Msg(format!("cannot remove (error {c})")))?;
        Ok(id)
    })
    .map_err(message)?;
    println!("removed namespace provider {}", guid::format(&id));
    Ok(ExitCode::SUCCESS)
}

pub fn enable(loc: &Location, what: &str, on: bool) -> Result<ExitCode, String> {
    let id = store::modify(loc, |cat| {
        let id = find(cat, what).map_err(Fail::Msg)?;
        cat.enable_namespace(&id, on).map_err(|c| Fail::Msg(format!("cannot change it (error {c})")))?;
        Ok(id)
    })
    .map_err(message)?;
    println!("namespace provider {} {}", guid::format(&id), if on { "enabled" } else { "disabled" });
    Ok(ExitCode::SUCCESS)
}

/// Moves the named providers to the front, in the order given.
pub fn order(loc: &Location, what: &[String]) -> Result<ExitCode, String> {
    store::modify(loc, |cat| {
        let ids: Vec<GUID> = what.iter().map(|w| find(cat, w)).collect::<Result<_, _>>().map_err(Fail::Msg)?;
        for id in ids.iter().rev() {
            cat.namespace_to_front(id);
        }
        Ok(())
    })
    .map_err(message)?;
    Ok(ExitCode::SUCCESS)
}

/// The namespace a `--namespace` value names.
pub fn parse_namespace(s: &str) -> Result<u32, String> {
    match s.to_ascii_lowercase().as_str() {
        "dns" => Ok(NS_DNS),
        n => n.parse().map_err(|_| format!("--namespace {s}: a number or \"dns\"")),
    }
}
