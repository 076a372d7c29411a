//! What a built-in provider found, and the successive WSAQUERYSETW results WSALookupServiceNext
//! hands out for it: the answer itself (name, addresses as CSADDR_INFO, hostent or servent
//! BLOB, as LUP_RETURN_* asks), then one result per alias (RESULT_IS_ALIAS) with
//! LUP_RETURN_ALIASES.

use super::query::Request;
use crate::abi::*;
use crate::rnr::{blob, CsAddr, QuerySet, ScopedIp};
use crate::sys::sockaddr::WIN_AF_INET;

/// A host: its canonical name, aliases and addresses.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Host {
    pub name: String,
    pub aliases: Vec<String>,
    pub addrs: Vec<ScopedIp>,
}

/// A service database entry; `port` in network byte order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Service {
    pub name: String,
    pub aliases: Vec<String>,
    pub port: u16,
    pub proto: String,
}

pub enum Answer {
    Host(Host),
    Service(Service),
}

/// A zeroed socket address of `family`: the LocalAddr of a result.
fn wildcard(family: i32) -> Vec<u8> {
    let ip: std::net::IpAddr =
        if family == WIN_AF_INET { std::net::Ipv4Addr::UNSPECIFIED.into() } else { std::net::Ipv6Addr::UNSPECIFIED.into() };
    ScopedIp::new(ip).sockaddr(0)
}

/// The results of `answer` for `req`, from `provider` serving `namespace`.
pub fn results(req: &Request, answer: Answer, provider: &GUID, namespace: u32) -> Vec<QuerySet> {
    let f = req.flags;
    let base = QuerySet {
        namespace,
        provider_id: Some(*provider),
        class_id: (f & LUP_RETURN_TYPE != 0).then_some(req.class_id),
        ..Default::default()
    };
    let mut first = base.clone();
    let aliases = match answer {
        Answer::Host(h) => {
            let addrs: Vec<ScopedIp> = h.addrs.iter().copied().filter(|a| req.families.wants(a)).collect();
            if f & LUP_RETURN_NAME != 0 {
                first.instance_name = Some(h.name.clone());
            }
            if f & LUP_RETURN_ADDR != 0 {
                first.cs_addrs = addrs
                    .iter()
                    .map(|a| {
                        let (socktype, protocol) = req.socket_type_for(a.family());
                        CsAddr { local: wildcard(a.family()), remote: a.sockaddr(0), socktype, protocol }
                    })
                    .collect();
            }
            if f & LUP_RETURN_BLOB != 0 {
                // A hostent holds one family: IPv4 when there is any, as gethostbyname wants.
                let family = if addrs.iter().any(|a| a.ip.is_ipv4()) || addrs.is_empty() { WIN_AF_INET } else { addrs[0].family() };
                let raw: Vec<Vec<u8>> = addrs
                    .iter()
                    .filter(|a| a.family() == family)
                    .map(|a| match a.ip {
                        std::net::IpAddr::V4(v) => v.octets().to_vec(),
                        std::net::IpAddr::V6(v) => v.octets().to_vec(),
                    })
                    .collect();
                first.blob = Some(blob::hostent(&h.name, &h.aliases, family, &raw));
            }
            h.aliases
        }
        Answer::Service(s) => {
            if f & LUP_RETURN_NAME != 0 {
                first.instance_name = Some(s.name.clone());
            }
            if f & LUP_RETURN_BLOB != 0 {
                first.blob = Some(blob::servent(&s.name, &s.aliases, s.port, &s.proto));
            }
            s.aliases
        }
    };
    let mut out = vec![first];
    if f & LUP_RETURN_ALIASES != 0 {
        out.extend(aliases.into_iter().map(|a| QuerySet { instance_name: Some(a), output_flags: RESULT_IS_ALIAS, ..base.clone() }));
    }
    out
}

/// Clears what a WSALookupServiceNext's own LUP_RETURN_* flags do not ask for: they restrict
/// the Begin flags further (a Next without any LUP_RETURN_* flag restricts nothing).
pub fn restrict(mut q: QuerySet, next_flags: u32) -> QuerySet {
    if next_flags & LUP_RETURN_ALL == 0 {
        return q;
    }
    if next_flags & LUP_RETURN_NAME == 0 {
        q.instance_name = None;
    }
    if next_flags & LUP_RETURN_TYPE == 0 {
        q.class_id = None;
    }
    if next_flags & LUP_RETURN_ADDR == 0 {
        q.cs_addrs.clear();
    }
    if next_flags & LUP_RETURN_BLOB == 0 {
        q.blob = None;
    }
    q
}
