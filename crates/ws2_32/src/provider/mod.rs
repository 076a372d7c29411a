//! The base provider: TCP, UDP and RAW over IPv4 and IPv6 on Linux sockets. It is reached only
//! through the WSPPROC_TABLE its `WSPStartup` fills in — by ws2_32 for the default catalog
//! entries, and by any layered provider that loads this library as the base of its chain.
//!
//! Its sockets are IFS handles: the SOCKET is the Linux file descriptor. Windows semantics that
//! Linux lacks (errors for unbound or shut-down sockets, timeouts in milliseconds, Windows
//! option numbers) are implemented here on top of the `sys` seam.

mod address;
mod asyncstate;
mod bufs;
pub mod cancel;
mod cmsg;
mod msg;
mod mswsock;
mod netevents;
mod netioctl;
mod options;
pub mod overlapped;
pub mod select;
mod socket;
pub mod state;
mod transfer;
mod transmit;
mod unsupported;

use crate::abi::*;
use crate::catalog::{set_wide, ProviderPath};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::RwLock;

/// WSPStartup calls not yet matched by WSPCleanup.
static STARTS: AtomicU32 = AtomicU32::new(0);
/// The most recently supplied upcall table (providers must use the latest one).
static UPCALLS: RwLock<Option<WSPUPCALLTABLE>> = RwLock::new(None);

/// The upcall table ws2_32 gave us.
pub(crate) fn upcalls() -> Option<WSPUPCALLTABLE> {
    *UPCALLS.read().unwrap_or_else(|e| e.into_inner())
}

/// The file that serves an entry's provider; for the built-in one, this library itself (so
/// that a layered provider can dlopen it like any other lower layer).
pub fn path_of(p: &ProviderPath) -> std::path::PathBuf {
    match p {
        ProviderPath::Builtin => crate::sys::socket::own_library_path(),
        ProviderPath::File(f) => f.clone(),
    }
}

/// The base provider's extension function for a WSAID_* GUID (mswsock's exports use it).
pub fn extension_function(id: &GUID) -> Result<usize, i32> {
    mswsock::extension(id)
}

/// The dispatch table of the base provider.
pub fn proc_table() -> WSPPROC_TABLE {
    WSPPROC_TABLE {
        lpWSPAccept: Some(socket::wsp_accept),
        lpWSPAddressToString: Some(address::wsp_address_to_string),
        lpWSPAsyncSelect: Some(unsupported::wsp_async_select),
        lpWSPBind: Some(socket::wsp_bind),
        lpWSPCancelBlockingCall: Some(unsupported::wsp_cancel_blocking_call),
        lpWSPCleanup: Some(wsp_cleanup),
        lpWSPCloseSocket: Some(socket::wsp_close_socket),
        lpWSPConnect: Some(socket::wsp_connect),
        lpWSPDuplicateSocket: Some(unsupported::wsp_duplicate_socket),
        lpWSPEnumNetworkEvents: Some(netevents::wsp_enum_network_events),
        lpWSPEventSelect: Some(netevents::wsp_event_select),
        lpWSPGetOverlappedResult: Some(overlapped::wsp_get_overlapped_result),
        lpWSPGetPeerName: Some(socket::wsp_get_peer_name),
        lpWSPGetSockName: Some(socket::wsp_get_sock_name),
        lpWSPGetSockOpt: Some(options::wsp_get_sock_opt),
        lpWSPGetQOSByName: Some(unsupported::wsp_get_qos_by_name),
        lpWSPIoctl: Some(options::wsp_ioctl),
        lpWSPJoinLeaf: Some(unsupported::wsp_join_leaf),
        lpWSPListen: Some(socket::wsp_listen),
        lpWSPRecv: Some(transfer::wsp_recv),
        lpWSPRecvDisconnect: Some(transfer::wsp_recv_disconnect),
        lpWSPRecvFrom: Some(transfer::wsp_recv_from),
        lpWSPSelect: Some(select::wsp_select),
        lpWSPSend: Some(transfer::wsp_send),
        lpWSPSendDisconnect: Some(transfer::wsp_send_disconnect),
        lpWSPSendTo: Some(transfer::wsp_send_to),
        lpWSPSetSockOpt: Some(options::wsp_set_sock_opt),
        lpWSPShutdown: Some(socket::wsp_shutdown),
        lpWSPSocket: Some(socket::wsp_socket),
        lpWSPStringToAddress: Some(address::wsp_string_to_address),
    }
}

/// Writes `code` through the caller's error pointer and returns `value` (SPI convention).
#[inline]
pub(crate) fn fail<T>(errno: *mut i32, code: i32, value: T) -> T {
    if !errno.is_null() {
        // SAFETY: SPI callers pass a pointer to their own error variable.
        unsafe { *errno = code };
    }
    value
}

/// Runs an SPI body returning Result and maps it to the SPI convention (`fail_value` plus
/// *errno on error). Panics never cross the boundary.
#[inline]
pub(crate) fn spi<T>(errno: *mut i32, fail_value: T, body: impl FnOnce() -> Result<T, i32>) -> T {
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(body)) {
        Ok(Ok(v)) => v,
        Ok(Err(code)) => fail(errno, code, fail_value),
        Err(_) => fail(errno, WSASYSCALLFAILURE, fail_value),
    }
}

/// The provider entry point: negotiates the SPI version (2.2 at most, 2.0 at least), fills in
/// WSPDATA and the dispatch table, and keeps the upcall table.
///
/// # Safety
/// Pointers must be null or valid as the SPI documents.
#[no_mangle]
pub unsafe extern "system" fn WSPStartup(
    requested: u16,
    data: *mut WSPDATA,
    protocol_info: *const WSAPROTOCOL_INFOW,
    upcall_table: WSPUPCALLTABLE,
    proc_table_out: *mut WSPPROC_TABLE,
) -> i32 {
    if data.is_null() || proc_table_out.is_null() || protocol_info.is_null() {
        return WSAEFAULT;
    }
    let (major, minor) = (requested & 0xff, requested >> 8);
    if major < 2 {
        return WSAVERNOTSUPPORTED;
    }
    let version = if major == 2 && minor < 2 { requested } else { WINSOCK_VERSION };
    // SAFETY: checked non-null; the caller owns both structures.
    unsafe {
        let d = &mut *data;
        d.wVersion = version;
        d.wHighVersion = WINSOCK_VERSION;
        set_wide(&mut d.szDescription, "ws2 base provider (TCP/UDP/RAW over Linux sockets)");
        *proc_table_out = proc_table();
    }
    *UPCALLS.write().unwrap_or_else(|e| e.into_inner()) = Some(upcall_table);
    // Readiness from the completion engine runs this provider's queued operations.
    crate::sys::engine::set_dispatch(overlapped::on_ready);
    STARTS.fetch_add(1, Ordering::AcqRel);
    0
}

unsafe extern "system" fn wsp_cleanup(errno: *mut i32) -> i32 {
    let r = STARTS.fetch_update(Ordering::AcqRel, Ordering::Acquire, |n| n.checked_sub(1));
    if r.is_err() {
        return fail(errno, WSANOTINITIALISED, SOCKET_ERROR);
    }
    0
}
