//! Completion-port readiness sets. A socket associated with a completion port is registered,
//! instead of in the engine, in an epoll set (edge-triggered, like the engine) of one of the
//! threads that wait on that port: each thread waiting in GetQueuedCompletionStatus has a set
//! of its own and waits on it itself. Readiness wakes that thread directly, which performs the
//! operation and takes the completion packet, with no hop through the reactor; and, as in a
//! hand-written epoll server with a set per thread, readiness on a busy thread's sockets waits
//! for it (or for the nest, see below) instead of waking another thread for each event. A
//! socket goes to the set with the fewest sockets when it is first registered; sockets
//! registered before any thread waited on the port go to the port's shared set.
//!
//! A set whose thread is elsewhere is watched by the reactor through the nest (nest.rs) after
//! a grace period, and the shared set always is: every set is watched by someone at all times.
//!
//! Each thread set has an eventfd (`kick`) by which the port wakes that thread when a packet is
//! queued for it by another thread; the port chooses whom to kick (see kernel::iocp).

use super::nest::{self, still_due, Progress, ThreadClock};
use super::{dispatch, engine, epoll_ctl, epoll_register, poll_bits, READ, WRITE};
use crate::handle_map::HandleMap;
use std::cell::RefCell;
use std::mem::MaybeUninit;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, Weak};
use std::time::{Duration, Instant};

/// The epoll data of the kick eventfd (descriptors are never this large).
const KICK: u64 = u64::MAX;

/// Room for epoll events, left uninitialised: epoll_wait fills what it reports (zeroing a few
/// kilobytes per wait showed up in profiles).
pub struct Events<const N: usize> {
    buf: [MaybeUninit<libc::epoll_event>; N],
    len: usize,
    /// At most this many per wait.
    limit: usize,
}

impl<const N: usize> Events<N> {
    pub fn new() -> Self {
        Events { buf: [const { MaybeUninit::uninit() }; N], len: 0, limit: N }
    }

    /// Takes at most `limit` events per wait (at least one).
    pub fn limited(mut self, limit: usize) -> Self {
        self.limit = limit.clamp(1, N);
        self
    }

    pub fn as_slice(&self) -> &[libc::epoll_event] {
        // SAFETY: the first `len` entries were written by epoll_wait.
        unsafe { std::slice::from_raw_parts(self.buf.as_ptr() as *const libc::epoll_event, self.len) }
    }

    /// epoll_wait into the buffer (EINTR retried; other errors leave it empty).
    pub(super) fn wait(&mut self, epfd: i32, timeout_ms: i32) -> &mut [libc::epoll_event] {
        self.len = loop {
            // SAFETY: the buffer has room for N ≥ limit entries; the kernel writes at most limit.
            let n = unsafe { libc::epoll_wait(epfd, self.buf.as_mut_ptr() as *mut libc::epoll_event, self.limit as i32, timeout_ms) };
            if n >= 0 {
                break n as usize;
            }
            if crate::sys::socket::errno() != libc::EINTR {
                break 0;
            }
        };
        // SAFETY: as in as_slice.
        unsafe { std::slice::from_raw_parts_mut(self.buf.as_mut_ptr() as *mut libc::epoll_event, self.len) }
    }
}

impl<const N: usize> Default for Events<N> {
    fn default() -> Self {
        Self::new()
    }
}

/// A completion port's sets.
pub struct PortSets {
    /// Sockets registered while no live thread had waited on the port; the reactor's.
    shared: Arc<PortSet>,
    /// One set per thread that has waited on the port.
    threads: Mutex<Vec<Arc<PortSet>>>,
}

/// One epoll set.
pub struct PortSet {
    epfd: i32,
    /// The eventfd that wakes the set's thread.
    kick_fd: i32,
    /// Kicked and not yet back from its wait (changed under the port's lock, and by the
    /// thread seeing the kick).
    kicked: AtomicBool,
    nest: Mutex<Nest>,
    /// Sockets registered here.
    load: AtomicUsize,
    /// Its thread has exited: new sockets go elsewhere.
    orphan: AtomicBool,
    /// The CPU clock of the thread that waits in it (None: the shared set).
    clock: Option<ThreadClock>,
}

