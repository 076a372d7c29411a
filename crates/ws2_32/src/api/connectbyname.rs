//! WSAConnectByNameW/A and WSAConnectByList: resolve (GetAddrInfoW's path, for the socket's
//! family and type) and connect to the first address that answers, within an optional overall
//! timeout, then report the local and remote addresses.
//!
//! Everything goes through the exported calls (connect, ioctlsocket, WSAPoll, getsockopt,
//! getsockname, getpeername), so through the socket's provider. A dual-stack AF_INET6 socket
//! (IPV6_V6ONLY off, as the documentation asks) also gets the IPv4 addresses, mapped; with a
//! timeout, each attempt is a non-blocking connect bounded by what is left of it, and the
//! socket is back in blocking mode afterwards.

use super::names::{self, opt_cstr, opt_wide, WinHints};
use super::resolve::Scope;
use super::startup::require_started;
use crate::abi::*;
use crate::error::{last_error, set_last_error};
use crate::ffi::{bad_ptr, wsa_call};
use crate::sys::sockaddr::{WIN_AF_INET, WIN_AF_INET6};
use std::time::{Duration, Instant};

/// A socket option read through the provider.
fn sockopt<T: Copy + Default>(s: SOCKET, level: i32, name: i32) -> Result<T, i32> {
    let mut v = T::default();
    let mut len = std::mem::size_of::<T>() as i32;
    // SAFETY: `v` has `len` writable bytes.
    if unsafe { super::sockopt::ws2_getsockopt(s, level, name, &mut v as *mut T as *mut u8, &mut len) } != 0 {
        return Err(last_error() as i32);
    }
    Ok(v)
}

/// Winsock's IPV6_V6ONLY (IPPROTO_IPV6 level, option 27).
const IPV6_V6ONLY_WIN: i32 = 27;
const FIONBIO_WIN: i32 = 0x8004667Eu32 as i32;

fn set_nonblocking(s: SOCKET, on: bool) -> Result<(), i32> {
    let mut v: u32 = on as u32;
    // SAFETY: `v` is a live u_long.
    if unsafe { super::sockopt::ioctlsocket(s, FIONBIO_WIN, &mut v) } != 0 {
        return Err(last_error() as i32);
    }
    Ok(())
}

/// One connect attempt to `addr`, bounded by `deadline` when there is one.
fn try_connect(s: SOCKET, addr: &[u8], deadline: Option<Instant>) -> Result<(), i32> {
    // SAFETY: `addr` is a complete socket address of its own length.
    if unsafe { super::socket::ws2_connect(s, addr.as_ptr() as *const SOCKADDR, addr.len() as i32) } == 0 {
        return Ok(());
    }
    let err = last_error() as i32;
    let Some(deadline) = deadline else { return Err(err) };
    if err != WSAEWOULDBLOCK {
        return Err(err);
    }
    let left = deadline.saturating_duration_since(Instant::now());
    let mut pfd = WSAPOLLFD { fd: s, events: POLLWRNORM, revents: 0 };
    // SAFETY: one live WSAPOLLFD.
    let n = unsafe { super::select::WSAPoll(&mut pfd, 1, left.as_millis().min(i32::MAX as u128) as i32) };
    if n < 0 {
        return Err(last_error() as i32);
    }
    if n == 0 {
        return Err(WSAETIMEDOUT);
    }
    match sockopt::<i32>(s, SOL_SOCKET, SO_ERROR)? {
        0 => Ok(()),
        e => Err(e),
    }
}

/// Copies an address into a caller's (length, buffer) pair; a short buffer is WSAEFAULT.
///
/// # Safety
/// `len` null or valid; `buf` holds `*len` bytes.
unsafe fn report(
    len: *mut u32,
    buf: *mut SOCKADDR,
    get: unsafe extern "system" fn(SOCKET, *mut SOCKADDR, *mut i32) -> i32,
    s: SOCKET,
) -> Result<(), i32> {
    if len.is_null() {
        return Ok(());
    }
    if bad_ptr(len) || bad_ptr(buf) {
        return Err(WSAEFAULT);
    }
    // SAFETY: checked; the caller's length.
    let mut n = unsafe { *len }.min(i32::MAX as u32) as i32;
    // SAFETY: the caller's buffer of `n` bytes.
    if unsafe { get(s, buf, &mut n) } != 0 {
        return Err(last_error() as i32);
    }
    // SAFETY: as above.
    unsafe { *len = n as u32 };
    Ok(())
}

