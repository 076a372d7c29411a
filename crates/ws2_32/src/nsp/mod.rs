//! The namespace providers built into libws2_32, reached through its exported `NSPStartup` as
//! the base transport provider is through `WSPStartup`: ws2_32 calls it for a catalog entry
//! whose provider path is built in, and it serves that entry's GUID with the system resolver
//! (`system`) or ws2's own DNS client (`dns`, configured by the entry's provider-specific
//! blob). Both speak the TCP/IP namespace (NS_DNS) of Windows: the service classes of
//! svcguid.h (`query`), answered with CSADDR_INFO addresses, names, aliases and hostent/servent
//! BLOBs (`results`).
//!
//! A lookup does its work in NSPLookupServiceBegin; Next hands out the results it kept.

pub mod dns;
mod query;
mod results;
mod system;

use crate::abi::*;
use crate::catalog::{self, namespace::SYSTEM_NSP_ID, BuiltinKind};
use crate::error::set_last_error;
use crate::rnr::{QuerySet, ScopedIp};
use crate::sys::resolver;
use query::{Families, Query, Request};
use results::{Answer, Host, Service};
use std::collections::HashMap;
use std::ffi::{c_void, CString};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

/// What a resolver behind a built-in provider does.
pub(crate) trait Backend {
    /// A host's addresses (HOSTADDRBYNAME).
    fn host(&self, name: &str, families: Families, flags: u32) -> Result<Host, i32>;
    /// An address's host name (HOSTADDRBYINETSTRING).
    fn name_of(&self, addr: &ScopedIp, flags: u32) -> Result<Host, i32>;
}

/// A lookup begun by a built-in provider: its results and how far Next has got.
struct Lookup {
    results: Vec<QuerySet>,
    next: usize,
    /// The last Next did not fit its buffer (LUP_FLUSHPREVIOUS then skips that result).
    too_small: bool,
}

static LOOKUPS: Mutex<Option<HashMap<usize, Lookup>>> = Mutex::new(None);
static NEXT_HANDLE: AtomicUsize = AtomicUsize::new(1);

fn lookups<R>(f: impl FnOnce(&mut HashMap<usize, Lookup>) -> R) -> R {
    f(LOOKUPS.lock().unwrap_or_else(|e| e.into_inner()).get_or_insert_with(HashMap::new))
}

/// The NSP convention: NO_ERROR, or SOCKET_ERROR with the code as the thread's last error.
/// No panic crosses the boundary.
fn nsp_call(body: impl FnOnce() -> Result<(), i32>) -> i32 {
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(body)).unwrap_or(Err(WSASYSCALLFAILURE)) {
        Ok(()) => 0,
        Err(code) => {
            set_last_error(code as u32);
            SOCKET_ERROR
        }
    }
}

/// Which built-in serves `id`: the system resolver's GUID, or a built-in entry of the catalog.
fn kind_of(id: &GUID) -> Result<BuiltinKind, i32> {
    if guid_eq(id, &SYSTEM_NSP_ID) {
        return Ok(BuiltinKind::System);
    }
    catalog::current().namespace(id).and_then(|n| n.builtin_kind()).ok_or(WSAEINVALIDPROVIDER)
}

/// Fills in the NSP_ROUTINE for a built-in provider.
///
/// # Safety
/// `id` and `routine` must be null or valid.
#[no_mangle]
pub unsafe extern "system" fn NSPStartup(id: *const GUID, routine: *mut NSP_ROUTINE) -> i32 {
    nsp_call(|| {
        if crate::ffi::bad_ptr(id) || crate::ffi::bad_ptr(routine) {
            return Err(WSAEFAULT);
        }
        // SAFETY: checked; the caller's GUID.
        kind_of(unsafe { &*id })?;
        let r = NSP_ROUTINE {
            cbSize: std::mem::size_of::<NSP_ROUTINE>() as u32,
            dwMajorVersion: 2,
            dwMinorVersion: 2,
            NSPCleanup: Some(nsp_cleanup),
            NSPLookupServiceBegin: Some(nsp_lookup_begin),
            NSPLookupServiceNext: Some(nsp_lookup_next),
            NSPLookupServiceEnd: Some(nsp_lookup_end),
            NSPSetService: Some(nsp_set_service),
            NSPInstallServiceClass: Some(nsp_install_class),
            NSPRemoveServiceClass: Some(nsp_remove_class),
            NSPGetServiceClassInfo: Some(nsp_get_class_info),
            NSPIoctl: Some(nsp_ioctl),
        };
        // SAFETY: checked; the caller's structure.
        unsafe { routine.write(r) };
        Ok(())
    })
}

unsafe extern "system" fn nsp_cleanup(_id: *const GUID) -> i32 {
    0
}

