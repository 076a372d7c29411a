//! ws2's own DNS resolver as a namespace provider: it asks the servers its catalog entry names
//! (`config`) directly, over UDP with TCP for truncated answers (`client`, `message`), instead
//! of going through the system resolver — so one program can be pointed at one DNS server.
//!
//! Like Windows' DNS client it answers "localhost" (loopback), the host's own name (its
//! interface addresses) and numeric addresses itself, follows CNAME chains (the names on the
//! way are the aliases), and reports NXDOMAIN as WSAHOST_NOT_FOUND, a name without records of
//! the type asked as WSANO_DATA, and servers that do not answer as WSATRY_AGAIN.

mod client;
pub mod config;
mod message;

use super::query::Families;
use super::results::Host;
use super::Backend;
use crate::abi::*;
use crate::catalog;
use crate::rnr::ScopedIp;
use message::{Message, RData, RCODE_NXDOMAIN, TYPE_A, TYPE_AAAA, TYPE_CNAME, TYPE_PTR};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};

pub struct Dns {
    servers: Vec<SocketAddr>,
    config: config::Config,
}

/// CNAME chains longer than this are not followed.
const MAX_CNAME_HOPS: usize = 8;

impl Dns {
    /// The resolver of namespace provider `id`, configured by its catalog entry. Settings that
    /// do not parse are an error (logged), not a silent fallback.
    pub fn for_provider(id: &GUID) -> Result<Dns, i32> {
        let cat = catalog::current();
        let entry = cat.namespace(id).ok_or(WSAEINVALIDPROVIDER)?;
        let text = String::from_utf8_lossy(&entry.provider_specific);
        let config = config::Config::parse(&text).map_err(|why| {
            // Once per settings text, not once per lookup.
            static LOGGED: std::sync::Mutex<Vec<String>> = std::sync::Mutex::new(Vec::new());
            let mut logged = LOGGED.lock().unwrap_or_else(|e| e.into_inner());
            if !logged.contains(&text.to_string()) {
                crate::log::line(&format!(
                    "namespace provider \"{}\" {}: bad settings {text:?}: {why}",
                    entry.identifier,
                    catalog::guid::format(id)
                ));
                logged.push(text.to_string());
            }
            WSANO_RECOVERY
        })?;
        Ok(Dns { servers: config.effective_servers(), config })
    }

    fn ask(&self, questions: &[(String, u16)]) -> Result<Vec<Message>, i32> {
        client::ask(&self.servers, questions, self.config.timeout, self.config.attempts)
    }
}

fn is_localhost(name: &str) -> bool {
    let n = name.to_ascii_lowercase();
    n == "localhost" || n.ends_with(".localhost")
}

/// The host's own name and its interface addresses (loopback only when it has no other).
fn own_host(name: &str) -> Option<Vec<ScopedIp>> {
    let own = crate::sys::resolver::gethostname().ok()?.to_string_lossy().into_owned();
    let short = |s: &str| s.split('.').next().unwrap_or("").to_ascii_lowercase();
    // The full name, or the first label alone.
    let matches = name.eq_ignore_ascii_case(&own) || (!name.contains('.') && short(name) == short(&own));
    if !matches {
        return None;
    }
    let all: Vec<ScopedIp> = crate::sys::ifaddr::local_addresses().into_iter().map(|(ip, scope)| ScopedIp { ip, scope }).collect();
    let outside: Vec<ScopedIp> = all.iter().copied().filter(|a| !a.ip.is_loopback()).collect();
    Some(if outside.is_empty() { all } else { outside })
}

/// Follows the CNAME chain from `name` in `m`: the final name and the names on the way.
fn chase(m: &Message, name: &str) -> (String, Vec<String>) {
    let mut current = name.trim_end_matches('.').to_string();
    let mut aliases = Vec::new();
    for _ in 0..MAX_CNAME_HOPS {
        let next = m.answers.iter().find_map(|r| match &r.data {
            RData::Name(t) if r.rtype == TYPE_CNAME && r.name.eq_ignore_ascii_case(&current) => Some(t.clone()),
            _ => None,
        });
        match next {
            Some(t) => aliases.push(std::mem::replace(&mut current, t)),
            None => break,
        }
    }
    (current, aliases)
}

