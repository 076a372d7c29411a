//! Host names to addresses and addresses to host names through the namespace providers, for
//! getaddrinfo, GetAddrInfoEx, getnameinfo, gethostbyname and gethostbyaddr: each builds the
//! WSAQUERYSET Windows' own functions send to the TCP/IP namespace (SVCID_INET_HOSTADDRBYNAME
//! or SVCID_INET_HOSTADDRBYINETSTRING) and takes the answer of the first provider that has one.

use super::lookup;
use crate::abi::*;
use crate::rnr::{svcid, QuerySet, ScopedIp};
use crate::sys::sockaddr::{WIN_AF_INET, WIN_AF_INET6};

/// Where a query goes: a namespace (NS_ALL: every active provider) or one provider.
#[derive(Clone, Copy)]
pub(crate) struct Scope {
    pub namespace: u32,
    pub provider: Option<GUID>,
}

impl Scope {
    pub const ALL: Scope = Scope { namespace: NS_ALL, provider: None };
}

/// What a provider answered about a host.
pub(crate) struct HostFound {
    pub provider: GUID,
    pub name: Option<String>,
    pub aliases: Vec<String>,
    pub addrs: Vec<ScopedIp>,
}

fn collect(found: lookup::Found) -> HostFound {
    let mut out = HostFound { provider: found.provider, name: None, aliases: Vec::new(), addrs: Vec::new() };
    for (i, q) in found.results.into_iter().enumerate() {
        if i > 0 && q.output_flags & RESULT_IS_ALIAS != 0 {
            out.aliases.extend(q.instance_name);
            continue;
        }
        if out.name.is_none() {
            out.name = q.instance_name;
        }
        for c in &q.cs_addrs {
            if let Some((ip, _)) = ScopedIp::from_sockaddr(&c.remote) {
                if !out.addrs.contains(&ip) {
                    out.addrs.push(ip);
                }
            }
        }
    }
    out
}

/// The addresses of `name` of Windows family `family` (0: both), with its canonical name;
/// `flags` adds LUP_* flags (LUP_RETURN_ALIASES, LUP_ADDRCONFIG, LUP_DISABLE_IDN_ENCODING).
pub(crate) fn host_by_name(name: &str, family: i32, scope: Scope, flags: u32) -> Result<HostFound, i32> {
    let protocols = match family {
        WIN_AF_INET | WIN_AF_INET6 => vec![(family, IPPROTO_TCP)],
        _ => Vec::new(),
    };
    let q = QuerySet {
        instance_name: Some(name.to_string()),
        class_id: Some(svcid::HOSTADDRBYNAME),
        namespace: scope.namespace,
        provider_id: scope.provider,
        protocols,
        ..Default::default()
    };
    let found = collect(lookup::query(&q, LUP_RETURN_NAME | LUP_RETURN_ADDR | flags)?);
    if found.addrs.is_empty() {
        return Err(WSANO_DATA);
    }
    Ok(found)
}

/// The host name of an address (and its aliases with LUP_RETURN_ALIASES in `flags`).
pub(crate) fn name_by_addr(addr: &ScopedIp, scope: Scope, flags: u32) -> Result<HostFound, i32> {
    let q = QuerySet {
        instance_name: Some(addr.text()),
        class_id: Some(svcid::HOSTADDRBYINETSTRING),
        namespace: scope.namespace,
        provider_id: scope.provider,
        ..Default::default()
    };
    let found = collect(lookup::query(&q, LUP_RETURN_NAME | flags)?);
    if found.name.is_none() {
        return Err(WSAHOST_NOT_FOUND);
    }
    Ok(found)
}
