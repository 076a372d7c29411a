//! The nest: where the reactor watches completion-port sets nobody waits on. It is one epoll
//! set, registered in the engine like a socket, holding every port set; a set is "in" (asks
//! for EPOLLIN) or "out" (asks for nothing, which the kernel does not report). A set goes out
//! when a thread starts waiting on it, and back in once it has had no waiter for `GRACE`: a
//! periodic timer, running only while some set is in that state, puts it back. Workers that
//! leave a port to handle packets and come straight back therefore cost no reactor wake-ups,
//! while a port whose threads are all busy elsewhere is still served within `GRACE`.
//!
//! The same timer settles debts: wake-ups a completion port deferred (`owe`) and that nobody
//! has settled within `GRACE`.

use super::portset::PortSet;
use super::{engine, epoll_ctl, READ};
use crate::handle_map::HandleMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, OnceLock, Weak};
use std::time::{Duration, Instant};

/// How long a set may go without a waiter before the reactor watches it again, if its thread
/// is blocked (it ran no CPU time since the last tick) or gone.
const GRACE: Duration = Duration::from_millis(1);
/// The same for a thread that keeps running (busy with the packets it took, or spinning).
const LONG_GRACE: Duration = Duration::from_millis(20);

/// A thread's CPU clock, to tell a thread that is running (and will come back to its port)
/// from one blocked elsewhere — the distinction Windows' concurrency value makes.
#[derive(Clone, Copy)]
pub struct ThreadClock(libc::clockid_t);

impl ThreadClock {
    pub fn current() -> Option<ThreadClock> {
        let mut id: libc::clockid_t = 0;
        // SAFETY: writes the calling thread's CPU clock id into a live local.
        (unsafe { libc::pthread_getcpuclockid(libc::pthread_self(), &mut id) } == 0).then_some(ThreadClock(id))
    }

    /// CPU time used so far, in nanoseconds; None once the thread has exited.
    pub fn read(self) -> Option<u64> {
        let mut t = libc::timespec { tv_sec: 0, tv_nsec: 0 };
        // SAFETY: reads a clock into a live timespec.
        (unsafe { libc::clock_gettime(self.0, &mut t) } == 0).then(|| t.tv_sec as u64 * 1_000_000_000 + t.tv_nsec as u64)
    }
}

/// What the nest timer saw of a thread's CPU time at its last looks.
#[derive(Default)]
pub struct Progress {
    cpu: Option<u64>,
    /// Consecutive looks without CPU time used.
    still: u8,
}

/// Looks without CPU time after which a thread counts as blocked: a runnable thread on a busy
/// machine can go a tick or two without the CPU.
const STALLS: u8 = 3;

/// Whether a thread away for `away` is still to be waited for: it is running (it used CPU
/// time within the last STALLS looks, recorded in `seen`) and LONG_GRACE has not passed; or
/// GRACE has not.
pub(super) fn still_due(clock: Option<ThreadClock>, seen: &mut Progress, away: Duration) -> bool {
    if away < GRACE {
        return true;
    }
    if away >= LONG_GRACE {
        return false;
    }
    let Some(now) = clock.and_then(ThreadClock::read) else { return false };
    if seen.cpu != Some(now) {
        *seen = Progress { cpu: Some(now), still: 0 };
        return true;
    }
    seen.still = seen.still.saturating_add(1);
    seen.still < STALLS
}

struct Nest {
    epfd: i32,
    timer: i32,
}

static NEST: OnceLock<Option<Nest>> = OnceLock::new();
/// Every live set, for the timer's rounds.
static SETS: Mutex<Vec<Weak<PortSet>>> = Mutex::new(Vec::new());
/// Per descriptor: the set whose epoll descriptor it is (nest events carry it).
static BY_FD: HandleMap<Mutex<Option<Weak<PortSet>>>> = HandleMap::new();
/// Something that deferred wake-ups for a thread that was to come back for them.
pub trait Debtor: Send + Sync {
    /// Whether the wake-ups are still owed (the thread has not come back).
    fn owes(&self) -> bool;
    fn settle(&self);
}

