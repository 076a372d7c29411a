//! The exported kernel32 subset (declared in include/windows.h): threads, waits, events,
//! APCs, completion ports, CancelIo/CancelIoEx, critical sections, heap and performance
//! counter. Failures set the thread's last error (shared with WSAGetLastError) to the Win32
//! code; successes leave it.

use super::misc::{self, CriticalSection};
use super::{event, handles, iocp, thread, wait, ERROR_INVALID_HANDLE, ERROR_INVALID_PARAMETER, ERROR_NOT_FOUND, WAIT_FAILED};
use crate::abi::{BOOL, FALSE, HANDLE, OVERLAPPED, TRUE};
use crate::error::set_last_error;
use crate::ffi::bad_ptr;
use windows_sys::Win32::System::IO::OVERLAPPED_ENTRY;

fn fail<T>(code: u32, v: T) -> T {
    set_last_error(code);
    v
}

/// # Safety
/// `tid` null or writable; `start` a thread routine.
#[no_mangle]
pub unsafe extern "system" fn CreateThread(
    _sa: *const core::ffi::c_void,
    stack: usize,
    start: Option<thread::StartRoutine>,
    param: *mut core::ffi::c_void,
    flags: u32,
    tid: *mut u32,
) -> HANDLE {
    let Some(start) = start else { return fail(ERROR_INVALID_PARAMETER, std::ptr::null_mut()) };
    match thread::create(start, param as usize, stack, flags) {
        Ok((h, id)) => {
            if !tid.is_null() {
                // SAFETY: caller's variable.
                unsafe { *tid = id };
            }
            h as HANDLE
        }
        Err(e) => fail(e, std::ptr::null_mut()),
    }
}

#[no_mangle]
pub extern "system" fn ResumeThread(h: HANDLE) -> u32 {
    match thread::object(h as usize) {
        Some(t) => t.resume(),
        None => fail(ERROR_INVALID_HANDLE, u32::MAX),
    }
}

/// # Safety
/// `code` must be writable.
#[no_mangle]
pub unsafe extern "system" fn GetExitCodeThread(h: HANDLE, code: *mut u32) -> BOOL {
    let Some(t) = thread::object(h as usize) else { return fail(ERROR_INVALID_HANDLE, FALSE) };
    if bad_ptr(code) {
        return fail(998, FALSE); // ERROR_NOACCESS
    }
    // SAFETY: checked.
    unsafe { *code = t.exit_code() };
    TRUE
}

#[no_mangle]
pub extern "system" fn GetCurrentThread() -> HANDLE {
    handles::CURRENT_THREAD as HANDLE
}

#[no_mangle]
pub extern "system" fn GetCurrentThreadId() -> u32 {
    thread::gettid()
}

#[no_mangle]
pub extern "system" fn GetCurrentProcessId() -> u32 {
    std::process::id()
}

#[no_mangle]
pub extern "system" fn QueueUserAPC(f: Option<thread::ApcFn>, h: HANDLE, data: usize) -> u32 {
    let Some(f) = f else { return fail(ERROR_INVALID_PARAMETER, 0) };
    match thread::object(h as usize) {
        Some(t) if t.queue_apc(f, data) => 1,
        Some(_) => fail(ERROR_INVALID_PARAMETER, 0),
        None => fail(ERROR_INVALID_HANDLE, 0),
    }
}

#[no_mangle]
pub extern "system" fn SleepEx(ms: u32, alertable: BOOL) -> u32 {
    wait::sleep(ms, alertable != 0)
}

#[no_mangle]
pub extern "system" fn WaitForSingleObject(h: HANDLE, ms: u32) -> u32 {
    wait::wait_multiple(&[h as usize], false, ms, false, None)
}

#[no_mangle]
pub extern "system" fn WaitForSingleObjectEx(h: HANDLE, ms: u32, alertable: BOOL) -> u32 {
    wait::wait_multiple(&[h as usize], false, ms, alertable != 0, None)
}

/// # Safety
/// `hs` must hold `n` handles.
#[no_mangle]
pub unsafe extern "system" fn WaitForMultipleObjects(n: u32, hs: *const HANDLE, all: BOOL, ms: u32) -> u32 {
    // SAFETY: forwarded contract.
    unsafe { WaitForMultipleObjectsEx(n, hs, all, ms, FALSE) }
}

