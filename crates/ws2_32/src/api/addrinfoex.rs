//! GetAddrInfoExW/A, GetAddrInfoExCancel, GetAddrInfoExOverlappedResult, FreeAddrInfoEx(W).
//!
//! GetAddrInfoEx is getaddrinfo with a choice of namespace (dwNameSpace, lpNspId) and, for
//! GetAddrInfoExW, an asynchronous form: with an OVERLAPPED the call returns WSA_IO_PENDING at
//! once; the lookup runs on a thread of its own, and at the end the result list is stored
//! through ppResult, the OVERLAPPED's Internal gets the error code (WSAEINPROGRESS meanwhile,
//! which GetAddrInfoExOverlappedResult reports), and the completion routine is called on that
//! thread — or, without one, the OVERLAPPED's event is set (kernel `event::set`).
//! GetAddrInfoExCancel completes a pending call at once with WSA_E_CANCELLED; a timeout does
//! so with WSAETIMEDOUT. Either way a lookup that finishes later is discarded.
//!
//! The documentation offers the asynchronous parameters to GetAddrInfoExW only ("supported
//! when UNICODE is defined"): GetAddrInfoExA refuses them with WSAEINVAL.

use super::names::{self, free_list, opt_cstr, opt_wide, returning_code, WinAddrInfo, WinHints};
use super::resolve::Scope;
use super::startup::require_started;
use crate::abi::*;
use crate::ffi::{bad_ptr, wsa_call_keep};
use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

/// Where a finished call delivers (addresses, since the thread that finishes it is another).
#[derive(Clone, Copy)]
struct Target {
    /// The caller's ppResult.
    result: usize,
    /// The caller's OVERLAPPED (0 for a synchronous call with a timeout).
    overlapped: usize,
    routine: LPLOOKUPSERVICE_COMPLETION_ROUTINE,
    event: usize,
}

/// One call in flight.
struct Op {
    /// The error code once finished (by the lookup, a cancel or the timeout).
    done: Mutex<Option<i32>>,
    cv: Condvar,
    target: Target,
    /// Frees a result list nobody will take.
    free: unsafe fn(usize),
    handle: usize,
}

/// Cancel handles are numbered apart from every other kind of handle.
const HANDLE_BASE: usize = 0x7e80_0000;
static NEXT_HANDLE: AtomicUsize = AtomicUsize::new(HANDLE_BASE);
static PENDING: Mutex<Option<HashMap<usize, Arc<Op>>>> = Mutex::new(None);

fn pending<R>(f: impl FnOnce(&mut HashMap<usize, Arc<Op>>) -> R) -> R {
    f(PENDING.lock().unwrap_or_else(|e| e.into_inner()).get_or_insert_with(HashMap::new))
}

/// Finishes `op` with `outcome` (a result list or an error code) unless something finished
/// it first, in which case a list is freed. Delivery happens outside the lock.
fn finish(op: &Op, outcome: Result<usize, i32>) {
    let mut done = op.done.lock().unwrap_or_else(|e| e.into_inner());
    if done.is_some() {
        if let Ok(list) = outcome {
            // SAFETY: a list built for this op that no caller received.
            unsafe { (op.free)(list) };
        }
        return;
    }
    let t = op.target;
    let code = match outcome {
        Ok(list) => {
            // SAFETY: the caller's ppResult, which must stay valid until completion.
            unsafe { *(t.result as *mut usize) = list };
            0
        }
        Err(c) => c,
    };
    if t.overlapped != 0 {
        let ov = t.overlapped as *mut OVERLAPPED;
        // SAFETY: the caller's OVERLAPPED, valid until completion as documented.
        unsafe {
            (*ov).InternalHigh = 0;
            (*ov).Internal = code as u32 as usize;
        }
    }
    *done = Some(code);
    op.cv.notify_all();
    drop(done);
    pending(|m| m.remove(&op.handle));
    if t.overlapped == 0 {
        return;
    }
    match t.routine {
        // SAFETY: the caller's completion routine, called once with its OVERLAPPED.
        Some(r) => unsafe { r(code as u32, 0, t.overlapped as *const OVERLAPPED) },
        None if t.event != 0 => {
            crate::kernel::event::set(t.event);
        }
        None => {}
    }
}

/// Starts the lookup on a thread of its own; returns the op.
fn start<A: WinAddrInfo + 'static>(
    node: Option<Vec<u8>>,
    service: Option<Vec<u8>>,
    hints: WinHints,
    wide: bool,
    scope: Scope,
    target: Target,
) -> Arc<Op> {
    /// # Safety
    /// `p` is a list from `names::build_list::<A>` that nobody else frees.
    unsafe fn free<A: WinAddrInfo>(p: usize) {
        // SAFETY: `p` is a list built by names::build_list::<A>.
        unsafe { free_list(p as *mut A) }
    }
    let handle = NEXT_HANDLE.fetch_add(1, Ordering::Relaxed);
    let op = Arc::new(Op { done: Mutex::new(None), cv: Condvar::new(), target, free: free::<A>, handle });
    pending(|m| m.insert(handle, op.clone()));
    let worker = op.clone();
    let spawned = std::thread::Builder::new().name("ws2-getaddrinfoex".into()).spawn(move || {
        let outcome =
            names::resolve_in(node.as_deref(), service.as_deref(), hints, wide, scope).map(|a| names::build_list::<A>(&a) as usize);
        finish(&worker, outcome);
    });
    if spawned.is_err() {
        finish(&op, Err(WSA_NOT_ENOUGH_MEMORY));
    }
    op
}

