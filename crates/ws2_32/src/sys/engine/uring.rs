//! The io_uring poller: IORING_OP_POLL_ADD requests, one per descriptor and direction. Only
//! the reactor thread touches the ring; other threads queue their requests and wake it
//! through an eventfd, so the ring needs no locking.

use super::{poll_bits, spawn_reactor, Dispatch, Poller, READ, WRITE};
use crate::handle_map::HandleMap;
use io_uring::{opcode, types, IoUring};
use std::sync::atomic::{AtomicU32, AtomicU8, Ordering};
use std::sync::{Mutex, MutexGuard};

/// user_data of the reactor's own poll on its wake-up eventfd.
const WAKE: u64 = u64::MAX;
/// Marks completions of POLL_REMOVE requests, which carry nothing to dispatch.
const REMOVAL: u64 = 1 << 63;
const GEN_MASK: u32 = 0x1fff_ffff;

#[derive(Default)]
struct Slot {
    armed: AtomicU8,
    /// Bumped by `forget`, so completions for a closed descriptor are recognised as stale.
    gen: AtomicU32,
}

enum Req {
    Add { fd: i32, dir: u8, gen: u32 },
    Remove { user_data: u64 },
}

static SLOTS: HandleMap<Slot> = HandleMap::new();
static STRIPES: [Mutex<()>; 64] = [const { Mutex::new(()) }; 64];
static QUEUE: Mutex<Vec<Req>> = Mutex::new(Vec::new());

fn stripe(fd: i32) -> MutexGuard<'static, ()> {
    STRIPES[fd as usize % 64].lock().unwrap_or_else(|e| e.into_inner())
}

fn user_data(fd: i32, dir: u8, gen: u32) -> u64 {
    fd as u32 as u64 | (dir as u64) << 32 | ((gen & GEN_MASK) as u64) << 34
}

pub struct UringPoller {
    wake_fd: i32,
}

impl UringPoller {
    /// Sets up the ring and the reactor; fails where the kernel (or a seccomp policy) refuses
    /// io_uring, and the caller falls back to epoll.
    pub fn start(dispatch: Dispatch) -> std::io::Result<Self> {
        let ring = IoUring::new(512)?;
        // SAFETY: plain syscall.
        let wake_fd = unsafe { libc::eventfd(0, libc::EFD_CLOEXEC | libc::EFD_NONBLOCK) };
        if wake_fd < 0 {
            return Err(std::io::Error::last_os_error());
        }
        // Prove that POLL_ADD works here before committing to this engine.
        let probe = opcode::PollAdd::new(types::Fd(wake_fd), libc::POLLIN as u32).build().user_data(WAKE);
        // SAFETY: the entry refers to no memory.
        unsafe { ring.submission_shared().push(&probe) }.map_err(|_| std::io::Error::from_raw_os_error(libc::EBUSY))?;
        ring.submit()?;
        spawn_reactor("ws2-uring", move || run(ring, wake_fd, dispatch));
        Ok(UringPoller { wake_fd })
    }

    fn push(&self, reqs: impl IntoIterator<Item = Req>) {
        QUEUE.lock().unwrap_or_else(|e| e.into_inner()).extend(reqs);
        let one: u64 = 1;
        // SAFETY: writes 8 bytes from a live u64 to our eventfd.
        unsafe { libc::write(self.wake_fd, &one as *const u64 as *const libc::c_void, 8) };
    }
}

fn run(mut ring: IoUring, wake_fd: i32, dispatch: Dispatch) {
    let mut pending: Vec<Req> = Vec::new();
    loop {
        std::mem::swap(&mut pending, &mut *QUEUE.lock().unwrap_or_else(|e| e.into_inner()));
        for r in pending.drain(..) {
            let e = match r {
                Req::Add { fd, dir, gen } => {
                    opcode::PollAdd::new(types::Fd(fd), poll_bits(dir)).build().user_data(user_data(fd, dir, gen))
                }
                Req::Remove { user_data } => opcode::PollRemove::new(user_data).build().user_data(REMOVAL),
            };
            loop {
                // SAFETY: the entries refer to no memory; only this thread uses the ring.
                if unsafe { ring.submission().push(&e) }.is_ok() {
                    break;
                }
                let _ = ring.submit();
            }
        }
        if let Err(e) = ring.submit_and_wait(1) {
            if e.raw_os_error() != Some(libc::EINTR) && e.raw_os_error() != Some(libc::EBUSY) {
                std::thread::sleep(std::time::Duration::from_millis(1));
            }
        }
        let done: Vec<(u64, i32)> = ring.completion().map(|c| (c.user_data(), c.result())).collect();
        for (ud, res) in done {
            if ud == WAKE {
                let mut v = 0u64;
                // SAFETY: reads 8 bytes into a live u64 from our eventfd.
                unsafe { libc::read(wake_fd, &mut v as *mut u64 as *mut libc::c_void, 8) };
                let again = opcode::PollAdd::new(types::Fd(wake_fd), libc::POLLIN as u32).build().user_data(WAKE);
                // SAFETY: as above.
                while unsafe { ring.submission().push(&again) }.is_err() {
                    let _ = ring.submit();
                }
                continue;
            }
            if ud & REMOVAL != 0 {
                continue;
            }
            let fd = ud as u32 as i32;
            let dir = ((ud >> 32) & 3) as u8;
            let gen = ((ud >> 34) as u32) & GEN_MASK;
            let Some(slot) = SLOTS.get(fd as usize) else { continue };
            {
                let _g = stripe(fd);
                if slot.gen.load(Ordering::Acquire) & GEN_MASK != gen {
                    continue;
                }
                slot.armed.fetch_and(!dir, Ordering::AcqRel);
            }
            if res == -libc::ECANCELED || res == -libc::EBADF {
                continue;
            }
            let revents = if res < 0 { (libc::POLLERR) as u32 } else { res as u32 };
            dispatch(fd, revents);
        }
    }
}

impl Poller for UringPoller {
    fn arm(&self, fd: i32, dirs: u8) {
        let Some(slot) = SLOTS.slot(fd as usize) else { return };
        let (missing, gen) = {
            let _g = stripe(fd);
            let missing = dirs & !slot.armed.load(Ordering::Acquire) & (READ | WRITE);
            slot.armed.fetch_or(missing, Ordering::AcqRel);
            (missing, slot.gen.load(Ordering::Acquire))
        };
        if missing != 0 {
            let reqs = [READ, WRITE].into_iter().filter(|d| missing & d != 0).map(|dir| Req::Add { fd, dir, gen });
            self.push(reqs);
        }
    }

    fn forget(&self, fd: i32) {
        let Some(slot) = SLOTS.get(fd as usize) else { return };
        let (armed, gen) = {
            let _g = stripe(fd);
            let gen = slot.gen.fetch_add(1, Ordering::AcqRel);
            (slot.armed.swap(0, Ordering::AcqRel), gen)
        };
        if armed != 0 {
            let reqs = [READ, WRITE].into_iter().filter(|d| armed & d != 0).map(|dir| Req::Remove { user_data: user_data(fd, dir, gen) });
            self.push(reqs);
        }
    }

    fn name(&self) -> &'static str {
        "io_uring"
    }
}
