//! Socket options and ioctls in the base provider: Windows levels, option numbers and value
//! formats (BOOL, DWORD milliseconds, 16-bit linger) translated to Linux ones.

use super::socket::{lookup, wsa};
use super::spi;
use super::state::{SocketState, EXCLUSIVEADDRUSE, NONBLOCKING, REUSEADDR};
use crate::abi::*;
use crate::error::wsa_from_errno;
use crate::sys::socket as sys;
use std::sync::atomic::Ordering;

const WIN_SOL_SOCKET: i32 = 0xffff;
const WIN_IPPROTO_IP: i32 = 0;
const WIN_IPPROTO_TCP: i32 = 6;
const WIN_IPPROTO_UDP: i32 = 17;
const WIN_IPPROTO_IPV6: i32 = 41;
const WIN_SO_DONTLINGER: i32 = !0x80;
const WIN_SO_EXCLUSIVEADDRUSE: i32 = !0x4;

/// How an option's value is carried.
#[derive(Clone, Copy)]
enum Kind {
    /// A Windows BOOL mapped onto a Linux int option.
    Bool(i32, i32),
    /// A 32-bit integer mapped onto a Linux int option.
    Int(i32, i32),
    /// A buffer size: Linux reports twice what was set.
    BufSize(i32),
    /// A timeout in milliseconds (DWORD) mapped onto a Linux timeval.
    Timeout(i32),
    /// Passed through as bytes of the same layout on both systems.
    Raw(i32, i32, usize),
    Linger,
    DontLinger,
    ReuseAddr,
    ExclusiveAddrUse,
    Error,
    Type,
    ProtocolInfoW,
    ProtocolInfoA,
    MaxMsgSize,
    /// IP_DONTFRAGMENT: path MTU discovery "do" versus "don't".
    DontFragment,
}