struct Nest {
    /// Threads inside `wait`.
    waiters: usize,
    /// Whether the nest reports the set to the reactor.
    nested: bool,
    /// When the last waiter left.
    idle_since: Option<Instant>,
    /// The thread's CPU time at the nest timer's last look (see nest::still_due).
    last_cpu: Progress,
}

/// A socket's route: its port's sets, and the set it is registered in.
#[derive(Default)]
struct Route {
    inner: Mutex<Placement>,
    routed: AtomicBool,
    registered: AtomicBool,
}

/// Under `Route::inner`: the port's sets, and the set the socket is registered in.
type Placement = (Option<Arc<PortSets>>, Option<Arc<PortSet>>);

impl Route {
    /// Registers the socket in the set of its port with the fewest sockets.
    fn place(&self, g: &mut Placement, fd: i32) {
        let Some(sets) = g.0.as_ref() else { return };
        let set = sets.choose();
        if set.register(fd) {
            g.1 = Some(set);
            self.registered.store(true, Ordering::Release);
        }
    }

    /// Ends the socket's registration in its set; true if it had one.
    fn leave(&self, g: &mut Placement, fd: i32) -> bool {
        if !self.registered.swap(false, Ordering::AcqRel) {
            return false;
        }
        g.1.take().map(|set| set.unregister(fd)).is_some()
    }
}

static ROUTES: HandleMap<Route> = HandleMap::new();

/// The calling thread's sets, one per port it waited on; marked orphans when it exits.
struct MySets(Vec<(Weak<PortSets>, Arc<PortSet>)>);

impl Drop for MySets {
    fn drop(&mut self) {
        for (_, set) in &self.0 {
            set.orphan.store(true, Ordering::Relaxed);
        }
    }
}

thread_local! {
    static MINE: RefCell<MySets> = const { RefCell::new(MySets(Vec::new())) };
}

fn socket_events() -> u32 {
    poll_bits(READ | WRITE) | libc::EPOLLET as u32
}

impl PortSets {
    pub fn new() -> std::io::Result<Arc<PortSets>> {
        let shared = PortSet::new(None)?;
        Ok(Arc::new(PortSets { shared, threads: Mutex::new(Vec::new()) }))
    }

    /// The calling thread's set, made on its first wait.
    pub fn mine(self: &Arc<Self>) -> Option<Arc<PortSet>> {
        MINE.with(|m| {
            let mut m = m.borrow_mut();
            m.0.retain(|(p, _)| p.strong_count() > 0);
            if let Some((_, s)) = m.0.iter().find(|(p, _)| std::ptr::eq(p.as_ptr(), Arc::as_ptr(self))) {
                return Some(s.clone());
            }
            let set = PortSet::new(ThreadClock::current()).ok()?;
            self.threads.lock().unwrap_or_else(|e| e.into_inner()).push(set.clone());
            m.0.push((Arc::downgrade(self), set.clone()));
            Some(set)
        })
    }

    /// Where a socket registers: the live thread set with the fewest sockets, else the shared
    /// set.
    fn choose(&self) -> Arc<PortSet> {
        let mut threads = self.threads.lock().unwrap_or_else(|e| e.into_inner());
        threads.retain(|s| !s.orphan.load(Ordering::Relaxed) || s.load.load(Ordering::Relaxed) > 0);
        threads
            .iter()
            .filter(|s| !s.orphan.load(Ordering::Relaxed))
            .min_by_key(|s| s.load.load(Ordering::Relaxed))
            .unwrap_or(&self.shared)
            .clone()
    }

    /// The port is gone: its sets leave the nest (sockets still registered keep theirs open
    /// until they are closed).
    pub fn retire(&self) {
        nest::remove(&self.shared);
        for s in self.threads.lock().unwrap_or_else(|e| e.into_inner()).iter() {
            nest::remove(s);
        }
    }
}

