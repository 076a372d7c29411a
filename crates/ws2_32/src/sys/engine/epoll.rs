//! The epoll poller: one epoll instance, each descriptor registered once, edge-triggered, for
//! both directions; every readiness change after registration is reported (registration
//! itself reports the current readiness). `forget` removes the registration.

use super::{epoll_ctl, epoll_register, poll_bits, spawn_reactor, Dispatch, Poller, READ, WRITE};
use crate::handle_map::HandleMap;
use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::{Mutex, MutexGuard};

const REGISTERED: u8 = 1;

pub struct EpollPoller {
    epfd: i32,
    /// Per descriptor: REGISTERED once added to the epoll set.
    slots: &'static HandleMap<AtomicU8>,
}

static SLOTS: HandleMap<AtomicU8> = HandleMap::new();
static STRIPES: [Mutex<()>; 64] = [const { Mutex::new(()) }; 64];

fn stripe(fd: i32) -> MutexGuard<'static, ()> {
    STRIPES[fd as usize % 64].lock().unwrap_or_else(|e| e.into_inner())
}

impl EpollPoller {
    pub fn start(dispatch: Dispatch) -> std::io::Result<Self> {
        // SAFETY: plain syscall.
        let epfd = unsafe { libc::epoll_create1(libc::EPOLL_CLOEXEC) };
        if epfd < 0 {
            return Err(std::io::Error::last_os_error());
        }
        spawn_reactor("ws2-epoll", move || run(epfd, dispatch));
        Ok(EpollPoller { epfd, slots: &SLOTS })
    }
}

fn run(epfd: i32, dispatch: Dispatch) {
    let mut events = vec![libc::epoll_event { events: 0, u64: 0 }; 256];
    loop {
        // SAFETY: `events` has room for 256 entries.
        let n = unsafe { libc::epoll_wait(epfd, events.as_mut_ptr(), events.len() as i32, -1) };
        if n < 0 {
            continue; // EINTR
        }
        super::round(|| {
            for ev in &events[..n as usize] {
                dispatch(ev.u64 as i32, ev.events);
            }
        });
    }
}

impl Poller for EpollPoller {
    fn arm(&self, fd: i32, _dirs: u8) {
        let Some(slot) = self.slots.slot(fd as usize) else { return };
        if slot.load(Ordering::Acquire) & REGISTERED != 0 {
            return;
        }
        let _g = stripe(fd);
        if slot.load(Ordering::Acquire) & REGISTERED != 0 {
            return;
        }
        let events = poll_bits(READ | WRITE) | libc::EPOLLET as u32;
        if epoll_register(self.epfd, fd, events) {
            slot.store(REGISTERED, Ordering::Release);
        }
    }

    fn forget(&self, fd: i32) -> bool {
        let Some(slot) = self.slots.get(fd as usize) else { return false };
        if slot.load(Ordering::Acquire) & REGISTERED == 0 {
            return false;
        }
        let _g = stripe(fd);
        if slot.swap(0, Ordering::AcqRel) & REGISTERED != 0 {
            let _ = epoll_ctl(self.epfd, libc::EPOLL_CTL_DEL, fd, 0, 0);
            return true;
        }
        false
    }

    fn name(&self) -> &'static str {
        "epoll"
    }
}
