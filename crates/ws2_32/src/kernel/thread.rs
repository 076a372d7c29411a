//! Threads: CreateThread and the thread objects its handles name, each OS thread's APC queue
//! (QueueUserAPC, and the completion routines of overlapped socket calls queued through
//! WPUQueueApc), run by alertable waits of that thread.
//!
//! APC queues are keyed by pthread_t, the value WPUOpenCurrentThread puts in a WSATHREADID.

use super::handles::{self, Object};
use super::wait;
use std::collections::{HashMap, VecDeque};
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::sync::{Arc, Mutex};

pub type ApcFn = unsafe extern "system" fn(usize);

/// One OS thread's APC queue.
#[derive(Default)]
pub struct ThreadCtx {
    apcs: Mutex<VecDeque<(ApcFn, usize)>>,
    /// The completion port this thread is blocked on in an alertable wait, to wake it there.
    parked_on: Mutex<Option<Arc<super::iocp::Port>>>,
}

impl ThreadCtx {
    pub fn has_apcs(&self) -> bool {
        !self.apcs.lock().unwrap_or_else(|e| e.into_inner()).is_empty()
    }

    /// Runs every queued APC (outside all locks), in order.
    pub fn run_apcs(&self) {
        loop {
            let next = self.apcs.lock().unwrap_or_else(|e| e.into_inner()).pop_front();
            let Some((f, data)) = next else { break };
            // SAFETY: the function and its argument were queued together by the program (or
            // by a provider for a completion routine), to run on this thread.
            unsafe { f(data) };
        }
    }

    pub fn park_on(&self, p: Option<Arc<super::iocp::Port>>) {
        *self.parked_on.lock().unwrap_or_else(|e| e.into_inner()) = p;
    }

    fn queue(&self, f: ApcFn, data: usize) {
        self.apcs.lock().unwrap_or_else(|e| e.into_inner()).push_back((f, data));
        {
            let _g = wait::lock();
            wait::notify_all();
        }
        if let Some(p) = self.parked_on.lock().unwrap_or_else(|e| e.into_inner()).as_ref() {
            p.wake_all();
        }
    }
}

static REGISTRY: Mutex<Option<HashMap<usize, Arc<ThreadCtx>>>> = Mutex::new(None);

fn pthread_self() -> usize {
    // SAFETY: no preconditions.
    unsafe { libc::pthread_self() as usize }
}

/// The context registered for a pthread_t, created on first mention.
fn ctx_for(pt: usize) -> Arc<ThreadCtx> {
    REGISTRY.lock().unwrap_or_else(|e| e.into_inner()).get_or_insert_with(HashMap::new).entry(pt).or_default().clone()
}

/// Unregisters the thread's context when the thread exits (queued APCs are dropped).
struct Registered(Arc<ThreadCtx>, usize, Arc<ThreadObject>);
impl Drop for Registered {
    fn drop(&mut self) {
        if let Some(m) = REGISTRY.lock().unwrap_or_else(|e| e.into_inner()).as_mut() {
            m.remove(&self.1);
        }
    }
}

thread_local! {
    static CURRENT: Registered = {
        let pt = pthread_self();
        let ctx = ctx_for(pt);
        let obj = Arc::new(ThreadObject::new(ctx.clone(), pt));
        Registered(ctx, pt, obj)
    };
}

/// Sets up the calling thread's APC context unless its thread-locals are being destroyed.
pub(super) fn touch_current() -> bool {
    CURRENT.try_with(|_| ()).is_ok()
}

/// The calling thread's APC context.
pub fn current() -> Arc<ThreadCtx> {
    CURRENT.with(|r| r.0.clone())
}

/// The calling thread as a waitable object (for GetCurrentThread()).
pub fn current_object() -> Arc<ThreadObject> {
    CURRENT.with(|r| r.2.clone())
}

/// Queues an APC to the thread a WSATHREADID names (WPUQueueApc).
pub fn queue_apc_pthread(pt: usize, f: ApcFn, data: usize) {
    ctx_for(pt).queue(f, data)
}

/// A thread as a kernel object: signalled when it has finished.
pub struct ThreadObject {
    ctx: Arc<ThreadCtx>,
    pub pthread: usize,
    done: AtomicBool,
    exit_code: AtomicU32,
    tid: AtomicU32,
    /// CREATE_SUSPENDED threads wait here until ResumeThread.
    suspended: Mutex<bool>,
    resumed: std::sync::Condvar,
}