/// A timeval as a Duration (WSAEINVAL when negative).
///
/// # Safety
/// `tv` null or valid.
unsafe fn timeout_arg(tv: *const TIMEVAL) -> Result<Option<Duration>, i32> {
    if tv.is_null() {
        return Ok(None);
    }
    if bad_ptr(tv) {
        return Err(WSAEFAULT);
    }
    // SAFETY: checked.
    let tv = unsafe { *tv };
    if tv.tv_sec < 0 || tv.tv_usec < 0 {
        return Err(WSAEINVAL);
    }
    Ok(Some(Duration::from_secs(tv.tv_sec as u64) + Duration::from_micros(tv.tv_usec as u64)))
}

/// Finishes `op` with WSAETIMEDOUT when `limit` passes first (a watcher thread).
fn time_out(op: &Arc<Op>, limit: Duration) {
    let op = op.clone();
    let _ = std::thread::Builder::new().name("ws2-getaddrinfoex-timer".into()).spawn(move || {
        let deadline = Instant::now() + limit;
        let mut done = op.done.lock().unwrap_or_else(|e| e.into_inner());
        while done.is_none() {
            let now = Instant::now();
            if now >= deadline {
                drop(done);
                finish(&op, Err(WSAETIMEDOUT));
                return;
            }
            done = op.cv.wait_timeout(done, deadline - now).unwrap_or_else(|e| e.into_inner()).0;
        }
    });
}

/// The arguments both forms share, decoded.
struct Call {
    node: Option<Vec<u8>>,
    service: Option<Vec<u8>>,
    hints: WinHints,
    scope: Scope,
    timeout: Option<Duration>,
}

/// GetAddrInfoExW and GetAddrInfoExA.
///
/// # Safety
/// Pointers as GetAddrInfoEx documents.
#[allow(clippy::too_many_arguments)]
unsafe fn get_addr_info_ex<A: WinAddrInfo + 'static>(
    decode: impl FnOnce() -> Result<(Option<Vec<u8>>, Option<Vec<u8>>), i32>,
    wide: bool,
    namespace: u32,
    nsp_id: *const GUID,
    hints: *const A,
    result: *mut *mut A,
    timeout: *const TIMEVAL,
    ov: *mut OVERLAPPED,
    routine: LPLOOKUPSERVICE_COMPLETION_ROUTINE,
    handle: *mut HANDLE,
) -> i32 {
    returning_code(|| {
        if bad_ptr(result) {
            return Err(WSAEFAULT);
        }
        // SAFETY: checked; Windows clears the result slot first.
        unsafe { *result = std::ptr::null_mut() };
        require_started()?;
        let asynchronous = !ov.is_null() || routine.is_some() || !handle.is_null();
        if asynchronous && !wide {
            return Err(WSAEINVAL);
        }
        let (node, service) = decode()?;
        // SAFETY: caller contract.
        let call = unsafe {
            Call {
                node,
                service,
                hints: hints.as_ref().map(A::hints).transpose()?.unwrap_or_default(),
                scope: Scope {
                    namespace,
                    provider: if nsp_id.is_null() {
                        None
                    } else if bad_ptr(nsp_id) {
                        return Err(WSAEFAULT);
                    } else {
                        Some(*nsp_id)
                    },
                },
                timeout: timeout_arg(timeout)?,
            }
        };
        if ov.is_null() {
            if routine.is_some() {
                return Err(WSAEINVAL);
            }
            return synchronous::<A>(call, wide, result);
        }
        if bad_ptr(ov) {
            return Err(WSAEFAULT);
        }
        // SAFETY: the caller's OVERLAPPED.
        let event = unsafe { (*ov).hEvent } as usize;
        if routine.is_some() && event != 0 {
            return Err(WSAEINVAL);
        }
        // SAFETY: as above; WSAEINPROGRESS until the call finishes.
        unsafe {
            (*ov).Internal = WSAEINPROGRESS as usize;
            (*ov).InternalHigh = 0;
        }
        let target = Target { result: result as usize, overlapped: ov as usize, routine, event };
        let op = start::<A>(call.node, call.service, call.hints, wide, call.scope, target);
        if let Some(limit) = call.timeout {
            time_out(&op, limit);
        }
        if !bad_ptr(handle) {
            // SAFETY: checked; the caller's cancel handle slot.
            unsafe { *handle = op.handle as HANDLE };
        }
        Err(WSA_IO_PENDING)
    })
}

