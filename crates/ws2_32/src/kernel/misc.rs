//! Small kernel32 services socket programs lean on: critical sections (a recursive pthread
//! mutex behind the Windows CRITICAL_SECTION layout), the process heap (malloc), and the
//! performance counter (CLOCK_MONOTONIC in 100 ns units, 10 MHz as on Windows 10).

/// CRITICAL_SECTION as laid out on 64-bit Windows (40 bytes).
#[repr(C)]
pub struct CriticalSection {
    pub debug_info: *mut core::ffi::c_void,
    pub lock_count: i32,
    pub recursion_count: i32,
    pub owning_thread: usize,
    /// Our recursive pthread mutex.
    pub lock_semaphore: *mut libc::pthread_mutex_t,
    pub spin_count: usize,
}

pub fn cs_init(cs: &mut CriticalSection) {
    let m = Box::into_raw(Box::new(libc::PTHREAD_MUTEX_INITIALIZER));
    // SAFETY: `attr` and `m` are live; a recursive mutex matches Windows' re-entrant sections.
    unsafe {
        let mut attr: libc::pthread_mutexattr_t = std::mem::zeroed();
        libc::pthread_mutexattr_init(&mut attr);
        libc::pthread_mutexattr_settype(&mut attr, libc::PTHREAD_MUTEX_RECURSIVE);
        libc::pthread_mutex_init(m, &attr);
        libc::pthread_mutexattr_destroy(&mut attr);
    }
    *cs = CriticalSection {
        debug_info: std::ptr::null_mut(),
        lock_count: -1,
        recursion_count: 0,
        owning_thread: 0,
        lock_semaphore: m,
        spin_count: 0,
    };
}

fn entered(cs: &mut CriticalSection) {
    cs.recursion_count += 1;
    cs.owning_thread = super::thread::gettid() as usize;
}

pub fn cs_enter(cs: &mut CriticalSection) {
    // SAFETY: initialised by cs_init (the program's contract).
    unsafe { libc::pthread_mutex_lock(cs.lock_semaphore) };
    entered(cs);
}

pub fn cs_try_enter(cs: &mut CriticalSection) -> bool {
    // SAFETY: as in cs_enter.
    let ok = unsafe { libc::pthread_mutex_trylock(cs.lock_semaphore) } == 0;
    if ok {
        entered(cs);
    }
    ok
}

pub fn cs_leave(cs: &mut CriticalSection) {
    cs.recursion_count -= 1;
    if cs.recursion_count == 0 {
        cs.owning_thread = 0;
    }
    // SAFETY: the caller holds the mutex (the program's contract).
    unsafe { libc::pthread_mutex_unlock(cs.lock_semaphore) };
}

pub fn cs_delete(cs: &mut CriticalSection) {
    if !cs.lock_semaphore.is_null() {
        // SAFETY: allocated by cs_init and not used after DeleteCriticalSection.
        unsafe {
            libc::pthread_mutex_destroy(cs.lock_semaphore);
            drop(Box::from_raw(cs.lock_semaphore));
        }
        cs.lock_semaphore = std::ptr::null_mut();
    }
}

/// QueryPerformanceFrequency's value.
pub const PERF_FREQUENCY: i64 = 10_000_000;

pub fn perf_counter() -> i64 {
    let mut ts = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: clock_gettime writes one timespec.
    unsafe { libc::clock_gettime(libc::CLOCK_MONOTONIC, &mut ts) };
    ts.tv_sec * PERF_FREQUENCY + ts.tv_nsec / 100
}

/// GetProcessHeap's handle: the C heap.
pub const PROCESS_HEAP: usize = 0x3fff_0000;
pub const HEAP_ZERO_MEMORY: u32 = 0x8;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn critical_section_has_the_windows_layout() {
        // 64-bit Windows: 40 bytes, LockSemaphore at 24 (tests/layout.rs checks the header).
        assert_eq!(std::mem::size_of::<CriticalSection>(), 40);
        assert_eq!(std::mem::offset_of!(CriticalSection, lock_semaphore), 24);
    }

    #[test]
    fn critical_sections_are_reentrant() {
        // SAFETY: CriticalSection is plain data; cs_init fills every field.
        let mut cs: CriticalSection = unsafe { std::mem::zeroed() };
        cs_init(&mut cs);
        cs_enter(&mut cs);
        assert!(cs_try_enter(&mut cs));
        assert_eq!(cs.recursion_count, 2);
        cs_leave(&mut cs);
        cs_leave(&mut cs);
        assert_eq!(cs.owning_thread, 0);
        cs_delete(&mut cs);
    }
}