impl ThreadObject {
    fn new(ctx: Arc<ThreadCtx>, pthread: usize) -> Self {
        ThreadObject {
            ctx,
            pthread,
            done: AtomicBool::new(false),
            exit_code: AtomicU32::new(STILL_ACTIVE),
            tid: AtomicU32::new(gettid()),
            suspended: Mutex::new(false),
            resumed: std::sync::Condvar::new(),
        }
    }

    pub fn is_done(&self) -> bool {
        self.done.load(Ordering::Acquire)
    }

    pub fn exit_code(&self) -> u32 {
        self.exit_code.load(Ordering::Acquire)
    }

    pub fn queue_apc(&self, f: ApcFn, data: usize) -> bool {
        if self.is_done() {
            return false;
        }
        self.ctx.queue(f, data);
        true
    }

    /// ResumeThread: the previous suspend count (0 or 1).
    pub fn resume(&self) -> u32 {
        let mut s = self.suspended.lock().unwrap_or_else(|e| e.into_inner());
        let was = *s as u32;
        *s = false;
        self.resumed.notify_all();
        was
    }
}

pub const STILL_ACTIVE: u32 = 259;
pub const CREATE_SUSPENDED: u32 = 4;

/// The calling thread's serial number: 1, 2, 3… in order of first use, never reused (unlike
/// pthread_t), so a thread that has exited is never mistaken for a new one. It is the
/// `Reserved` field of the WSATHREADID WPUOpenCurrentThread fills in, and what CancelIo
/// compares with the issuing thread of each pending operation. Taking it arms the cancellation
/// of the thread's pending operations at its exit (`exit`).
#[inline]
pub fn serial() -> u64 {
    use std::cell::Cell;
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    thread_local! {
        static SERIAL: Cell<u64> = const { Cell::new(0) };
    }
    SERIAL.with(|c| match c.get() {
        0 => {
            let n = NEXT.fetch_add(1, Ordering::Relaxed);
            c.set(n);
            super::exit::arm();
            n
        }
        n => n,
    })
}

pub fn gettid() -> u32 {
    // SAFETY: no preconditions.
    unsafe { libc::gettid() as u32 }
}

pub type StartRoutine = unsafe extern "system" fn(*mut core::ffi::c_void) -> u32;

/// CreateThread: returns the thread's handle and id.
pub fn create(start: StartRoutine, param: usize, stack: usize, flags: u32) -> Result<(usize, u32), u32> {
    let (tx, rx) = std::sync::mpsc::channel::<Arc<ThreadObject>>();
    let mut b = std::thread::Builder::new();
    if stack != 0 {
        b = b.stack_size(stack.max(64 * 1024));
    }
    let suspended = flags & CREATE_SUSPENDED != 0;
    b.spawn(move || {
        let obj = current_object();
        *obj.suspended.lock().unwrap_or_else(|e| e.into_inner()) = suspended;
        let _ = tx.send(obj.clone());
        {
            let mut s = obj.suspended.lock().unwrap_or_else(|e| e.into_inner());
            while *s {
                s = obj.resumed.wait(s).unwrap_or_else(|e| e.into_inner());
            }
        }
        // SAFETY: the program's thread routine with its own parameter, as CreateThread runs it.
        let code = unsafe { start(param as *mut core::ffi::c_void) };
        // Before the thread is signalled, as Windows ends a thread once its I/O is cancelled.
        super::exit::run();
        obj.exit_code.store(code, Ordering::Release);
        let _g = wait::lock();
        obj.done.store(true, Ordering::Release);
        wait::notify_all();
    })
    .map_err(|_| 8u32)?; // ERROR_NOT_ENOUGH_MEMORY
    let obj = rx.recv().map_err(|_| 8u32)?;
    let tid = obj.tid.load(Ordering::Acquire);
    Ok((handles::insert(Object::Thread(obj)), tid))
}

/// The thread object a handle (or GetCurrentThread's pseudo-handle) names.
pub fn object(h: usize) -> Option<Arc<ThreadObject>> {
    if h == handles::CURRENT_THREAD {
        return Some(current_object());
    }
    match handles::get(h)? {
        Object::Thread(t) => Some(t),
        _ => None,
    }
}
