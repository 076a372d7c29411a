//! The io_uring poller: one multishot IORING_OP_POLL_ADD per descriptor, for both directions,
//! which reports the current readiness and then every readiness change until it is removed.
//! Any thread may submit (pushes to the submission ring are serialised by a lock, and each
//! submitter enters the kernel itself); only the reactor thread waits for and consumes
//! completions. A multishot poll the kernel ends by itself (a completion without
//! IORING_CQE_F_MORE) leaves the descriptor unregistered: the next `arm` registers it again.

use super::{poll_bits, spawn_reactor, Dispatch, Poller, READ, WRITE};
use crate::handle_map::HandleMap;
use io_uring::{opcode, squeue, types, IoUring};
use std::sync::atomic::{AtomicU32, AtomicU8, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

/// Marks completions of POLL_REMOVE requests, which carry nothing to dispatch.
const REMOVAL: u64 = 1 << 63;
/// Marks the NOP that wakes the reactor to register `ADOPTED` descriptors itself.
const ADOPT: u64 = 1 << 62;
/// Descriptors waiting to be registered by the reactor (a multishot poll's wake-ups go to
/// the thread that submitted it, as task work).
static ADOPTED: Mutex<Vec<i32>> = Mutex::new(Vec::new());
const GEN_MASK: u32 = 0x1fff_ffff;
const IORING_ENTER_GETEVENTS: u32 = 1;
/// The one poll per descriptor covers both directions.
const BOTH: u8 = READ | WRITE;

#[derive(Default)]
struct Slot {
    armed: AtomicU8,
    /// Bumped by `forget`, so completions for a closed descriptor are recognised as stale.
    gen: AtomicU32,
}

static SLOTS: HandleMap<Slot> = HandleMap::new();
static STRIPES: [Mutex<()>; 64] = [const { Mutex::new(()) }; 64];

fn stripe(fd: i32) -> MutexGuard<'static, ()> {
    STRIPES[fd as usize % 64].lock().unwrap_or_else(|e| e.into_inner())
}

fn user_data(fd: i32, dir: u8, gen: u32) -> u64 {
    fd as u32 as u64 | (dir as u64) << 32 | ((gen & GEN_MASK) as u64) << 34
}

pub struct UringPoller {
    ring: Arc<IoUring>,
    /// Serialises pushes to the submission ring.
    sq: Mutex<()>,
}

impl UringPoller {
    /// Sets up the ring and the reactor; fails where the kernel (or a seccomp policy) refuses
    /// io_uring, and the caller falls back to epoll.
    pub fn start(dispatch: Dispatch) -> std::io::Result<Self> {
        let ring = Arc::new(IoUring::new(4096)?);
        // Prove that POLL_ADD works here (some sandboxes allow setup but not operations).
        let probe = {
            let mut p = io_uring::Probe::new();
            ring.submitter().register_probe(&mut p)?;
            p.is_supported(opcode::PollAdd::CODE) && p.is_supported(opcode::PollRemove::CODE)
        };
        if !probe {
            return Err(std::io::Error::from_raw_os_error(libc::ENOSYS));
        }
        let r = ring.clone();
        spawn_reactor("ws2-uring", move || run(&r, dispatch));
        Ok(UringPoller { ring, sq: Mutex::new(()) })
    }

    fn submit(&self, entries: &[squeue::Entry]) {
        let _g = self.sq.lock().unwrap_or_else(|e| e.into_inner());
        for e in entries {
            loop {
                // SAFETY: the entries refer to no memory; pushes are serialised by `sq`.
                let pushed = unsafe { self.ring.submission_shared().push(e) }.is_ok();
                if pushed {
                    break;
                }
                let _ = self.ring.submit();
            }
        }
        while let Err(e) = self.ring.submit() {
            if e.raw_os_error() != Some(libc::EINTR) && e.raw_os_error() != Some(libc::EAGAIN) {
                break;
            }
        }
    }
}

