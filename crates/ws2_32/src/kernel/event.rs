//! Event objects (CreateEvent, WSACreateEvent): manual- or auto-reset, signalled or not. The
//! signal state changes under the wait lock so that no waiter misses it.

use super::handles::{self, Object};
use super::wait;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;

pub struct Event {
    set: AtomicBool,
    manual: bool,
    /// Bumped when the socket this event was selected for is closed (see `abandon`).
    abandoned: AtomicU64,
}

impl Event {
    pub fn is_set(&self) -> bool {
        self.set.load(Ordering::Acquire)
    }

    pub(super) fn consume(&self) {
        if !self.manual {
            self.set.store(false, Ordering::Release);
        }
    }

    pub fn abandon_count(&self) -> u64 {
        self.abandoned.load(Ordering::Acquire)
    }
}

pub fn create(manual: bool, initial: bool) -> usize {
    handles::insert(Object::Event(Arc::new(Event { set: AtomicBool::new(initial), manual, abandoned: AtomicU64::new(0) })))
}

/// SetEvent; false when `h` is not an event.
pub fn set(h: usize) -> bool {
    let Some(e) = handles::event(h) else { return false };
    let _g = wait::lock();
    e.set.store(true, Ordering::Release);
    wait::notify_all();
    true
}

pub fn reset(h: usize) -> bool {
    let Some(e) = handles::event(h) else { return false };
    let _g = wait::lock();
    e.set.store(false, Ordering::Release);
    true
}

/// CloseHandle for an event.
pub fn close(h: usize) -> bool {
    matches!(handles::event(h), Some(_)) && handles::remove(h).is_some()
}

/// Wakes waits on `h` so that WSAWaitForMultipleEvents can report that its socket was closed.
pub fn abandon(h: usize) {
    if let Some(e) = handles::event(h) {
        let _g = wait::lock();
        e.abandoned.fetch_add(1, Ordering::AcqRel);
        wait::notify_all();
    }
}
