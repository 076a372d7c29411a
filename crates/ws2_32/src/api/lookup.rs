//! WSALookupServiceBegin/Next/End (W and A) and WSANSPIoctl: a lookup goes to every active
//! namespace provider that serves the query's namespace (or to the one named by
//! lpNSProviderId), in catalog order, through their NSP_ROUTINE; Next hands out the first
//! provider's results, then the next provider's, and WSA_E_NO_MORE when all are done.
//!
//! The name-resolution functions (getaddrinfo & co.) use `query`: the same path, the results
//! of the first provider that answers.
//!
//! A provider whose Begin fails is left out; when all fail, the first provider's error is the
//! lookup's (WSASERVICE_NOT_FOUND and WSAEINVAL — "this provider does not serve such a query" —
//! give way to a later provider's error).

use super::startup::require_started;
use crate::abi::*;
use crate::catalog;
use crate::error::last_error;
use crate::ffi::{bad_ptr, wsa_call};
use crate::rnr::{QuerySet, ServiceClass};
use crate::spi::nsp::{nsp_for, nsp_result, NspInstance};
use std::collections::HashMap;
use std::ffi::c_void;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

/// One provider's part of a lookup.
struct Part {
    nsp: &'static NspInstance,
    handle: HANDLE,
}

// SAFETY: the provider's lookup handle is an opaque value it hands back to us; providers
// must accept Next/End from any thread (as Windows requires of them).
unsafe impl Send for Part {}

struct Lookup {
    parts: Vec<Part>,
    /// The part whose results Next is handing out.
    current: usize,
    /// A result the caller's WSAQUERYSETA buffer was too small for, kept for the next call.
    pending: Option<QuerySet>,
}

/// Lookup handles are numbered apart from sockets, events and notification handles.
const LOOKUP_BASE: usize = 0x7e70_0000;
static NEXT_LOOKUP: AtomicUsize = AtomicUsize::new(LOOKUP_BASE);
type Table = HashMap<usize, Arc<Mutex<Lookup>>>;
static LOOKUPS: Mutex<Option<Table>> = Mutex::new(None);

fn table<R>(f: impl FnOnce(&mut Table) -> R) -> R {
    f(LOOKUPS.lock().unwrap_or_else(|e| e.into_inner()).get_or_insert_with(HashMap::new))
}

fn lookup(h: HANDLE) -> Result<Arc<Mutex<Lookup>>, i32> {
    table(|t| t.get(&(h as usize)).cloned()).ok_or(WSA_INVALID_HANDLE)
}

/// Whether an error means "this provider does not serve such a query" (another's error wins).
fn unsupported(code: i32) -> bool {
    matches!(code, WSASERVICE_NOT_FOUND | WSAEINVAL | WSAEPROVIDERFAILEDINIT | WSAEINVALIDPROVIDER)
}

/// The error of a call to several providers so far (`error`), after one more failed with
/// `code`: the first provider's, unless it only said it does not serve the query.
pub(crate) fn prefer(error: Option<i32>, code: i32) -> i32 {
    match error {
        Some(e) if !unsupported(e) || unsupported(code) => e,
        _ => code,
    }
}

/// Begins a lookup at every provider for `q`; returns its handle.
pub(crate) fn begin(q: &QuerySet, flags: u32) -> Result<HANDLE, i32> {
    require_started()?;
    let class = q.class_id.ok_or(WSAEINVAL)?;
    let cat = catalog::current();
    let providers = cat.namespace_providers(q.namespace, q.provider_id.as_ref());
    if providers.is_empty() {
        return Err(if q.provider_id.is_some() { WSAEINVAL } else { WSASERVICE_NOT_FOUND });
    }
    let packed = q.packed(true);
    let class_info = ServiceClass::bare(class).packed(true);
    let mut parts = Vec::new();
    let mut error: Option<i32> = None;
    for entry in &providers {
        let code = match nsp_for(entry) {
            Err(code) => code,
            Ok(nsp) => {
                let Some(begin) = nsp.routine.NSPLookupServiceBegin else { continue };
                let mut h: HANDLE = std::ptr::null_mut();
                // SAFETY: the provider's entry point with live arguments: its GUID, a complete
                // WSAQUERYSETW, a class description and an out-handle.
                let began =
                    nsp_result(WSASERVICE_NOT_FOUND, || unsafe { begin(&nsp.provider_id, packed.ptr(), class_info.ptr(), flags, &mut h) });
                match began {
                    Ok(()) => {
                        parts.push(Part { nsp, handle: h });
                        continue;
                    }
                    Err(code) => code,
                }
            }
        };
        error = Some(prefer(error, code));
    }
    if parts.is_empty() {
        return Err(error.unwrap_or(WSASERVICE_NOT_FOUND));
    }
    let h = NEXT_LOOKUP.fetch_add(1, Ordering::Relaxed);
    table(|t| t.insert(h, Arc::new(Mutex::new(Lookup { parts, current: 0, pending: None }))));
    Ok(h as HANDLE)
}