struct Debt {
    debtor: Weak<dyn Debtor>,
    since: Instant,
    clock: Option<ThreadClock>,
    last: Progress,
}

static DEBTS: Mutex<Vec<Debt>> = Mutex::new(Vec::new());

/// Records a debt of the calling thread: `d.settle()` runs when the thread blocks elsewhere or
/// exits (checked every GRACE) or after LONG_GRACE, unless it stops owing before.
pub fn owe(d: Weak<dyn Debtor>) {
    let debt = Debt { debtor: d, since: Instant::now(), clock: ThreadClock::current(), last: Progress::default() };
    DEBTS.lock().unwrap_or_else(|e| e.into_inner()).push(debt);
    unwatched();
}

/// Settles the debts that are due; true if others remain.
fn settle_debts(now: Instant) -> bool {
    let due: Vec<Weak<dyn Debtor>> = {
        let mut debts = DEBTS.lock().unwrap_or_else(|e| e.into_inner());
        let mut due = Vec::new();
        debts.retain_mut(|d| {
            if !d.debtor.upgrade().is_some_and(|x| x.owes()) {
                return false;
            }
            if still_due(d.clock, &mut d.last, now.duration_since(d.since)) {
                return true;
            }
            due.push(d.debtor.clone());
            false
        });
        due
    };
    for d in due.iter().filter_map(Weak::upgrade) {
        d.settle();
    }
    !DEBTS.lock().unwrap_or_else(|e| e.into_inner()).is_empty()
}

/// Whether the timer is ticking (changed under TIMER_LOCK).
static TIMER_ON: AtomicBool = AtomicBool::new(false);
static TIMER_LOCK: Mutex<()> = Mutex::new(());

fn nest() -> Option<&'static Nest> {
    NEST.get_or_init(|| {
        // SAFETY: plain syscalls; the descriptors live as long as the process.
        let (epfd, timer) = unsafe {
            (libc::epoll_create1(libc::EPOLL_CLOEXEC), libc::timerfd_create(libc::CLOCK_MONOTONIC, libc::TFD_CLOEXEC | libc::TFD_NONBLOCK))
        };
        if epfd < 0 || timer < 0 {
            return None;
        }
        // Registered by the reactor itself: the wake-ups these bring belong to it.
        engine().adopt(epfd);
        engine().adopt(timer);
        Some(Nest { epfd, timer })
    })
    .as_ref()
}

fn wanted(on: bool) -> u32 {
    if on {
        (libc::EPOLLIN | libc::EPOLLET) as u32
    } else {
        libc::EPOLLET as u32
    }
}

/// Puts a new set in the nest (in: nobody waits on it yet).
pub(super) fn add(set: &Arc<PortSet>) -> std::io::Result<()> {
    let n = nest().ok_or_else(|| std::io::Error::from_raw_os_error(libc::EMFILE))?;
    let slot = BY_FD.slot(set.epfd() as usize).ok_or_else(|| std::io::Error::from_raw_os_error(libc::EMFILE))?;
    *slot.lock().unwrap_or_else(|e| e.into_inner()) = Some(Arc::downgrade(set));
    if let Err(e) = epoll_ctl(n.epfd, libc::EPOLL_CTL_ADD, set.epfd(), wanted(true), set.epfd() as u64) {
        slot.lock().unwrap_or_else(|e| e.into_inner()).take();
        return Err(std::io::Error::from_raw_os_error(e));
    }
    let mut sets = SETS.lock().unwrap_or_else(|e| e.into_inner());
    sets.retain(|w| w.strong_count() > 0);
    sets.push(Arc::downgrade(set));
    Ok(())
}