/// The Linux meaning of a Windows (level, option), or the Windows error for an unknown one.
fn option(st: &SocketState, level: i32, name: i32) -> Result<Kind, i32> {
    use Kind::*;
    let v6 = st.af() == crate::sys::sockaddr::WIN_AF_INET6;
    let k = match (level, name) {
        (WIN_SOL_SOCKET, 0x0001) => Bool(libc::SOL_SOCKET, libc::SO_DEBUG),
        (WIN_SOL_SOCKET, 0x0002) => Bool(libc::SOL_SOCKET, libc::SO_ACCEPTCONN),
        (WIN_SOL_SOCKET, 0x0004) => ReuseAddr,
        (WIN_SOL_SOCKET, 0x0008) => Bool(libc::SOL_SOCKET, libc::SO_KEEPALIVE),
        (WIN_SOL_SOCKET, 0x0010) => Bool(libc::SOL_SOCKET, libc::SO_DONTROUTE),
        (WIN_SOL_SOCKET, 0x0020) => Bool(libc::SOL_SOCKET, libc::SO_BROADCAST),
        (WIN_SOL_SOCKET, 0x0080) => Linger,
        (WIN_SOL_SOCKET, 0x0100) => Bool(libc::SOL_SOCKET, libc::SO_OOBINLINE),
        (WIN_SOL_SOCKET, WIN_SO_DONTLINGER) => DontLinger,
        (WIN_SOL_SOCKET, WIN_SO_EXCLUSIVEADDRUSE) => ExclusiveAddrUse,
        (WIN_SOL_SOCKET, 0x1001) => BufSize(libc::SO_SNDBUF),
        (WIN_SOL_SOCKET, 0x1002) => BufSize(libc::SO_RCVBUF),
        (WIN_SOL_SOCKET, 0x1005) => Timeout(libc::SO_SNDTIMEO),
        (WIN_SOL_SOCKET, 0x1006) => Timeout(libc::SO_RCVTIMEO),
        (WIN_SOL_SOCKET, 0x1007) => Error,
        (WIN_SOL_SOCKET, 0x1008) => Type,
        (WIN_SOL_SOCKET, 0x2003) => MaxMsgSize,
        (WIN_SOL_SOCKET, 0x2004) => ProtocolInfoA,
        (WIN_SOL_SOCKET, 0x2005) => ProtocolInfoW,
        (WIN_SOL_SOCKET, _) => return Err(WSAENOPROTOOPT),
        (WIN_IPPROTO_TCP, _) if !st.is_stream() => return Err(WSAENOPROTOOPT),
        (WIN_IPPROTO_TCP, 1) => Bool(libc::IPPROTO_TCP, libc::TCP_NODELAY),
        (WIN_IPPROTO_TCP, 3) => Int(libc::IPPROTO_TCP, libc::TCP_KEEPIDLE),
        (WIN_IPPROTO_TCP, 4) => Int(libc::IPPROTO_TCP, libc::TCP_MAXSEG),
        (WIN_IPPROTO_TCP, 16) => Int(libc::IPPROTO_TCP, libc::TCP_KEEPCNT),
        (WIN_IPPROTO_TCP, 17) => Int(libc::IPPROTO_TCP, libc::TCP_KEEPINTVL),
        (WIN_IPPROTO_TCP, _) => return Err(WSAENOPROTOOPT),
        (WIN_IPPROTO_UDP, _) => return Err(WSAENOPROTOOPT),
        (WIN_IPPROTO_IP, _) if v6 => return Err(WSAEINVAL),
        (WIN_IPPROTO_IP, 2) => Bool(libc::IPPROTO_IP, libc::IP_HDRINCL),
        (WIN_IPPROTO_IP, 3) => Int(libc::IPPROTO_IP, libc::IP_TOS),
        (WIN_IPPROTO_IP, 4) => Int(libc::IPPROTO_IP, libc::IP_TTL),
        (WIN_IPPROTO_IP, 9) => Raw(libc::IPPROTO_IP, libc::IP_MULTICAST_IF, 4),
        (WIN_IPPROTO_IP, 10) => Int(libc::IPPROTO_IP, libc::IP_MULTICAST_TTL),
        (WIN_IPPROTO_IP, 11) => Bool(libc::IPPROTO_IP, libc::IP_MULTICAST_LOOP),
        (WIN_IPPROTO_IP, 12) => Raw(libc::IPPROTO_IP, libc::IP_ADD_MEMBERSHIP, 8),
        (WIN_IPPROTO_IP, 13) => Raw(libc::IPPROTO_IP, libc::IP_DROP_MEMBERSHIP, 8),
        (WIN_IPPROTO_IP, 14) => DontFragment,
        (WIN_IPPROTO_IP, 19) => Bool(libc::IPPROTO_IP, libc::IP_PKTINFO),
        (WIN_IPPROTO_IP, _) => return Err(WSAENOPROTOOPT),
        (WIN_IPPROTO_IPV6, _) if !v6 => return Err(WSAEINVAL),
        (WIN_IPPROTO_IPV6, 4) => Int(libc::IPPROTO_IPV6, libc::IPV6_UNICAST_HOPS),
        (WIN_IPPROTO_IPV6, 9) => Int(libc::IPPROTO_IPV6, libc::IPV6_MULTICAST_IF),
        (WIN_IPPROTO_IPV6, 10) => Int(libc::IPPROTO_IPV6, libc::IPV6_MULTICAST_HOPS),
        (WIN_IPPROTO_IPV6, 11) => Bool(libc::IPPROTO_IPV6, libc::IPV6_MULTICAST_LOOP),
        (WIN_IPPROTO_IPV6, 12) => Raw(libc::IPPROTO_IPV6, libc::IPV6_ADD_MEMBERSHIP, 20),
        (WIN_IPPROTO_IPV6, 13) => Raw(libc::IPPROTO_IPV6, libc::IPV6_DROP_MEMBERSHIP, 20),
        (WIN_IPPROTO_IPV6, 19) => Bool(libc::IPPROTO_IPV6, libc::IPV6_RECVPKTINFO),
        (WIN_IPPROTO_IPV6, 27) => Bool(libc::IPPROTO_IPV6, libc::IPV6_V6ONLY),
        (WIN_IPPROTO_IPV6, _) => return Err(WSAENOPROTOOPT),
        _ => return Err(WSAEINVAL),
    };
    Ok(k)
}

/// Reads a 32-bit option value; BOOL options also accept a single byte, as Windows does.
unsafe fn read_u32(val: *const u8, len: i32, allow_byte: bool) -> Result<u32, i32> {
    if val.is_null() {
        return Err(WSAEFAULT);
    }
    match len {
        // SAFETY: the caller guarantees `len` readable bytes.
        l if l >= 4 => Ok(unsafe { std::ptr::read_unaligned(val as *const u32) }),
        l if l >= 1 && allow_byte => Ok(unsafe { *val } as u32),
        _ => Err(WSAEFAULT),
    }
}

