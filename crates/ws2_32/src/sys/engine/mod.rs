//! The completion engine: one reactor thread that waits for socket readiness and hands it to
//! the base provider, which then performs the pending overlapped operations, records
//! WSAEventSelect network events and signals completions. Two interchangeable pollers sit
//! behind the `Poller` seam: io_uring (IORING_OP_POLL_ADD) where the kernel allows it, epoll
//! otherwise; `WS2_ENGINE=epoll` forces the fallback.
//!
//! Contract: `arm(fd, dirs)` asks for one notification when `fd` is ready in any of `dirs`
//! (idempotent while armed). A notification disarms what fired (epoll: the whole fd); the
//! dispatcher re-arms whatever it still needs. `forget(fd)` before the descriptor is closed.

mod epoll;
mod uring;

use std::sync::OnceLock;

/// Interest directions.
pub const READ: u8 = 1;
pub const WRITE: u8 = 2;

/// Called on the reactor thread with the descriptor and its Linux poll revents.
pub type Dispatch = fn(fd: i32, revents: u32);

pub trait Poller: Send + Sync {
    fn arm(&self, fd: i32, dirs: u8);
    fn forget(&self, fd: i32);
    fn name(&self) -> &'static str;
}

static ENGINE: OnceLock<Box<dyn Poller>> = OnceLock::new();
static DISPATCH: OnceLock<Dispatch> = OnceLock::new();

/// Installs the dispatcher (once, by the base provider) before the engine first runs.
pub fn set_dispatch(d: Dispatch) {
    let _ = DISPATCH.set(d);
}

fn dispatch(fd: i32, revents: u32) {
    if let Some(d) = DISPATCH.get() {
        d(fd, revents)
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
