//! Waiting on kernel objects: one process-wide lock and condition variable guard every
//! signal-state change, so waits on any number of objects (and "wait all") are simple and
//! never miss a wake-up. APCs queued to the waiting thread end an alertable wait.

use super::handles::{self, Object, CURRENT_THREAD};
use super::{thread, ERROR_INVALID_HANDLE, ERROR_INVALID_PARAMETER, WAIT_FAILED, WAIT_IO_COMPLETION, WAIT_TIMEOUT};
use crate::error::set_last_error;
use std::sync::{Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

static LOCK: Mutex<()> = Mutex::new(());
static CV: Condvar = Condvar::new();

pub fn lock() -> MutexGuard<'static, ()> {
    LOCK.lock().unwrap_or_else(|e| e.into_inner())
}

/// Wakes every waiter to re-check its objects; call with a state change made under `lock()`.
pub fn notify_all() {
    CV.notify_all();
}

/// The time left until `deadline` (None: forever).
pub fn remaining(deadline: Option<Instant>) -> Option<Duration> {
    deadline.map(|d| d.saturating_duration_since(Instant::now()))
}

pub fn deadline(ms: u32) -> Option<Instant> {
    (ms != u32::MAX).then(|| Instant::now() + Duration::from_millis(ms as u64))
}

fn signaled(o: &Object) -> bool {
    match o {
        Object::Event(e) => e.is_set(),
        Object::Thread(t) => t.is_done(),
        Object::Port(_) => false,
    }
}

/// Satisfies a wait on `o`: auto-reset events return to non-signaled.
fn consume(o: &Object) {
    if let Object::Event(e) = o {
        e.consume();
    }
}

/// WaitForMultipleObjectsEx. `abandoned` lets WSAWaitForMultipleEvents fail a wait whose
/// event lost its socket to closesocket in another thread.
pub fn wait_multiple(hs: &[usize], all: bool, ms: u32, alertable: bool, abandoned: Option<&dyn Fn() -> bool>) -> u32 {
    super::iocp::settle_mine();
    if hs.is_empty() || hs.len() > 64 {
        set_last_error(ERROR_INVALID_PARAMETER);
        return WAIT_FAILED;
    }
    let mut objs = Vec::with_capacity(hs.len());
    for &h in hs {
        let o = if h == CURRENT_THREAD { Some(Object::Thread(thread::current_object())) } else { handles::get(h) };
        match o {
            Some(Object::Port(_)) | None => {
                set_last_error(ERROR_INVALID_HANDLE);
                return WAIT_FAILED;
            }
            Some(o) => objs.push(o),
        }
    }
    let deadline = deadline(ms);
    let me = thread::current();
    let mut g = lock();
    loop {
        if all {
            if objs.iter().all(signaled) {
                objs.iter().for_each(consume);
                return 0;
            }
        } else if let Some(i) = objs.iter().position(signaled) {
            consume(&objs[i]);
            return i as u32;
        }
        if alertable && me.has_apcs() {
            drop(g);
            me.run_apcs();
            return WAIT_IO_COMPLETION;
        }
        if abandoned.is_some_and(|f| f()) {
            set_last_error(crate::abi::WSAENOTSOCK as u32);
            return WAIT_FAILED;
        }
        g = match remaining(deadline) {
            None => CV.wait(g).unwrap_or_else(|e| e.into_inner()),
            Some(d) if d.is_zero() => return WAIT_TIMEOUT,
            Some(d) => CV.wait_timeout(g, d).unwrap_or_else(|e| e.into_inner()).0,
        };
    }
}

/// SleepEx: sleeps, or until an APC runs when alertable.
pub fn sleep(ms: u32, alertable: bool) -> u32 {
    super::iocp::settle_mine();
    let me = thread::current();
    if !alertable {
        if ms == u32::MAX {
            loop {
                std::thread::park();
            }
        }
        std::thread::sleep(Duration::from_millis(ms as u64));
        return 0;
    }
    let deadline = deadline(ms);
    let mut g = lock();
    loop {
        if me.has_apcs() {
            drop(g);
            me.run_apcs();
            return WAIT_IO_COMPLETION;
        }
        g = match remaining(deadline) {
            None => CV.wait(g).unwrap_or_else(|e| e.into_inner()),
            Some(d) if d.is_zero() => return 0,
            Some(d) => CV.wait_timeout(g, d).unwrap_or_else(|e| e.into_inner()).0,
        };
    }
}