pub(super) unsafe extern "system" fn wsp_set_sock_opt(s: SOCKET, level: i32, name: i32, val: PCSTR, len: i32, errno: *mut i32) -> i32 {
    spi(errno, SOCKET_ERROR, || {
        let (st, fd) = lookup(s)?;
        let kind = option(st, level, name)?;
        let val = val as *const u8;
        // SAFETY (all reads below): the caller guarantees `len` readable bytes at `val`.
        match kind {
            Kind::Bool(l, n) => wsa(sys::setsockopt(fd, l, n, &((unsafe { read_u32(val, len, true) }? != 0) as i32))),
            Kind::Int(l, n) => wsa(sys::setsockopt(fd, l, n, &(unsafe { read_u32(val, len, false) }? as i32))),
            Kind::BufSize(n) => wsa(sys::setsockopt(fd, libc::SOL_SOCKET, n, &(unsafe { read_u32(val, len, false) }? as i32))),
            Kind::Timeout(n) => {
                let ms = unsafe { read_u32(val, len, false) }?;
                let tv = libc::timeval { tv_sec: (ms / 1000) as _, tv_usec: ((ms % 1000) * 1000) as _ };
                wsa(sys::setsockopt(fd, libc::SOL_SOCKET, n, &tv))?;
                let slot = if n == libc::SO_RCVTIMEO { &st.rcv_timeout } else { &st.snd_timeout };
                slot.store(ms, Ordering::Relaxed);
                Ok(())
            }
            Kind::Raw(l, n, size) => {
                if val.is_null() || (len as usize) < size {
                    return Err(WSAEFAULT);
                }
                let mut buf = [0u8; 32];
                unsafe { std::ptr::copy_nonoverlapping(val, buf.as_mut_ptr(), size) };
                set_raw(fd, l, n, &buf[..size])
            }
            Kind::Linger => {
                if val.is_null() || len < 4 {
                    return Err(WSAEFAULT);
                }
                let (on, secs) = unsafe { (std::ptr::read_unaligned(val as *const u16), std::ptr::read_unaligned(val.add(2) as *const u16)) };
                let l = libc::linger { l_onoff: (on != 0) as i32, l_linger: secs as i32 };
                wsa(sys::setsockopt(fd, libc::SOL_SOCKET, libc::SO_LINGER, &l))
            }
            Kind::DontLinger => {
                let dont = unsafe { read_u32(val, len, true) }? != 0;
                let mut l = wsa(sys::getsockopt::<LingerC>(fd, libc::SOL_SOCKET, libc::SO_LINGER))?.0;
                l.l_onoff = (!dont) as i32;
                wsa(sys::setsockopt(fd, libc::SOL_SOCKET, libc::SO_LINGER, &l))
            }
            Kind::ReuseAddr => {
                let on = unsafe { read_u32(val, len, true) }? != 0;
                if on && st.has(EXCLUSIVEADDRUSE) {
                    return Err(WSAEINVAL);
                }
                wsa(sys::setsockopt(fd, libc::SOL_SOCKET, libc::SO_REUSEADDR, &(on as i32)))?;
                st.set(REUSEADDR, on);
                Ok(())
            }
            Kind::ExclusiveAddrUse => {
                let on = unsafe { read_u32(val, len, true) }? != 0;
                if on && st.has(REUSEADDR) {
                    return Err(WSAEINVAL);
                }
                st.set(EXCLUSIVEADDRUSE, on);
                Ok(())
            }
            Kind::DontFragment => {
                let on = unsafe { read_u32(val, len, true) }? != 0;
                let mode = if on { libc::IP_PMTUDISC_DO } else { libc::IP_PMTUDISC_DONT };
                wsa(sys::setsockopt(fd, libc::IPPROTO_IP, libc::IP_MTU_DISCOVER, &mode))
            }
            // Read-only options.
            Kind::Error | Kind::Type | Kind::ProtocolInfoW | Kind::ProtocolInfoA | Kind::MaxMsgSize => Err(WSAENOPROTOOPT),
        }?;
        Ok(0)
    })
}

/// Sets an option whose value has the same bytes on both systems.
fn set_raw(fd: sys::Fd, level: i32, name: i32, bytes: &[u8]) -> Result<(), i32> {
    match bytes.len() {
        4 => wsa(sys::setsockopt(fd, level, name, &<[u8; 4]>::try_from(bytes).unwrap())),
        8 => wsa(sys::setsockopt(fd, level, name, &<[u8; 8]>::try_from(bytes).unwrap())),
        20 => wsa(sys::setsockopt(fd, level, name, &<[u8; 20]>::try_from(bytes).unwrap())),
        _ => Err(WSAEINVAL),
    }
}