/// The addresses `m` gives for `name`.
fn addresses(m: &Message, name: &str) -> Vec<ScopedIp> {
    m.answers
        .iter()
        .filter(|r| r.name.eq_ignore_ascii_case(name))
        .filter_map(|r| match r.data {
            RData::A(a) => Some(ScopedIp::new(IpAddr::V4(Ipv4Addr::from(a)))),
            RData::Aaaa(a) => Some(ScopedIp::new(IpAddr::V6(Ipv6Addr::from(a)))),
            _ => None,
        })
        .collect()
}

impl Backend for Dns {
    fn host(&self, name: &str, families: Families, flags: u32) -> Result<Host, i32> {
        let name = name.trim_end_matches('.');
        if name.is_empty() {
            return Err(WSAHOST_NOT_FOUND);
        }
        if let Some(ip) = ScopedIp::parse(name) {
            return Ok(Host { name: name.to_string(), aliases: Vec::new(), addrs: vec![ip] });
        }
        if is_localhost(name) {
            let addrs = [IpAddr::V4(Ipv4Addr::LOCALHOST), IpAddr::V6(Ipv6Addr::LOCALHOST)]
                .into_iter()
                .map(ScopedIp::new)
                .filter(|a| families.wants(a))
                .collect();
            return Ok(Host { name: name.to_string(), aliases: Vec::new(), addrs });
        }
        if let Some(addrs) = own_host(name) {
            return Ok(Host {
                name: name.to_string(),
                aliases: Vec::new(),
                addrs: addrs.into_iter().filter(|a| families.wants(a)).collect(),
            });
        }
        let ascii = message::ascii_name(name, flags & LUP_DISABLE_IDN_ENCODING == 0);
        let types: Vec<u16> = [(families.v4, TYPE_A), (families.v6, TYPE_AAAA)].into_iter().filter(|(w, _)| *w).map(|(_, t)| t).collect();
        let mut target = ascii.clone();
        let mut host = Host { name: ascii.clone(), ..Default::default() };
        // A CNAME whose target the server did not resolve is asked for again, a few times.
        for _ in 0..MAX_CNAME_HOPS {
            let questions: Vec<(String, u16)> = types.iter().map(|&t| (target.clone(), t)).collect();
            let answers = self.ask(&questions)?;
            if answers.iter().all(|m| m.rcode == RCODE_NXDOMAIN) {
                return Err(WSAHOST_NOT_FOUND);
            }
            let mut next = None;
            for m in &answers {
                let (canonical, aliases) = chase(m, &target);
                for a in aliases {
                    if !host.aliases.iter().any(|x| x.eq_ignore_ascii_case(&a)) {
                        host.aliases.push(a);
                    }
                }
                let found = addresses(m, &canonical);
                if found.is_empty() && !canonical.eq_ignore_ascii_case(&target) {
                    next = Some(canonical.clone());
                }
                host.name = canonical;
                host.addrs.extend(found);
            }
            match next {
                Some(n) if host.addrs.is_empty() => target = n,
                _ => break,
            }
        }
        if host.addrs.is_empty() {
            return Err(WSANO_DATA);
        }
        Ok(host)
    }

    fn name_of(&self, addr: &ScopedIp, _flags: u32) -> Result<Host, i32> {
        if addr.ip.is_loopback() {
            return Ok(Host { name: "localhost".into(), aliases: Vec::new(), addrs: vec![*addr] });
        }
        let rev = message::reverse_name(&addr.ip);
        let answers = self.ask(&[(rev.clone(), TYPE_PTR)])?;
        let m = &answers[0];
        if m.rcode == RCODE_NXDOMAIN {
            return Err(WSAHOST_NOT_FOUND);
        }
        let (owner, _) = chase(m, &rev);
        let mut names =
            m.answers.iter().filter(|r| r.rtype == TYPE_PTR && r.name.eq_ignore_ascii_case(&owner)).filter_map(|r| match &r.data {
                RData::Name(n) => Some(n.clone()),
                _ => None,
            });
        let name = names.next().ok_or(WSANO_DATA)?;
        Ok(Host { name, aliases: names.collect(), addrs: vec![*addr] })
    }
}
