//! Socket creation and connection calls: socket, WSASocketA/W, bind, listen, accept,
//! WSAAccept, connect, WSAConnect, shutdown, closesocket, getsockname, getpeername. Each finds
//! the socket's provider and calls through its WSPPROC_TABLE.

use super::{provider_of, spi_result, startup::require_started};
use crate::abi::*;
use crate::catalog;
use crate::ffi::wsa_call;
use crate::spi::{self, handles, ProviderInstance};

/// Creates a socket through the provider of the chosen catalog entry and records its owner.
fn create(af: i32, ty: i32, protocol: i32, info: Option<&WSAPROTOCOL_INFOW>, g: u32, flags: u32) -> Result<SOCKET, i32> {
    require_started()?;
    // A damaged catalog has been reported (file and line); no socket can be made from it.
    let cat = catalog::try_current().map_err(|_| WSAEPROVIDERFAILEDINIT)?;
    let entry = match info {
        Some(i) => {
            let e = cat.by_id(i.dwCatalogEntryId).ok_or(WSAEINVAL)?;
            // The given info decides what FROM_PROTOCOL_INFO (and 0) stand for.
            let pick = |v: i32, from: i32| if v == FROM_PROTOCOL_INFO || v == 0 { from } else { v };
            let (a, t) = (pick(af, i.iAddressFamily), pick(ty, i.iSocketType));
            if a != e.info.iAddressFamily {
                return Err(WSAEAFNOSUPPORT);
            }
            if t != e.info.iSocketType {
                return Err(WSAESOCKTNOSUPPORT);
            }
            let p = if protocol == FROM_PROTOCOL_INFO { i.iProtocol } else { protocol };
            if !e.matches_protocol(p) {
                return Err(WSAEPROTONOSUPPORT);
            }
            e
        }
        None => cat.find(af, ty, protocol)?,
    };
    let provider = spi::provider_for(entry)?;
    let protocol = if protocol == FROM_PROTOCOL_INFO { info.map_or(0, |i| i.iProtocol) } else { protocol };
    let wsp = provider.table.lpWSPSocket.ok_or(WSAEPROVIDERFAILEDINIT)?;
    let mut err = 0;
    // SAFETY: the provider's own entry, with its catalog entry's protocol info.
    let s = unsafe { wsp(af, ty, protocol, &entry.info, g, flags, &mut err) };
    if s == INVALID_SOCKET {
        return Err(if err == 0 { WSAENOBUFS } else { err });
    }
    handles::register(s, provider)?;
    Ok(s)
}

/// # Safety
/// Plain integers.
#[no_mangle]
pub extern "system" fn ws2_socket(af: i32, ty: i32, protocol: i32) -> SOCKET {
    // socket() creates overlapped-capable sockets, as on Windows.
    wsa_call(INVALID_SOCKET, || create(af, ty, protocol, None, 0, WSA_FLAG_OVERLAPPED))
}

/// # Safety
/// `info` must be null or point to a WSAPROTOCOL_INFOW.
#[no_mangle]
pub unsafe extern "system" fn WSASocketW(af: i32, ty: i32, protocol: i32, info: *const WSAPROTOCOL_INFOW, g: u32, flags: u32) -> SOCKET {
    // SAFETY: caller contract.
    wsa_call(INVALID_SOCKET, || create(af, ty, protocol, unsafe { info.as_ref() }, g, flags))
}

/// # Safety
/// `info` must be null or point to a WSAPROTOCOL_INFOA.
#[no_mangle]
pub unsafe extern "system" fn WSASocketA(af: i32, ty: i32, protocol: i32, info: *const WSAPROTOCOL_INFOA, g: u32, flags: u32) -> SOCKET {
    // SAFETY: caller contract.
    let wide = unsafe { info.as_ref() }.map(super::protocols::to_wide);
    wsa_call(INVALID_SOCKET, || create(af, ty, protocol, wide.as_ref(), g, flags))
}

