//! Socket options and ioctls in the base provider: Windows levels, option numbers and value
//! formats (BOOL, DWORD milliseconds, 16-bit linger) translated to Linux ones.

use super::netioctl;
use super::socket::{lookup, wsa};
use super::spi;
use super::state::{SocketState, EXCLUSIVEADDRUSE, NONBLOCKING, REUSEADDR};
use crate::abi::*;
use crate::error::wsa_from_errno;
use crate::ffi::bad_ptr;
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
    /// An integer mapped onto a Linux int option, within an inclusive range.
    Int(i32, i32, i32, i32),
    /// A buffer size: Windows reports what was set, Linux twice that.
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
    /// IP_DONTFRAGMENT / IPV6_DONTFRAG: path MTU discovery "do" versus "don't".
    DontFragment(i32, i32),
    /// SO_CONNECT_TIME: seconds connected, 0xFFFFFFFF when not (read-only).
    ConnectTime,
}

/// How an option's length is checked, as Windows does it (Wine's conformance tests record
/// Windows 10 behaviour in detail; tests/c/options.c checks ours).
#[derive(Clone, Copy, PartialEq)]
enum Width {
    /// Always one byte in and out, whatever the length (TCP_NODELAY, SO_KEEPALIVE...).
    Byte,
    /// One byte when the buffer is shorter than a DWORD, else a DWORD.
    ShortOk,
    /// A DWORD; shorter buffers fail with WSAEFAULT, leaving the length as it was.
    Dword,
    /// A DWORD; shorter buffers fail with WSAEFAULT and the length set to 0.
    DwordOrZero,
    /// A structure of its own size.
    Struct,
}

