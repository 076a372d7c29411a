//! The host's interface addresses (getifaddrs): for answering the host's own name, and for the
//! WSAIoctl codes that list them.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// One address of an interface that is up.
pub struct Interface {
    pub addr: IpAddr,
    /// The IPv6 scope id (0 for IPv4).
    pub scope: u32,
    pub netmask: Option<IpAddr>,
    pub broadcast: Option<IpAddr>,
    /// Linux IFF_* flags.
    pub flags: u32,
}

/// An IPv4 or IPv6 address from a sockaddr, with its scope id.
///
/// # Safety
/// `sa` must be null or point to a sockaddr whose family says which structure it is.
unsafe fn ip_of(sa: *const libc::sockaddr) -> Option<(IpAddr, u32)> {
    if sa.is_null() {
        return None;
    }
    // SAFETY: the caller's sockaddr, read as the structure its family names.
    unsafe {
        match (*sa).sa_family as i32 {
            libc::AF_INET => {
                let sin = &*(sa as *const libc::sockaddr_in);
                Some((IpAddr::V4(Ipv4Addr::from(u32::from_be(sin.sin_addr.s_addr))), 0))
            }
            libc::AF_INET6 => {
                let sin6 = &*(sa as *const libc::sockaddr_in6);
                Some((IpAddr::V6(Ipv6Addr::from(sin6.sin6_addr.s6_addr)), sin6.sin6_scope_id))
            }
            _ => None,
        }
    }
}

/// Every IPv4 and IPv6 address of an interface that is up.
pub fn interfaces() -> Vec<Interface> {
    let mut head: *mut libc::ifaddrs = std::ptr::null_mut();
    // SAFETY: `head` is an out slot; on success glibc returns a list we free below.
    if unsafe { libc::getifaddrs(&mut head) } != 0 {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut p = head;
    while !p.is_null() {
        // SAFETY: `p` walks the list getifaddrs returned; it stays valid until freeifaddrs.
        let ifa = unsafe { &*p };
        p = ifa.ifa_next;
        if ifa.ifa_flags & libc::IFF_UP as u32 == 0 {
            continue;
        }
        // SAFETY: the entry's sockaddrs, null or as their family says.
        let Some((addr, scope)) = (unsafe { ip_of(ifa.ifa_addr) }) else { continue };
        let broadcast = if ifa.ifa_flags & libc::IFF_BROADCAST as u32 != 0 {
            // SAFETY: as above (ifa_ifu is the broadcast address when IFF_BROADCAST is set).
            unsafe { ip_of(ifa.ifa_ifu) }.map(|(a, _)| a)
        } else {
            None
        };
        // SAFETY: as above.
        let netmask = unsafe { ip_of(ifa.ifa_netmask) }.map(|(a, _)| a);
        out.push(Interface { addr, scope, netmask, broadcast, flags: ifa.ifa_flags });
    }
    // SAFETY: the list from getifaddrs, freed once.
    unsafe { libc::freeifaddrs(head) };
    out
}

/// Every IPv4 and IPv6 address of an interface that is up, with the IPv6 scope id.
pub fn local_addresses() -> Vec<(IpAddr, u32)> {
    interfaces().into_iter().map(|i| (i.addr, i.scope)).collect()
}
