//! The application's handles and the lower sockets behind them.
//!
//! IFS layers hand out the lower layer's handle itself (after WPUModifyIFSHandle) and remember
//! which link it came through; non-IFS layers make a handle of their own with
//! WPUCreateSocketHandle, whose context is a boxed `Sock` naming the lower socket.

use crate::chain::Link;
use std::collections::HashMap;
use std::sync::RwLock;
use windows_sys::Win32::Networking::WinSock::*;

pub struct Sock {
    pub lower: SOCKET,
    pub link: &'static Link,
}

static IFS: RwLock<Option<HashMap<SOCKET, &'static Link>>> = RwLock::new(None);
/// Held shared while a non-IFS context is read, exclusively while one is freed: a close in one
/// thread cannot free a context another thread is reading.
static CONTEXTS: RwLock<()> = RwLock::new(());

/// The lower socket and link behind the application's handle `s`.
pub fn lookup(s: SOCKET, ifs: bool, up: &WSPUPCALLTABLE) -> Option<(SOCKET, &'static Link)> {
    if ifs {
        let map = IFS.read().unwrap_or_else(|e| e.into_inner());
        return map.as_ref()?.get(&s).map(|l| (s, *l));
    }
    let query = up.lpWPUQuerySocketHandleContext?;
    let _shared = CONTEXTS.read().unwrap_or_else(|e| e.into_inner());
    let (mut ctx, mut err) = (0usize, 0);
    // SAFETY: ws2_32's upcall with valid pointers.
    if unsafe { query(s, &mut ctx, &mut err) } != 0 || ctx == 0 {
        return None;
    }
    // SAFETY: every context we register is a leaked Box<Sock>, freed only by `forget` under the
    // exclusive lock; the values are copied out while the shared lock is held.
    let sock = unsafe { &*(ctx as *const Sock) };
    Some((sock.lower, sock.link))
}

/// Gives the application a handle for lower socket `lower`.
pub fn wrap(lower: SOCKET, link: &'static Link, entry_id: u32, ifs: bool, up: &WSPUPCALLTABLE) -> Result<SOCKET, i32> {
    let mut err = 0;
    if ifs {
        let modify = up.lpWPUModifyIFSHandle.ok_or(WSAEPROVIDERFAILEDINIT)?;
        // SAFETY: ws2_32's upcall.
        let h = unsafe { modify(entry_id, lower, &mut err) };
        if h == INVALID_SOCKET {
            return Err(err);
        }
        IFS.write().unwrap_or_else(|e| e.into_inner()).get_or_insert_with(HashMap::new).insert(h, link);
        return Ok(h);
    }
    let create = up.lpWPUCreateSocketHandle.ok_or(WSAEPROVIDERFAILEDINIT)?;
    let ctx = Box::into_raw(Box::new(Sock { lower, link })) as usize;
    // SAFETY: ws2_32's upcall; the context stays valid until `forget`.
    let h = unsafe { create(entry_id, ctx, &mut err) };
    if h == INVALID_SOCKET {
        // SAFETY: `ctx` came from Box::into_raw above and was not registered.
        drop(unsafe { Box::from_raw(ctx as *mut Sock) });
        return Err(err);
    }
    Ok(h)
}

/// Forgets handle `s` after its lower socket was closed.
pub fn forget(s: SOCKET, ifs: bool, up: &WSPUPCALLTABLE) {
    if ifs {
        if let Some(m) = IFS.write().unwrap_or_else(|e| e.into_inner()).as_mut() {
            m.remove(&s);
        }
        return;
    }
    let (Some(query), Some(close)) = (up.lpWPUQuerySocketHandleContext, up.lpWPUCloseSocketHandle) else { return };
    let _exclusive = CONTEXTS.write().unwrap_or_else(|e| e.into_inner());
    let (mut ctx, mut err) = (0usize, 0);
    // SAFETY: ws2_32's upcalls; the context is ours (see `wrap`), freed once, after the handle
    // is closed and while no reader holds it.
    unsafe {
        if query(s, &mut ctx, &mut err) == 0 && ctx != 0 && close(s, &mut err) == 0 {
            drop(Box::from_raw(ctx as *mut Sock));
        }
    }
}