/// libc::linger with a Default, for getsockopt.
#[derive(Clone, Copy)]
struct LingerC(libc::linger);
impl Default for LingerC {
    fn default() -> Self {
        LingerC(libc::linger { l_onoff: 0, l_linger: 0 })
    }
}

#[derive(Clone, Copy)]
struct TimevalC(libc::timeval);
impl Default for TimevalC {
    fn default() -> Self {
        TimevalC(libc::timeval { tv_sec: 0, tv_usec: 0 })
    }
}

/// Writes `bytes` to a getsockopt buffer of `*len` bytes: too short gives WSAEFAULT.
unsafe fn put(val: *mut u8, len: *mut i32, bytes: &[u8]) -> Result<(), i32> {
    // SAFETY: the caller guarantees `len` is valid when non-null and `val` has `*len` bytes.
    unsafe {
        if val.is_null() || len.is_null() || *len < 0 || (*len as usize) < bytes.len() {
            return Err(WSAEFAULT);
        }
        std::ptr::copy_nonoverlapping(bytes.as_ptr(), val, bytes.len());
        *len = bytes.len() as i32;
    }
    Ok(())
}

pub(super) unsafe extern "system" fn wsp_get_sock_opt(s: SOCKET, level: i32, name: i32, val: PSTR, len: *mut i32, errno: *mut i32) -> i32 {
    spi(errno, SOCKET_ERROR, || {
        let (st, fd) = lookup(s)?;
        let kind = option(st, level, name)?;
        if val.is_null() || len.is_null() {
            return Err(WSAEFAULT);
        }
        let int = |v: i32| v.to_ne_bytes();
        let bytes: Vec<u8> = match kind {
            Kind::Bool(l, n) => int((wsa(sys::getsockopt::<i32>(fd, l, n))? != 0) as i32).to_vec(),
            Kind::Int(l, n) => int(wsa(sys::getsockopt::<i32>(fd, l, n))?).to_vec(),
            Kind::BufSize(n) => int(wsa(sys::getsockopt::<i32>(fd, libc::SOL_SOCKET, n))? / 2).to_vec(),
            Kind::Timeout(n) => {
                let tv = wsa(sys::getsockopt::<TimevalC>(fd, libc::SOL_SOCKET, n))?.0;
                int((tv.tv_sec as i64 * 1000 + tv.tv_usec as i64 / 1000) as i32).to_vec()
            }
            Kind::Raw(l, n, size) => {
                let raw = wsa(sys::getsockopt::<[u8; 4]>(fd, l, n)).map(|b| b.to_vec());
                let mut v = raw?;
                v.resize(size.min(4), 0);
                v
            }
            Kind::Linger => {
                let l = wsa(sys::getsockopt::<LingerC>(fd, libc::SOL_SOCKET, libc::SO_LINGER))?.0;
                let mut v = ((l.l_onoff != 0) as u16).to_ne_bytes().to_vec();
                v.extend_from_slice(&(l.l_linger.clamp(0, 0xffff) as u16).to_ne_bytes());
                v
            }
            Kind::DontLinger => {
                let l = wsa(sys::getsockopt::<LingerC>(fd, libc::SOL_SOCKET, libc::SO_LINGER))?.0;
                int((l.l_onoff == 0) as i32).to_vec()
            }
            Kind::ReuseAddr => int(st.has(REUSEADDR) as i32).to_vec(),
            Kind::ExclusiveAddrUse => int(st.has(EXCLUSIVEADDRUSE) as i32).to_vec(),
            Kind::DontFragment => {
                let mode = wsa(sys::getsockopt::<i32>(fd, libc::IPPROTO_IP, libc::IP_MTU_DISCOVER))?;
                int((mode == libc::IP_PMTUDISC_DO) as i32).to_vec()
            }
            Kind::Error => int(wsa_from_errno(wsa(sys::getsockopt::<i32>(fd, libc::SOL_SOCKET, libc::SO_ERROR))?)).to_vec(),
            Kind::Type => int(st.ty()).to_vec(),
            Kind::MaxMsgSize => {
                let info = protocol_info(st)?;
                if st.is_stream() {
                    return Err(WSAENOPROTOOPT);
                }
                int(info.dwMessageSize as i32).to_vec()
            }
            Kind::ProtocolInfoW => {
                let info = protocol_info(st)?;
                // SAFETY: WSAPROTOCOL_INFOW is plain data.
                unsafe { std::slice::from_raw_parts(&info as *const _ as *const u8, std::mem::size_of_val(&info)) }.to_vec()
            }
            Kind::ProtocolInfoA => {
                let info = crate::api::protocols::to_ansi(&protocol_info(st)?);
                // SAFETY: WSAPROTOCOL_INFOA is plain data.
                unsafe { std::slice::from_raw_parts(&info as *const _ as *const u8, std::mem::size_of_val(&info)) }.to_vec()
            }
        };
        // SAFETY: forwarded caller contract.
        unsafe { put(val as *mut u8, len, &bytes) }?;
        Ok(0)
    })
}

