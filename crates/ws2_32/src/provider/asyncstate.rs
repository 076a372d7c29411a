//! Per-socket asynchronous state, by descriptor: the overlapped operations waiting for
//! readiness (FIFO per direction) and the WSAEventSelect selection. One lock covers both, so
//! the reactor sees a consistent picture when readiness arrives.

use super::netevents::Selection;
use super::overlapped::Op;
use crate::handle_map::HandleMap;
use std::collections::VecDeque;
use std::sync::{Mutex, MutexGuard};

#[derive(Default)]
pub(super) struct AsyncState {
    pub reads: VecDeque<Op>,
    pub writes: VecDeque<Op>,
    pub sel: Option<Selection>,
    /// The last plain receive found nothing more to read and no readiness notification has
    /// arrived since: a receive issued now would block, so it waits without trying.
    pub drained: bool,
}

/// One socket's state on cache lines of its own: neighbouring descriptors are often served
/// by different threads.
#[derive(Default)]
#[repr(align(64))]
struct Slot(Mutex<AsyncState>);

static ASYNC: HandleMap<Slot> = HandleMap::new();

/// The socket's async state, locked (created on first use).
pub(super) fn lock(fd: i32) -> Option<MutexGuard<'static, AsyncState>> {
    ASYNC.slot(fd as usize).map(|m| m.0.lock().unwrap_or_else(|e| e.into_inner()))
}

/// The socket's async state if it was ever created.
pub(super) fn lock_existing(fd: i32) -> Option<MutexGuard<'static, AsyncState>> {
    ASYNC.get(fd as usize).map(|m| m.0.lock().unwrap_or_else(|e| e.into_inner()))
}

/// Runs `f` on every socket's async state that exists, locking one at a time.
pub(super) fn each(mut f: impl FnMut(i32, &mut AsyncState)) {
    ASYNC.for_each(|h, m| f(h as i32, &mut m.0.lock().unwrap_or_else(|e| e.into_inner())));
}