/// A synchronous call: on this thread, or on a thread of its own when a timeout bounds it.
fn synchronous<A: WinAddrInfo + 'static>(call: Call, wide: bool, result: *mut *mut A) -> Result<(), i32> {
    let Some(limit) = call.timeout else {
        let answer = names::resolve_in(call.node.as_deref(), call.service.as_deref(), call.hints, wide, call.scope)?;
        // SAFETY: checked by the caller.
        unsafe { *result = names::build_list::<A>(&answer) };
        return Ok(());
    };
    let target = Target { result: result as usize, overlapped: 0, routine: None, event: 0 };
    let op = start::<A>(call.node, call.service, call.hints, wide, call.scope, target);
    time_out(&op, limit);
    let mut done = op.done.lock().unwrap_or_else(|e| e.into_inner());
    while done.is_none() {
        done = op.cv.wait(done).unwrap_or_else(|e| e.into_inner());
    }
    match done.unwrap() {
        0 => Ok(()),
        e => Err(e),
    }
}

/// # Safety
/// As GetAddrInfoExW documents.
#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "system" fn GetAddrInfoExW(
    name: PCWSTR,
    service: PCWSTR,
    namespace: u32,
    nsp_id: *const GUID,
    hints: *const ADDRINFOEXW,
    result: *mut *mut ADDRINFOEXW,
    timeout: *const TIMEVAL,
    ov: *mut OVERLAPPED,
    routine: LPLOOKUPSERVICE_COMPLETION_ROUTINE,
    handle: *mut HANDLE,
) -> i32 {
    // SAFETY: caller contract.
    let decode = || unsafe { Ok((opt_wide(name)?, opt_wide(service)?)) };
    // SAFETY: caller contract.
    unsafe { get_addr_info_ex(decode, true, namespace, nsp_id, hints, result, timeout, ov, routine, handle) }
}

/// # Safety
/// As GetAddrInfoExA documents.
#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "system" fn GetAddrInfoExA(
    name: PCSTR,
    service: PCSTR,
    namespace: u32,
    nsp_id: *const GUID,
    hints: *const ADDRINFOEXA,
    result: *mut *mut ADDRINFOEXA,
    timeout: *const TIMEVAL,
    ov: *mut OVERLAPPED,
    routine: LPLOOKUPSERVICE_COMPLETION_ROUTINE,
    handle: *mut HANDLE,
) -> i32 {
    // SAFETY: caller contract.
    let decode = || unsafe { Ok((opt_cstr(name).map(<[u8]>::to_vec), opt_cstr(service).map(<[u8]>::to_vec))) };
    // SAFETY: caller contract.
    unsafe { get_addr_info_ex(decode, false, namespace, nsp_id, hints, result, timeout, ov, routine, handle) }
}

/// Completes a pending GetAddrInfoExW at once with WSA_E_CANCELLED; a call that already
/// finished (or an unknown handle) is WSA_INVALID_HANDLE.
///
/// # Safety
/// `handle` null or valid.
#[no_mangle]
pub unsafe extern "system" fn GetAddrInfoExCancel(handle: *const HANDLE) -> i32 {
    returning_code(|| {
        if bad_ptr(handle) {
            return Err(WSA_INVALID_HANDLE);
        }
        // SAFETY: checked.
        let h = unsafe { *handle } as usize;
        let op = pending(|m| m.get(&h).cloned()).ok_or(WSA_INVALID_HANDLE)?;
        if op.done.lock().unwrap_or_else(|e| e.into_inner()).is_some() {
            return Err(WSA_INVALID_HANDLE);
        }
        finish(&op, Err(WSA_E_CANCELLED));
        Ok(())
    })
}

/// The result code of an asynchronous GetAddrInfoExW: WSAEINPROGRESS while it runs.
///
/// # Safety
/// `ov` null or valid.
#[no_mangle]
pub unsafe extern "system" fn GetAddrInfoExOverlappedResult(ov: *const OVERLAPPED) -> i32 {
    if bad_ptr(ov) {
        return WSAEINVAL;
    }
    // SAFETY: checked; Internal is written before completion is signalled.
    unsafe { std::ptr::read_volatile(&(*ov).Internal) as u32 as i32 }
}

/// # Safety
/// `ai` null or a list from GetAddrInfoExA, not freed before.
#[no_mangle]
pub unsafe extern "system" fn FreeAddrInfoEx(ai: *mut ADDRINFOEXA) {
    wsa_call_keep((), || {
        // SAFETY: caller contract.
        unsafe { free_list(ai) };
        Ok(())
    })
}

/// # Safety
/// `ai` null or a list from GetAddrInfoExW, not freed before.
#[no_mangle]
pub unsafe extern "system" fn FreeAddrInfoExW(ai: *mut ADDRINFOEXW) {
    wsa_call_keep((), || {
        // SAFETY: caller contract.
        unsafe { free_list(ai) };
        Ok(())
    })
}
