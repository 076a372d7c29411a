//! Registration and name resolution (RnR) data shared by ws2_32's lookup and registration API
//! and the built-in namespace providers: the service class GUIDs of svcguid.h (`svcid`),
//! WSAQUERYSET and WSASERVICECLASSINFO in owned form with their reading from and packing into
//! callers' buffers (`queryset`, `serviceclass`, both packed by `pack`), and the BLOBs the
//! TCP/IP namespace returns (`blob`: hostent and servent with offsets for pointers).

pub mod blob;
pub mod pack;
pub mod queryset;
pub mod serviceclass;
pub mod svcid;

pub use queryset::{CsAddr, QuerySet};
pub use serviceclass::ServiceClass;

use crate::sys::sockaddr::{WIN_AF_INET, WIN_AF_INET6};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// An IP address with its IPv6 scope id (0 for IPv4 and global IPv6).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ScopedIp {
    pub ip: IpAddr,
    pub scope: u32,
}

impl ScopedIp {
    pub fn new(ip: IpAddr) -> Self {
        ScopedIp { ip, scope: 0 }
    }

    pub fn family(&self) -> i32 {
        if self.ip.is_ipv4() {
            WIN_AF_INET
        } else {
            WIN_AF_INET6
        }
    }

    /// The Windows SOCKADDR_IN / SOCKADDR_IN6 bytes for this address and `port`.
    pub fn sockaddr(&self, port: u16) -> Vec<u8> {
        match self.ip {
            IpAddr::V4(a) => {
                let mut b = vec![0u8; 16];
                b[..2].copy_from_slice(&(WIN_AF_INET as u16).to_ne_bytes());
                b[2..4].copy_from_slice(&port.to_be_bytes());
                b[4..8].copy_from_slice(&a.octets());
                b
            }
            IpAddr::V6(a) => {
                let mut b = vec![0u8; 28];
                b[..2].copy_from_slice(&(WIN_AF_INET6 as u16).to_ne_bytes());
                b[2..4].copy_from_slice(&port.to_be_bytes());
                b[8..24].copy_from_slice(&a.octets());
                b[24..28].copy_from_slice(&self.scope.to_ne_bytes());
                b
            }
        }
    }

    /// Reads a Windows SOCKADDR_IN / SOCKADDR_IN6 (None for other families or short input).
    pub fn from_sockaddr(b: &[u8]) -> Option<(ScopedIp, u16)> {
        if b.len() < 4 {
            return None;
        }
        let port = u16::from_be_bytes([b[2], b[3]]);
        match i32::from(u16::from_ne_bytes([b[0], b[1]])) {
            WIN_AF_INET if b.len() >= 16 => Some((ScopedIp::new(IpAddr::V4(Ipv4Addr::new(b[4], b[5], b[6], b[7]))), port)),
            WIN_AF_INET6 if b.len() >= 28 => {
                let a: [u8; 16] = b[8..24].try_into().ok()?;
                let scope = u32::from_ne_bytes(b[24..28].try_into().ok()?);
                Some((ScopedIp { ip: IpAddr::V6(Ipv6Addr::from(a)), scope }, port))
            }
            _ => None,
        }
    }

    /// The address as Windows prints it ("a.b.c.d", "x::y", "fe80::1%3").
    pub fn text(&self) -> String {
        use crate::api::addr::text;
        match self.ip {
            IpAddr::V4(a) => text::format_ipv4(a.octets()),
            IpAddr::V6(a) => {
                let s = text::format_ipv6(&a.octets());
                if self.scope == 0 {
                    s
                } else {
                    format!("{s}%{}", self.scope)
                }
            }
        }
    }

    /// Parses a numeric address in its strict text form (dotted quad, or IPv6 with an optional
    /// "%scope"): the instance name of an SVCID_INET_HOSTADDRBYINETSTRING query.
    pub fn parse(s: &str) -> Option<ScopedIp> {
        use crate::api::addr::text;
        if let Some(a) = text::parse_ipv4_strict(s.as_bytes()) {
            return Some(ScopedIp::new(IpAddr::V4(Ipv4Addr::from(a))));
        }
        let (addr, scope) = match s.split_once('%') {
            Some((a, sc)) => (a, sc.parse().ok()?),
            None => (s, 0),
        };
        let a = text::parse_ipv6(addr.as_bytes())?;
        Some(ScopedIp { ip: IpAddr::V6(Ipv6Addr::from(a)), scope })
    }

    /// The IPv4-mapped IPv6 form of an IPv4 address (AI_V4MAPPED).
    pub fn mapped(&self) -> ScopedIp {
        match self.ip {
            IpAddr::V4(a) => ScopedIp::new(IpAddr::V6(a.to_ipv6_mapped())),
            IpAddr::V6(_) => *self,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sockaddrs_and_text_round_trip() {
        let v6 = ScopedIp::parse("fe80::1%3").unwrap();
        assert_eq!((v6.scope, v6.text()), (3, "fe80::1%3".to_string()));
        let sa = v6.sockaddr(80);
        assert_eq!(sa.len(), 28);
        assert_eq!(ScopedIp::from_sockaddr(&sa), Some((v6, 80)));
        let v4 = ScopedIp::parse("10.1.2.3").unwrap();
        assert_eq!(v4.sockaddr(53), vec![2, 0, 0, 53, 10, 1, 2, 3, 0, 0, 0, 0, 0, 0, 0, 0]);
        assert_eq!(v4.mapped().text(), "::ffff:10.1.2.3");
        assert!(ScopedIp::parse("10.1").is_none());
        assert!(ScopedIp::parse("host").is_none());
    }
}
