//! The system resolver as a namespace provider: glibc's getaddrinfo, gethostbyname2_r,
//! getnameinfo and gethostbyaddr_r, so /etc/hosts, nsswitch and the system's DNS settings
//! apply, with their answers in Windows terms.

use super::query::Families;
use super::results::Host;
use super::Backend;
use crate::abi::*;
use crate::error::wsa_from_errno;
use crate::rnr::ScopedIp;
use crate::sys::resolver::{self, GaiError};
use crate::sys::sockaddr::{af_from_linux, af_to_linux, LinuxAddr};
use std::ffi::CString;

/// glibc's AI_IDN: encode a non-ASCII name with IDNA, as Windows does unless
/// LUP_DISABLE_IDN_ENCODING.
const LINUX_AI_IDN: i32 = 0x0040;
/// glibc's EAI_IDN_ENCODE: the name could not be IDNA-encoded.
const EAI_IDN_ENCODE: i32 = -105;

pub struct System;

/// The WSA code for a getaddrinfo/getnameinfo failure, as a namespace provider reports it.
fn wsa_from_gai(e: GaiError) -> i32 {
    match e.code {
        libc::EAI_NONAME | EAI_IDN_ENCODE => WSAHOST_NOT_FOUND,
        libc::EAI_NODATA | resolver::EAI_ADDRFAMILY => WSANO_DATA,
        libc::EAI_AGAIN => WSATRY_AGAIN,
        libc::EAI_FAMILY => WSAEAFNOSUPPORT,
        libc::EAI_MEMORY => WSA_NOT_ENOUGH_MEMORY,
        libc::EAI_SYSTEM => wsa_from_errno(e.errno),
        _ => WSANO_RECOVERY,
    }
}

/// The WSA code for a gethostby*_r h_errno.
fn wsa_from_h_errno(h: i32) -> i32 {
    match h {
        resolver::HOST_NOT_FOUND => WSAHOST_NOT_FOUND,
        resolver::TRY_AGAIN => WSATRY_AGAIN,
        resolver::NO_DATA => WSANO_DATA,
        _ => WSANO_RECOVERY,
    }
}

fn ip_of_raw(af: i32, raw: &[u8]) -> Option<ScopedIp> {
    match (af, raw.len()) {
        (libc::AF_INET, 4) => Some(ScopedIp::new(std::net::Ipv4Addr::new(raw[0], raw[1], raw[2], raw[3]).into())),
        (libc::AF_INET6, 16) => Some(ScopedIp::new(std::net::Ipv6Addr::from(<[u8; 16]>::try_from(raw).ok()?).into())),
        _ => None,
    }
}

fn linux_addr(ip: &ScopedIp) -> Result<LinuxAddr, i32> {
    let sa = ip.sockaddr(0);
    // SAFETY: `sa` is a complete Windows sockaddr of its own length.
    unsafe { LinuxAddr::from_windows(sa.as_ptr() as *const SOCKADDR, sa.len() as i32) }
}

impl Backend for System {
    fn host(&self, name: &str, families: Families, flags: u32) -> Result<Host, i32> {
        let cname = CString::new(name).map_err(|_| WSAHOST_NOT_FOUND)?;
        // One family with aliases wanted: the host database entry, aliases and all.
        if let (Some(af), true) = (families.single(), flags & (LUP_RETURN_ALIASES | LUP_RETURN_BLOB) != 0) {
            let laf = af_to_linux(af).ok_or(WSAEAFNOSUPPORT)?;
            let h = resolver::gethostbyname(&cname, laf).map_err(wsa_from_h_errno)?;
            return Ok(Host {
                name: h.name.to_string_lossy().into_owned(),
                aliases: h.aliases.iter().map(|a| a.to_string_lossy().into_owned()).collect(),
                addrs: h.addrs.iter().filter_map(|a| ip_of_raw(laf, a)).collect(),
            });
        }
        let mut hints = resolver::Hints {
            flags: libc::AI_CANONNAME,
            family: af_to_linux(families.single().unwrap_or(0)).unwrap_or(0),
            ..Default::default()
        };
        if flags & LUP_ADDRCONFIG != 0 {
            hints.flags |= libc::AI_ADDRCONFIG;
        }
        if flags & LUP_DISABLE_IDN_ENCODING == 0 && !name.is_ascii() {
            hints.flags |= LINUX_AI_IDN;
        }
        let found = resolver::getaddrinfo(Some(&cname), None, &hints).map_err(wsa_from_gai)?;
        let mut host = Host { name: name.to_string(), ..Default::default() };
        if let Some(c) = found.iter().find_map(|a| a.canonname.as_ref()) {
            host.name = c.to_string_lossy().into_owned();
        }
        for ai in &found {
            let Some(_) = af_from_linux(ai.addr.family()) else { continue };
            let (bytes, len) = ai.addr.windows_bytes();
            if let Some((ip, _)) = ScopedIp::from_sockaddr(&bytes[..len]) {
                // glibc lists an address once per socket type; Windows once.
                if !host.addrs.contains(&ip) {
                    host.addrs.push(ip);
                }
            }
        }
        if host.addrs.is_empty() {
            return Err(WSANO_DATA);
        }
        Ok(host)
    }

    fn name_of(&self, addr: &ScopedIp, flags: u32) -> Result<Host, i32> {
        let la = linux_addr(addr)?;
        let (name, _) = resolver::getnameinfo(&la, true, false, libc::NI_NAMEREQD).map_err(wsa_from_gai)?;
        let name = name.map(|n| n.to_string_lossy().into_owned()).ok_or(WSAHOST_NOT_FOUND)?;
        let mut aliases = Vec::new();
        if flags & (LUP_RETURN_ALIASES | LUP_RETURN_BLOB) != 0 {
            let raw = match addr.ip {
                std::net::IpAddr::V4(a) => a.octets().to_vec(),
                std::net::IpAddr::V6(a) => a.octets().to_vec(),
            };
            if let Ok(h) = resolver::gethostbyaddr(&raw, la.family()) {
                aliases = h.aliases.iter().map(|a| a.to_string_lossy().into_owned()).collect();
            }
        }
        Ok(Host { name, aliases, addrs: vec![*addr] })
    }
}
