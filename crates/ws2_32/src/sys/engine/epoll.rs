//! The epoll poller: one epoll instance, descriptors registered EPOLLONESHOT so each readiness
//! is reported once; `arm` re-enables with the union of the directions wanted.

use super::{poll_bits, spawn_reactor, Dispatch, Poller};
use crate::handle_map::HandleMap;
use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::{Mutex, MutexGuard};

const REGISTERED: u8 = 0x80;

pub struct EpollPoller {
    epfd: i32,
    /// Per descriptor: armed directions, plus REGISTERED once added to the epoll set.
    slots: &'static HandleMap<AtomicU8>,
}

static SLOTS: HandleMap<AtomicU8> = HandleMap::new();
static STRIPES: [Mutex<()>; 64] = [const { Mutex::new(()) }; 64];

fn stripe(fd: i32) -> MutexGuard<'static, ()> {
    STRIPES[fd as usize % 64].lock().unwrap_or_else(|e| e.into_inner())
}

fn epoll_ctl(epfd: i32, op: i32, fd: i32, events: u32) -> Result<(), i32> {
    let mut ev = libc::epoll_event { events, u64: fd as u64 };
    // SAFETY: `ev` is a live epoll_event; the kernel validates both descriptors.
    let rc = unsafe { libc::epoll_ctl(epfd, op, fd, &mut ev) };
    if rc < 0 {
        Err(std::io::Error::last_os_error().raw_os_error().unwrap_or(libc::EINVAL))
    } else {
        Ok(())
    }
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
        for ev in &events[..n as usize] {
            let fd = ev.u64 as i32;
            if let Some(slot) = SLOTS.get(fd as usize) {
                let _g = stripe(fd);
                // ONESHOT disabled the whole registration.
                slot.fetch_and(REGISTERED, Ordering::AcqRel);
            }
            dispatch(fd, ev.events);
        }
    }
}

impl Poller for EpollPoller {
    fn arm(&self, fd: i32, dirs: u8) {
        let Some(slot) = self.slots.slot(fd as usize) else { return };
        let _g = stripe(fd);
        let cur = slot.load(Ordering::Acquire);
        let want = (cur | dirs) & 3;
        if cur & 3 == want && cur & REGISTERED != 0 {
            return;
        }
        let events = poll_bits(want) | libc::EPOLLONESHOT as u32;
        let ok = if cur & REGISTERED != 0 {
            match epoll_ctl(self.epfd, libc::EPOLL_CTL_MOD, fd, events) {
                Err(libc::ENOENT) => epoll_ctl(self.epfd, libc::EPOLL_CTL_ADD, fd, events),
                r => r,
            }
        } else {
            match epoll_ctl(self.epfd, libc::EPOLL_CTL_ADD, fd, events) {
                Err(libc::EEXIST) => epoll_ctl(self.epfd, libc::EPOLL_CTL_MOD, fd, events),
                r => r,
            }
        };
        if ok.is_ok() {
            slot.store(want | REGISTERED, Ordering::Release);
        }
    }

    fn forget(&self, fd: i32) {
        if let Some(slot) = self.slots.get(fd as usize) {
            let _g = stripe(fd);
            if slot.swap(0, Ordering::AcqRel) & REGISTERED != 0 {
                let _ = epoll_ctl(self.epfd, libc::EPOLL_CTL_DEL, fd, 0);
            }
        }
    }

    fn name(&self) -> &'static str {
        "epoll"
    }
}
