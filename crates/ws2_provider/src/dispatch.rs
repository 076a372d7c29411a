//! WSPStartup and the 30 dispatch entries: each resolves the application's handle to the
//! lower socket, calls the layer below, lets the `Layer` transform data and observe the call,
//! and keeps panics from crossing into C.

use crate::chain::{self, Link};
use crate::sockets;
use crate::{Call, Layer, Outcome};
use std::ffi::c_void;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::{Mutex, OnceLock, RwLock};
use windows_sys::core::{BOOL, PCSTR, PCWSTR, PSTR, PWSTR};
use windows_sys::Win32::Foundation::{HANDLE, HWND};
use windows_sys::Win32::Networking::WinSock::*;
use windows_sys::Win32::System::IO::OVERLAPPED;

/// ws2's WSPIoctl code through which WSAPoll reaches a provider (see ws2spi.h).
const SIO_WS2_POLL: u32 = 0x9800_7773;
const VERSION: u16 = 0x0202;

struct State {
    layer: Box<dyn Layer>,
    ifs: bool,
    transforms: bool,
    links: Mutex<Vec<&'static Link>>,
    /// The link each chain entry id resolved to (saves a catalog read per WSPSocket).
    by_chain: Mutex<std::collections::HashMap<u32, &'static Link>>,
    starts: Mutex<u32>,
}

static STATE: OnceLock<State> = OnceLock::new();
/// The most recently supplied upcall table.
static UP: RwLock<Option<WSPUPCALLTABLE>> = RwLock::new(None);

fn state() -> &'static State {
    STATE.get().expect("WSPStartup ran first")
}

fn up() -> WSPUPCALLTABLE {
    UP.read().unwrap_or_else(|e| e.into_inner()).unwrap_or_default()
}

fn set_err(errno: *const i32, code: i32) {
    if !errno.is_null() {
        // SAFETY: callers pass a pointer to their own error variable.
        unsafe { *(errno as *mut i32) = code };
    }
}

fn get_err(errno: *const i32) -> i32 {
    // SAFETY: as above.
    if errno.is_null() {
        0
    } else {
        unsafe { *errno }
    }
}

/// Runs `body`; Err(code) (or a panic) becomes `fail` with `*errno = code`.
fn guard<R>(errno: *const i32, fail: R, body: impl FnOnce() -> Result<R, i32>) -> R {
    match catch_unwind(AssertUnwindSafe(body)) {
        Ok(Ok(v)) => v,
        Ok(Err(code)) => {
            set_err(errno, code);
            fail
        }
        Err(_) => {
            set_err(errno, WSASYSCALLFAILURE);
            fail
        }
    }
}

/// The link below this layer for `chain`, starting the next layer on first use.
fn link_for(chain: *const WSAPROTOCOL_INFOW) -> Result<&'static Link, i32> {
    if chain.is_null() {
        return Err(WSAEINVAL);
    }
    // SAFETY: checked non-null; the caller's protocol info.
    let chain = unsafe { &*chain };
    let st = state();
    if let Some(l) = st.by_chain.lock().unwrap_or_else(|e| e.into_inner()).get(&chain.dwCatalogEntryId) {
        return Ok(l);
    }
    let up = up();
    let (next_id, info, path) = chain::next_below(chain, &up)?;
    let mut links = st.links.lock().unwrap_or_else(|e| e.into_inner());
    let link = match links.iter().find(|l| l.next_id == next_id) {
        Some(l) => *l,
        None => {
            let l: &'static Link = Box::leak(Box::new(chain::start_below(next_id, info, &path, up)?));
            links.push(l);
            l
        }
    };
    st.by_chain.lock().unwrap_or_else(|e| e.into_inner()).insert(chain.dwCatalogEntryId, link);
    Ok(link)
}

fn lookup(s: SOCKET) -> Result<(SOCKET, &'static Link), i32> {
    sockets::lookup(s, state().ifs, &up()).ok_or(WSAENOTSOCK)
}

fn outcome(rc: i32, errno: *const i32) -> Outcome {
    if rc == SOCKET_ERROR {
        Err(get_err(errno))
    } else {
        Ok(rc as u64)
    }
}

