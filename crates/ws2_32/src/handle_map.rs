//! A map from handle values (Linux file descriptors, or handles ws2_32 allocates) to per-handle
//! slots: chunks of slots allocated on first use and never freed, so a lookup is two atomic
//! loads and no lock. Used for the API layer's handle table and the base provider's socket
//! state.

use std::sync::atomic::{AtomicPtr, Ordering};

const CHUNK_BITS: usize = 12;
const CHUNK_LEN: usize = 1 << CHUNK_BITS;
const CHUNKS: usize = 1 << 10;

/// The largest handle value a map can hold, plus one (4 Mi handles).
pub const HANDLE_LIMIT: usize = CHUNK_LEN * CHUNKS;

pub struct HandleMap<T: Default> {
    chunks: [AtomicPtr<T>; CHUNKS],
}

impl<T: Default> HandleMap<T> {
    pub const fn new() -> Self {
        HandleMap { chunks: [const { AtomicPtr::new(std::ptr::null_mut()) }; CHUNKS] }
    }

    /// The slot for `handle`, if one was ever created.
    #[inline]
    pub fn get(&self, handle: usize) -> Option<&T> {
        if handle >= HANDLE_LIMIT {
            return None;
        }
        let chunk = self.chunks[handle >> CHUNK_BITS].load(Ordering::Acquire);
        if chunk.is_null() {
            return None;
        }
        // SAFETY: a published chunk holds CHUNK_LEN initialised slots and is never freed.
        Some(unsafe { &*chunk.add(handle & (CHUNK_LEN - 1)) })
    }

    /// The slot for `handle`, creating its chunk when needed; `None` past HANDLE_LIMIT.
    pub fn slot(&self, handle: usize) -> Option<&T> {
        if handle >= HANDLE_LIMIT {
            return None;
        }
        let cell = &self.chunks[handle >> CHUNK_BITS];
        let mut chunk = cell.load(Ordering::Acquire);
        if chunk.is_null() {
            let fresh: Box<[T]> = (0..CHUNK_LEN).map(|_| T::default()).collect();
            let fresh = Box::into_raw(fresh) as *mut T;
            match cell.compare_exchange(std::ptr::null_mut(), fresh, Ordering::AcqRel, Ordering::Acquire) {
                Ok(_) => chunk = fresh,
                Err(existing) => {
                    // SAFETY: `fresh` came from Box::into_raw above and was never shared.
                    drop(unsafe { Box::from_raw(std::ptr::slice_from_raw_parts_mut(fresh, CHUNK_LEN)) });
                    chunk = existing;
                }
            }
        }
        // SAFETY: as in `get`.
        Some(unsafe { &*chunk.add(handle & (CHUNK_LEN - 1)) })
    }

    /// Every slot that exists, with its handle.
    pub fn for_each(&self, mut f: impl FnMut(usize, &T)) {
        for (c, cell) in self.chunks.iter().enumerate() {
            let chunk = cell.load(Ordering::Acquire);
            if chunk.is_null() {
                continue;
            }
            for i in 0..CHUNK_LEN {
                // SAFETY: as in `get`.
                f((c << CHUNK_BITS) | i, unsafe { &*chunk.add(i) });
            }
        }
    }
}

impl<T: Default> Default for HandleMap<T> {
    fn default() -> Self {
        Self::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::AtomicUsize;

    #[test]
    fn slots_are_created_on_demand_and_shared() {
        static MAP: HandleMap<AtomicUsize> = HandleMap::new();
        assert!(MAP.get(5000).is_none());
        MAP.slot(5000).unwrap().store(7, Ordering::Relaxed);
        assert_eq!(MAP.get(5000).unwrap().load(Ordering::Relaxed), 7);
        assert_eq!(MAP.get(5001).unwrap().load(Ordering::Relaxed), 0);
        assert!(MAP.slot(HANDLE_LIMIT).is_none());
    }
}