impl PortSet {
    /// A new set, in the nest (nobody waits on it yet).
    fn new(clock: Option<ThreadClock>) -> std::io::Result<Arc<PortSet>> {
        // SAFETY: plain syscalls; the descriptors are owned by the set from here on.
        let (epfd, kick_fd) =
            unsafe { (libc::epoll_create1(libc::EPOLL_CLOEXEC), libc::eventfd(0, libc::EFD_CLOEXEC | libc::EFD_NONBLOCK)) };
        if epfd < 0 || kick_fd < 0 {
            let e = std::io::Error::last_os_error();
            // SAFETY: closes only what was opened.
            unsafe {
                if epfd >= 0 {
                    libc::close(epfd);
                }
                if kick_fd >= 0 {
                    libc::close(kick_fd);
                }
            }
            return Err(e);
        }
        let set = Arc::new(PortSet {
            epfd,
            kick_fd,
            kicked: AtomicBool::new(false),
            nest: Mutex::new(Nest { waiters: 0, nested: true, idle_since: None, last_cpu: Progress::default() }),
            load: AtomicUsize::new(0),
            orphan: AtomicBool::new(false),
            clock,
        });
        // Level-triggered: a kick stays visible until the set's own thread reads it, even if
        // the reactor draining the set saw it first.
        epoll_ctl(epfd, libc::EPOLL_CTL_ADD, kick_fd, libc::EPOLLIN as u32, KICK).map_err(std::io::Error::from_raw_os_error)?;
        nest::add(&set)?;
        Ok(set)
    }

    pub(super) fn epfd(&self) -> i32 {
        self.epfd
    }

    /// Marks the set kicked; false if it already was (its thread is on its way).
    pub fn mark_kicked(&self) -> bool {
        !self.kicked.swap(true, Ordering::AcqRel)
    }

    pub fn is_kicked(&self) -> bool {
        self.kicked.load(Ordering::Acquire)
    }

    /// Its thread left the wait (it will look at the port's queue): a kick is no longer due.
    pub fn unkick(&self) {
        self.kicked.store(false, Ordering::Release);
    }

    /// Wakes the set's thread (after `mark_kicked`).
    pub fn kick(&self) {
        let one: u64 = 1;
        // SAFETY: writes 8 bytes from a live u64 to our eventfd.
        let _ = unsafe { libc::write(self.kick_fd, &one as *const u64 as *const libc::c_void, 8) };
    }

    /// Waits up to `timeout_ms` (-1: forever) for readiness in the set; returns the socket
    /// events (a kick wakes the call and is not among them).
    pub fn wait<const N: usize>(&self, out: &mut Events<N>, timeout_ms: i32) {
        {
            let mut n = self.nest.lock().unwrap_or_else(|e| e.into_inner());
            n.waiters += 1;
            if n.nested {
                nest::set_in(self, false);
                n.nested = false;
            }
        }
        self.harvest(out, timeout_ms, true);
        let idle = {
            let mut n = self.nest.lock().unwrap_or_else(|e| e.into_inner());
            n.waiters -= 1;
            if n.waiters == 0 {
                n.idle_since = Some(Instant::now());
                n.last_cpu = Progress::default();
            }
            n.waiters == 0
        };
        if idle {
            nest::unwatched();
        }
    }

    /// The nest timer's check: a set whose thread is away goes back in once the thread is
    /// blocked elsewhere or gone (nest::still_due). Returns whether the set still waits for
    /// its turn.
    pub(super) fn settle(&self, now: Instant) -> bool {
        let mut n = self.nest.lock().unwrap_or_else(|e| e.into_inner());
        if n.waiters > 0 || n.nested {
            return false;
        }
        let away = n.idle_since.map_or(Duration::MAX, |t| now.duration_since(t));
        let clock = if self.orphan.load(Ordering::Relaxed) { None } else { self.clock };
        if still_due(clock, &mut n.last_cpu, away) {
            return true;
        }
        nest::set_in(self, true);
        n.nested = true;
        false
    }

