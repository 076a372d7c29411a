//! The table of kernel-object HANDLEs (events, threads, completion ports). Values start at
//! 0x4000_0000, above every descriptor a SOCKET can be, and step by 4 as Windows handles do;
//! they are never reused, so a stale handle fails instead of reaching a new object.

use super::event::Event;
use super::iocp::Port;
use super::thread::ThreadObject;
use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, RwLock};

#[derive(Clone)]
pub enum Object {
    Event(Arc<Event>),
    Thread(Arc<ThreadObject>),
    Port(Arc<Port>),
}

static TABLE: RwLock<Option<HashMap<usize, Object>>> = RwLock::new(None);
static NEXT: AtomicUsize = AtomicUsize::new(0x4000_0000);

/// GetCurrentThread()'s pseudo-handle.
pub const CURRENT_THREAD: usize = usize::MAX - 1;

pub fn insert(o: Object) -> usize {
    let h = NEXT.fetch_add(4, Ordering::Relaxed);
    TABLE.write().unwrap_or_else(|e| e.into_inner()).get_or_insert_with(HashMap::new).insert(h, o);
    h
}

pub fn get(h: usize) -> Option<Object> {
    TABLE.read().unwrap_or_else(|e| e.into_inner()).as_ref()?.get(&h).cloned()
}

pub fn remove(h: usize) -> Option<Object> {
    TABLE.write().unwrap_or_else(|e| e.into_inner()).as_mut()?.remove(&h)
}

pub fn event(h: usize) -> Option<Arc<Event>> {
    match get(h)? {
        Object::Event(e) => Some(e),
        _ => None,
    }
}

pub fn port(h: usize) -> Option<Arc<Port>> {
    match get(h)? {
        Object::Port(p) => Some(p),
        _ => None,
    }
}

/// Puts back an object `remove` took by mistake (wrong kind for the caller).
pub fn insert_back(h: usize, o: Object) {
    TABLE.write().unwrap_or_else(|e| e.into_inner()).get_or_insert_with(HashMap::new).insert(h, o);
}