/// The next result into a caller's WSAQUERYSETW buffer, from the current provider or the ones
/// after it; the index of the provider that gave it.
///
/// # Safety
/// `len` valid; `out` holds `*len` bytes.
unsafe fn next_into(l: &mut Lookup, flags: u32, len: *mut u32, out: *mut WSAQUERYSETW) -> Result<usize, i32> {
    while let Some(part) = l.parts.get(l.current) {
        let Some(next) = part.nsp.routine.NSPLookupServiceNext else { return Err(WSANO_RECOVERY) };
        crate::error::set_last_error(0);
        // SAFETY: the provider's own handle and the caller's buffer, as the caller guarantees.
        if unsafe { next(part.handle, flags, len, out) } == 0 {
            return Ok(l.current);
        }
        match last_error() as i32 {
            WSA_E_NO_MORE | WSAENOMORE => l.current += 1,
            0 => return Err(WSANO_RECOVERY),
            e => return Err(e),
        }
    }
    Err(WSA_E_NO_MORE)
}

/// The next result as an owned QuerySet (the buffer grows until the result fits).
fn next_owned(l: &mut Lookup, flags: u32) -> Result<(usize, QuerySet), i32> {
    let flags = flags & !LUP_FLUSHPREVIOUS;
    let mut buf = vec![0u64; 512];
    loop {
        let mut len = (buf.len() * 8) as u32;
        let p = buf.as_mut_ptr() as *mut WSAQUERYSETW;
        // SAFETY: `buf` has `len` bytes.
        match unsafe { next_into(l, flags, &mut len, p) } {
            // SAFETY: the provider packed a WSAQUERYSETW into `buf`.
            Ok(part) => return Ok((part, unsafe { QuerySet::read(p, true) }?)),
            Err(WSAEFAULT) if len as usize > buf.len() * 8 && len < 1 << 26 => buf = vec![0u64; (len as usize).div_ceil(8)],
            Err(e) => return Err(e),
        }
    }
}

/// Ends a lookup at every provider.
pub(crate) fn end(h: HANDLE) -> Result<(), i32> {
    let l = table(|t| t.remove(&(h as usize))).ok_or(WSA_INVALID_HANDLE)?;
    let l = l.lock().unwrap_or_else(|e| e.into_inner());
    for part in &l.parts {
        if let Some(end) = part.nsp.routine.NSPLookupServiceEnd {
            // SAFETY: the provider's own handle, ended once.
            unsafe { end(part.handle) };
        }
    }
    Ok(())
}

/// What a name query found: the provider that answered and its results (the answer first,
/// then any aliases it returned).
pub(crate) struct Found {
    pub provider: GUID,
    pub results: Vec<QuerySet>,
}

/// Runs a lookup to the end of the first provider that has results.
pub(crate) fn query(q: &QuerySet, flags: u32) -> Result<Found, i32> {
    let h = begin(q, flags)?;
    let r = (|| {
        let l = lookup(h)?;
        let mut l = l.lock().unwrap_or_else(|e| e.into_inner());
        let (first, q0) = next_owned(&mut l, flags)?;
        let provider = l.parts[first].nsp.provider_id;
        let mut results = vec![q0];
        loop {
            match next_owned(&mut l, flags) {
                Ok((part, q)) if part == first => results.push(q),
                Ok(_) | Err(WSA_E_NO_MORE) => break,
                Err(e) => return Err(e),
            }
        }
        Ok(Found { provider, results })
    })();
    let _ = end(h);
    r
}

// ---- the exported functions ------------------------------------------------------------------

/// # Safety
/// `q` and `h` valid as WSALookupServiceBegin documents.
unsafe fn begin_with(q: *const WSAQUERYSETW, flags: u32, h: *mut HANDLE, wide: bool) -> i32 {
    wsa_call(SOCKET_ERROR, || {
        require_started()?;
        if bad_ptr(h) {
            return Err(WSAEFAULT);
        }
        // SAFETY: caller contract.
        let qs = unsafe { QuerySet::read(q, wide) }?;
        let handle = begin(&qs, flags)?;
        // SAFETY: checked.
        unsafe { *h = handle };
        Ok(0)
    })
}