/// Connects `s` to the first of `addrs` that accepts, then reports the addresses.
///
/// # Safety
/// Length/buffer pairs as WSAConnectByList documents.
#[allow(clippy::too_many_arguments)]
unsafe fn connect_list(
    s: SOCKET,
    addrs: &[Vec<u8>],
    llen: *mut u32,
    laddr: *mut SOCKADDR,
    rlen: *mut u32,
    raddr: *mut SOCKADDR,
    timeout: Option<Duration>,
) -> Result<(), i32> {
    if addrs.is_empty() {
        return Err(WSAEHOSTUNREACH);
    }
    let deadline = timeout.map(|t| Instant::now() + t);
    if deadline.is_some() {
        set_nonblocking(s, true)?;
    }
    let mut err = WSAEHOSTUNREACH;
    let mut connected = false;
    for a in addrs {
        if deadline.is_some_and(|d| Instant::now() >= d) {
            err = WSAETIMEDOUT;
            break;
        }
        let mut r = try_connect(s, a, deadline);
        if r == Err(WSAECONNABORTED) && err != WSAEHOSTUNREACH {
            // Linux leaves a socket whose non-blocking connect failed "connecting" until the
            // next connect() reports ECONNABORTED and resets it: that one does not count.
            r = try_connect(s, a, deadline);
        }
        match r {
            Ok(()) => {
                connected = true;
                break;
            }
            Err(e) => err = e,
        }
    }
    if deadline.is_some() {
        // Back to the blocking mode of a fresh socket (WSAEventSelect would refuse: keep going).
        let _ = set_nonblocking(s, false);
    }
    if !connected {
        return Err(err);
    }
    // SAFETY: caller contract.
    unsafe {
        report(llen, laddr, super::socket::ws2_getsockname, s)?;
        report(rlen, raddr, super::socket::ws2_getpeername, s)?;
    }
    Ok(())
}

/// # Safety
/// `tv` null or valid.
unsafe fn timeout_arg(tv: *const TIMEVAL) -> Result<Option<Duration>, i32> {
    match tv {
        t if t.is_null() => Ok(None),
        t if bad_ptr(t) => Err(WSAEFAULT),
        // SAFETY: checked.
        t => unsafe {
            let t = *t;
            if t.tv_sec < 0 || t.tv_usec < 0 {
                return Err(WSAEINVAL);
            }
            Ok(Some(Duration::from_secs(t.tv_sec as u64) + Duration::from_micros(t.tv_usec as u64)))
        },
    }
}

/// The node and service names of a call, decoded (None: a null pointer).
type Names = Result<(Option<Vec<u8>>, Option<Vec<u8>>), i32>;

/// WSAConnectByNameW and A.
///
/// # Safety
/// As WSAConnectByName documents.
#[allow(clippy::too_many_arguments)]
unsafe fn connect_by_name(
    s: SOCKET,
    names: Names,
    wide: bool,
    llen: *mut u32,
    laddr: *mut SOCKADDR,
    rlen: *mut u32,
    raddr: *mut SOCKADDR,
    tv: *const TIMEVAL,
    reserved: *mut OVERLAPPED,
) -> BOOL {
    wsa_call(FALSE, || {
        require_started()?;
        let (Some(node), Some(service)) = names? else { return Err(WSAEINVAL) };
        if !reserved.is_null() {
            return Err(WSAEINVAL);
        }
        let info: WSAPROTOCOL_INFOW = sockopt(s, SOL_SOCKET, SO_PROTOCOL_INFOW)?;
        if info.iSocketType != SOCK_STREAM {
            return Err(WSAEINVAL);
        }
        let dual = info.iAddressFamily == WIN_AF_INET6 && sockopt::<u32>(s, IPPROTO_IPV6, IPV6_V6ONLY_WIN).unwrap_or(1) == 0;
        let hints = match info.iAddressFamily {
            WIN_AF_INET6 if dual => {
                WinHints { flags: (AI_V4MAPPED | AI_ALL) as i32, family: WIN_AF_INET6, socktype: SOCK_STREAM, protocol: 0 }
            }
            af @ (WIN_AF_INET | WIN_AF_INET6) => WinHints { flags: 0, family: af, socktype: SOCK_STREAM, protocol: 0 },
            _ => return Err(WSAEAFNOSUPPORT),
        };
        let answer = names::resolve_in(Some(&node), Some(&service), hints, wide, Scope::ALL).map_err(|e| match e {
            WSAHOST_NOT_FOUND | WSANO_DATA => WSAHOST_NOT_FOUND,
            e => e,
        })?;
        let addrs = names::addresses(&answer);
        // SAFETY: caller contract.
        unsafe { connect_list(s, &addrs, llen, laddr, rlen, raddr, timeout_arg(tv)?) }?;
        Ok(TRUE)
    })
}

