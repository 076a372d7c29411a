//! I/O completion ports: CreateIoCompletionPort, GetQueuedCompletionStatus(Ex),
//! PostQueuedCompletionStatus, and the association of sockets with a port and completion key
//! (with SetFileCompletionNotificationModes' skip-on-success flag). Completions of overlapped
//! socket operations arrive here through WPUCompleteOverlappedRequest.

use super::handles::{self, Object};
use super::thread;
use crate::abi::{OVERLAPPED, SOCKET};
use crate::handle_map::HandleMap;
use crate::sys::engine::portset::{self, PortSet, PortSets};
use crate::sys::engine::Debtor;
use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::sync::atomic::{AtomicBool, AtomicU8, AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, Weak};
use std::time::{Duration, Instant};

#[derive(Clone, Copy)]
pub struct Packet {
    pub key: usize,
    pub ov: usize,
    pub bytes: u32,
    /// 0, or the Win32 error the operation failed with.
    pub error: u32,
}

/// Packets taken in one dequeue: a GetQueuedCompletionStatusEx batch fits without allocating.
pub type Packets = smallvec::SmallVec<[Packet; 64]>;

pub struct Port {
    queue: Mutex<VecDeque<Packet>>,
    cv: Condvar,
    closed: AtomicBool,
    /// Threads blocked in `dequeue` (changed under `queue`): a post wakes one only if any.
    sleepers: AtomicUsize,
    /// Sleepers already woken for queued packets and not yet back (changed under `queue`): a
    /// post wakes another sleeper only for packets no woken thread is coming for.
    signalled: AtomicUsize,
    /// The readiness sets of the sockets associated with the port, which waiting threads poll
    /// themselves (sys::engine::portset); None if they could not be made.
    sets: Option<Arc<PortSets>>,
    /// The sets of the threads waiting in them, most recent last (changed under `queue`): a
    /// post kicks the most recent one not kicked yet, as Windows releases waiters LIFO.
    waiting: Mutex<Vec<Arc<PortSet>>>,
    /// Packets were queued without waking anyone (see `post_completion`) and no settling has
    /// run since.
    owing: AtomicBool,
}

impl Drop for Port {
    fn drop(&mut self) {
        if let Some(sets) = &self.sets {
            sets.retire();
        }
    }
}

/// What a thread knows about its own dealings with completion ports (one thread-local, as
/// each access from a shared library is a call to __tls_get_addr).
struct PortThread {
    /// Packets produced during the completion engine's current round on this thread, queued
    /// (in order) when the round ends; a port is named only where it changes (None: the
    /// previous entry's), sparing a shared reference count change per packet.
    deferred: RefCell<Vec<(Option<Arc<Port>>, Packet)>>,
    /// The port named last in `deferred`.
    deferred_port: Cell<*const Port>,
    /// The port whose packets this thread is handling: from a dequeue that returned packets
    /// to the thread's next dequeue.
    handling: Cell<*const Port>,
    /// The port this thread queued completion packets to without waking anyone.
    debt: RefCell<Option<Arc<Port>>>,
    /// While this thread performs readiness it harvested for a port: that port, and how many
    /// more of the packets produced for it the thread takes itself (into `taken`) instead of
    /// queueing them.
    taker: Cell<(*const Port, usize)>,
    taken: RefCell<Vec<Packet>>,
}

thread_local! {
    static ME: PortThread = const {
        PortThread {
            deferred: RefCell::new(Vec::new()),
            deferred_port: Cell::new(std::ptr::null()),
            handling: Cell::new(std::ptr::null()),
            debt: RefCell::new(None),
            taker: Cell::new((std::ptr::null(), 0)),
            taken: RefCell::new(Vec::new()),
        }
    };
}

/// Wakes, for the calling thread's deferred completion packets, the threads they were due
/// (the thread is about to block, or waits on another port).
pub fn settle_mine() {
    let owed = ME.with(|m| {
        m.handling.set(std::ptr::null());
        m.debt.borrow_mut().take()
    });
    if let Some(p) = owed {
        p.settle();
    }
}

impl Debtor for Port {
    fn owes(&self) -> bool {
        self.owing.load(Ordering::SeqCst)
    }

    fn settle(&self) {
        self.owing.store(false, Ordering::SeqCst);
        let q = self.queue.lock().unwrap_or_else(|e| e.into_inner());
        let due = if q.is_empty() { (0, None) } else { self.wakes_due(q.len()) };
        drop(q);
        self.wake(due);
    }
}