/// The catalog entry's protocol info for this socket, with the socket's actual protocol.
fn protocol_info(st: &SocketState) -> Result<WSAPROTOCOL_INFOW, i32> {
    let id = st.catalog_entry_id.load(Ordering::Relaxed);
    let cat = crate::catalog::current();
    let mut info = cat.by_id(id).ok_or(WSAENOPROTOOPT)?.info;
    info.iProtocol = st.protocol.load(Ordering::Relaxed);
    info.iProtocolMaxOffset = 0;
    Ok(info)
}

const WIN_FIONBIO: u32 = 0x8004667E;
const WIN_FIONREAD: u32 = 0x4004667F;
const WIN_SIOCATMARK: u32 = 0x40047307;

pub(super) unsafe extern "system" fn wsp_ioctl(
    s: SOCKET,
    code: u32,
    inbuf: *const core::ffi::c_void,
    inlen: u32,
    outbuf: *mut core::ffi::c_void,
    outlen: u32,
    returned: *mut u32,
    _ov: *mut OVERLAPPED,
    _cr: LPWSAOVERLAPPED_COMPLETION_ROUTINE,
    _thread: *const WSATHREADID,
    errno: *mut i32,
) -> i32 {
    spi(errno, SOCKET_ERROR, || {
        let (st, fd) = lookup(s)?;
        let out_u32 = |v: u32| -> Result<i32, i32> {
            if outbuf.is_null() || outlen < 4 {
                return Err(WSAEFAULT);
            }
            // SAFETY: checked: at least 4 writable bytes.
            unsafe {
                std::ptr::write_unaligned(outbuf as *mut u32, v);
                if !returned.is_null() {
                    *returned = 4;
                }
            }
            Ok(0)
        };
        match code {
            WIN_FIONBIO => {
                if inbuf.is_null() || inlen < 4 {
                    return Err(WSAEFAULT);
                }
                // SAFETY: checked: 4 readable bytes.
                let on = unsafe { std::ptr::read_unaligned(inbuf as *const u32) } != 0;
                wsa(sys::set_nonblocking(fd, on))?;
                st.set(NONBLOCKING, on);
                if !returned.is_null() {
                    // SAFETY: caller's variable.
                    unsafe { *returned = 0 };
                }
                Ok(0)
            }
            WIN_FIONREAD => {
                let n = match sys::ioctl_int(fd, libc::FIONREAD) {
                    Ok(n) => n,
                    // A listening socket has nothing to read.
                    Err(libc::EINVAL) => 0,
                    Err(e) => return Err(wsa_from_errno(e)),
                };
                out_u32(n as u32)
            }
            WIN_SIOCATMARK => out_u32(at_mark(fd)? as u32),
            _ => Err(WSAEOPNOTSUPP),
        }
    })
}

/// Windows' SIOCATMARK: TRUE when no urgent (OOB) data waits to be read.
fn at_mark(fd: sys::Fd) -> Result<bool, i32> {
    let inline = wsa(sys::getsockopt::<i32>(fd, libc::SOL_SOCKET, libc::SO_OOBINLINE))? != 0;
    if inline {
        // Inline urgent data: TRUE unless the next byte read is the urgent one.
        return Ok(wsa(sys::ioctl_int(fd, LINUX_SIOCATMARK))? == 0);
    }
    let mut b = [0u8; 1];
    let mut iov = [libc::iovec { iov_base: b.as_mut_ptr() as *mut _, iov_len: 1 }];
    match sys::recvmsg(fd, &mut iov, libc::MSG_OOB | libc::MSG_PEEK | libc::MSG_DONTWAIT) {
        Ok(_) => Ok(false),
        Err(_) => Ok(true),
    }
}

/// Linux's SIOCATMARK request (not exported by the libc crate).
const LINUX_SIOCATMARK: libc::c_ulong = 0x8905;