/// The Linux meaning of a Windows (level, option) and its width, or the Windows error for an
/// unknown one.
fn option(st: &SocketState, fd: sys::Fd, level: i32, name: i32) -> Result<(Kind, Width), i32> {
    use Kind::*;
    use Width::*;
    let v6 = st.af() == crate::sys::sockaddr::WIN_AF_INET6;
    let raw = st.ty() == SOCK_RAW;
    let k = match (level, name) {
        (WIN_SOL_SOCKET, 0x0001) => (Bool(libc::SOL_SOCKET, libc::SO_DEBUG), ShortOk),
        (WIN_SOL_SOCKET, 0x0002) => (Bool(libc::SOL_SOCKET, libc::SO_ACCEPTCONN), ShortOk),
        (WIN_SOL_SOCKET, 0x0004) => (ReuseAddr, ShortOk),
        (WIN_SOL_SOCKET, 0x0008) => (Bool(libc::SOL_SOCKET, libc::SO_KEEPALIVE), Byte),
        (WIN_SOL_SOCKET, 0x0010) => (Bool(libc::SOL_SOCKET, libc::SO_DONTROUTE), Byte),
        (WIN_SOL_SOCKET, 0x0020) => (Bool(libc::SOL_SOCKET, libc::SO_BROADCAST), ShortOk),
        (WIN_SOL_SOCKET, 0x0080) => (Linger, Dword),
        (WIN_SOL_SOCKET, 0x0100) => (Bool(libc::SOL_SOCKET, libc::SO_OOBINLINE), ShortOk),
        (WIN_SOL_SOCKET, WIN_SO_DONTLINGER) => (DontLinger, ShortOk),
        (WIN_SOL_SOCKET, WIN_SO_EXCLUSIVEADDRUSE) => (ExclusiveAddrUse, ShortOk),
        (WIN_SOL_SOCKET, 0x1001) => (BufSize(libc::SO_SNDBUF), Dword),
        (WIN_SOL_SOCKET, 0x1002) => (BufSize(libc::SO_RCVBUF), Dword),
        (WIN_SOL_SOCKET, 0x1005) => (Timeout(libc::SO_SNDTIMEO), Dword),
        (WIN_SOL_SOCKET, 0x1006) => (Timeout(libc::SO_RCVTIMEO), Dword),
        (WIN_SOL_SOCKET, 0x1007) => (Error, Dword),
        (WIN_SOL_SOCKET, 0x1008) => (Type, Dword),
        (WIN_SOL_SOCKET, 0x2003) => (MaxMsgSize, Dword),
        (WIN_SOL_SOCKET, 0x2004) => (ProtocolInfoA, Struct),
        (WIN_SOL_SOCKET, 0x2005) => (ProtocolInfoW, Struct),
        (WIN_SOL_SOCKET, 0x700C) => (ConnectTime, Dword),
        (WIN_SOL_SOCKET, _) => return Err(WSAENOPROTOOPT),
        (WIN_IPPROTO_TCP, _) if !st.is_stream() => return Err(WSAENOPROTOOPT),
        (WIN_IPPROTO_TCP, 1) => (Bool(libc::IPPROTO_TCP, libc::TCP_NODELAY), Byte),
        (WIN_IPPROTO_TCP, 3) => (Int(libc::IPPROTO_TCP, libc::TCP_KEEPIDLE, 1, 32767), DwordOrZero),
        (WIN_IPPROTO_TCP, 4) => (Int(libc::IPPROTO_TCP, libc::TCP_MAXSEG, 0, i32::MAX), DwordOrZero),
        (WIN_IPPROTO_TCP, 16) => (Int(libc::IPPROTO_TCP, libc::TCP_KEEPCNT, 1, 127), DwordOrZero),
        (WIN_IPPROTO_TCP, 17) => (Int(libc::IPPROTO_TCP, libc::TCP_KEEPINTVL, 1, 32767), DwordOrZero),
        (WIN_IPPROTO_TCP, _) => return Err(WSAENOPROTOOPT),
        (WIN_IPPROTO_UDP, _) => return Err(WSAENOPROTOOPT),
        (WIN_IPPROTO_IP, _) if v6 && !dual_stack(st, fd) => return Err(WSAEINVAL),
        // Packet information (and the hop limit) comes with datagrams only.
        (WIN_IPPROTO_IP, 19) | (WIN_IPPROTO_IPV6, 19 | 21) if st.is_stream() && (level == WIN_IPPROTO_IP || v6) => {
            return Err(WSAENOPROTOOPT)
        }
        (WIN_IPPROTO_IP, 2) if !raw => return Err(WSAEINVAL),
        (WIN_IPPROTO_IP, 2) => (Bool(libc::IPPROTO_IP, libc::IP_HDRINCL), Dword),
        (WIN_IPPROTO_IP, 3) => (Int(libc::IPPROTO_IP, libc::IP_TOS, 0, 255), ShortOk),
        (WIN_IPPROTO_IP, 4) => (Int(libc::IPPROTO_IP, libc::IP_TTL, 1, 255), ShortOk),
        (WIN_IPPROTO_IP, 9) => (Raw(libc::IPPROTO_IP, libc::IP_MULTICAST_IF, 4), Dword),
        (WIN_IPPROTO_IP, 10) => (Int(libc::IPPROTO_IP, libc::IP_MULTICAST_TTL, 0, 255), ShortOk),
        (WIN_IPPROTO_IP, 11) => (Bool(libc::IPPROTO_IP, libc::IP_MULTICAST_LOOP), ShortOk),
        (WIN_IPPROTO_IP, 12) => (Raw(libc::IPPROTO_IP, libc::IP_ADD_MEMBERSHIP, 8), Struct),
        (WIN_IPPROTO_IP, 13) => (Raw(libc::IPPROTO_IP, libc::IP_DROP_MEMBERSHIP, 8), Struct),
        (WIN_IPPROTO_IP, 14) => (DontFragment(libc::IPPROTO_IP, libc::IP_MTU_DISCOVER), ShortOk),
        (WIN_IPPROTO_IP, 19) => (Bool(libc::IPPROTO_IP, libc::IP_PKTINFO), DwordOrZero),
        (WIN_IPPROTO_IP, _) => return Err(WSAENOPROTOOPT),
        (WIN_IPPROTO_IPV6, _) if !v6 => return Err(WSAEINVAL),
        (WIN_IPPROTO_IPV6, 4) => (Int(libc::IPPROTO_IPV6, libc::IPV6_UNICAST_HOPS, -1, 255), ShortOk),
        (WIN_IPPROTO_IPV6, 9) => (Int(libc::IPPROTO_IPV6, libc::IPV6_MULTICAST_IF, 0, i32::MAX), Dword),
        (WIN_IPPROTO_IPV6, 10) => (Int(libc::IPPROTO_IPV6, libc::IPV6_MULTICAST_HOPS, -1, 255), ShortOk),
        (WIN_IPPROTO_IPV6, 11) => (Bool(libc::IPPROTO_IPV6, libc::IPV6_MULTICAST_LOOP), ShortOk),
        (WIN_IPPROTO_IPV6, 12) => (Raw(libc::IPPROTO_IPV6, libc::IPV6_ADD_MEMBERSHIP, 20), Struct),
        (WIN_IPPROTO_IPV6, 13) => (Raw(libc::IPPROTO_IPV6, libc::IPV6_DROP_MEMBERSHIP, 20), Struct),
        (WIN_IPPROTO_IPV6, 14) => (DontFragment(libc::IPPROTO_IPV6, libc::IPV6_MTU_DISCOVER), ShortOk),
        (WIN_IPPROTO_IPV6, 19) => (Bool(libc::IPPROTO_IPV6, libc::IPV6_RECVPKTINFO), DwordOrZero),
        (WIN_IPPROTO_IPV6, 21) => (Bool(libc::IPPROTO_IPV6, libc::IPV6_RECVHOPLIMIT), DwordOrZero),
        (WIN_IPPROTO_IPV6, 27) => (Bool(libc::IPPROTO_IPV6, libc::IPV6_V6ONLY), Byte),
        (WIN_IPPROTO_IPV6, _) => return Err(WSAENOPROTOOPT),
        _ => return Err(WSAEINVAL),
    };
    Ok(k)
}