/// Calls `f` with the provider owning `s` and an error slot, mapping SOCKET_ERROR to Err.
#[inline]
pub(crate) fn with_provider(s: SOCKET, f: impl FnOnce(&'static ProviderInstance, &mut i32) -> i32) -> Result<i32, i32> {
    let p = provider_of(s)?;
    let mut err = 0;
    let rc = f(p, &mut err);
    spi_result(rc, err)
}

/// # Safety
/// `name` must be null or point to `namelen` readable bytes.
#[no_mangle]
pub unsafe extern "system" fn ws2_bind(s: SOCKET, name: *const SOCKADDR, namelen: i32) -> i32 {
    wsa_call(SOCKET_ERROR, || {
        // SAFETY: the provider's entry, with the caller's arguments.
        with_provider(s, |p, e| unsafe { p.table.lpWSPBind.unwrap()(s, name, namelen, e) })
    })
}

#[no_mangle]
pub extern "system" fn ws2_listen(s: SOCKET, backlog: i32) -> i32 {
    wsa_call(SOCKET_ERROR, || {
        // SAFETY: the provider's entry.
        with_provider(s, |p, e| unsafe { p.table.lpWSPListen.unwrap()(s, backlog, e) })
    })
}

/// Calls a provider entry of `s` that returns a new socket, and records the new socket as
/// that provider's (unless the entry returned `s` itself).
fn new_socket_from(s: SOCKET, f: impl FnOnce(&'static ProviderInstance, &mut i32) -> SOCKET) -> Result<SOCKET, i32> {
    let p = provider_of(s)?;
    let mut err = 0;
    let ns = f(p, &mut err);
    if ns == INVALID_SOCKET {
        return Err(if err == 0 { WSAEINVAL } else { err });
    }
    if ns != s {
        handles::register(ns, p)?;
    }
    Ok(ns)
}

fn accept_with(s: SOCKET, addr: *mut SOCKADDR, addrlen: *mut i32, cond: LPCONDITIONPROC, data: usize) -> Result<SOCKET, i32> {
    // SAFETY: the provider's entry, with the caller's arguments.
    new_socket_from(s, |p, e| unsafe { p.table.lpWSPAccept.unwrap()(s, addr, addrlen, cond, data, e) })
}

/// # Safety
/// `addr`/`addrlen` must be null or valid.
#[no_mangle]
pub unsafe extern "system" fn ws2_accept(s: SOCKET, addr: *mut SOCKADDR, addrlen: *mut i32) -> SOCKET {
    wsa_call(INVALID_SOCKET, || accept_with(s, addr, addrlen, None, 0))
}

/// # Safety
/// As `accept`; `cond` must be null or a valid condition function.
#[no_mangle]
pub unsafe extern "system" fn WSAAccept(s: SOCKET, addr: *mut SOCKADDR, addrlen: *mut i32, cond: LPCONDITIONPROC, data: usize) -> SOCKET {
    wsa_call(INVALID_SOCKET, || accept_with(s, addr, addrlen, cond, data))
}

/// # Safety
/// `name` must be null or point to `namelen` readable bytes.
#[no_mangle]
pub unsafe extern "system" fn ws2_connect(s: SOCKET, name: *const SOCKADDR, namelen: i32) -> i32 {
    // SAFETY: forwarded.
    unsafe { WSAConnect(s, name, namelen, std::ptr::null(), std::ptr::null_mut(), std::ptr::null(), std::ptr::null()) }
}

/// # Safety
/// Pointers must be null or valid.
#[no_mangle]
pub unsafe extern "system" fn WSAConnect(
    s: SOCKET,
    name: *const SOCKADDR,
    namelen: i32,
    caller_data: *const WSABUF,
    callee_data: *mut WSABUF,
    sqos: *const QOS,
    gqos: *const QOS,
) -> i32 {
    wsa_call(SOCKET_ERROR, || {
        with_provider(s, |p, e| {
            // SAFETY: the provider's entry, with the caller's arguments.
            unsafe { p.table.lpWSPConnect.unwrap()(s, name, namelen, caller_data, callee_data, sqos, gqos, e) }
        })
    })
}

#[no_mangle]
pub extern "system" fn ws2_shutdown(s: SOCKET, how: i32) -> i32 {
    wsa_call(SOCKET_ERROR, || {
        // SAFETY: the provider's entry.
        with_provider(s, |p, e| unsafe { p.table.lpWSPShutdown.unwrap()(s, how, e) })
    })
}

#[no_mangle]
pub extern "system" fn closesocket(s: SOCKET) -> i32 {
    wsa_call(SOCKET_ERROR, || {
        require_started()?;
        // Hold the handle's stripe so a new socket that reuses this value right after the
        // provider closes it is not unregistered by us.
        let _g = handles::stripe(s);
        let p = handles::lookup(s)?;
        let mut err = 0;
        // SAFETY: the provider's entry.
        let rc = unsafe { p.table.lpWSPCloseSocket.unwrap()(s, &mut err) };
        spi_result(rc, err)?;
        handles::unregister_locked(s);
        // The socket's completion-port association and event selection end with it.
        crate::kernel::iocp::forget(s);
        super::events::socket_closed(s);
        Ok(0)
    })
}

/// # Safety
/// `name`/`namelen` must be null or valid.
#[no_mangle]
pub unsafe extern "system" fn ws2_getsockname(s: SOCKET, name: *mut SOCKADDR, namelen: *mut i32) -> i32 {
    wsa_call(SOCKET_ERROR, || {
        // SAFETY: the provider's entry, with the caller's arguments.
        with_provider(s, |p, e| unsafe { p.table.lpWSPGetSockName.unwrap()(s, name, namelen, e) })
    })
}

/// # Safety
/// `name`/`namelen` must be null or valid.
#[no_mangle]
pub unsafe extern "system" fn ws2_getpeername(s: SOCKET, name: *mut SOCKADDR, namelen: *mut i32) -> i32 {
    wsa_call(SOCKET_ERROR, || {
        // SAFETY: the provider's entry, with the caller's arguments.
        with_provider(s, |p, e| unsafe { p.table.lpWSPGetPeerName.unwrap()(s, name, namelen, e) })
    })
}

/// # Safety
/// `info` must be null or point to a writable WSAPROTOCOL_INFOW.
#[no_mangle]
pub unsafe extern "system" fn WSADuplicateSocketW(s: SOCKET, pid: u32, info: *mut WSAPROTOCOL_INFOW) -> i32 {
    wsa_call(SOCKET_ERROR, || {
        // SAFETY: the provider's entry, with the caller's arguments.
        with_provider(s, |p, e| unsafe { p.table.lpWSPDuplicateSocket.unwrap()(s, pid, info, e) })
    })
}

/// # Safety
/// `info` must be null or point to a writable WSAPROTOCOL_INFOA.
#[no_mangle]
pub unsafe extern "system" fn WSADuplicateSocketA(s: SOCKET, pid: u32, info: *mut WSAPROTOCOL_INFOA) -> i32 {
    wsa_call(SOCKET_ERROR, || {
        if crate::ffi::bad_ptr(info) {
            super::provider_of(s)?;
            return Err(WSAEFAULT);
        }
        // SAFETY: WSAPROTOCOL_INFOW is plain data.
        let mut wide: WSAPROTOCOL_INFOW = unsafe { std::mem::zeroed() };
        // SAFETY: the provider's entry, writing into our local.
        with_provider(s, |p, e| unsafe { p.table.lpWSPDuplicateSocket.unwrap()(s, pid, &mut wide, e) })?;
        // SAFETY: checked above.
        unsafe { *info = super::protocols::to_ansi(&wide) };
        Ok(0)
    })
}

/// # Safety
/// Pointers must be null or valid as WSAJoinLeaf documents.
#[no_mangle]
pub unsafe extern "system" fn WSAJoinLeaf(
    s: SOCKET,
    name: *const SOCKADDR,
    namelen: i32,
    caller_data: *const WSABUF,
    callee_data: *mut WSABUF,
    sqos: *const QOS,
    gqos: *const QOS,
    flags: u32,
) -> SOCKET {
    wsa_call(INVALID_SOCKET, || {
        new_socket_from(s, |p, e| {
            // SAFETY: the provider's entry, with the caller's arguments.
            unsafe { p.table.lpWSPJoinLeaf.unwrap()(s, name, namelen, caller_data, callee_data, sqos, gqos, flags, e) }
        })
    })
}

/// # Safety
/// Pointers must be null or valid as WSAGetQOSByName documents.
#[no_mangle]
pub unsafe extern "system" fn WSAGetQOSByName(s: SOCKET, name: *const WSABUF, qos: *mut QOS) -> BOOL {
    wsa_call(FALSE, || {
        let p = provider_of(s)?;
        let mut err = 0;
        // SAFETY: the provider's entry, with the caller's arguments.
        if unsafe { p.table.lpWSPGetQOSByName.unwrap()(s, name, qos, &mut err) } == FALSE {
            return Err(if err == 0 { WSAEINVAL } else { err });
        }
        Ok(TRUE)
    })
}