fn run(ring: &IoUring, dispatch: Dispatch) {
    let mut done: Vec<(u64, i32, bool)> = Vec::with_capacity(256);
    loop {
        // SAFETY: waiting only (no submission), with no argument struct.
        let _ = unsafe { ring.submitter().enter::<libc::sigset_t>(0, 1, IORING_ENTER_GETEVENTS, None) };
        // SAFETY: only this thread consumes completions.
        done.extend(unsafe { ring.completion_shared() }.map(|c| (c.user_data(), c.result(), io_uring::cqueue::more(c.flags()))));
        if done.is_empty() {
            continue;
        }
        super::round(|| reap(&mut done, dispatch));
    }
}

fn reap(done: &mut Vec<(u64, i32, bool)>, dispatch: Dispatch) {
    {
        for (ud, res, more) in done.drain(..) {
            if ud & REMOVAL != 0 {
                continue;
            }
            if ud == ADOPT {
                let fds = std::mem::take(&mut *ADOPTED.lock().unwrap_or_else(|e| e.into_inner()));
                for fd in fds {
                    super::engine().arm(fd, READ);
                }
                continue;
            }
            let fd = ud as u32 as i32;
            let dir = ((ud >> 32) & 3) as u8;
            let gen = ((ud >> 34) as u32) & GEN_MASK;
            let Some(slot) = SLOTS.get(fd as usize) else { continue };
            if more {
                // A stale notification (the descriptor was forgotten meanwhile) costs one
                // dispatch that finds nothing to do.
                if slot.gen.load(Ordering::Acquire) & GEN_MASK != gen {
                    continue;
                }
            } else {
                let _g = stripe(fd);
                if slot.gen.load(Ordering::Acquire) & GEN_MASK != gen {
                    continue;
                }
                {
                    // The poll ended: registered again by the next arm (the dispatch below
                    // re-arms if anything waits).
                    slot.armed.fetch_and(!dir, Ordering::AcqRel);
                }
                if res == -libc::ECANCELED {
                    // Not our removal (the generation matches): the thread that submitted the
                    // poll has exited, and io_uring ends a task's requests with it. The
                    // reactor, which never exits, registers it again; the new poll reports the
                    // readiness this one would have.
                    drop(_g);
                    super::engine().arm(fd, BOTH);
                    continue;
                }
            }
            if res == -libc::ECANCELED || res == -libc::EBADF {
                continue;
            }
            let revents = if res < 0 { libc::POLLERR as u32 } else { res as u32 };
            dispatch(fd, revents);
        }
    }
}

impl Poller for UringPoller {
    fn arm(&self, fd: i32, _dirs: u8) {
        let Some(slot) = SLOTS.slot(fd as usize) else { return };
        if slot.armed.load(Ordering::Acquire) != 0 {
            return;
        }
        // The stripe stays held while submitting, so an arm and a forget of the same
        // descriptor reach the ring in the order they happened.
        let _g = stripe(fd);
        if slot.armed.load(Ordering::Acquire) != 0 {
            return;
        }
        slot.armed.store(BOTH, Ordering::Release);
        let gen = slot.gen.load(Ordering::Acquire);
        let e = opcode::PollAdd::new(types::Fd(fd), poll_bits(READ | WRITE)).multi(true).build().user_data(user_data(fd, BOTH, gen));
        self.submit(&[e]);
    }

    fn forget(&self, fd: i32) -> bool {
        let Some(slot) = SLOTS.get(fd as usize) else { return false };
        let _g = stripe(fd);
        let gen = slot.gen.fetch_add(1, Ordering::AcqRel);
        let armed = slot.armed.swap(0, Ordering::AcqRel);
        if armed != 0 {
            // Submitted before the caller closes the descriptor, so the poll never outlives
            // it on a reused number.
            self.submit(&[opcode::PollRemove::new(user_data(fd, BOTH, gen)).build().user_data(REMOVAL)]);
        }
        armed != 0
    }

    fn adopt(&self, fd: i32) {
        ADOPTED.lock().unwrap_or_else(|e| e.into_inner()).push(fd);
        self.submit(&[opcode::Nop::new().build().user_data(ADOPT)]);
    }

    fn name(&self) -> &'static str {
        "io_uring"
    }
}
