//! What the base provider remembers about each of its sockets, indexed by file descriptor:
//! the Windows family/type/protocol and catalog entry, and the flags Linux does not keep in a
//! form Windows semantics need (shut-down directions, ever connected, bound, timeouts).

use crate::abi::{SOCKET, WSAENOTSOCK};
use crate::handle_map::HandleMap;
use std::sync::atomic::{AtomicI32, AtomicI64, AtomicU32, AtomicU64, Ordering};
use std::sync::OnceLock;
use std::time::Instant;

pub const IN_USE: u32 = 1 << 0;
pub const NONBLOCKING: u32 = 1 << 1;
pub const SHUT_SEND: u32 = 1 << 2;
pub const SHUT_RECV: u32 = 1 << 3;
pub const CONNECTED: u32 = 1 << 4;
pub const BOUND: u32 = 1 << 5;
pub const LISTENING: u32 = 1 << 6;
pub const REUSEADDR: u32 = 1 << 7;
pub const EXCLUSIVEADDRUSE: u32 = 1 << 8;
/// A non-blocking connect is in progress.
pub const CONNECTING: u32 = 1 << 9;
/// The last connect failed (select reports it in exceptfds, SO_ERROR holds the error).
pub const CONNECT_FAILED: u32 = 1 << 10;
/// WSAEventSelect is in force: the socket stays non-blocking.
pub const EVENT_SELECT: u32 = 1 << 11;
/// SO_UPDATE_ACCEPT_CONTEXT / SO_UPDATE_CONNECT_CONTEXT were applied (AcceptEx/ConnectEx).
pub const CONTEXT_UPDATED: u32 = 1 << 12;
/// The peer reset the connection: Linux reports it once (then end of file, or EPIPE), Windows
/// on every later receive and send (WSAECONNRESET).
pub const RESET: u32 = 1 << 13;
/// SIO_UDP_CONNRESET turned off: a datagram socket's calls ignore the ICMP port unreachable a
/// previous send drew (Linux reports it on connected sockets as ECONNREFUSED, once).
pub const NO_CONNRESET: u32 = 1 << 14;

#[derive(Default)]
pub struct SocketState {
    pub flags: AtomicU32,
    /// Windows address family, socket type and protocol.
    pub af: AtomicI32,
    pub ty: AtomicI32,
    pub protocol: AtomicI32,
    pub catalog_entry_id: AtomicU32,
    /// SO_RCVTIMEO / SO_SNDTIMEO in milliseconds (0: none).
    pub rcv_timeout: AtomicU32,
    pub snd_timeout: AtomicU32,
    /// SO_RCVBUF / SO_SNDBUF as the program set them (-1: never set); Linux reports doubled
    /// and clamped values, Windows what was set.
    pub rcv_buf: AtomicI64,
    pub snd_buf: AtomicI64,
    /// A value the program stored with setsockopt(SO_ERROR), which Windows reports back.
    pub so_error: AtomicI32,
    /// Threads blocked in a call on this socket (closesocket wakes them).
    pub blocked: AtomicU32,
    /// Bumped at every close, so a woken blocked call knows its socket is gone.
    pub generation: AtomicU32,
    /// When the connection was made, for SO_CONNECT_TIME: milliseconds since `epoch()`, plus
    /// one (0: never connected). Meaningful while CONNECTED is set.
    pub connected_at: AtomicU64,
}

impl SocketState {
    #[inline]
    pub fn has(&self, flag: u32) -> bool {
        self.flags.load(Ordering::Acquire) & flag != 0
    }

    #[inline]
    pub fn set(&self, flag: u32, on: bool) {
        if on {
            self.flags.fetch_or(flag, Ordering::AcqRel);
        } else {
            self.flags.fetch_and(!flag, Ordering::AcqRel);
        }
    }

    pub fn af(&self) -> i32 {
        self.af.load(Ordering::Relaxed)
    }

    pub fn ty(&self) -> i32 {
        self.ty.load(Ordering::Relaxed)
    }

    pub fn is_stream(&self) -> bool {
        self.ty() == windows_sys::Win32::Networking::WinSock::SOCK_STREAM
    }