/// # Safety
/// As WSAConnectByNameW documents.
#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "system" fn WSAConnectByNameW(
    s: SOCKET,
    node: PCWSTR,
    service: PCWSTR,
    llen: *mut u32,
    laddr: *mut SOCKADDR,
    rlen: *mut u32,
    raddr: *mut SOCKADDR,
    tv: *const TIMEVAL,
    reserved: *mut OVERLAPPED,
) -> BOOL {
    // SAFETY: caller contract.
    unsafe {
        let names = opt_wide(node).and_then(|n| Ok((n, opt_wide(service)?)));
        connect_by_name(s, names, true, llen, laddr, rlen, raddr, tv, reserved)
    }
}

/// # Safety
/// As WSAConnectByNameA documents.
#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "system" fn WSAConnectByNameA(
    s: SOCKET,
    node: PCSTR,
    service: PCSTR,
    llen: *mut u32,
    laddr: *mut SOCKADDR,
    rlen: *mut u32,
    raddr: *mut SOCKADDR,
    tv: *const TIMEVAL,
    reserved: *mut OVERLAPPED,
) -> BOOL {
    // SAFETY: caller contract.
    unsafe {
        let names = Ok((opt_cstr(node).map(<[u8]>::to_vec), opt_cstr(service).map(<[u8]>::to_vec)));
        connect_by_name(s, names, false, llen, laddr, rlen, raddr, tv, reserved)
    }
}

/// # Safety
/// As WSAConnectByList documents.
#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "system" fn WSAConnectByList(
    s: SOCKET,
    list: *const SOCKET_ADDRESS_LIST,
    llen: *mut u32,
    laddr: *mut SOCKADDR,
    rlen: *mut u32,
    raddr: *mut SOCKADDR,
    tv: *const TIMEVAL,
    reserved: *mut OVERLAPPED,
) -> BOOL {
    wsa_call(FALSE, || {
        require_started()?;
        if bad_ptr(list) || !reserved.is_null() {
            return Err(WSAEINVAL);
        }
        // SAFETY: the caller's list of iAddressCount SOCKET_ADDRESS entries.
        let addrs = unsafe {
            let n = (*list).iAddressCount;
            if !(0..=65536).contains(&n) {
                return Err(WSAEINVAL);
            }
            let first = std::ptr::addr_of!((*list).Address) as *const SOCKET_ADDRESS;
            let mut out = Vec::with_capacity(n as usize);
            for i in 0..n as usize {
                let a = &*first.add(i);
                if bad_ptr(a.lpSockaddr) || !(2..=128).contains(&a.iSockaddrLength) {
                    return Err(WSAEFAULT);
                }
                out.push(std::slice::from_raw_parts(a.lpSockaddr as *const u8, a.iSockaddrLength as usize).to_vec());
            }
            out
        };
        // SAFETY: caller contract.
        unsafe { connect_list(s, &addrs, llen, laddr, rlen, raddr, timeout_arg(tv)?) }?;
        set_last_error(0);
        Ok(TRUE)
    })
}