/// Whether an IPv6 socket carries IPv4 too (IPV6_V6ONLY off): Windows then applies IPPROTO_IP
/// options to its IPv4 traffic (IP_PKTINFO: IN_PKTINFO for datagrams that came over IPv4).
/// Linux does the same for SOL_IP options on non-raw IPv6 sockets.
fn dual_stack(st: &SocketState, fd: sys::Fd) -> bool {
    st.ty() != SOCK_RAW && sys::getsockopt::<i32>(fd, libc::IPPROTO_IPV6, libc::IPV6_V6ONLY) == Ok(0)
}

/// Whether a SOL_SOCKET option is a plain BOOL (these accept a zero length as a no-op).
fn is_socket_bool(level: i32, kind: Kind) -> bool {
    level == WIN_SOL_SOCKET && matches!(kind, Kind::Bool(..) | Kind::DontLinger | Kind::ReuseAddr | Kind::ExclusiveAddrUse)
}

/// The value a setsockopt call carries, read with Windows' length rules; `None` for a
/// zero-length BOOL, which Windows accepts and ignores.
unsafe fn read_value(val: *const u8, len: i32, level: i32, kind: Kind, width: Width) -> Result<Option<u32>, i32> {
    if len < 0 {
        // A negative length reads as huge: SOL_SOCKET takes a DWORD from it, others refuse.
        if width == Width::Byte || level != WIN_SOL_SOCKET {
            return Err(WSAENOBUFS);
        }
    } else if len == 0 {
        return if is_socket_bool(level, kind) { Ok(None) } else { Err(WSAEFAULT) };
    }
    if bad_ptr(val) {
        return Err(WSAEFAULT);
    }
    let len = if len < 0 { usize::MAX } else { len as usize };
    // SAFETY: the caller guarantees `len` readable bytes; we read at most min(len, 4).
    let v = unsafe {
        match width {
            Width::Byte => *val as u32,
            Width::ShortOk if len < 4 => *val as u32,
            _ if len < 4 => return Err(WSAEFAULT),
            _ => std::ptr::read_unaligned(val as *const u32),
        }
    };
    Ok(Some(v))
}

