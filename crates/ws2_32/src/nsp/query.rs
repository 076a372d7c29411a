//! What a WSAQUERYSETW restriction asks a TCP/IP namespace provider, by service class.

use crate::abi::*;
use crate::rnr::{svcid, QuerySet, ScopedIp};
use crate::sys::sockaddr::{WIN_AF_INET, WIN_AF_INET6};

/// The address families a host query wants (from lpafpProtocols; both when absent).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Families {
    pub v4: bool,
    pub v6: bool,
}

impl Families {
    pub const BOTH: Families = Families { v4: true, v6: true };

    /// The one Windows family asked for, or None for both.
    pub fn single(&self) -> Option<i32> {
        match (self.v4, self.v6) {
            (true, false) => Some(WIN_AF_INET),
            (false, true) => Some(WIN_AF_INET6),
            _ => None,
        }
    }

    pub fn wants(&self, ip: &ScopedIp) -> bool {
        if ip.ip.is_ipv4() {
            self.v4
        } else {
            self.v6
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Query {
    /// SVCID_INET_HOSTADDRBYNAME (and SVCID_HOSTNAME with a name): a host's addresses.
    HostByName { name: String },
    /// SVCID_HOSTNAME without a name: this host.
    LocalHost,
    /// SVCID_INET_HOSTADDRBYINETSTRING: the name of an address.
    NameByAddr { addr: ScopedIp },
    /// SVCID_INET_SERVICEBYNAME: "name" or "name/protocol".
    Service { name: String, proto: Option<String> },
}

/// A parsed lookup: the query, its families, the caller's protocols and control flags.
#[derive(Clone)]
pub struct Request {
    pub query: Query,
    pub families: Families,
    /// lpafpProtocols, for the socket type and protocol of each CSADDR_INFO.
    pub protocols: Vec<(i32, i32)>,
    pub class_id: GUID,
    pub flags: u32,
}

impl Request {
    /// The (socket type, protocol) a result address of `family` carries: the caller's protocol
    /// for that family (UDP → datagram), else TCP.
    pub fn socket_type_for(&self, family: i32) -> (i32, i32) {
        match self.protocols.iter().find(|(af, _)| *af == family || *af == 0) {
            Some((_, p)) if *p == IPPROTO_UDP => (SOCK_DGRAM, IPPROTO_UDP),
            _ => (SOCK_STREAM, IPPROTO_TCP),
        }
    }
}

/// Reads a restriction. A missing service class or instance name is WSAEINVAL; a class the
/// TCP/IP namespace does not serve, WSASERVICE_NOT_FOUND.
pub fn parse(q: &QuerySet, flags: u32) -> Result<Request, i32> {
    let class_id = q.class_id.ok_or(WSAEINVAL)?;
    let name = q.instance_name.as_deref().unwrap_or("");
    let query = if guid_eq(&class_id, &svcid::HOSTADDRBYNAME) {
        if name.is_empty() {
            return Err(WSAEINVAL);
        }
        Query::HostByName { name: name.to_string() }
    } else if guid_eq(&class_id, &svcid::HOSTNAME) {
        if name.is_empty() {
            Query::LocalHost
        } else {
            Query::HostByName { name: name.to_string() }
        }
    } else if guid_eq(&class_id, &svcid::HOSTADDRBYINETSTRING) {
        Query::NameByAddr { addr: ScopedIp::parse(name).ok_or(WSAEINVAL)? }
    } else if guid_eq(&class_id, &svcid::SERVICEBYNAME) {
        if name.is_empty() {
            return Err(WSAEINVAL);
        }
        let (n, p) = match name.split_once('/') {
            Some((n, p)) => (n, Some(p.to_string())),
            None => (name, None),
        };
        Query::Service { name: n.to_string(), proto: p }
    } else {
        return Err(WSASERVICE_NOT_FOUND);
    };
    let families = if q.protocols.is_empty() {
        Families::BOTH
    } else {
        let any = q.protocols.iter().any(|(af, _)| *af == 0);
        let f = Families {
            v4: any || q.protocols.iter().any(|(af, _)| *af == WIN_AF_INET),
            v6: any || q.protocols.iter().any(|(af, _)| *af == WIN_AF_INET6),
        };
        if !f.v4 && !f.v6 {
            return Err(WSAEAFNOSUPPORT);
        }
        f
    };
    Ok(Request { query, families, protocols: q.protocols.clone(), class_id, flags })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn qs(class: GUID, name: Option<&str>, protocols: Vec<(i32, i32)>) -> QuerySet {
        QuerySet { class_id: Some(class), instance_name: name.map(str::to_string), protocols, ..Default::default() }
    }

    #[test]
    fn classes_and_families() {
        let r = parse(&qs(svcid::HOSTADDRBYNAME, Some("alpha.test"), vec![(2, 6)]), 0).unwrap();
        assert_eq!(r.query, Query::HostByName { name: "alpha.test".into() });
        assert_eq!(r.families.single(), Some(2));
        assert_eq!(r.socket_type_for(2), (SOCK_STREAM, IPPROTO_TCP));
        let r = parse(&qs(svcid::HOSTNAME, None, vec![(23, 17)]), 0).unwrap();
        assert_eq!((r.query, r.families.single()), (Query::LocalHost, Some(23)));
        let r = parse(&qs(svcid::HOSTADDRBYINETSTRING, Some("::1"), vec![]), 0).unwrap();
        assert!(matches!(r.query, Query::NameByAddr { .. }));
        let r = parse(&qs(svcid::SERVICEBYNAME, Some("http/tcp"), vec![]), 0).unwrap();
        assert_eq!(r.query, Query::Service { name: "http".into(), proto: Some("tcp".into()) });
        assert_eq!(parse(&qs(svcid::HOSTADDRBYNAME, None, vec![]), 0).err(), Some(WSAEINVAL));
        assert_eq!(parse(&qs(svcid::HOSTADDRBYINETSTRING, Some("nope"), vec![]), 0).err(), Some(WSAEINVAL));
        assert_eq!(parse(&qs(GUID::from_u128(1), Some("x"), vec![]), 0).err(), Some(WSASERVICE_NOT_FOUND));
        assert_eq!(parse(&qs(svcid::HOSTADDRBYNAME, Some("x"), vec![(99, 0)]), 0).err(), Some(WSAEAFNOSUPPORT));
        assert_eq!(parse(&QuerySet::default(), 0).err(), Some(WSAEINVAL));
    }
}