/// # Safety
/// `hs` must hold `n` handles.
#[no_mangle]
pub unsafe extern "system" fn WaitForMultipleObjectsEx(n: u32, hs: *const HANDLE, all: BOOL, ms: u32, alertable: BOOL) -> u32 {
    if n == 0 || n > 64 || bad_ptr(hs) {
        return fail(ERROR_INVALID_PARAMETER, WAIT_FAILED);
    }
    // SAFETY: the caller passes `n` handles.
    let hs: Vec<usize> = unsafe { std::slice::from_raw_parts(hs, n as usize) }.iter().map(|h| *h as usize).collect();
    wait::wait_multiple(&hs, all != 0, ms, alertable != 0, None)
}

#[no_mangle]
pub extern "system" fn CreateEventA(_sa: *const core::ffi::c_void, manual: BOOL, initial: BOOL, _name: *const u8) -> HANDLE {
    event::create(manual != 0, initial != 0) as HANDLE
}

#[no_mangle]
pub extern "system" fn CreateEventW(_sa: *const core::ffi::c_void, manual: BOOL, initial: BOOL, _name: *const u16) -> HANDLE {
    event::create(manual != 0, initial != 0) as HANDLE
}

#[no_mangle]
pub extern "system" fn SetEvent(h: HANDLE) -> BOOL {
    if event::set(h as usize) {
        TRUE
    } else {
        fail(ERROR_INVALID_HANDLE, FALSE)
    }
}

#[no_mangle]
pub extern "system" fn ResetEvent(h: HANDLE) -> BOOL {
    if event::reset(h as usize) {
        TRUE
    } else {
        fail(ERROR_INVALID_HANDLE, FALSE)
    }
}

#[no_mangle]
pub extern "system" fn CloseHandle(h: HANDLE) -> BOOL {
    let h = h as usize;
    match handles::get(h) {
        Some(handles::Object::Port(_)) => iocp::close(h),
        Some(_) => handles::remove(h).is_some(),
        None => return fail(ERROR_INVALID_HANDLE, FALSE),
    };
    TRUE
}

// ---- completion ports ----

const INVALID_HANDLE_VALUE: usize = usize::MAX;

#[no_mangle]
pub extern "system" fn CreateIoCompletionPort(file: HANDLE, existing: HANDLE, key: usize, _threads: u32) -> HANDLE {
    let (file, existing) = (file as usize, existing as usize);
    if file == INVALID_HANDLE_VALUE {
        if existing != 0 {
            return fail(ERROR_INVALID_PARAMETER, std::ptr::null_mut());
        }
        return iocp::create() as HANDLE;
    }
    // Only sockets can be associated (the handles ws2_32 knows).
    if crate::spi::handles::lookup(file).is_err() {
        return fail(ERROR_INVALID_HANDLE, std::ptr::null_mut());
    }
    let (port_h, fresh) = if existing == 0 { (iocp::create(), true) } else { (existing, false) };
    let Some(port) = handles::port(port_h) else { return fail(ERROR_INVALID_HANDLE, std::ptr::null_mut()) };
    if let Err(e) = iocp::associate(file, port, key) {
        if fresh {
            iocp::close(port_h);
        }
        return fail(e, std::ptr::null_mut());
    }
    port_h as HANDLE
}

/// # Safety
/// Out pointers must be writable.
#[no_mangle]
pub unsafe extern "system" fn GetQueuedCompletionStatus(
    port: HANDLE,
    bytes: *mut u32,
    key: *mut usize,
    ov: *mut *mut OVERLAPPED,
    ms: u32,
) -> BOOL {
    let Some(p) = handles::port(port as usize) else { return fail(ERROR_INVALID_HANDLE, FALSE) };
    if bad_ptr(bytes) || bad_ptr(key) || bad_ptr(ov) {
        return fail(998, FALSE);
    }
    let mut got = iocp::Packets::new();
    let r = p.dequeue(&mut got, 1, wait::deadline(ms), false);
    // SAFETY: checked above; the caller's variables.
    unsafe {
        match r {
            Ok(()) => {
                let pk = got[0];
                *bytes = pk.bytes;
                *key = pk.key;
                *ov = pk.ov as *mut OVERLAPPED;
                if pk.error != 0 {
                    return fail(pk.error, FALSE);
                }
                TRUE
            }
            Err(e) => {
                *ov = std::ptr::null_mut();
                fail(e, FALSE)
            }
        }
    }
}