    /// Marks the socket connected (and so bound), noting when for SO_CONNECT_TIME.
    pub fn set_connected(&self) {
        self.connected_at.store(now(), Ordering::Relaxed);
        self.set(RESET, false);
        self.set(CONNECTED | BOUND, true);
    }

    /// Takes the option values kept here (not in the kernel) from a listening socket, as an
    /// accepted socket does on Windows; Linux copies its own options at accept.
    pub fn inherit_options(&self, listener: &SocketState) {
        for (to, from) in [(&self.rcv_timeout, &listener.rcv_timeout), (&self.snd_timeout, &listener.snd_timeout)] {
            to.store(from.load(Ordering::Relaxed), Ordering::Relaxed);
        }
        for (to, from) in [(&self.rcv_buf, &listener.rcv_buf), (&self.snd_buf, &listener.snd_buf)] {
            to.store(from.load(Ordering::Relaxed), Ordering::Relaxed);
        }
    }

    /// The Windows error for a connection the peer reset, remembered for later calls.
    pub fn reset(&self) -> i32 {
        self.set(RESET, true);
        crate::abi::WSAECONNRESET
    }

    /// SO_CONNECT_TIME: whole seconds since a stream socket connected, or None.
    pub fn connected_seconds(&self) -> Option<u32> {
        let at = self.connected_at.load(Ordering::Relaxed);
        (self.is_stream() && self.has(CONNECTED) && at != 0).then(|| (now().saturating_sub(at) / 1000) as u32)
    }
}

/// The clock connect times are read from (monotonic, process-wide).
fn epoch() -> Instant {
    static EPOCH: OnceLock<Instant> = OnceLock::new();
    *EPOCH.get_or_init(Instant::now)
}

fn now() -> u64 {
    epoch().elapsed().as_millis() as u64 + 1
}

static SOCKETS: HandleMap<SocketState> = HandleMap::new();

/// The state of one of our sockets, or WSAENOTSOCK.
#[inline]
pub fn get(s: SOCKET) -> Result<&'static SocketState, i32> {
    match SOCKETS.get(s) {
        Some(st) if st.has(IN_USE) => Ok(st),
        _ => Err(WSAENOTSOCK),
    }
}

/// Records a new socket.
pub fn insert(fd: i32, af: i32, ty: i32, protocol: i32, catalog_entry_id: u32, flags: u32) -> Result<&'static SocketState, i32> {
    let st = SOCKETS.slot(fd as usize).ok_or(WSAENOTSOCK)?;
    st.af.store(af, Ordering::Relaxed);
    st.ty.store(ty, Ordering::Relaxed);
    st.protocol.store(protocol, Ordering::Relaxed);
    st.catalog_entry_id.store(catalog_entry_id, Ordering::Relaxed);
    st.rcv_timeout.store(0, Ordering::Relaxed);
    st.snd_timeout.store(0, Ordering::Relaxed);
    st.rcv_buf.store(-1, Ordering::Relaxed);
    st.snd_buf.store(-1, Ordering::Relaxed);
    st.so_error.store(0, Ordering::Relaxed);
    st.connected_at.store(if flags & CONNECTED != 0 { now() } else { 0 }, Ordering::Relaxed);
    st.flags.store(flags | IN_USE, Ordering::Release);
    Ok(st)
}

/// Forgets a socket (before its descriptor is closed).
pub fn remove(s: SOCKET) {
    if let Some(st) = SOCKETS.get(s) {
        st.generation.fetch_add(1, Ordering::AcqRel);
        st.flags.store(0, Ordering::Release);
    }
}

/// Marks the calling thread as blocked in a call on `st` until the guard drops; `closed()`
/// tells whether closesocket ran meanwhile.
pub struct Blocked<'a> {
    st: &'a SocketState,
    gen: u32,
}

impl<'a> Blocked<'a> {
    pub fn enter(st: &'a SocketState) -> Self {
        st.blocked.fetch_add(1, Ordering::AcqRel);
        Blocked { st, gen: st.generation.load(Ordering::Acquire) }
    }

    pub fn closed(&self) -> bool {
        self.st.generation.load(Ordering::Acquire) != self.gen
    }
}

impl Drop for Blocked<'_> {
    fn drop(&mut self) {
        self.st.blocked.fetch_sub(1, Ordering::AcqRel);
    }
}