/// The engine's round-end hook: queues the round's packets, one lock and at most one wake-up
/// per sleeping thread and port.
fn flush_deferred() {
    ME.with(|m| {
        let mut batch = std::mem::take(&mut *m.deferred.borrow_mut());
        m.deferred_port.set(std::ptr::null());
        let (taker, mut room) = m.taker.get();
        let mut rest = &batch[..];
        while let Some((Some(port), _)) = rest.first() {
            let n = 1 + rest[1..].iter().take_while(|(p, _)| p.is_none()).count();
            let (group, after) = rest.split_at(n);
            let mine = if std::ptr::eq(Arc::as_ptr(port), taker) { room.min(n) } else { 0 };
            if mine > 0 {
                m.taken.borrow_mut().extend(group[..mine].iter().map(|(_, p)| *p));
                room -= mine;
            }
            if mine < n {
                port.post_many(group[mine..].iter().map(|(_, p)| *p));
            }
            rest = after;
        }
        m.taker.set((taker, room));
        // Give the (now empty) buffer back for the next round.
        batch.clear();
        let mut d = m.deferred.borrow_mut();
        if d.is_empty() && d.capacity() < batch.capacity() {
            *d = batch;
        }
    });
}

impl Port {
    pub fn post(self: &Arc<Self>, p: Packet) {
        if crate::sys::engine::in_round() {
            ME.with(|m| {
                let same = m.deferred_port.replace(Arc::as_ptr(self)) == Arc::as_ptr(self);
                m.deferred.borrow_mut().push((if same { None } else { Some(self.clone()) }, p));
            });
            return;
        }
        self.post_many(std::iter::once(p));
    }

    /// Queues the completion packet of an operation. A thread handling this port's packets
    /// that completes an operation at once (WSASend from a completion handler) will come back
    /// to the port for that packet itself: waking another thread for it would cost a context
    /// switch per packet. So the wake-up is deferred until the thread comes back (it takes the
    /// packet), blocks in a wait of ours, or `nest::GRACE` passes (the reactor settles it);
    /// the packet itself is queued at once, for any thread that asks.
    pub fn post_completion(self: &Arc<Self>, p: Packet) {
        // (Without sets there is no nest timer to bound the delay.)
        if self.sets.is_none() || crate::sys::engine::in_round() {
            return self.post(p);
        }
        let deferred = ME.with(|m| {
            if !std::ptr::eq(m.handling.get(), Arc::as_ptr(self)) {
                return false;
            }
            self.queue.lock().unwrap_or_else(|e| e.into_inner()).push_back(p);
            let mut d = m.debt.borrow_mut();
            if d.is_none() {
                *d = Some(self.clone());
            }
            true
        });
        if !deferred {
            return self.post(p);
        }
        if !self.owing.swap(true, Ordering::SeqCst) {
            let weak: Weak<dyn Debtor> = Arc::downgrade(self) as Weak<dyn Debtor>;
            crate::sys::engine::owe(weak);
        }
    }

    fn post_many(&self, ps: impl Iterator<Item = Packet>) {
        let mut q = self.queue.lock().unwrap_or_else(|e| e.into_inner());
        q.extend(ps);
        let due = self.wakes_due(q.len());
        drop(q);
        self.wake(due);
    }

    /// Who to wake for `queued` packets (called under `queue`): how many more sleepers (counted
    /// as signalled), and which thread waiting in its set to kick for the rest.
    fn wakes_due(&self, queued: usize) -> (usize, Option<Arc<PortSet>>) {
        let signalled = self.signalled.load(Ordering::Relaxed);
        let idle = self.sleepers.load(Ordering::Relaxed).saturating_sub(signalled);
        let wake = idle.min(queued.saturating_sub(signalled));
        self.signalled.store(signalled + wake, Ordering::Relaxed);
        let mut kick = None;
        if queued > signalled + wake {
            let waiting = self.waiting.lock().unwrap_or_else(|e| e.into_inner());
            let coming = waiting.iter().filter(|s| s.is_kicked()).count();
            if queued > signalled + wake + coming {
                kick = waiting.iter().rev().find(|s| s.mark_kicked()).cloned();
            }
        }
        (wake, kick)
    }

    fn wake(&self, (sleepers, kick): (usize, Option<Arc<PortSet>>)) {
        for _ in 0..sleepers {
            self.cv.notify_one();
        }
        if let Some(set) = kick {
            set.kick();
        }
    }

    /// Kicks every waiting thread (the port is closing).
    fn kick_all(&self) {
        let sets: Vec<Arc<PortSet>> = self.waiting.lock().unwrap_or_else(|e| e.into_inner()).clone();
        for s in sets {
            s.mark_kicked();
            s.kick();
        }
    }