/// # Safety
/// `entries` must hold `count` entries; `removed` writable.
#[no_mangle]
pub unsafe extern "system" fn GetQueuedCompletionStatusEx(
    port: HANDLE,
    entries: *mut OVERLAPPED_ENTRY,
    count: u32,
    removed: *mut u32,
    ms: u32,
    alertable: BOOL,
) -> BOOL {
    let Some(p) = handles::port(port as usize) else { return fail(ERROR_INVALID_HANDLE, FALSE) };
    if count == 0 || bad_ptr(entries) || bad_ptr(removed) {
        return fail(ERROR_INVALID_PARAMETER, FALSE);
    }
    let mut got = iocp::Packets::new();
    let r = p.dequeue(&mut got, count as usize, wait::deadline(ms), alertable != 0);
    // SAFETY: checked above; the caller's array holds `count` entries.
    unsafe {
        match r {
            Ok(()) => {
                for (i, pk) in got.iter().enumerate() {
                    *entries.add(i) = OVERLAPPED_ENTRY {
                        lpCompletionKey: pk.key,
                        lpOverlapped: pk.ov as *mut OVERLAPPED,
                        Internal: pk.error as usize,
                        dwNumberOfBytesTransferred: pk.bytes,
                    };
                }
                *removed = got.len() as u32;
                TRUE
            }
            Err(e) => {
                *removed = 0;
                fail(e, FALSE)
            }
        }
    }
}

#[no_mangle]
pub extern "system" fn PostQueuedCompletionStatus(port: HANDLE, bytes: u32, key: usize, ov: *mut OVERLAPPED) -> BOOL {
    let Some(p) = handles::port(port as usize) else { return fail(ERROR_INVALID_HANDLE, FALSE) };
    p.post(iocp::Packet { key, ov: ov as usize, bytes, error: 0 });
    TRUE
}

#[no_mangle]
pub extern "system" fn SetFileCompletionNotificationModes(file: HANDLE, flags: u8) -> BOOL {
    if crate::spi::handles::lookup(file as usize).is_err() {
        return fail(ERROR_INVALID_HANDLE, FALSE);
    }
    if flags & !(iocp::FILE_SKIP_COMPLETION_PORT_ON_SUCCESS | iocp::FILE_SKIP_SET_EVENT_ON_HANDLE) != 0 {
        return fail(ERROR_INVALID_PARAMETER, FALSE);
    }
    iocp::set_modes(file as usize, flags);
    TRUE
}

// ---- cancelling overlapped I/O ----

/// The sockets are the handles with overlapped I/O to cancel; anything else, kernel objects
/// included, is not a file handle: ERROR_INVALID_HANDLE, as Windows reports for them.
fn cancel_io(h: HANDLE, ov: *mut OVERLAPPED, this_thread: bool) -> Result<u32, u32> {
    if crate::spi::handles::lookup(h as usize).is_err() {
        return Err(ERROR_INVALID_HANDLE);
    }
    crate::api::overlapped::cancel_io(h as usize, ov, this_thread).map_err(|e| e as u32)
}

/// CancelIo: the calling thread's pending operations on the handle; success even when there
/// were none (only CancelIoEx reports ERROR_NOT_FOUND).
#[no_mangle]
pub extern "system" fn CancelIo(h: HANDLE) -> BOOL {
    match cancel_io(h, std::ptr::null_mut(), true) {
        Ok(_) => TRUE,
        Err(e) => fail(e, FALSE),
    }
}

