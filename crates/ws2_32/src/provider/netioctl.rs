//! WSAIoctl codes about a connection's keep-alives, datagram resets and the host's addresses:
//! SIO_KEEPALIVE_VALS, SIO_UDP_CONNRESET, SIO_UDP_NETRESET (mstcpip.h), SIO_ADDRESS_LIST_QUERY
//! and SIO_ROUTING_INTERFACE_QUERY (ws2def.h), SIO_GET_INTERFACE_LIST (ws2ipdef.h). Addresses are written in Windows layout;
//! a list that does not fit fails with WSAEFAULT and lpcbBytesReturned giving the size needed.

use super::socket::wsa;
use super::state::SocketState;
use crate::abi::*;
use crate::ffi::bad_ptr;
use crate::rnr::ScopedIp;
use crate::sys::ifaddr::{self, Interface};
use crate::sys::sockaddr::{LinuxAddr, WIN_AF_INET, WIN_AF_INET6};
use crate::sys::socket as sys;
use std::net::IpAddr;

pub(super) const SIO_KEEPALIVE_VALS: u32 = 0x9800_0004;
pub(super) const SIO_ROUTING_INTERFACE_QUERY: u32 = 0xC800_0014;
pub(super) const SIO_ADDRESS_LIST_QUERY: u32 = 0x4800_0016;
pub(super) const SIO_GET_INTERFACE_LIST: u32 = 0x4004_747F;
pub(super) const SIO_UDP_CONNRESET: u32 = 0x9800_000C;
pub(super) const SIO_UDP_NETRESET: u32 = 0x9800_000F;

/// Keep-alive probes Windows sends before giving up (fixed since Vista).
const KEEPALIVE_PROBES: i32 = 10;

/// The output side of an ioctl: the caller's buffer, and where the size goes.
pub(super) struct Out {
    pub buf: *mut u8,
    pub len: u32,
    pub returned: *mut u32,
}

impl Out {
    /// Writes `bytes` (built with pointers relative to the buffer's start) or, when they do
    /// not fit, fails with WSAEFAULT after storing the size needed.
    fn put(&self, bytes: &[u8]) -> Result<i32, i32> {
        // SAFETY: `returned` was checked by the caller.
        unsafe { *self.returned = bytes.len() as u32 };
        if bad_ptr(self.buf) || (self.len as usize) < bytes.len() {
            return Err(WSAEFAULT);
        }
        // SAFETY: checked: the caller's buffer holds `len >= bytes.len()` bytes.
        unsafe { std::ptr::copy_nonoverlapping(bytes.as_ptr(), self.buf, bytes.len()) };
        Ok(0)
    }
}

/// SIO_KEEPALIVE_VALS: {onoff, keepalivetime, keepaliveinterval}, times in milliseconds.
pub(super) fn keepalive_vals(st: &SocketState, fd: sys::Fd, inbuf: *const u8, inlen: u32) -> Result<i32, i32> {
    if bad_ptr(inbuf) || inlen < 12 {
        return Err(WSAEFAULT);
    }
    if !st.is_stream() {
        return Err(WSAEINVAL);
    }
    // SAFETY: checked: 12 readable bytes.
    let [on, time, interval] = unsafe { std::ptr::read_unaligned(inbuf as *const [u32; 3]) };
    let seconds = |ms: u32| ms.div_ceil(1000).clamp(1, 32767) as i32;
    wsa(sys::setsockopt(fd, libc::SOL_SOCKET, libc::SO_KEEPALIVE, &((on != 0) as i32)))?;
    if on != 0 {
        wsa(sys::setsockopt(fd, libc::IPPROTO_TCP, libc::TCP_KEEPIDLE, &seconds(time)))?;
        wsa(sys::setsockopt(fd, libc::IPPROTO_TCP, libc::TCP_KEEPINTVL, &seconds(interval)))?;
        wsa(sys::setsockopt(fd, libc::IPPROTO_TCP, libc::TCP_KEEPCNT, &KEEPALIVE_PROBES))?;
    }
    Ok(0)
}

/// SIO_UDP_CONNRESET / SIO_UDP_NETRESET with a BOOL: whether a datagram socket's calls report
/// the ICMP port unreachable (WSAECONNRESET) / TTL expired (WSAENETRESET) a send drew. Linux
/// reports neither on unconnected sockets, port unreachable on connected ones: turning the
/// first off hides that too; the second is never reported, on or off.
pub(super) fn udp_reset(st: &SocketState, code: u32, inbuf: *const u8, inlen: u32) -> Result<i32, i32> {
    if bad_ptr(inbuf) || inlen < 4 {
        return Err(WSAEFAULT);
    }
    if st.is_stream() {
        return Err(WSAEINVAL);
    }
    // SAFETY: checked: 4 readable bytes.
    let on = unsafe { std::ptr::read_unaligned(inbuf as *const u32) } != 0;
    if code == SIO_UDP_CONNRESET {
        st.set(super::state::NO_CONNRESET, !on);
    }
    Ok(0)
}