/// Forwards a call returning int/SOCKET_ERROR on socket `s`.
fn forward(s: SOCKET, errno: *mut i32, call: Call, f: impl FnOnce(SOCKET, &'static Link) -> i32) -> i32 {
    guard(errno, SOCKET_ERROR, || {
        let (ls, link) = lookup(s)?;
        let rc = f(ls, link);
        state().layer.observe(s, call, outcome(rc, errno));
        Ok(rc)
    })
}

/// The WSPStartup behind `export_layer!`.
///
/// # Safety
/// Pointers as WSPStartup documents.
pub unsafe fn startup(
    make: impl FnOnce() -> Box<dyn Layer>,
    version: u16,
    data: *mut WSPDATA,
    info: *const WSAPROTOCOL_INFOW,
    upcalls: WSPUPCALLTABLE,
    table: *mut WSPPROC_TABLE,
) -> i32 {
    if version & 0xff < 2 {
        return WSAVERNOTSUPPORTED;
    }
    if data.is_null() || info.is_null() || table.is_null() {
        return WSAEFAULT;
    }
    let st = STATE.get_or_init(|| {
        let layer = make();
        State {
            ifs: layer.ifs(),
            transforms: layer.transforms_data(),
            layer,
            links: Mutex::new(Vec::new()),
            by_chain: Mutex::new(std::collections::HashMap::new()),
            starts: Mutex::new(0),
        }
    });
    *UP.write().unwrap_or_else(|e| e.into_inner()) = Some(upcalls);
    // Start the layer below for this chain now, so that a broken chain fails here.
    let r = catch_unwind(|| link_for(info)).unwrap_or(Err(WSASYSCALLFAILURE));
    if let Err(code) = r {
        return code;
    }
    *st.starts.lock().unwrap_or_else(|e| e.into_inner()) += 1;
    // SAFETY: checked non-null; the caller's structures.
    unsafe {
        let d = &mut *data;
        d.wVersion = VERSION;
        d.wHighVersion = VERSION;
        d.szDescription = [0; 256];
        for (dst, c) in d.szDescription.iter_mut().zip(st.layer.description().encode_utf16().take(255)) {
            *dst = c;
        }
        *table = proc_table();
    }
    0
}

fn proc_table() -> WSPPROC_TABLE {
    WSPPROC_TABLE {
        lpWSPAccept: Some(wsp_accept),
        lpWSPAddressToString: Some(wsp_address_to_string),
        lpWSPAsyncSelect: Some(wsp_async_select),
        lpWSPBind: Some(wsp_bind),
        lpWSPCancelBlockingCall: Some(wsp_cancel_blocking_call),
        lpWSPCleanup: Some(wsp_cleanup),
        lpWSPCloseSocket: Some(wsp_close_socket),
        lpWSPConnect: Some(wsp_connect),
        lpWSPDuplicateSocket: Some(wsp_duplicate_socket),
        lpWSPEnumNetworkEvents: Some(wsp_enum_network_events),
        lpWSPEventSelect: Some(wsp_event_select),
        lpWSPGetOverlappedResult: Some(wsp_get_overlapped_result),
        lpWSPGetPeerName: Some(wsp_get_peer_name),
        lpWSPGetSockName: Some(wsp_get_sock_name),
        lpWSPGetSockOpt: Some(wsp_get_sock_opt),
        lpWSPGetQOSByName: Some(wsp_get_qos_by_name),
        lpWSPIoctl: Some(wsp_ioctl),
        lpWSPJoinLeaf: Some(wsp_join_leaf),
        lpWSPListen: Some(wsp_listen),
        lpWSPRecv: Some(wsp_recv),
        lpWSPRecvDisconnect: Some(wsp_recv_disconnect),
        lpWSPRecvFrom: Some(wsp_recv_from),
        lpWSPSelect: Some(wsp_select),
        lpWSPSend: Some(wsp_send),
        lpWSPSendDisconnect: Some(wsp_send_disconnect),
        lpWSPSendTo: Some(wsp_send_to),
        lpWSPSetSockOpt: Some(wsp_set_sock_opt),
        lpWSPShutdown: Some(wsp_shutdown),
        lpWSPSocket: Some(wsp_socket),
        lpWSPStringToAddress: Some(wsp_string_to_address),
    }
}

/// A Windows socket address (AF_INET 2, AF_INET6 23) for display, when it is one.
///
/// # Safety
/// `name` null or `len` readable bytes.
unsafe fn socket_addr(name: *const SOCKADDR, len: i32) -> Option<std::net::SocketAddr> {
    use std::net::{Ipv4Addr, Ipv6Addr, SocketAddr};
    if name.is_null() {
        return None;
    }
    // SAFETY: caller contract; the family decides how many bytes are read, checked against len.
    unsafe {
        match (*name).sa_family {
            2 if len as usize >= std::mem::size_of::<SOCKADDR_IN>() => {
                let a = &*(name as *const SOCKADDR_IN);
                Some(SocketAddr::from((Ipv4Addr::from(u32::from_be(a.sin_addr.S_un.S_addr)), u16::from_be(a.sin_port))))
            }
            23 if len as usize >= std::mem::size_of::<SOCKADDR_IN6>() => {
                let a = &*(name as *const SOCKADDR_IN6);
                Some(SocketAddr::from((Ipv6Addr::from(a.sin6_addr.u.Byte), u16::from_be(a.sin6_port))))
            }
            _ => None,
        }
    }
}

// ---- sockets ------------------------------------------------------------------------------

unsafe extern "system" fn wsp_socket(
    af: i32,
    ty: i32,
    protocol: i32,
    info: *const WSAPROTOCOL_INFOW,
    g: u32,
    flags: u32,
    errno: *mut i32,
) -> SOCKET {
    guard(errno, INVALID_SOCKET, || {
        let link = link_for(info)?;
        // SAFETY: the lower layer's entry with the info it was started for.
        let ls = unsafe { link.table.lpWSPSocket.ok_or(WSAEPROVIDERFAILEDINIT)?(af, ty, protocol, &link.next_info, g, flags, errno) };
        let call = Call::Socket { af, ty, protocol };
        if ls == INVALID_SOCKET {
            state().layer.observe(INVALID_SOCKET, call, Err(get_err(errno)));
            return Ok(INVALID_SOCKET);
        }
        // SAFETY: checked non-null by link_for.
        let entry = unsafe { (*info).dwCatalogEntryId };
        let h = wrap_or_close(ls, link, entry)?;
        state().layer.observe(h, call, Ok(h as u64));
        Ok(h)
    })
}

/// Wraps a new lower socket; on failure closes it so nothing leaks.
fn wrap_or_close(ls: SOCKET, link: &'static Link, entry: u32) -> Result<SOCKET, i32> {
    sockets::wrap(ls, link, entry, state().ifs, &up()).inspect_err(|_| {
        let mut e = 0;
        // SAFETY: the lower layer's entry on the socket it just gave us.
        unsafe { link.table.lpWSPCloseSocket.unwrap()(ls, &mut e) };
    })
}

unsafe extern "system" fn wsp_accept(
    s: SOCKET,
    addr: *mut SOCKADDR,
    addrlen: *mut i32,
    cond: LPCONDITIONPROC,
    data: usize,
    errno: *mut i32,
) -> SOCKET {
    guard(errno, INVALID_SOCKET, || {
        let (ls, link) = lookup(s)?;
        // SAFETY: the lower layer's entry with the caller's arguments.
        let ns = unsafe { link.table.lpWSPAccept.unwrap()(ls, addr, addrlen, cond, data, errno) };
        if ns == INVALID_SOCKET {
            state().layer.observe(INVALID_SOCKET, Call::Accept, Err(get_err(errno)));
            return Ok(INVALID_SOCKET);
        }
        let h = wrap_or_close(ns, link, link.next_info.dwCatalogEntryId)?;
        state().layer.observe(h, Call::Accept, Ok(h as u64));
        Ok(h)
    })
}

unsafe extern "system" fn wsp_close_socket(s: SOCKET, errno: *mut i32) -> i32 {
    guard(errno, SOCKET_ERROR, || {
        let (ls, link) = lookup(s)?;
        // SAFETY: the lower layer's entry.
        let rc = unsafe { link.table.lpWSPCloseSocket.unwrap()(ls, errno) };
        if rc == 0 {
            sockets::forget(s, state().ifs, &up());
        }
        state().layer.observe(s, Call::Close, outcome(rc, errno));
        Ok(rc)
    })
}

unsafe extern "system" fn wsp_bind(s: SOCKET, name: *const SOCKADDR, len: i32, errno: *mut i32) -> i32 {
    // SAFETY (all simple forwards below): the lower layer's entry on the lower socket, with the
    // caller's other arguments unchanged.
    // SAFETY: the caller's address of `len` bytes.
    let addr = unsafe { socket_addr(name, len) };
    forward(s, errno, Call::Bind { addr }, |ls, l| unsafe { l.table.lpWSPBind.unwrap()(ls, name, len, errno) })
}

unsafe extern "system" fn wsp_listen(s: SOCKET, backlog: i32, errno: *mut i32) -> i32 {
    forward(s, errno, Call::Listen { backlog }, |ls, l| unsafe { l.table.lpWSPListen.unwrap()(ls, backlog, errno) })
}

unsafe extern "system" fn wsp_connect(
    s: SOCKET,
    name: *const SOCKADDR,
    len: i32,
    cd: *const WSABUF,
    ce: *mut WSABUF,
    sq: *const QOS,
    gq: *const QOS,
    errno: *mut i32,
) -> i32 {
    // SAFETY: the caller's address of `len` bytes.
    let addr = unsafe { socket_addr(name, len) };
    forward(s, errno, Call::Connect { addr }, |ls, l| unsafe { l.table.lpWSPConnect.unwrap()(ls, name, len, cd, ce, sq, gq, errno) })
}

unsafe extern "system" fn wsp_shutdown(s: SOCKET, how: i32, errno: *mut i32) -> i32 {
    forward(s, errno, Call::Shutdown { how }, |ls, l| unsafe { l.table.lpWSPShutdown.unwrap()(ls, how, errno) })
}

unsafe extern "system" fn wsp_get_peer_name(s: SOCKET, name: *mut SOCKADDR, len: *mut i32, errno: *mut i32) -> i32 {
    forward(s, errno, Call::GetPeerName, |ls, l| unsafe { l.table.lpWSPGetPeerName.unwrap()(ls, name, len, errno) })
}

unsafe extern "system" fn wsp_get_sock_name(s: SOCKET, name: *mut SOCKADDR, len: *mut i32, errno: *mut i32) -> i32 {
    forward(s, errno, Call::GetSockName, |ls, l| unsafe { l.table.lpWSPGetSockName.unwrap()(ls, name, len, errno) })
}

unsafe extern "system" fn wsp_get_sock_opt(s: SOCKET, level: i32, name: i32, val: PSTR, len: *mut i32, errno: *mut i32) -> i32 {
    forward(s, errno, Call::GetSockOpt { level, name }, |ls, l| unsafe {
        l.table.lpWSPGetSockOpt.unwrap()(ls, level, name, val, len, errno)
    })
}

unsafe extern "system" fn wsp_set_sock_opt(s: SOCKET, level: i32, name: i32, val: PCSTR, len: i32, errno: *mut i32) -> i32 {
    forward(s, errno, Call::SetSockOpt { level, name }, |ls, l| unsafe {
        l.table.lpWSPSetSockOpt.unwrap()(ls, level, name, val, len, errno)
    })
}

unsafe extern "system" fn wsp_recv_disconnect(s: SOCKET, data: *const WSABUF, errno: *mut i32) -> i32 {
    forward(s, errno, Call::RecvDisconnect, |ls, l| unsafe { l.table.lpWSPRecvDisconnect.unwrap()(ls, data, errno) })
}

unsafe extern "system" fn wsp_send_disconnect(s: SOCKET, data: *const WSABUF, errno: *mut i32) -> i32 {
    forward(s, errno, Call::SendDisconnect, |ls, l| unsafe { l.table.lpWSPSendDisconnect.unwrap()(ls, data, errno) })
}

unsafe extern "system" fn wsp_async_select(s: SOCKET, w: HWND, msg: u32, events: i32, errno: *mut i32) -> i32 {
    forward(s, errno, Call::AsyncSelect { events }, |ls, l| unsafe { l.table.lpWSPAsyncSelect.unwrap()(ls, w, msg, events, errno) })
}

unsafe extern "system" fn wsp_event_select(s: SOCKET, ev: WSAEVENT, events: i32, errno: *mut i32) -> i32 {
    forward(s, errno, Call::EventSelect { events }, |ls, l| unsafe { l.table.lpWSPEventSelect.unwrap()(ls, ev, events, errno) })
}

unsafe extern "system" fn wsp_enum_network_events(s: SOCKET, ev: HANDLE, ne: *mut WSANETWORKEVENTS, errno: *mut i32) -> i32 {
    forward(s, errno, Call::EnumNetworkEvents, |ls, l| unsafe { l.table.lpWSPEnumNetworkEvents.unwrap()(ls, ev, ne, errno) })
}

unsafe extern "system" fn wsp_duplicate_socket(s: SOCKET, pid: u32, info: *mut WSAPROTOCOL_INFOW, errno: *mut i32) -> i32 {
    forward(s, errno, Call::DuplicateSocket, |ls, l| unsafe { l.table.lpWSPDuplicateSocket.unwrap()(ls, pid, info, errno) })
}

unsafe extern "system" fn wsp_get_overlapped_result(
    s: SOCKET,
    ov: *const OVERLAPPED,
    n: *mut u32,
    wait: BOOL,
    flags: *mut u32,
    errno: *mut i32,
) -> BOOL {
    guard(errno, 0, || {
        let (ls, link) = lookup(s)?;
        // SAFETY: the lower layer's entry with the caller's arguments.
        let ok = unsafe { link.table.lpWSPGetOverlappedResult.unwrap()(ls, ov, n, wait, flags, errno) };
        // SAFETY: `n` is the caller's counter, written by the lower layer on success.
        let o = if ok != 0 { Ok(if n.is_null() { 0 } else { (unsafe { *n }) as u64 }) } else { Err(get_err(errno)) };
        state().layer.observe(s, Call::GetOverlappedResult, o);
        Ok(ok)
    })
}

unsafe extern "system" fn wsp_get_qos_by_name(s: SOCKET, name: *const WSABUF, qos: *mut QOS, errno: *mut i32) -> BOOL {
    guard(errno, 0, || {
        let (ls, link) = lookup(s)?;
        // SAFETY: the lower layer's entry with the caller's arguments.
        let ok = unsafe { link.table.lpWSPGetQOSByName.unwrap()(ls, name, qos, errno) };
        state().layer.observe(s, Call::GetQosByName, if ok != 0 { Ok(0) } else { Err(get_err(errno)) });
        Ok(ok)
    })
}

unsafe extern "system" fn wsp_join_leaf(
    s: SOCKET,
    name: *const SOCKADDR,
    len: i32,
    cd: *const WSABUF,
    ce: *mut WSABUF,
    sq: *const QOS,
    gq: *const QOS,
    flags: u32,
    errno: *mut i32,
) -> SOCKET {
    guard(errno, INVALID_SOCKET, || {
        let (ls, link) = lookup(s)?;
        // SAFETY: the lower layer's entry with the caller's arguments.
        let r = unsafe { link.table.lpWSPJoinLeaf.unwrap()(ls, name, len, cd, ce, sq, gq, flags, errno) };
        let h = if r == INVALID_SOCKET || r == ls {
            if r == ls {
                s
            } else {
                r
            }
        } else {
            wrap_or_close(r, link, link.next_info.dwCatalogEntryId)?
        };
        state().layer.observe(s, Call::JoinLeaf, if h == INVALID_SOCKET { Err(get_err(errno)) } else { Ok(h as u64) });
        Ok(h)
    })
}

// ---- data -----------------------------------------------------------------------------------

/// The caller's buffers as slices (null or empty arrays give none).
///
/// # Safety
/// `bufs` holds `n` WSABUFs whose pointers are valid for their lengths.
unsafe fn slices<'a>(bufs: *const WSABUF, n: u32) -> Vec<&'a mut [u8]> {
    if bufs.is_null() {
        return Vec::new();
    }
    // SAFETY: caller contract.
    unsafe { std::slice::from_raw_parts(bufs, n as usize) }
        .iter()
        .filter(|b| !b.buf.is_null() && b.len > 0)
        // SAFETY: caller contract.
        .map(|b| unsafe { std::slice::from_raw_parts_mut(b.buf, b.len as usize) })
        .collect()
}

/// Calls `send` with the caller's buffers, or with one transformed copy when the layer
/// rewrites outgoing data. Returns the byte count offered.
fn sending(
    s: SOCKET,
    bufs: *const WSABUF,
    n: u32,
    overlapped: bool,
    send: impl FnOnce(*const WSABUF, u32) -> i32,
) -> Result<(i32, u32), i32> {
    let st = state();
    // SAFETY: the caller's buffers, as the SPI documents.
    let parts = unsafe { slices(bufs, n) };
    let total: u32 = parts.iter().map(|p| p.len() as u32).sum();
    if !st.transforms {
        return Ok((send(bufs, n), total));
    }
    if overlapped {
        return Err(WSAEOPNOTSUPP);
    }
    let mut data: Vec<u8> = parts.iter().flat_map(|p| p.iter().copied()).collect();
    st.layer.outgoing(s, &mut data);
    let one = WSABUF { len: data.len() as u32, buf: data.as_mut_ptr() };
    Ok((send(&one, 1), total))
}

/// After a receive of `got` bytes into the caller's buffers, lets the layer rewrite them.
fn received(s: SOCKET, bufs: *const WSABUF, n: u32, mut got: usize) {
    let st = state();
    if !st.transforms {
        return;
    }
    // SAFETY: the caller's buffers, just filled by the lower layer.
    for part in unsafe { slices(bufs, n) } {
        let k = part.len().min(got);
        st.layer.incoming(s, &mut part[..k]);
        got -= k;
        if got == 0 {
            break;
        }
    }
}

/// The receive half of `sending`: calls the lower layer (refused for overlapped calls in a
/// data-changing layer), lets the layer see what arrived, and reports the call.
#[allow(clippy::too_many_arguments)]
fn receiving(
    s: SOCKET,
    bufs: *const WSABUF,
    n: u32,
    got: *mut u32,
    errno: *const i32,
    overlapped: bool,
    report: impl FnOnce(u32, bool) -> Call,
    lower: impl FnOnce() -> i32,
) -> Result<i32, i32> {
    refuse_overlapped_transform(overlapped)?;
    let rc = lower();
    let o = data_outcome(rc, got, errno);
    if let Ok(k) = o {
        if !overlapped {
            received(s, bufs, n, k as usize);
        }
    }
    // SAFETY: the caller's buffer array.
    let bytes = unsafe { slices(bufs, n) }.iter().map(|p| p.len() as u32).sum();
    state().layer.observe(s, report(bytes, overlapped), o);
    Ok(rc)
}

fn refuse_overlapped_transform(overlapped: bool) -> Result<(), i32> {
    if overlapped && state().transforms {
        Err(WSAEOPNOTSUPP)
    } else {
        Ok(())
    }
}

fn data_outcome(rc: i32, count: *mut u32, errno: *const i32) -> Outcome {
    // SAFETY: the caller's counter, written by the lower layer on success.
    if rc == 0 {
        Ok(if count.is_null() { 0 } else { (unsafe { *count }) as u64 })
    } else {
        Err(get_err(errno))
    }
}

unsafe extern "system" fn wsp_send(
    s: SOCKET,
    bufs: *const WSABUF,
    n: u32,
    sent: *mut u32,
    flags: u32,
    ov: *mut OVERLAPPED,
    cr: LPWSAOVERLAPPED_COMPLETION_ROUTINE,
    tid: *const WSATHREADID,
    errno: *mut i32,
) -> i32 {
    guard(errno, SOCKET_ERROR, || {
        let (ls, link) = lookup(s)?;
        let overlapped = !ov.is_null() || cr.is_some();
        // SAFETY: the lower layer's entry on the lower socket, with buffers we own or the caller's.
        let (rc, total) =
            sending(s, bufs, n, overlapped, |b, k| unsafe { link.table.lpWSPSend.unwrap()(ls, b, k, sent, flags, ov, cr, tid, errno) })?;
        state().layer.observe(s, Call::Send { bytes: total, overlapped }, data_outcome(rc, sent, errno));
        Ok(rc)
    })
}

#[allow(clippy::too_many_arguments)]
unsafe extern "system" fn wsp_send_to(
    s: SOCKET,
    bufs: *const WSABUF,
    n: u32,
    sent: *mut u32,
    flags: u32,
    to: *const SOCKADDR,
    tolen: i32,
    ov: *mut OVERLAPPED,
    cr: LPWSAOVERLAPPED_COMPLETION_ROUTINE,
    tid: *const WSATHREADID,
    errno: *mut i32,
) -> i32 {
    guard(errno, SOCKET_ERROR, || {
        let (ls, link) = lookup(s)?;
        let overlapped = !ov.is_null() || cr.is_some();
        // SAFETY: as in wsp_send.
        let (rc, total) = sending(s, bufs, n, overlapped, |b, k| unsafe {
            link.table.lpWSPSendTo.unwrap()(ls, b, k, sent, flags, to, tolen, ov, cr, tid, errno)
        })?;
        state().layer.observe(s, Call::SendTo { bytes: total, overlapped }, data_outcome(rc, sent, errno));
        Ok(rc)
    })
}

unsafe extern "system" fn wsp_recv(
    s: SOCKET,
    bufs: *const WSABUF,
    n: u32,
    got: *mut u32,
    flags: *mut u32,
    ov: *mut OVERLAPPED,
    cr: LPWSAOVERLAPPED_COMPLETION_ROUTINE,
    tid: *const WSATHREADID,
    errno: *const i32,
) -> i32 {
    guard(errno, SOCKET_ERROR, || {
        let (ls, link) = lookup(s)?;
        let overlapped = !ov.is_null() || cr.is_some();
        let report = |bytes, overlapped| Call::Recv { bytes, overlapped };
        // SAFETY: the lower layer's entry with the caller's arguments.
        receiving(s, bufs, n, got, errno, overlapped, report, || unsafe {
            link.table.lpWSPRecv.unwrap()(ls, bufs, n, got, flags, ov, cr, tid, errno)
        })
    })
}

#[allow(clippy::too_many_arguments)]
unsafe extern "system" fn wsp_recv_from(
    s: SOCKET,
    bufs: *const WSABUF,
    n: u32,
    got: *mut u32,
    flags: *mut u32,
    from: *mut SOCKADDR,
    fromlen: *mut i32,
    ov: *mut OVERLAPPED,
    cr: LPWSAOVERLAPPED_COMPLETION_ROUTINE,
    tid: *const WSATHREADID,
    errno: *mut i32,
) -> i32 {
    guard(errno, SOCKET_ERROR, || {
        let (ls, link) = lookup(s)?;
        let overlapped = !ov.is_null() || cr.is_some();
        let report = |bytes, overlapped| Call::RecvFrom { bytes, overlapped };
        // SAFETY: the lower layer's entry with the caller's arguments.
        receiving(s, bufs, n, got, errno, overlapped, report, || unsafe {
            link.table.lpWSPRecvFrom.unwrap()(ls, bufs, n, got, flags, from, fromlen, ov, cr, tid, errno)
        })
    })
}

// ---- readiness ------------------------------------------------------------------------------

/// The sockets of a Windows fd_set.
///
/// # Safety
/// `set` null or a Windows fd_set.
unsafe fn members(set: *const FD_SET) -> Vec<SOCKET> {
    if set.is_null() {
        return Vec::new();
    }
    // SAFETY: caller contract; the array may be longer than 64 entries, so index by pointer.
    unsafe {
        let arr = std::ptr::addr_of!((*set).fd_array) as *const SOCKET;
        (0..(*set).fd_count as usize).map(|i| *arr.add(i)).collect()
    }
}

/// select: the layer below sees its own sockets (the same values for IFS layers). The sets
/// are rebuilt with lower sockets, and afterwards keep the caller's handles whose lower
/// socket is set (tested with WPUFDIsSet, as the SPI asks).
unsafe extern "system" fn wsp_select(
    nfds: i32,
    r: *mut FD_SET,
    w: *mut FD_SET,
    e: *mut FD_SET,
    timeout: *const TIMEVAL,
    errno: *mut i32,
) -> i32 {
    guard(errno, SOCKET_ERROR, || {
        let sets = [r, w, e];
        // SAFETY: the caller's fd_sets.
        let mine: Vec<Vec<SOCKET>> = sets.iter().map(|s| unsafe { members(*s) }).collect();
        let mut link = None;
        let mut lower: Vec<Vec<SOCKET>> = Vec::new();
        for m in &mine {
            let mut v = Vec::with_capacity(m.len());
            for s in m {
                let (ls, l) = lookup(*s)?;
                link.get_or_insert(l);
                v.push(ls);
            }
            lower.push(v);
        }
        let link = link.ok_or(WSAEINVAL)?;
        // Lower sets: the count and as many entries as the caller's (FD_SET holds 64; larger
        // sets live in a buffer of the same layout).
        let mut bufs: Vec<Vec<usize>> = lower
            .iter()
            .map(|v| {
                std::iter::once(v.len()).chain(v.iter().copied()).chain(std::iter::repeat_n(0, 64usize.saturating_sub(v.len()))).collect()
            })
            .collect();
        let ptr =
            |k: usize, b: &mut Vec<Vec<usize>>| if sets[k].is_null() { std::ptr::null_mut() } else { b[k].as_mut_ptr() as *mut FD_SET };
        let (pr, pw, pe) = (ptr(0, &mut bufs), ptr(1, &mut bufs), ptr(2, &mut bufs));
        // SAFETY: the lower layer's entry with fd_sets we built in its layout.
        let rc = unsafe { link.table.lpWSPSelect.unwrap()(nfds, pr, pw, pe, timeout, errno) };
        if rc != SOCKET_ERROR {
            let isset = up().lpWPUFDIsSet;
            for k in 0..3 {
                if sets[k].is_null() {
                    continue;
                }
                let lset = bufs[k].as_ptr() as *const FD_SET;
                // SAFETY: ws2_32's upcall on the lower set we own.
                let kept: Vec<SOCKET> = mine[k]
                    .iter()
                    .zip(&lower[k])
                    .filter(|(_, ls)| isset.is_some_and(|f| unsafe { f(**ls, lset) } != 0))
                    .map(|(s, _)| *s)
                    .collect();
                // SAFETY: writing back at most as many entries as the caller's set held.
                unsafe {
                    let arr = std::ptr::addr_of_mut!((*sets[k]).fd_array) as *mut SOCKET;
                    for (i, s) in kept.iter().enumerate() {
                        *arr.add(i) = *s;
                    }
                    (*sets[k]).fd_count = kept.len() as u32;
                }
            }
        }
        let n = mine.iter().map(|m| m.len() as u32).sum();
        state().layer.observe(INVALID_SOCKET, Call::Select { sockets: n }, outcome(rc, errno));
        Ok(rc)
    })
}

#[allow(clippy::too_many_arguments)]
unsafe extern "system" fn wsp_ioctl(
    s: SOCKET,
    code: u32,
    inb: *const c_void,
    inlen: u32,
    outb: *mut c_void,
    outlen: u32,
    ret: *mut u32,
    ov: *mut OVERLAPPED,
    cr: LPWSAOVERLAPPED_COMPLETION_ROUTINE,
    tid: *const WSATHREADID,
    errno: *mut i32,
) -> i32 {
    guard(errno, SOCKET_ERROR, || {
        let (ls, link) = lookup(s)?;
        if code == SIO_WS2_POLL && !inb.is_null() {
            return Ok(poll(s, ls, link, inb as *mut WSAPOLLFD, inlen, outb, outlen, ret, errno));
        }
        // SAFETY: the lower layer's entry with the caller's arguments.
        let rc = unsafe { link.table.lpWSPIoctl.unwrap()(ls, code, inb, inlen, outb, outlen, ret, ov, cr, tid, errno) };
        state().layer.observe(s, Call::Ioctl { code }, outcome(rc, errno));
        Ok(rc)
    })
}

/// WSAPoll through this layer: the array is copied with lower sockets, polled below, and the
/// results copied back.
#[allow(clippy::too_many_arguments)]
fn poll(
    s: SOCKET,
    ls: SOCKET,
    link: &'static Link,
    fds: *mut WSAPOLLFD,
    n: u32,
    outb: *mut c_void,
    outlen: u32,
    ret: *mut u32,
    errno: *mut i32,
) -> i32 {
    // SAFETY: ws2_32 passes the caller's array of `n` entries.
    let fds = unsafe { std::slice::from_raw_parts_mut(fds, n as usize) };
    let mut lower: Vec<WSAPOLLFD> = fds
        .iter()
        .map(|f| {
            let mut l = *f;
            if (f.fd as isize) >= 0 {
                if let Ok((x, _)) = lookup(f.fd) {
                    l.fd = x;
                }
            }
            l
        })
        .collect();
    // SAFETY: the lower layer's entry with our copy of the array.
    let rc = unsafe {
        link.table.lpWSPIoctl.unwrap()(
            ls,
            SIO_WS2_POLL,
            lower.as_mut_ptr() as *const c_void,
            n,
            outb,
            outlen,
            ret,
            std::ptr::null_mut(),
            None,
            std::ptr::null(),
            errno,
        )
    };
    for (f, l) in fds.iter_mut().zip(&lower) {
        f.revents = l.revents;
    }
    state().layer.observe(s, Call::Poll { sockets: n }, outcome(rc, errno));
    rc
}

// ---- provider-wide --------------------------------------------------------------------------

unsafe extern "system" fn wsp_address_to_string(
    a: *const SOCKADDR,
    alen: u32,
    info: *const WSAPROTOCOL_INFOW,
    out: PWSTR,
    outlen: *mut u32,
    errno: *mut i32,
) -> i32 {
    guard(errno, SOCKET_ERROR, || {
        let l = link_for(info)?;
        // SAFETY: the lower layer's entry with the info it expects.
        Ok(unsafe { l.table.lpWSPAddressToString.unwrap()(a, alen, &l.next_info, out, outlen, errno) })
    })
}

unsafe extern "system" fn wsp_string_to_address(
    text: PCWSTR,
    af: i32,
    info: *const WSAPROTOCOL_INFOW,
    a: *mut SOCKADDR,
    alen: *mut i32,
    errno: *mut i32,
) -> i32 {
    guard(errno, SOCKET_ERROR, || {
        let l = link_for(info)?;
        // SAFETY: the lower layer's entry with the info it expects.
        Ok(unsafe { l.table.lpWSPStringToAddress.unwrap()(text, af, &l.next_info, a, alen, errno) })
    })
}

unsafe extern "system" fn wsp_cancel_blocking_call(errno: *mut i32) -> i32 {
    // Winsock 2 has no blocking hooks to cancel.
    set_err(errno, WSAEOPNOTSUPP);
    SOCKET_ERROR
}

unsafe extern "system" fn wsp_cleanup(errno: *mut i32) -> i32 {
    guard(errno, SOCKET_ERROR, || {
        let st = state();
        let mut starts = st.starts.lock().unwrap_or_else(|e| e.into_inner());
        if *starts == 0 {
            return Err(WSANOTINITIALISED);
        }
        *starts -= 1;
        if *starts == 0 {
            // The last cleanup: the layers below are cleaned up once per start we gave them.
            st.by_chain.lock().unwrap_or_else(|e| e.into_inner()).clear();
            for l in std::mem::take(&mut *st.links.lock().unwrap_or_else(|e| e.into_inner())) {
                let mut e = 0;
                // SAFETY: the lower layer's entry, once per successful WSPStartup.
                unsafe { l.table.lpWSPCleanup.unwrap()(&mut e) };
            }
        }
        Ok(0)
    })
}