/// SO_UPDATE_ACCEPT_CONTEXT (value: the listening socket) and SO_UPDATE_CONNECT_CONTEXT (no
/// value), which finish sockets connected by AcceptEx and ConnectEx.
const WIN_SO_UPDATE_ACCEPT_CONTEXT: i32 = 0x700B;
const WIN_SO_UPDATE_CONNECT_CONTEXT: i32 = 0x7010;

fn update_context(st: &SocketState, fd: sys::Fd, name: i32, val: *const u8, len: i32) -> Result<i32, i32> {
    let mut listener = None;
    if name == WIN_SO_UPDATE_ACCEPT_CONTEXT {
        if bad_ptr(val) || (len as usize) < std::mem::size_of::<SOCKET>() {
            return Err(WSAEFAULT);
        }
        // SAFETY: checked: a SOCKET's worth of readable bytes.
        let l = super::state::get(unsafe { std::ptr::read_unaligned(val as *const SOCKET) })?;
        if !l.has(super::state::LISTENING) {
            return Err(WSAEINVAL);
        }
        listener = Some(l);
    }
    if !super::socket::is_connected(st, fd) {
        return Err(WSAENOTCONN);
    }
    // The accepted socket takes the listener's properties now (AcceptEx's documentation).
    if let Some(l) = listener {
        st.inherit_options(l);
    }
    st.set(super::state::CONTEXT_UPDATED, true);
    Ok(0)
}