/// The socket's family as an address filter.
fn same_family(st: &SocketState, ip: &IpAddr) -> bool {
    match st.af() {
        WIN_AF_INET => ip.is_ipv4(),
        WIN_AF_INET6 => ip.is_ipv6(),
        _ => false,
    }
}

/// SIO_ADDRESS_LIST_QUERY: a SOCKET_ADDRESS_LIST of the host's addresses of the socket's
/// family (its interfaces', not loopback's), the addresses themselves after the array.
pub(super) fn address_list(st: &SocketState, out: &Out) -> Result<i32, i32> {
    let addrs: Vec<Vec<u8>> = ifaddr::interfaces()
        .into_iter()
        .filter(|i| same_family(st, &i.addr) && i.flags & libc::IFF_LOOPBACK as u32 == 0)
        .map(|i| ScopedIp { ip: i.addr, scope: i.scope }.sockaddr(0))
        .collect();
    // SOCKET_ADDRESS_LIST: iAddressCount, padding, then {lpSockaddr, iSockaddrLength, padding}.
    let head = 8 + 16 * addrs.len();
    let mut bytes = vec![0u8; head];
    bytes[..4].copy_from_slice(&(addrs.len() as i32).to_ne_bytes());
    for (k, a) in addrs.iter().enumerate() {
        let at = bytes.len();
        let entry = 8 + 16 * k;
        bytes[entry..entry + 8].copy_from_slice(&(out.buf as usize + at).to_ne_bytes());
        bytes[entry + 8..entry + 12].copy_from_slice(&(a.len() as i32).to_ne_bytes());
        bytes.extend_from_slice(a);
        bytes.resize(bytes.len().next_multiple_of(8), 0);
    }
    out.put(&bytes)
}

/// SIO_ROUTING_INTERFACE_QUERY: the local address the host would send to the destination in
/// `inbuf` from (a datagram socket connected there says, without sending anything).
pub(super) fn routing_interface(inbuf: *const u8, inlen: u32, out: &Out) -> Result<i32, i32> {
    // SAFETY: the caller's input buffer of `inlen` bytes (checked for null inside).
    let mut dest = unsafe { LinuxAddr::from_windows(inbuf as *const SOCKADDR, inlen as i32) }?;
    if dest.port() == 0 {
        dest.set_port(9); // any port routes the same
    }
    let probe = wsa(sys::socket(dest.family(), libc::SOCK_DGRAM, 0))?;
    let local = sys::connect(probe, &dest).and_then(|()| sys::getsockname(probe));
    let _ = sys::close(probe);
    let mut local = wsa(local)?;
    local.set_port(0);
    let (bytes, size) = local.windows_bytes();
    out.put(&bytes[..size])
}

/// Windows IFF_* flags from Linux ones.
fn windows_flags(linux: u32) -> u32 {
    const MAP: [(i32, u32); 5] = [
        (libc::IFF_UP, 0x1),
        (libc::IFF_BROADCAST, 0x2),
        (libc::IFF_LOOPBACK, 0x4),
        (libc::IFF_POINTOPOINT, 0x8),
        (libc::IFF_MULTICAST, 0x10),
    ];
    MAP.iter().filter(|(l, _)| linux & *l as u32 != 0).map(|(_, w)| w).sum()
}

/// An address in a 24-byte sockaddr_gen (SOCKADDR_IN, or the old 24-byte SOCKADDR_IN6
/// without a scope id).
fn sockaddr_gen(ip: Option<IpAddr>) -> [u8; 24] {
    let mut g = [0u8; 24];
    if let Some(ip) = ip {
        let b = ScopedIp::new(ip).sockaddr(0);
        let n = b.len().min(24);
        g[..n].copy_from_slice(&b[..n]);
    }
    g
}

/// SIO_GET_INTERFACE_LIST: an INTERFACE_INFO (flags, address, broadcast address, netmask) per
/// address of the socket's family.
pub(super) fn interface_list(st: &SocketState, out: &Out) -> Result<i32, i32> {
    let mut bytes = Vec::new();
    for Interface { addr, netmask, broadcast, flags, .. } in ifaddr::interfaces() {
        if !same_family(st, &addr) {
            continue;
        }
        bytes.extend_from_slice(&windows_flags(flags).to_ne_bytes());
        bytes.extend_from_slice(&sockaddr_gen(Some(addr)));
        bytes.extend_from_slice(&sockaddr_gen(broadcast));
        bytes.extend_from_slice(&sockaddr_gen(netmask));
    }
    out.put(&bytes)
}