/// # Safety
/// As WSALookupServiceBegin documents.
#[no_mangle]
pub unsafe extern "system" fn WSALookupServiceBeginW(q: *const WSAQUERYSETW, flags: u32, h: *mut HANDLE) -> i32 {
    // SAFETY: caller contract.
    unsafe { begin_with(q, flags, h, true) }
}

/// # Safety
/// As WSALookupServiceBegin documents (WSAQUERYSETA has WSAQUERYSETW's layout).
#[no_mangle]
pub unsafe extern "system" fn WSALookupServiceBeginA(q: *const WSAQUERYSETA, flags: u32, h: *mut HANDLE) -> i32 {
    // SAFETY: caller contract.
    unsafe { begin_with(q as *const WSAQUERYSETW, flags, h, false) }
}

/// # Safety
/// As WSALookupServiceNext documents.
#[no_mangle]
pub unsafe extern "system" fn WSALookupServiceNextW(h: HANDLE, flags: u32, len: *mut u32, out: *mut WSAQUERYSETW) -> i32 {
    wsa_call(SOCKET_ERROR, || {
        require_started()?;
        if bad_ptr(len) {
            return Err(WSAEFAULT);
        }
        let l = lookup(h)?;
        let mut l = l.lock().unwrap_or_else(|e| e.into_inner());
        // SAFETY: caller contract.
        unsafe { next_into(&mut l, flags, len, out) }.map(|_| 0)
    })
}

/// Results come from the providers in wide form and are converted into the caller's buffer; a
/// result that does not fit is kept for the next call (or dropped by LUP_FLUSHPREVIOUS).
///
/// # Safety
/// As WSALookupServiceNext documents.
#[no_mangle]
pub unsafe extern "system" fn WSALookupServiceNextA(h: HANDLE, flags: u32, len: *mut u32, out: *mut WSAQUERYSETA) -> i32 {
    wsa_call(SOCKET_ERROR, || {
        require_started()?;
        if bad_ptr(len) {
            return Err(WSAEFAULT);
        }
        let l = lookup(h)?;
        let mut l = l.lock().unwrap_or_else(|e| e.into_inner());
        let pending = l.pending.take().filter(|_| flags & LUP_FLUSHPREVIOUS == 0);
        let q = match pending {
            Some(q) => q,
            None => next_owned(&mut l, flags)?.1,
        };
        // SAFETY: caller contract.
        match unsafe { q.write(false, out as *mut WSAQUERYSETW, len) } {
            Err(WSAEFAULT) => {
                l.pending = Some(q);
                Err(WSAEFAULT)
            }
            r => r.map(|()| 0),
        }
    })
}

#[no_mangle]
pub extern "system" fn WSALookupServiceEnd(h: HANDLE) -> i32 {
    wsa_call(SOCKET_ERROR, || {
        require_started()?;
        end(h).map(|()| 0)
    })
}

/// Passes the control code to the provider of the lookup's current part.
///
/// # Safety
/// As WSANSPIoctl documents.
#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "system" fn WSANSPIoctl(
    h: HANDLE,
    code: u32,
    inb: *const c_void,
    inl: u32,
    outb: *mut c_void,
    outl: u32,
    ret: *mut u32,
    completion: *const WSACOMPLETION,
) -> i32 {
    wsa_call(SOCKET_ERROR, || {
        require_started()?;
        if bad_ptr(ret) {
            return Err(WSAEFAULT);
        }
        let l = lookup(h)?;
        let l = l.lock().unwrap_or_else(|e| e.into_inner());
        let part = l.parts.get(l.current).or(l.parts.last()).ok_or(WSA_INVALID_HANDLE)?;
        let ioctl = part.nsp.ioctl().ok_or(WSAEOPNOTSUPP)?;
        let mut thread = WSATHREADID { ThreadHandle: std::ptr::null_mut(), Reserved: 0 };
        let mut err = 0;
        if let Some(open) = crate::spi::upcall::table().lpWPUOpenCurrentThread {
            // SAFETY: the upcall fills in the calling thread's WSATHREADID.
            unsafe { open(&mut thread, &mut err) };
        }
        // SAFETY: the provider's entry point with the caller's buffers, as documented.
        nsp_result(WSAEOPNOTSUPP, || unsafe { ioctl(part.handle, code, inb, inl, outb, outl, ret, completion, &thread) }).map(|()| 0)
    })
}
