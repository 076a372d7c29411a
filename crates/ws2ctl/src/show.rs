//! `ws2ctl catalog show`: every entry with the fields `netsh winsock show catalog` prints.

use crate::json::Value;
use std::process::ExitCode;
use ws2_32::catalog::{guid, store, CatalogEntry, Location, ProviderPath};

pub fn entry_type(e: &CatalogEntry) -> &'static str {
    match e.info.ProtocolChain.ChainLen {
        0 => "Layered Service Provider",
        1 => "Base Service Provider",
        _ => "Layered Chain Entry",
    }
}

/// The file that serves the entry; the built-in provider is libws2_32.so itself.
fn path(e: &CatalogEntry) -> String {
    match &e.path {
        ProviderPath::File(p) => p.display().to_string(),
        ProviderPath::Builtin => crate::check::ws2_32_library().map_or("libws2_32.so (built in)".into(), |p| p.display().to_string()),
    }
}

fn chain_ids(e: &CatalogEntry) -> Vec<u32> {
    let c = &e.info.ProtocolChain;
    c.ChainEntries[..(c.ChainLen.max(0) as usize).min(7)].to_vec()
}

pub fn show(loc: &Location, json: bool) -> Result<ExitCode, String> {
    let cat = store::load(loc).map_err(|e| e.to_string())?;
    if json {
        let entries = cat.entries.iter().map(to_json).collect();
        let doc = Value::Obj(vec![
            ("catalog", Value::Str(loc.path().display().to_string())),
            ("serial", Value::Num(cat.serial as i64)),
            ("entries", Value::Arr(entries)),
        ]);
        let mut s = String::new();
        doc.write(&mut s);
        println!("{s}");
        return Ok(ExitCode::SUCCESS);
    }
    println!("Catalog: {} (serial {})", loc.path().display(), cat.serial);
    for e in &cat.entries {
        let i = &e.info;
        println!();
        println!("Winsock Catalog Provider Entry");
        println!("------------------------------------------------------");
        println!("Entry Type:                         {}", entry_type(e));
        println!("Description:                        {}", e.name());
        println!("Provider ID:                        {}", guid::format(&i.ProviderId));
        println!("Provider Path:                      {}", path(e));
        println!("Catalog Entry ID:                   {}", i.dwCatalogEntryId);
        println!("Version:                            {}", i.iVersion);
        println!("Address Family:                     {}", i.iAddressFamily);
        println!("Max Address Length:                 {}", i.iMaxSockAddr);
        println!("Min Address Length:                 {}", i.iMinSockAddr);
        println!("Socket Type:                        {}", i.iSocketType);
        println!("Protocol:                           {}", i.iProtocol);
        println!("Service Flags:                      0x{:x}", i.dwServiceFlags1);
        println!("Provider Flags:                     0x{:x}", i.dwProviderFlags);
        println!("Protocol Chain Length:              {}", i.ProtocolChain.ChainLen);
        if i.ProtocolChain.ChainLen > 1 {
            let ids: Vec<String> = chain_ids(e).iter().map(|x| x.to_string()).collect();
            println!("Protocol Chain:                     {}", ids.join(" : "));
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn to_json(e: &CatalogEntry) -> Value {
    let i = &e.info;
    Value::Obj(vec![
        ("entry_type", Value::Str(entry_type(e).into())),
        ("description", Value::Str(e.name())),
        ("provider_id", Value::Str(guid::format(&i.ProviderId))),
        ("provider_path", Value::Str(path(e))),
        ("catalog_entry_id", Value::Num(i.dwCatalogEntryId as i64)),
        ("version", Value::Num(i.iVersion as i64)),
        ("address_family", Value::Num(i.iAddressFamily as i64)),
        ("max_address_length", Value::Num(i.iMaxSockAddr as i64)),
        ("min_address_length", Value::Num(i.iMinSockAddr as i64)),
        ("socket_type", Value::Num(i.iSocketType as i64)),
        ("protocol", Value::Num(i.iProtocol as i64)),
        ("protocol_max_offset", Value::Num(i.iProtocolMaxOffset as i64)),
        ("service_flags", Value::Num(i.dwServiceFlags1 as i64)),
        ("provider_flags", Value::Num(i.dwProviderFlags as i64)),
        ("message_size", Value::Num(i.dwMessageSize as i64)),
        ("protocol_chain_length", Value::Num(i.ProtocolChain.ChainLen as i64)),
        ("protocol_chain", Value::Arr(chain_ids(e).into_iter().map(|x| Value::Num(x as i64)).collect())),
        ("lsp_categories", Value::Num(e.lsp_categories as i64)),
    ])
}
