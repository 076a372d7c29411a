//! What a thread's exit does to the overlapped operations it issued. ExitThread: "all pending
//! I/O initiated by the thread that is not associated with a completion port is canceled" (since
//! Windows Vista, I/O on a handle associated with a port outlives its thread). Each such
//! operation completes through its usual notification with WSA_OPERATION_ABORTED; a completion
//! routine is queued to the exiting thread and dropped with its APC queue, as it can never run.
//!
//! A thread is armed when it first takes its serial number (`thread::serial`, which every
//! overlapped operation records as its issuer), so issuing an operation costs nothing more.
//! The cancellation runs at the end of a CreateThread routine, before the thread object is
//! signalled (Windows ends a thread only once its I/O is cancelled), and otherwise from a
//! thread-local destructor, so plain pthreads are covered too. It asks the provider of every
//! socket not associated with a port to cancel this thread's operations, as CancelIo does:
//! thread exits are rare, so operations keep no per-thread bookkeeping.
//!
//! The main thread is left out: its thread-local destructors run inside exit(), after main's
//! frame (where OVERLAPPEDs often live) is gone, while the process ends.

use std::cell::Cell;

const IDLE: u8 = 0;
const ARMED: u8 = 1;
const DONE: u8 = 2;

thread_local! {
    /// Has no destructor, so it stays readable while the thread's other thread-locals go.
    static STATE: Cell<u8> = const { Cell::new(IDLE) };
    static AT_EXIT: AtExit = const { AtExit };
}

/// Runs the cancellation when the thread's thread-locals are destroyed.
struct AtExit;

impl Drop for AtExit {
    fn drop(&mut self) {
        if super::thread::gettid() != std::process::id() {
            run();
        }
    }
}

/// Arms the cancellation at the calling thread's exit.
pub(super) fn arm() {
    // The thread's APC context comes first, so it is destroyed after AT_EXIT (thread-local
    // destructors run in reverse order): completion routines of the operations cancelled at
    // exit are dropped with it, never left for a later thread reusing its pthread_t.
    if super::thread::touch_current() && AT_EXIT.try_with(|_| ()).is_ok() {
        STATE.with(|s| s.set(ARMED));
    }
}

/// Cancels the calling thread's pending operations, once, if it ever issued any.
pub(crate) fn run() {
    if STATE.with(|s| s.replace(DONE)) != ARMED {
        return;
    }
    // Nothing may unwind out of a thread-local destructor (it would abort the process).
    let _ = std::panic::catch_unwind(crate::api::overlapped::cancel_exiting_thread_io);
}