/// Answers a parsed request with `backend`.
fn answer(backend: &dyn Backend, req: &Request) -> Result<Answer, i32> {
    match &req.query {
        Query::HostByName { name } => backend.host(name, req.families, req.flags).map(Answer::Host),
        Query::NameByAddr { addr } => backend.name_of(addr, req.flags).map(Answer::Host),
        Query::LocalHost => {
            let name = resolver::gethostname().map_err(crate::error::wsa_from_errno)?.to_string_lossy().into_owned();
            let addrs = match req.flags & (LUP_RETURN_ADDR | LUP_RETURN_BLOB) {
                0 => Vec::new(),
                _ => backend.host(&name, req.families, req.flags).map(|h| h.addrs).unwrap_or_default(),
            };
            Ok(Answer::Host(Host { name, aliases: Vec::new(), addrs }))
        }
        Query::Service { name, proto } => {
            let n = CString::new(name.as_str()).map_err(|_| WSASERVICE_NOT_FOUND)?;
            let p = proto.as_deref().map(CString::new).transpose().map_err(|_| WSASERVICE_NOT_FOUND)?;
            let s = resolver::getservbyname(&n, p.as_deref()).map_err(crate::error::wsa_from_errno)?.ok_or(WSASERVICE_NOT_FOUND)?;
            let text = |c: &CString| c.to_string_lossy().into_owned();
            Ok(Answer::Service(Service {
                name: text(&s.name),
                aliases: s.aliases.iter().map(text).collect(),
                port: s.port,
                proto: text(&s.proto),
            }))
        }
    }
}

unsafe extern "system" fn nsp_lookup_begin(
    id: *const GUID,
    qs: *const WSAQUERYSETW,
    _class: *const WSASERVICECLASSINFOW,
    flags: u32,
    handle: *mut HANDLE,
) -> i32 {
    nsp_call(|| {
        if crate::ffi::bad_ptr(id) || crate::ffi::bad_ptr(handle) {
            return Err(WSAEFAULT);
        }
        // SAFETY: checked; the caller's GUID.
        let id = unsafe { *id };
        // SAFETY: ws2_32 passes a complete WSAQUERYSETW.
        let req = query::parse(&unsafe { QuerySet::read(qs, true) }?, flags)?;
        let found = match kind_of(&id)? {
            BuiltinKind::System => answer(&system::System, &req)?,
            BuiltinKind::Dns => answer(&dns::Dns::for_provider(&id)?, &req)?,
        };
        let lookup = Lookup { results: results::results(&req, found, &id, NS_DNS), next: 0, too_small: false };
        let h = NEXT_HANDLE.fetch_add(1, Ordering::Relaxed);
        lookups(|m| m.insert(h, lookup));
        // SAFETY: checked.
        unsafe { *handle = h as HANDLE };
        Ok(())
    })
}

unsafe extern "system" fn nsp_lookup_next(h: HANDLE, flags: u32, len: *mut u32, out: *mut WSAQUERYSETW) -> i32 {
    nsp_call(|| {
        lookups(|m| {
            let l = m.get_mut(&(h as usize)).ok_or(WSA_INVALID_HANDLE)?;
            if flags & LUP_FLUSHPREVIOUS != 0 && l.too_small {
                // The caller gives up on the result that did not fit.
                l.next += 1;
            }
            l.too_small = false;
            let q = l.results.get(l.next).ok_or(WSA_E_NO_MORE)?;
            // SAFETY: the caller's buffer of `*len` bytes.
            let r = unsafe { results::restrict(q.clone(), flags).write(true, out, len) };
            l.too_small = r == Err(WSAEFAULT);
            r?;
            l.next += 1;
            Ok(())
        })
    })
}

unsafe extern "system" fn nsp_lookup_end(h: HANDLE) -> i32 {
    nsp_call(|| lookups(|m| m.remove(&(h as usize)).map(|_| ()).ok_or(WSA_INVALID_HANDLE)))
}

unsafe extern "system" fn nsp_set_service(
    _id: *const GUID,
    _c: *const WSASERVICECLASSINFOW,
    _q: *const WSAQUERYSETW,
    _op: WSAESETSERVICEOP,
    _f: u32,
) -> i32 {
    nsp_call(|| Err(WSAEOPNOTSUPP))
}

unsafe extern "system" fn nsp_install_class(_id: *const GUID, _c: *const WSASERVICECLASSINFOW) -> i32 {
    nsp_call(|| Err(WSAEOPNOTSUPP))
}

unsafe extern "system" fn nsp_remove_class(_id: *const GUID, _c: *const GUID) -> i32 {
    nsp_call(|| Err(WSAEOPNOTSUPP))
}

unsafe extern "system" fn nsp_get_class_info(_id: *const GUID, _len: *const u32, _c: *const WSASERVICECLASSINFOW) -> i32 {
    nsp_call(|| Err(WSAEOPNOTSUPP))
}

#[allow(clippy::too_many_arguments)]
unsafe extern "system" fn nsp_ioctl(
    _h: HANDLE,
    _code: u32,
    _inb: *const c_void,
    _inl: u32,
    _outb: *mut c_void,
    _outl: u32,
    _ret: *mut u32,
    _c: *const WSACOMPLETION,
    _t: *const WSATHREADID,
) -> i32 {
    nsp_call(|| Err(WSAEOPNOTSUPP))
}