/// CancelIoEx: every thread's pending operations on the handle, or those with `ov`.
#[no_mangle]
pub extern "system" fn CancelIoEx(h: HANDLE, ov: *mut OVERLAPPED) -> BOOL {
    match cancel_io(h, ov, false) {
        Ok(0) => fail(ERROR_NOT_FOUND, FALSE),
        Ok(_) => TRUE,
        Err(e) => fail(e, FALSE),
    }
}

// ---- critical sections ----

/// # Safety
/// `cs` must point to a CRITICAL_SECTION.
#[no_mangle]
pub unsafe extern "system" fn InitializeCriticalSection(cs: *mut CriticalSection) {
    // SAFETY: caller contract.
    misc::cs_init(unsafe { &mut *cs })
}

/// # Safety
/// As InitializeCriticalSection.
#[no_mangle]
pub unsafe extern "system" fn InitializeCriticalSectionAndSpinCount(cs: *mut CriticalSection, spin: u32) -> BOOL {
    // SAFETY: caller contract.
    let cs = unsafe { &mut *cs };
    misc::cs_init(cs);
    cs.spin_count = spin as usize;
    TRUE
}

/// # Safety
/// `cs` must be initialised.
#[no_mangle]
pub unsafe extern "system" fn EnterCriticalSection(cs: *mut CriticalSection) {
    // SAFETY: caller contract.
    misc::cs_enter(unsafe { &mut *cs })
}

/// # Safety
/// `cs` must be initialised.
#[no_mangle]
pub unsafe extern "system" fn TryEnterCriticalSection(cs: *mut CriticalSection) -> BOOL {
    // SAFETY: caller contract.
    misc::cs_try_enter(unsafe { &mut *cs }) as BOOL
}

/// # Safety
/// `cs` must be held by the caller.
#[no_mangle]
pub unsafe extern "system" fn LeaveCriticalSection(cs: *mut CriticalSection) {
    // SAFETY: caller contract.
    misc::cs_leave(unsafe { &mut *cs })
}

/// # Safety
/// `cs` must be initialised and unused.
#[no_mangle]
pub unsafe extern "system" fn DeleteCriticalSection(cs: *mut CriticalSection) {
    // SAFETY: caller contract.
    misc::cs_delete(unsafe { &mut *cs })
}

// ---- heap and performance counter ----

#[no_mangle]
pub extern "system" fn GetProcessHeap() -> HANDLE {
    misc::PROCESS_HEAP as HANDLE
}

#[no_mangle]
pub extern "system" fn HeapAlloc(heap: HANDLE, flags: u32, size: usize) -> *mut core::ffi::c_void {
    if heap.is_null() {
        return std::ptr::null_mut();
    }
    // SAFETY: plain allocation calls.
    unsafe {
        if flags & misc::HEAP_ZERO_MEMORY != 0 {
            libc::calloc(1, size.max(1))
        } else {
            libc::malloc(size.max(1))
        }
    }
}

/// # Safety
/// `p` must come from HeapAlloc.
#[no_mangle]
pub unsafe extern "system" fn HeapReAlloc(_heap: HANDLE, _flags: u32, p: *mut core::ffi::c_void, size: usize) -> *mut core::ffi::c_void {
    // SAFETY: caller contract.
    unsafe { libc::realloc(p, size.max(1)) }
}

/// # Safety
/// `p` must be null or come from HeapAlloc.
#[no_mangle]
pub unsafe extern "system" fn HeapFree(_heap: HANDLE, _flags: u32, p: *mut core::ffi::c_void) -> BOOL {
    // SAFETY: caller contract.
    unsafe { libc::free(p) };
    TRUE
}

/// # Safety
/// `v` must be writable.
#[no_mangle]
pub unsafe extern "system" fn QueryPerformanceCounter(v: *mut i64) -> BOOL {
    if bad_ptr(v) {
        return fail(998, FALSE);
    }
    // SAFETY: checked.
    unsafe { *v = misc::perf_counter() };
    TRUE
}

/// # Safety
/// `v` must be writable.
#[no_mangle]
pub unsafe extern "system" fn QueryPerformanceFrequency(v: *mut i64) -> BOOL {
    if bad_ptr(v) {
        return fail(998, FALSE);
    }
    // SAFETY: checked.
    unsafe { *v = misc::PERF_FREQUENCY };
    TRUE
}
