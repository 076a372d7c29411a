//! The completion engine: one reactor thread that waits for socket readiness and hands it to
//! the base provider, which then performs the pending overlapped operations, records
//! WSAEventSelect network events and signals completions. Two interchangeable pollers sit
//! behind the `Poller` seam: io_uring (multishot IORING_OP_POLL_ADD) where the kernel allows
//! it, epoll (edge-triggered) otherwise; `WS2_ENGINE=epoll` forces the fallback.
//!
//! Contract (edge semantics): `arm(fd, dirs)` registers `fd` once, for both directions; the
//! registration reports the descriptor's current readiness once, then every readiness change
//! (new data, new send space, connection state) until `forget(fd)`, which must come before
//! the descriptor is closed or replaced. Arming a registered descriptor costs nothing. The
//! dispatcher therefore keeps trying what waits until it would block (a would-block attempt
//! guarantees a later notification), and a caller that queues work without trying it must
//! know that an attempt would block.
//!
//! The reactor dispatches each batch of notifications as a round (`round`); a hook installed
//! with `set_round_end` runs after it (the completion ports flush the packets the round
//! produced with one wake-up per port).

mod epoll;
mod nest;
pub mod portset;

pub use nest::{owe, Debtor};
mod uring;

use std::sync::OnceLock;

/// Interest directions.
pub const READ: u8 = 1;
pub const WRITE: u8 = 2;

/// Called on the reactor thread with the descriptor and its Linux poll revents.
pub type Dispatch = fn(fd: i32, revents: u32);

pub trait Poller: Send + Sync {
    fn arm(&self, fd: i32, dirs: u8);
    /// Ends `fd`'s registration; true if it was registered.
    fn forget(&self, fd: i32) -> bool;
    /// Registers `fd` from the reactor thread (for descriptors whose wake-ups belong to it).
    fn adopt(&self, fd: i32) {
        self.arm(fd, READ);
    }
    fn name(&self) -> &'static str;
}

static ENGINE: OnceLock<Box<dyn Poller>> = OnceLock::new();
static DISPATCH: OnceLock<Dispatch> = OnceLock::new();

/// Installs the dispatcher (once, by the base provider) before the engine first runs.
pub fn set_dispatch(d: Dispatch) {
    let _ = DISPATCH.set(d);
}

fn dispatch(fd: i32, revents: u32) {
    if nest::dispatch(fd) {
        return;
    }
    if let Some(d) = DISPATCH.get() {
        d(fd, revents)
    }
}

/// Registers `fd` for readiness (see the contract above): in its completion port's set if it
/// is routed to one, else in the engine.
pub fn arm(fd: i32, dirs: u8) {
    if !portset::arm(fd) {
        engine().arm(fd, dirs);
    }
}

/// Ends `fd`'s registration, keeping its route (the descriptor is being replaced).
pub fn unregister(fd: i32) {
    portset::unregister(fd);
    engine().forget(fd);
}

/// Ends `fd`'s registration and route (the socket is being closed).
pub fn forget(fd: i32) {
    portset::unroute(fd, false);
    engine().forget(fd);
}

/// Performs a batch of readiness events harvested by a thread other than the reactor (a
/// completion port's waiter), as one round.
pub fn dispatch_batch(events: &[libc::epoll_event]) {
    round(|| {
        for ev in events {
            dispatch(ev.u64 as i32, ev.events);
        }
    });
}

static ROUND_END: OnceLock<fn()> = OnceLock::new();

thread_local! {
    static IN_ROUND: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Installs the hook that runs after each round of dispatches.
pub fn set_round_end(f: fn()) {
    let _ = ROUND_END.set(f);
}

/// Whether the calling thread is dispatching a round of notifications (work it defers until
/// the round ends is flushed by the round-end hook on this same thread).
pub fn in_round() -> bool {
    IN_ROUND.with(|r| r.get())
}

/// Runs one round of dispatches, then the round-end hook.
pub(crate) fn round(f: impl FnOnce()) {
    IN_ROUND.with(|r| r.set(true));
    f();
    IN_ROUND.with(|r| r.set(false));
    if let Some(end) = ROUND_END.get() {
        end();
    }
}

/// The engine, started on first use: io_uring unless `WS2_ENGINE=epoll` or the kernel refuses.
pub fn engine() -> &'static dyn Poller {
    ENGINE
        .get_or_init(|| {
            let forced = std::env::var("WS2_ENGINE").map(|v| v.eq_ignore_ascii_case("epoll")).unwrap_or(false);
            if !forced {
                if let Ok(u) = uring::UringPoller::start(dispatch) {
                    return Box::new(u);
                }
            }
            Box::new(epoll::EpollPoller::start(dispatch).expect("epoll_create1 failed"))
        })
        .as_ref()
}

/// epoll_ctl(2) with `data` as the event's data; Err(errno).
pub(super) fn epoll_ctl(epfd: i32, op: i32, fd: i32, events: u32, data: u64) -> Result<(), i32> {
    let mut ev = libc::epoll_event { events, u64: data };
    // SAFETY: `ev` is a live epoll_event; the kernel validates both descriptors.
    if unsafe { libc::epoll_ctl(epfd, op, fd, &mut ev) } < 0 {
        Err(crate::sys::socket::errno())
    } else {
        Ok(())
    }
}

/// Registers `fd` in `epfd` for `events` (updating a registration that exists), with the
/// descriptor as the event's data.
pub(super) fn epoll_register(epfd: i32, fd: i32, events: u32) -> bool {
    match epoll_ctl(epfd, libc::EPOLL_CTL_ADD, fd, events, fd as u64) {
        Err(libc::EEXIST) => epoll_ctl(epfd, libc::EPOLL_CTL_MOD, fd, events, fd as u64).is_ok(),
        r => r.is_ok(),
    }
}

/// Linux poll bits wanted for a set of directions.
pub(crate) fn poll_bits(dirs: u8) -> u32 {
    let mut m = 0;
    if dirs & READ != 0 {
        m |= (libc::POLLIN | libc::POLLPRI | libc::POLLRDHUP) as u32;
    }
    if dirs & WRITE != 0 {
        m |= libc::POLLOUT as u32;
    }
    m
}

/// Starts the reactor thread.
pub(crate) fn spawn_reactor(name: &str, f: impl FnOnce() + Send + 'static) {
    std::thread::Builder::new().name(name.into()).spawn(f).expect("cannot start the completion engine thread");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn poll_bits_cover_both_directions() {
        assert_ne!(poll_bits(READ) & libc::POLLIN as u32, 0);
        assert_eq!(poll_bits(READ) & libc::POLLOUT as u32, 0);
        assert_ne!(poll_bits(READ | WRITE) & libc::POLLOUT as u32, 0);
    }
}