    pub(super) fn wake_all(&self) {
        let _g = self.queue.lock().unwrap_or_else(|e| e.into_inner());
        self.cv.notify_all();
    }

    /// Dequeues up to `max` packets, waiting until `deadline` for the first. Err: the wait
    /// ended without a packet — WAIT_TIMEOUT, ERROR_ABANDONED_WAIT_0 (port closed) or
    /// WAIT_IO_COMPLETION (APCs ran, alertable waits only).
    pub fn dequeue(self: &Arc<Self>, out: &mut Packets, max: usize, deadline: Option<Instant>, alertable: bool) -> Result<(), u32> {
        let me = alertable.then(thread::current);
        let park = |on: bool, me: &Option<Arc<thread::ThreadCtx>>, port: Option<Arc<Port>>| {
            if let Some(m) = me {
                m.park_on(if on { port } else { None });
            }
        };
        park(true, &me, Some(self.clone()));
        // Back at the port: this thread takes its own deferred packets; wake-ups it owes
        // another port are due now.
        let owed = ME.with(|m| {
            m.handling.set(std::ptr::null());
            m.debt.borrow_mut().take()
        });
        match owed {
            Some(p) if Arc::ptr_eq(&p, self) => self.owing.store(false, Ordering::SeqCst),
            Some(other) => other.settle(),
            None => {}
        }
        let start = out.len();
        let mut q = self.queue.lock().unwrap_or_else(|e| e.into_inner());
        let r = loop {
            // Packets this thread's own readiness produced (see `poll`) are in `out` already;
            // queued ones may be what it was kicked for: it takes what fits.
            if !q.is_empty() || out.len() > start {
                let n = (max - (out.len() - start)).min(q.len());
                out.extend(q.drain(..n));
                // Packets left over go to another waiter, if none is already coming.
                let due = if q.is_empty() { (0, None) } else { self.wakes_due(q.len()) };
                drop(q);
                self.wake(due);
                park(false, &me, None);
                ME.with(|m| m.handling.set(Arc::as_ptr(self)));
                return Ok(());
            }
            if self.closed.load(Ordering::Acquire) {
                break Err(super::ERROR_ABANDONED_WAIT_0);
            }
            if let Some(m) = &me {
                if m.has_apcs() {
                    drop(q);
                    park(false, &me, None);
                    m.run_apcs();
                    return Err(super::WAIT_IO_COMPLETION);
                }
            }
            let left = super::wait::remaining(deadline);
            if left.is_some_and(|d| d.is_zero()) {
                break Err(super::WAIT_TIMEOUT);
            }
            // Non-alertable waits poll the port's sockets themselves (an APC could not
            // interrupt the poll).
            if let (None, Some(set)) = (&me, self.sets.as_ref().and_then(|s| s.mine())) {
                q = self.poll(q, &set, out, max, left);
                continue;
            }
            self.sleepers.fetch_add(1, Ordering::Relaxed);
            q = match left {
                None => self.cv.wait(q).unwrap_or_else(|e| e.into_inner()),
                Some(d) => self.cv.wait_timeout(q, d).unwrap_or_else(|e| e.into_inner()).0,
            };
            self.sleepers.fetch_sub(1, Ordering::Relaxed);
            let signalled = self.signalled.load(Ordering::Relaxed);
            self.signalled.store(signalled.saturating_sub(1), Ordering::Relaxed);
        };
        drop(q);
        park(false, &me, None);
        r
    }

    /// Waits in the thread's set until readiness, a kick or the timeout, and performs the
    /// readiness harvested; up to `max` of the packets that produces for this port go to
    /// `out` directly (the rest are queued as usual).
    fn poll<'a>(
        &'a self,
        q: MutexGuard<'a, VecDeque<Packet>>,
        set: &Arc<PortSet>,
        out: &mut Packets,
        max: usize,
        left: Option<Duration>,
    ) -> MutexGuard<'a, VecDeque<Packet>> {
        let timeout = left.map_or(-1, |d| d.as_micros().div_ceil(1000).min(i32::MAX as u128) as i32);
        self.waiting.lock().unwrap_or_else(|e| e.into_inner()).push(set.clone());
        drop(q);
        // Readiness beyond what this call returns stays unharvested (no operation performed,
        // so no packet that would wake another thread): the next call takes it.
        let mut evs = portset::Events::<256>::new().limited(max);
        set.wait(&mut evs, timeout);
        let q = self.queue.lock().unwrap_or_else(|e| e.into_inner());
        {
            let mut waiting = self.waiting.lock().unwrap_or_else(|e| e.into_inner());
            if let Some(i) = waiting.iter().rposition(|s| Arc::ptr_eq(s, set)) {
                waiting.remove(i);
            }
            set.unkick();
        }
        if evs.as_slice().is_empty() {
            return q;
        }
        drop(q);
        ME.with(|m| m.taker.set((self as *const Port, max)));
        crate::sys::engine::dispatch_batch(evs.as_slice());
        ME.with(|m| {
            m.taker.set((std::ptr::null(), 0));
            out.extend(m.taken.borrow_mut().drain(..));
        });
        self.queue.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub fn close(&self) {
        self.closed.store(true, Ordering::Release);
        self.wake_all();
        self.kick_all();
    }
}