/// Takes a retiring set out for good.
pub(super) fn remove(set: &PortSet) {
    if let Some(n) = NEST.get().and_then(|n| n.as_ref()) {
        let _ = epoll_ctl(n.epfd, libc::EPOLL_CTL_DEL, set.epfd(), 0, 0);
    }
    if let Some(slot) = BY_FD.get(set.epfd() as usize) {
        slot.lock().unwrap_or_else(|e| e.into_inner()).take();
    }
}

/// Asks the nest to report the set (in) or not (out). Putting a set in reports what became
/// ready while it was out.
pub(super) fn set_in(set: &PortSet, on: bool) {
    if let Some(n) = NEST.get().and_then(|n| n.as_ref()) {
        let _ = epoll_ctl(n.epfd, libc::EPOLL_CTL_MOD, set.epfd(), wanted(on), set.epfd() as u64);
    }
}

fn set_timer(n: &Nest, on: bool) {
    let period = if on { libc::timespec { tv_sec: 0, tv_nsec: GRACE.as_nanos() as i64 } } else { libc::timespec { tv_sec: 0, tv_nsec: 0 } };
    let spec = libc::itimerspec { it_interval: period, it_value: period };
    // SAFETY: `spec` is a live itimerspec; no old value wanted.
    unsafe { libc::timerfd_settime(n.timer, 0, &spec, std::ptr::null_mut()) };
}

/// A set lost its last waiter (or a debt was recorded): the timer runs until nothing waits
/// for it.
pub(super) fn unwatched() {
    if TIMER_ON.load(Ordering::SeqCst) {
        return;
    }
    let _g = TIMER_LOCK.lock().unwrap_or_else(|e| e.into_inner());
    if !TIMER_ON.load(Ordering::SeqCst) {
        if let Some(n) = NEST.get().and_then(|n| n.as_ref()) {
            set_timer(n, true);
            TIMER_ON.store(true, Ordering::SeqCst);
        }
    }
}

/// A timer round on the reactor: sets without a waiter for GRACE go back in.
fn tick(n: &Nest) {
    let mut buf = 0u64;
    // SAFETY: reads the expiry count into a live u64 (the timer is non-blocking).
    let _ = unsafe { libc::read(n.timer, &mut buf as *mut u64 as *mut libc::c_void, 8) };
    {
        let _g = TIMER_LOCK.lock().unwrap_or_else(|e| e.into_inner());
        TIMER_ON.store(false, Ordering::SeqCst);
    }
    let now = Instant::now();
    let sets: Vec<Arc<PortSet>> = SETS.lock().unwrap_or_else(|e| e.into_inner()).iter().filter_map(Weak::upgrade).collect();
    let pending = sets.iter().fold(false, |pending, s| s.settle(now) || pending);
    let pending = settle_debts(now) || pending;
    let _g = TIMER_LOCK.lock().unwrap_or_else(|e| e.into_inner());
    if pending {
        TIMER_ON.store(true, Ordering::SeqCst);
    } else if !TIMER_ON.load(Ordering::SeqCst) {
        set_timer(n, false);
    }
}

/// The engine's dispatch hook: true if `fd` is the nest or its timer (and the reactor did
/// what it reported).
pub(super) fn dispatch(fd: i32) -> bool {
    let Some(Some(n)) = NEST.get() else { return false };
    if fd == n.timer {
        tick(n);
    } else if fd == n.epfd {
        let mut evs = super::portset::Events::<16>::new();
        loop {
            let got = evs.wait(n.epfd, 0);
            if got.is_empty() {
                break;
            }
            for ev in got.iter() {
                let set =
                    BY_FD.get(ev.u64 as usize).and_then(|s| s.lock().unwrap_or_else(|e| e.into_inner()).as_ref().and_then(Weak::upgrade));
                if let Some(set) = set {
                    set.drain();
                }
            }
        }
    } else {
        return false;
    }
    // The engine may have ended a registration by itself (see its contract): renew it.
    engine().arm(fd, READ);
    true
}