pub(super) unsafe extern "system" fn wsp_set_sock_opt(s: SOCKET, level: i32, name: i32, val: PCSTR, len: i32, errno: *mut i32) -> i32 {
    spi(errno, SOCKET_ERROR, || {
        let (st, fd) = lookup(s)?;
        if level == WIN_SOL_SOCKET && (name == WIN_SO_UPDATE_ACCEPT_CONTEXT || name == WIN_SO_UPDATE_CONNECT_CONTEXT) {
            return update_context(st, fd, name, val as *const u8, len);
        }
        let (kind, width) = option(st, fd, level, name)?;
        let val = val as *const u8;
        if let Kind::Raw(..) | Kind::Linger = kind {
            let size = if let Kind::Raw(_, _, size) = kind { size } else { 4 };
            if bad_ptr(val) || len < 0 || (len as usize) < size {
                return Err(WSAEFAULT);
            }
            let mut buf = [0u8; 20];
            // SAFETY: the caller's buffer holds at least `size` (<= 20) bytes.
            unsafe { std::ptr::copy_nonoverlapping(val, buf.as_mut_ptr(), size) };
            if let Kind::Raw(l, n, _) = kind {
                set_raw(fd, l, n, &buf[..size])?;
            } else {
                let on = u16::from_ne_bytes([buf[0], buf[1]]);
                let secs = u16::from_ne_bytes([buf[2], buf[3]]);
                let l = libc::linger { l_onoff: (on != 0) as i32, l_linger: secs as i32 };
                wsa(sys::setsockopt(fd, libc::SOL_SOCKET, libc::SO_LINGER, &l))?;
            }
            return Ok(0);
        }
        // SAFETY: forwarded caller contract (`len` readable bytes at `val`).
        let Some(v) = unsafe { read_value(val, len, level, kind, width) }? else {
            return Ok(0);
        };
        match kind {
            Kind::Bool(l, n) => wsa(sys::setsockopt(fd, l, n, &((v != 0) as i32))),
            Kind::Int(l, n, lo, hi) => {
                let v = v as i32;
                if v < lo || v > hi {
                    return Err(WSAEINVAL);
                }
                wsa(sys::setsockopt(fd, l, n, &v))
            }
            Kind::BufSize(n) => {
                wsa(sys::setsockopt(fd, libc::SOL_SOCKET, n, &(v.min(i32::MAX as u32) as i32)))?;
                let slot = if n == libc::SO_RCVBUF { &st.rcv_buf } else { &st.snd_buf };
                slot.store(v as i64, Ordering::Relaxed);
                Ok(())
            }
            Kind::Timeout(n) => {
                let tv = libc::timeval { tv_sec: (v / 1000) as _, tv_usec: ((v % 1000) * 1000) as _ };
                wsa(sys::setsockopt(fd, libc::SOL_SOCKET, n, &tv))?;
                let slot = if n == libc::SO_RCVTIMEO { &st.rcv_timeout } else { &st.snd_timeout };
                slot.store(v, Ordering::Relaxed);
                Ok(())
            }
            Kind::DontLinger => {
                let mut l = wsa(sys::getsockopt::<LingerC>(fd, libc::SOL_SOCKET, libc::SO_LINGER))?.0;
                l.l_onoff = (v == 0) as i32;
                wsa(sys::setsockopt(fd, libc::SOL_SOCKET, libc::SO_LINGER, &l))
            }
            Kind::ReuseAddr => {
                let on = v != 0;
                if on && st.has(EXCLUSIVEADDRUSE) {
                    return Err(WSAEINVAL);
                }
                wsa(sys::setsockopt(fd, libc::SOL_SOCKET, libc::SO_REUSEADDR, &(on as i32)))?;
                st.set(REUSEADDR, on);
                Ok(())
            }
            Kind::ExclusiveAddrUse => {
                let on = v != 0;
                if on && st.has(REUSEADDR) {
                    return Err(WSAEINVAL);
                }
                st.set(EXCLUSIVEADDRUSE, on);
                Ok(())
            }
            Kind::DontFragment(l, n) => {
                let mode = if v != 0 { libc::IP_PMTUDISC_DO } else { libc::IP_PMTUDISC_DONT };
                wsa(sys::setsockopt(fd, l, n, &mode))
            }
            Kind::Error => {
                st.so_error.store(v as i32, Ordering::Relaxed);
                Ok(())
            }
            // Read-only options.
            Kind::Type | Kind::ProtocolInfoW | Kind::ProtocolInfoA | Kind::MaxMsgSize | Kind::ConnectTime => Err(WSAENOPROTOOPT),
            Kind::Raw(..) | Kind::Linger => unreachable!("handled above"),
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

/// Writes an option value to a getsockopt buffer with Windows' length rules.
unsafe fn put(val: *mut u8, len: *mut i32, bytes: &[u8], level: i32, kind: Kind, width: Width) -> Result<(), i32> {
    // SAFETY: `len` was checked by the caller; `val` has `*len` bytes.
    unsafe {
        let avail = *len;
        if avail <= 0 {
            return Err(WSAEFAULT);
        }
        let (write, report) = match width {
            Width::Byte => (1, 1),
            Width::ShortOk if avail >= 4 => (4, 4),
            // A two-byte buffer gets a 16-bit BOOL, though the length says one byte.
            Width::ShortOk if avail >= 2 && is_socket_bool(level, kind) => (2, 1),
            Width::ShortOk => (1, 1),
            Width::Dword if avail < 4 => return Err(WSAEFAULT),
            Width::DwordOrZero if avail < 4 => {
                *len = 0;
                return Err(WSAEFAULT);
            }
            Width::Dword | Width::DwordOrZero => (4, 4),
            Width::Struct => {
                if (avail as usize) < bytes.len() {
                    *len = bytes.len() as i32;
                    return Err(WSAEFAULT);
                }
                // A larger buffer keeps its length, as on Windows.
                (bytes.len(), avail as usize)
            }
        };
        std::ptr::copy_nonoverlapping(bytes.as_ptr(), val, write.min(bytes.len()));
        *len = report as i32;
    }
    Ok(())
}

pub(super) unsafe extern "system" fn wsp_get_sock_opt(s: SOCKET, level: i32, name: i32, val: PSTR, len: *mut i32, errno: *mut i32) -> i32 {
    spi(errno, SOCKET_ERROR, || {
        let (st, fd) = lookup(s)?;
        let (kind, width) = option(st, fd, level, name)?;
        if bad_ptr(val) || bad_ptr(len) {
            return Err(WSAEFAULT);
        }
        let int = |v: i32| v.to_ne_bytes().to_vec();
        let bytes: Vec<u8> = match kind {
            Kind::Bool(l, n) => int((wsa(sys::getsockopt::<i32>(fd, l, n))? != 0) as i32),
            Kind::Int(l, n, ..) => int(wsa(sys::getsockopt::<i32>(fd, l, n))?),
            Kind::BufSize(n) => {
                let set = if n == libc::SO_RCVBUF { &st.rcv_buf } else { &st.snd_buf }.load(Ordering::Relaxed);
                if set >= 0 {
                    int(set as i32)
                } else {
                    int(wsa(sys::getsockopt::<i32>(fd, libc::SOL_SOCKET, n))? / 2)
                }
            }
            Kind::Timeout(n) => {
                let slot = if n == libc::SO_RCVTIMEO { &st.rcv_timeout } else { &st.snd_timeout };
                int(slot.load(Ordering::Relaxed) as i32)
            }
            Kind::Raw(l, n, _) => wsa(sys::getsockopt::<[u8; 4]>(fd, l, n))?.to_vec(),
            Kind::Linger => {
                let l = wsa(sys::getsockopt::<LingerC>(fd, libc::SOL_SOCKET, libc::SO_LINGER))?.0;
                let mut v = ((l.l_onoff != 0) as u16).to_ne_bytes().to_vec();
                v.extend_from_slice(&(l.l_linger.clamp(0, 0xffff) as u16).to_ne_bytes());
                v
            }
            Kind::DontLinger => {
                let l = wsa(sys::getsockopt::<LingerC>(fd, libc::SOL_SOCKET, libc::SO_LINGER))?.0;
                int((l.l_onoff == 0) as i32)
            }
            Kind::ReuseAddr => int(st.has(REUSEADDR) as i32),
            Kind::ExclusiveAddrUse => int(st.has(EXCLUSIVEADDRUSE) as i32),
            Kind::DontFragment(l, n) => int((wsa(sys::getsockopt::<i32>(fd, l, n))? == libc::IP_PMTUDISC_DO) as i32),
            Kind::Error => match st.so_error.load(Ordering::Relaxed) {
                0 => int(wsa_from_errno(wsa(sys::getsockopt::<i32>(fd, libc::SOL_SOCKET, libc::SO_ERROR))?)),
                stored => int(stored),
            },
            Kind::Type => int(st.ty()),
            Kind::ConnectTime => {
                // A non-blocking connect may have finished unnoticed: settle it first.
                if st.has(super::state::CONNECTING) {
                    super::select::settle_connect(st, fd, sys::poll_one(fd, libc::POLLOUT, 0).unwrap_or(0));
                }
                int(st.connected_seconds().unwrap_or(u32::MAX) as i32)
            }
            Kind::MaxMsgSize => {
                if st.is_stream() {
                    return Err(WSAENOPROTOOPT);
                }
                int(protocol_info(st)?.dwMessageSize as i32)
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
        unsafe { put(val as *mut u8, len, &bytes, level, kind, width) }?;
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
const WIN_SIO_GET_EXTENSION_FUNCTION_POINTER: u32 = 0xC800_0006;
const WIN_SIO_BSP_HANDLE: u32 = 0x4800_001B;
const WIN_SIO_BSP_HANDLE_SELECT: u32 = 0x4800_001C;
const WIN_SIO_BSP_HANDLE_POLL: u32 = 0x4800_001D;
const WIN_SIO_BASE_HANDLE: u32 = 0x4800_0022;

pub(super) unsafe extern "system" fn wsp_ioctl(
    s: SOCKET,
    code: u32,
    inbuf: *const core::ffi::c_void,
    inlen: u32,
    outbuf: *mut core::ffi::c_void,
    outlen: u32,
    returned: *mut u32,
    ov: *mut OVERLAPPED,
    cr: LPWSAOVERLAPPED_COMPLETION_ROUTINE,
    thread: *const WSATHREADID,
    errno: *mut i32,
) -> i32 {
    spi(errno, SOCKET_ERROR, || {
        let (st, fd) = lookup(s)?;
        // lpcbBytesReturned is required, overlapped or not (WSAEFAULT, as on Windows), and is
        // checked before anything changes or completes.
        if bad_ptr(returned) {
            return Err(WSAEFAULT);
        }
        let completion = finished_op(s, ov, cr, thread)?;
        let out_u32 = |v: u32| -> Result<i32, i32> {
            if outbuf.is_null() || outlen < 4 {
                return Err(WSAEFAULT);
            }
            // SAFETY: checked: at least 4 writable bytes, and `returned`.
            unsafe {
                std::ptr::write_unaligned(outbuf as *mut u32, v);
                *returned = 4;
            }
            Ok(0)
        };
        let out = netioctl::Out { buf: outbuf as *mut u8, len: outlen, returned };
        let r = match code {
            WIN_FIONBIO => {
                if inbuf.is_null() || inlen < 4 {
                    return Err(WSAEFAULT);
                }
                // SAFETY: checked: 4 readable bytes.
                let on = unsafe { std::ptr::read_unaligned(inbuf as *const u32) } != 0;
                // WSAEventSelect keeps the socket non-blocking until it is cancelled.
                if !on && st.has(super::state::EVENT_SELECT) {
                    return Err(WSAEINVAL);
                }
                // Changed under the async-state lock: a queued TransmitFile's attempt checks
                // O_NONBLOCK before each sendfile, which must not start blocking meanwhile.
                let _queued = super::asyncstate::lock_existing(fd);
                // A listening descriptor stays O_NONBLOCK (accept waits in poll when blocking).
                wsa(sys::set_nonblocking(fd, on || st.has(super::state::LISTENING)))?;
                st.set(NONBLOCKING, on);
                // SAFETY: checked above.
                unsafe { *returned = 0 };
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
            WIN_SIO_GET_EXTENSION_FUNCTION_POINTER => {
                if inbuf.is_null() || (inlen as usize) < std::mem::size_of::<GUID>() {
                    return Err(WSAEFAULT);
                }
                // SAFETY: checked: a GUID's worth of readable bytes.
                let id = unsafe { std::ptr::read_unaligned(inbuf as *const GUID) };
                let f = super::mswsock::extension(&id)?;
                if outbuf.is_null() || (outlen as usize) < std::mem::size_of::<usize>() {
                    return Err(WSAEFAULT);
                }
                // SAFETY: checked: room for a pointer, and `returned`.
                unsafe {
                    std::ptr::write_unaligned(outbuf as *mut usize, f);
                    *returned = std::mem::size_of::<usize>() as u32;
                }
                Ok(0)
            }
            // The base provider's handles are their own base handles.
            WIN_SIO_BSP_HANDLE | WIN_SIO_BSP_HANDLE_SELECT | WIN_SIO_BSP_HANDLE_POLL | WIN_SIO_BASE_HANDLE => {
                if outbuf.is_null() || (outlen as usize) < std::mem::size_of::<SOCKET>() {
                    return Err(WSAEFAULT);
                }
                // SAFETY: checked: room for a SOCKET, and `returned`.
                unsafe {
                    std::ptr::write_unaligned(outbuf as *mut SOCKET, s);
                    *returned = std::mem::size_of::<SOCKET>() as u32;
                }
                Ok(0)
            }
            super::select::SIO_WS2_POLL => {
                if outbuf.is_null() || outlen < 4 {
                    return Err(WSAEFAULT);
                }
                // SAFETY: ws2_32's WSAPoll passes the timeout in a 4-byte output buffer.
                let timeout = unsafe { std::ptr::read_unaligned(outbuf as *const i32) };
                // SAFETY: ws2_32's WSAPoll passes the caller's array and its length.
                let n = unsafe { super::select::poll(inbuf as *mut WSAPOLLFD, inlen, timeout) }?;
                // SAFETY: as above.
                unsafe { std::ptr::write_unaligned(outbuf as *mut i32, n) };
                Ok(0)
            }
            super::cancel::SIO_WS2_CANCEL_IO => super::cancel::ioctl(s, st, inbuf, inlen, outbuf, outlen, returned),
            netioctl::SIO_KEEPALIVE_VALS => netioctl::keepalive_vals(st, fd, inbuf as *const u8, inlen),
            netioctl::SIO_UDP_CONNRESET | netioctl::SIO_UDP_NETRESET => netioctl::udp_reset(st, code, inbuf as *const u8, inlen),
            netioctl::SIO_ADDRESS_LIST_QUERY => netioctl::address_list(st, &out),
            netioctl::SIO_GET_INTERFACE_LIST => netioctl::interface_list(st, &out),
            netioctl::SIO_ROUTING_INTERFACE_QUERY => netioctl::routing_interface(inbuf as *const u8, inlen, &out),
            // ws2_32's WSASendMsg: the WSASENDMSG carries the call's own overlapped arguments.
            // SAFETY: `inlen` readable bytes at `inbuf`, by the caller's contract.
            SIO_EXT_SENDMSG => unsafe { super::msg::ioctl_send_msg(s, inbuf, inlen) },
            _ => Err(WSAEOPNOTSUPP),
        }?;
        // A failure is reported by the call alone, with no completion.
        if let Some(op) = completion {
            super::overlapped::deliver(op, Ok(0), 0, true);
        }
        Ok(r)
    })
}

/// What an overlapped WSAIoctl owes its WSAOVERLAPPED. Every ioctl here finishes inside the
/// call, and Windows still signals its completion — the event, a port packet (unless
/// FILE_SKIP_COMPLETION_PORT_ON_SUCCESS), or the completion routine as an APC — with zero
/// bytes, while lpcbBytesReturned carries the output size. A completion routine without a
/// WSAOVERLAPPED leaves the call non-overlapped, as for WSARecv.
fn finished_op(
    s: SOCKET,
    ov: *mut OVERLAPPED,
    cr: LPWSAOVERLAPPED_COMPLETION_ROUTINE,
    thread: *const WSATHREADID,
) -> Result<Option<super::overlapped::Op>, i32> {
    use super::overlapped::{current_thread, Kind, Op};
    if ov.is_null() {
        return Ok(None);
    }
    if bad_ptr(ov) {
        return Err(WSAEFAULT);
    }
    // The routine's thread is named before the ioctl changes anything.
    let thread = match cr {
        None => None,
        // SAFETY: null or the caller's WSATHREADID for the issuing thread.
        Some(_) => Some(match unsafe { thread.as_ref() } {
            Some(t) => *t,
            None => current_thread()?,
        }),
    };
    Ok(Some(Op { kind: Kind::Finished, ov, routine: cr, thread, port_socket: s, issuer: crate::kernel::thread::serial() }))
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
    match sys::recvmsg(fd, &mut iov, libc::MSG_OOB | libc::MSG_PEEK | libc::MSG_DONTWAIT, None) {
        Ok(_) => Ok(false),
        Err(_) => Ok(true),
    }
}

/// Linux's SIOCATMARK request (not exported by the libc crate).
const LINUX_SIOCATMARK: libc::c_ulong = 0x8905;