pub fn create() -> usize {
    crate::sys::engine::set_round_end(flush_deferred);
    let p = Arc::new(Port {
        queue: Mutex::new(VecDeque::new()),
        cv: Condvar::new(),
        closed: AtomicBool::new(false),
        sleepers: AtomicUsize::new(0),
        signalled: AtomicUsize::new(0),
        sets: PortSets::new().ok(),
        waiting: Mutex::new(Vec::new()),
        owing: AtomicBool::new(false),
    });
    handles::insert(Object::Port(p))
}

pub fn close(h: usize) -> bool {
    match handles::remove(h) {
        Some(Object::Port(p)) => {
            p.close();
            true
        }
        Some(other) => {
            handles::insert_back(h, other);
            false
        }
        None => false,
    }
}

/// Per socket handle: its completion port and key, and its notification modes (a slot per
/// handle, so completing an operation takes no lock other threads contend for).
#[derive(Default)]
#[repr(align(64))] // neighbouring sockets are often served by different threads
struct Assoc {
    port: Mutex<Option<(Arc<Port>, usize)>>,
    modes: AtomicU8,
}

pub const FILE_SKIP_COMPLETION_PORT_ON_SUCCESS: u8 = 1;
pub const FILE_SKIP_SET_EVENT_ON_HANDLE: u8 = 2;

static ASSOC: HandleMap<Assoc> = HandleMap::new();

/// Associates a socket with a port; a socket can be associated once (ERROR_INVALID_PARAMETER).
pub fn associate(s: SOCKET, port: Arc<Port>, key: usize) -> Result<(), u32> {
    let a = ASSOC.slot(s).ok_or(super::ERROR_INVALID_PARAMETER)?;
    let mut p = a.port.lock().unwrap_or_else(|e| e.into_inner());
    if p.is_some() {
        return Err(super::ERROR_INVALID_PARAMETER);
    }
    if let Some(sets) = &port.sets {
        portset::route(s as i32, sets);
    }
    *p = Some((port, key));
    Ok(())
}

pub fn set_modes(s: SOCKET, modes: u8) {
    if let Some(a) = ASSOC.slot(s) {
        a.modes.store(modes, Ordering::Relaxed);
    }
}

/// Whether an operation on `s` that completes at once skips its completion packet.
pub fn skips_on_success(s: SOCKET) -> bool {
    ASSOC.get(s).is_some_and(|a| a.modes.load(Ordering::Relaxed) & FILE_SKIP_COMPLETION_PORT_ON_SUCCESS != 0)
}

/// Forgets a closed socket's association.
pub fn forget(s: SOCKET) {
    let Some(a) = ASSOC.get(s) else { return };
    a.modes.store(0, Ordering::Relaxed);
    if a.port.lock().unwrap_or_else(|e| e.into_inner()).take().is_some() {
        portset::release(s as i32);
    }
}

/// Queues the completion of an overlapped operation on `s` to its port, if it has one.
/// Returns whether a packet was queued.
/// `now`: queue it at once, not at the end of the engine's round or the handler's return.
pub fn complete(s: SOCKET, ov: *mut OVERLAPPED, bytes: u32, error: u32, now: bool) -> bool {
    let Some(a) = ASSOC.get(s) else { return false };
    // Posting under the slot's lock spares a reference count change on the shared port.
    let port = a.port.lock().unwrap_or_else(|e| e.into_inner());
    match port.as_ref() {
        Some((p, key)) => {
            let packet = Packet { key: *key, ov: ov as usize, bytes, error };
            if now {
                p.post_many(std::iter::once(packet));
            } else {
                p.post_completion(packet);
            }
            true
        }
        None => false,
    }
}

/// Whether `s` is associated with a completion port (its operations outlive their thread).
pub fn is_associated(s: SOCKET) -> bool {
    ASSOC.get(s).is_some_and(|a| a.port.lock().unwrap_or_else(|e| e.into_inner()).is_some())
}