    /// Waits in the set; `out` keeps the socket events. A kick is consumed only by the set's
    /// own thread (`own`); the reactor leaves it for that thread.
    fn harvest<const N: usize>(&self, out: &mut Events<N>, timeout_ms: i32, own: bool) {
        let evs = out.wait(self.epfd, timeout_ms);
        let mut kept = 0;
        for i in 0..evs.len() {
            if evs[i].u64 == KICK {
                if own {
                    let mut count = 0u64;
                    // SAFETY: reads the 8-byte counter into a live u64 (non-blocking eventfd).
                    let _ = unsafe { libc::read(self.kick_fd, &mut count as *mut u64 as *mut libc::c_void, 8) };
                    self.kicked.store(false, Ordering::Release);
                }
            } else {
                evs[kept] = evs[i];
                kept += 1;
            }
        }
        out.len = kept;
    }

    /// The reactor's turn (nobody waits on the set): performs everything ready in it.
    pub(super) fn drain(&self) {
        let mut evs = Events::<64>::new();
        loop {
            self.harvest(&mut evs, 0, false);
            for ev in evs.as_slice() {
                dispatch(ev.u64 as i32, ev.events);
            }
            if evs.as_slice().is_empty() {
                break;
            }
        }
    }

    fn register(&self, fd: i32) -> bool {
        let ok = epoll_register(self.epfd, fd, socket_events());
        if ok {
            self.load.fetch_add(1, Ordering::Relaxed);
        }
        ok
    }

    fn unregister(&self, fd: i32) {
        let _ = epoll_ctl(self.epfd, libc::EPOLL_CTL_DEL, fd, 0, 0);
        self.load.fetch_sub(1, Ordering::Relaxed);
    }
}

impl Drop for PortSet {
    fn drop(&mut self) {
        // SAFETY: the set's own descriptors, closed once.
        unsafe {
            libc::close(self.kick_fd);
            libc::close(self.epfd);
        }
    }
}

/// Routes socket `fd` to `sets` (its completion port's); a socket registered in the engine
/// moves over.
pub fn route(fd: i32, sets: &Arc<PortSets>) {
    let Some(r) = ROUTES.slot(fd as usize) else { return };
    let mut g = r.inner.lock().unwrap_or_else(|e| e.into_inner());
    g.0 = Some(sets.clone());
    r.routed.store(true, Ordering::Release);
    if engine().forget(fd) {
        r.place(&mut g, fd);
    }
}

/// Registers a routed socket in a set of its port; false if `fd` is not routed (the
/// engine's job).
pub(super) fn arm(fd: i32) -> bool {
    let Some(r) = ROUTES.get(fd as usize) else { return false };
    if !r.routed.load(Ordering::Acquire) {
        return false;
    }
    if r.registered.load(Ordering::Acquire) {
        return true;
    }
    let mut g = r.inner.lock().unwrap_or_else(|e| e.into_inner());
    if g.0.is_none() {
        return false;
    }
    if !r.registered.load(Ordering::Acquire) {
        r.place(&mut g, fd);
    }
    true
}

/// Removes a socket's registration, keeping the route.
pub(super) fn unregister(fd: i32) {
    let Some(r) = ROUTES.get(fd as usize) else { return };
    if !r.routed.load(Ordering::Acquire) {
        return;
    }
    let mut g = r.inner.lock().unwrap_or_else(|e| e.into_inner());
    r.leave(&mut g, fd);
}

/// Forgets a socket's route and registration: it is being closed, or (`rearm`) its handle's
/// association ended while the descriptor may live on, registered in the engine again.
pub(super) fn unroute(fd: i32, rearm: bool) {
    let Some(r) = ROUTES.get(fd as usize) else { return };
    if !r.routed.load(Ordering::Acquire) {
        return;
    }
    let mut g = r.inner.lock().unwrap_or_else(|e| e.into_inner());
    r.routed.store(false, Ordering::Release);
    g.0 = None;
    if r.leave(&mut g, fd) && rearm {
        engine().arm(fd, READ | WRITE);
    }
}

/// A handle's completion-port association ended (closesocket): its route goes.
pub fn release(fd: i32) {
    unroute(fd, true);
}
