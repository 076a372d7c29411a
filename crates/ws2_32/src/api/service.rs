//! The registration side of the namespace API: WSASetService, WSAInstallServiceClass,
//! WSARemoveServiceClass, WSAGetServiceClassInfo, WSAGetServiceClassNameByClassId (W and A) and
//! SetAddrInfoEx. Like lookups (`lookup`) they go to the catalog's active namespace providers
//! through their NSP_ROUTINE: NSPSetService, NSPInstallServiceClass, NSPRemoveServiceClass,
//! NSPGetServiceClassInfo. Providers speak wide strings; the A forms convert on the way in and,
//! for class information, on the way out.
//!
//! A call that goes to several providers goes to all of them and succeeds when one does
//! (SetAddrInfoEx's documented rule); when none does, its error is chosen as a lookup's is.
//! The providers built into libws2_32 register nothing: they answer WSAEOPNOTSUPP.

use super::lookup::prefer;
use super::names::returning_code;
use super::startup::require_started;
use crate::abi::*;
use crate::catalog::{self, NamespaceEntry};
use crate::ffi::{bad_ptr, wsa_call};
use crate::rnr::queryset::{read_blob, read_socket_address, read_string, MAX_ITEMS};
use crate::rnr::{svcid, CsAddr, QuerySet, ServiceClass};
use crate::spi::nsp::{nsp_for, nsp_result, NspInstance};

/// Calls `call` at each provider in catalog order — every one, or until one answers
/// (`first_only`) — and returns the first answer; when none answers, the preferred error
/// (`none` when there was no provider).
fn dispatch<T>(
    providers: &[NamespaceEntry],
    first_only: bool,
    none: i32,
    mut call: impl FnMut(&NspInstance) -> Result<T, i32>,
) -> Result<T, i32> {
    let mut answer = None;
    let mut error = None;
    for entry in providers {
        match nsp_for(entry).and_then(&mut call) {
            Ok(v) if answer.is_none() => {
                answer = Some(v);
                if first_only {
                    break;
                }
            }
            Ok(_) => {}
            Err(code) => error = Some(prefer(error, code)),
        }
    }
    answer.ok_or(error.unwrap_or(none))
}

/// Every active provider, whatever its namespace: service classes span namespaces, each
/// provider keeping what applies to its own.
fn all_providers() -> Vec<NamespaceEntry> {
    catalog::current().namespace_providers(NS_ALL, None)
}

/// A provider's description of a service class (NSPGetServiceClassInfo), in wide form; the
/// buffer grows while the provider asks for more.
fn class_info(nsp: &NspInstance, class: &GUID) -> Result<ServiceClass, i32> {
    let get = nsp.routine.NSPGetServiceClassInfo.ok_or(WSAEOPNOTSUPP)?;
    let mut class = *class;
    let mut buf = vec![0u64; 128];
    loop {
        let info = buf.as_mut_ptr() as *mut WSASERVICECLASSINFOW;
        // SAFETY: `buf` holds the structure; the provider reads which class is asked for.
        unsafe { (*info).lpServiceClassId = &mut class };
        let mut len = (buf.len() * 8) as u32;
        // The provider writes the size it needs through this (LPDWORD in ws2spi.h).
        let len_ptr: *mut u32 = &mut len;
        // SAFETY: the provider's entry point with its GUID and our buffer of `len` bytes.
        match nsp_result(WSAEOPNOTSUPP, || unsafe { get(&nsp.provider_id, len_ptr, info) }) {
            // SAFETY: the provider filled in a WSASERVICECLASSINFOW.
            Ok(()) => return unsafe { ServiceClass::read(info, true) },
            Err(WSAEFAULT) if len as usize > buf.len() * 8 && len < 1 << 26 => buf = vec![0u64; (len as usize).div_ceil(8)],
            Err(e) => return Err(e),
        }
    }
}

/// WSASetService's work: `reg` is `q` as the providers get it, a WSAQUERYSETW. The class
/// description each provider gets comes from its own NSPGetServiceClassInfo (as the SPI
/// documentation has ws2_32 do), or names only the class when it has none.
fn set_service(q: &QuerySet, reg: *const WSAQUERYSETW, op: WSAESETSERVICEOP, flags: u32) -> Result<(), i32> {
    if !matches!(op, RNRSERVICE_REGISTER | RNRSERVICE_DEREGISTER | RNRSERVICE_DELETE) {
        return Err(WSAEINVAL);
    }
    let class = q.class_id.ok_or(WSAEINVAL)?;
    q.instance_name.as_ref().ok_or(WSAEINVAL)?;
    // A namespace or provider GUID that names no active provider is an invalid parameter.
    let providers = catalog::current().namespace_providers(q.namespace, q.provider_id.as_ref());
    dispatch(&providers, false, WSAEINVAL, |nsp| {
        let set = nsp.routine.NSPSetService.ok_or(WSAEOPNOTSUPP)?;
        let info = class_info(nsp, &class).unwrap_or_else(|_| ServiceClass::bare(class)).packed(true);
        // SAFETY: the provider's entry point with its GUID, a class description and a complete
        // WSAQUERYSETW.
        nsp_result(WSAEOPNOTSUPP, || unsafe { set(&nsp.provider_id, info.ptr(), reg, op, flags) })
    })
}

/// # Safety
/// `q` null or valid as WSASetService documents.
unsafe fn set_service_with(q: *const WSAQUERYSETW, op: WSAESETSERVICEOP, flags: u32, wide: bool) -> i32 {
    wsa_call(SOCKET_ERROR, || {
        require_started()?;
        if q.is_null() {
            return Err(WSAEINVAL);
        }
        // SAFETY: caller contract.
        let qs = unsafe { QuerySet::read(q, wide) }?;
        if wide {
            // The caller's own structure, as Windows passes it (a provider may write back).
            set_service(&qs, q, op, flags)
        } else {
            set_service(&qs, qs.packed(true).ptr(), op, flags)
        }
        .map(|()| 0)
    })
}

/// # Safety
/// As WSASetService documents.
#[no_mangle]
pub unsafe extern "system" fn WSASetServiceW(q: *const WSAQUERYSETW, op: WSAESETSERVICEOP, flags: u32) -> i32 {
    // SAFETY: caller contract.
    unsafe { set_service_with(q, op, flags, true) }
}

/// # Safety
/// As WSASetService documents (WSAQUERYSETA has WSAQUERYSETW's layout).
#[no_mangle]
pub unsafe extern "system" fn WSASetServiceA(q: *const WSAQUERYSETA, op: WSAESETSERVICEOP, flags: u32) -> i32 {
    // SAFETY: caller contract.
    unsafe { set_service_with(q as *const WSAQUERYSETW, op, flags, false) }
}

/// # Safety
/// `info` null or valid as WSAInstallServiceClass documents.
unsafe fn install_class(info: *const WSASERVICECLASSINFOW, wide: bool) -> i32 {
    wsa_call(SOCKET_ERROR, || {
        require_started()?;
        if info.is_null() {
            return Err(WSAEINVAL);
        }
        // SAFETY: caller contract.
        let class = unsafe { ServiceClass::read(info, wide) }?;
        if class.class_id.is_none() || class.name.is_none() {
            return Err(WSAEINVAL);
        }
        let packed = class.packed(true);
        dispatch(&all_providers(), false, WSAEOPNOTSUPP, |nsp| {
            let install = nsp.routine.NSPInstallServiceClass.ok_or(WSAEOPNOTSUPP)?;
            // SAFETY: the provider's entry point with its GUID and a complete class description.
            nsp_result(WSAEOPNOTSUPP, || unsafe { install(&nsp.provider_id, packed.ptr()) })
        })
        .map(|()| 0)
    })
}

/// # Safety
/// As WSAInstallServiceClass documents.
#[no_mangle]
pub unsafe extern "system" fn WSAInstallServiceClassW(info: *const WSASERVICECLASSINFOW) -> i32 {
    // SAFETY: caller contract.
    unsafe { install_class(info, true) }
}

/// # Safety
/// As WSAInstallServiceClass documents (WSASERVICECLASSINFOA has the W form's layout).
#[no_mangle]
pub unsafe extern "system" fn WSAInstallServiceClassA(info: *const WSASERVICECLASSINFOA) -> i32 {
    // SAFETY: caller contract.
    unsafe { install_class(info as *const WSASERVICECLASSINFOW, false) }
}

/// # Safety
/// `class` null or valid.
#[no_mangle]
pub unsafe extern "system" fn WSARemoveServiceClass(class: *const GUID) -> i32 {
    wsa_call(SOCKET_ERROR, || {
        require_started()?;
        if bad_ptr(class) {
            return Err(WSAEINVAL);
        }
        dispatch(&all_providers(), false, WSATYPE_NOT_FOUND, |nsp| {
            let remove = nsp.routine.NSPRemoveServiceClass.ok_or(WSAEOPNOTSUPP)?;
            // SAFETY: the provider's entry point with its GUID and the caller's class GUID.
            nsp_result(WSAEOPNOTSUPP, || unsafe { remove(&nsp.provider_id, class) })
        })
        .map(|()| 0)
    })
}

/// # Safety
/// Pointers as WSAGetServiceClassInfo documents.
unsafe fn get_class_info(provider: *const GUID, class: *const GUID, len: *mut u32, out: *mut WSASERVICECLASSINFOW, wide: bool) -> i32 {
    wsa_call(SOCKET_ERROR, || {
        require_started()?;
        if bad_ptr(provider) || bad_ptr(class) || bad_ptr(len) || bad_ptr(out) {
            return Err(WSAEINVAL);
        }
        // SAFETY: checked; the caller's GUIDs.
        let (provider, class) = unsafe { (*provider, *class) };
        let entry = catalog::current().namespace_providers(NS_ALL, Some(&provider)).into_iter().next().ok_or(WSAEINVAL)?;
        let info = class_info(nsp_for(&entry)?, &class)?;
        // SAFETY: the caller's buffer of `*len` bytes.
        unsafe { info.write(wide, out, len) }.map(|()| 0)
    })
}

/// # Safety
/// As WSAGetServiceClassInfo documents.
#[no_mangle]
pub unsafe extern "system" fn WSAGetServiceClassInfoW(
    provider: *const GUID,
    class: *const GUID,
    len: *mut u32,
    out: *mut WSASERVICECLASSINFOW,
) -> i32 {
    // SAFETY: caller contract.
    unsafe { get_class_info(provider, class, len, out, true) }
}

/// # Safety
/// As WSAGetServiceClassInfo documents; the result is converted from the provider's wide form.
#[no_mangle]
pub unsafe extern "system" fn WSAGetServiceClassInfoA(
    provider: *const GUID,
    class: *const GUID,
    len: *mut u32,
    out: *mut WSASERVICECLASSINFOA,
) -> i32 {
    // SAFETY: caller contract.
    unsafe { get_class_info(provider, class, len, out as *mut WSASERVICECLASSINFOW, false) }
}

/// The class name from the first provider that describes the class (ws2_32 implements this
/// with NSPGetServiceClassInfo), copied with its NUL; `*len` counts characters, the NUL
/// included, and a buffer too small for them is WSAEFAULT with the count needed.
///
/// # Safety
/// Pointers as WSAGetServiceClassNameByClassId documents.
unsafe fn class_name(class: *const GUID, name: *mut u8, len: *mut u32, wide: bool) -> i32 {
    wsa_call(SOCKET_ERROR, || {
        require_started()?;
        if bad_ptr(class) {
            return Err(WSA_INVALID_PARAMETER);
        }
        if bad_ptr(len) {
            return Err(WSAEFAULT);
        }
        // SAFETY: checked; the caller's GUID.
        let class = unsafe { *class };
        let found = dispatch(&all_providers(), true, WSATYPE_NOT_FOUND, |nsp| class_info(nsp, &class)?.name.ok_or(WSANO_DATA))?;
        let units: Vec<u8> = match wide {
            true => found.encode_utf16().chain(Some(0)).flat_map(u16::to_ne_bytes).collect(),
            false => found.bytes().chain(Some(0)).collect(),
        };
        let chars = units.len() / if wide { 2 } else { 1 };
        // SAFETY: checked; the caller's length, then its buffer of that many characters.
        unsafe {
            if bad_ptr(name) || (*len as usize) < chars {
                *len = chars as u32;
                return Err(WSAEFAULT);
            }
            std::ptr::copy_nonoverlapping(units.as_ptr(), name, units.len());
            *len = chars as u32;
        }
        Ok(0)
    })
}

/// # Safety
/// As WSAGetServiceClassNameByClassId documents.
#[no_mangle]
pub unsafe extern "system" fn WSAGetServiceClassNameByClassIdW(class: *const GUID, name: PWSTR, len: *mut u32) -> i32 {
    // SAFETY: caller contract.
    unsafe { class_name(class, name as *mut u8, len, true) }
}

/// # Safety
/// As WSAGetServiceClassNameByClassId documents.
#[no_mangle]
pub unsafe extern "system" fn WSAGetServiceClassNameByClassIdA(class: *const GUID, name: PSTR, len: *mut u32) -> i32 {
    // SAFETY: caller contract.
    unsafe { class_name(class, name, len, false) }
}

/// SetAddrInfoEx as WSASetService: the name (an SVCID_INET_HOSTADDRBYNAME instance, what
/// GetAddrInfoEx asks for, so that a provider finds what it registered) with the addresses as
/// CSADDR_INFO, local and remote alike, socket type and protocol left open; the service name
/// in lpszQueryString and dwFlags as the control flags, both for the provider to interpret.
/// No addresses deregisters the name.
///
/// # Safety
/// Pointers as SetAddrInfoEx documents.
#[allow(clippy::too_many_arguments)]
unsafe fn set_addr_info_ex(
    name: *const u8,
    service: *const u8,
    addrs: *const SOCKET_ADDRESS,
    count: u32,
    blob: *const BLOB,
    flags: u32,
    namespace: u32,
    nsp_id: *const GUID,
    reserved: [bool; 4],
    wide: bool,
) -> i32 {
    returning_code(|| {
        require_started()?;
        // The timeout and the asynchronous parameters are reserved: NULL.
        if reserved.contains(&true) {
            return Err(WSAEINVAL);
        }
        if count > 0 && bad_ptr(addrs) {
            return Err(WSAEFAULT);
        }
        if count > MAX_ITEMS {
            return Err(WSAEINVAL);
        }
        // SAFETY: caller contract: strings NUL-terminated, `count` addresses, blob and GUID
        // null or valid.
        let q = unsafe {
            let mut cs_addrs = Vec::with_capacity(count as usize);
            for i in 0..count as usize {
                let a = read_socket_address(&*addrs.add(i))?;
                cs_addrs.push(CsAddr { local: a.clone(), remote: a, socktype: 0, protocol: 0 });
            }
            QuerySet {
                instance_name: Some(read_string(name, wide)?.ok_or(WSAEINVAL)?),
                class_id: Some(svcid::HOSTADDRBYNAME),
                namespace,
                provider_id: match nsp_id {
                    g if g.is_null() => None,
                    g if bad_ptr(g) => return Err(WSAEFAULT),
                    g => Some(*g),
                },
                query_string: read_string(service, wide)?,
                cs_addrs,
                blob: read_blob(blob)?,
                ..Default::default()
            }
        };
        let op = if count == 0 { RNRSERVICE_DEREGISTER } else { RNRSERVICE_REGISTER };
        set_service(&q, q.packed(true).ptr(), op, flags)
    })
}

/// # Safety
/// As SetAddrInfoEx documents.
#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "system" fn SetAddrInfoExW(
    name: PCWSTR,
    service: PCWSTR,
    addrs: *const SOCKET_ADDRESS,
    count: u32,
    blob: *const BLOB,
    flags: u32,
    namespace: u32,
    nsp_id: *const GUID,
    timeout: *const TIMEVAL,
    ov: *const OVERLAPPED,
    routine: LPLOOKUPSERVICE_COMPLETION_ROUTINE,
    handle: *mut HANDLE,
) -> i32 {
    let reserved = [!timeout.is_null(), !ov.is_null(), routine.is_some(), !handle.is_null()];
    // SAFETY: caller contract.
    unsafe { set_addr_info_ex(name as *const u8, service as *const u8, addrs, count, blob, flags, namespace, nsp_id, reserved, true) }
}

/// # Safety
/// As SetAddrInfoEx documents.
#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "system" fn SetAddrInfoExA(
    name: PCSTR,
    service: PCSTR,
    addrs: *const SOCKET_ADDRESS,
    count: u32,
    blob: *const BLOB,
    flags: u32,
    namespace: u32,
    nsp_id: *const GUID,
    timeout: *const TIMEVAL,
    ov: *const OVERLAPPED,
    routine: LPLOOKUPSERVICE_COMPLETION_ROUTINE,
    handle: *mut HANDLE,
) -> i32 {
    let reserved = [!timeout.is_null(), !ov.is_null(), routine.is_some(), !handle.is_null()];
    // SAFETY: caller contract.
    unsafe { set_addr_info_ex(name, service, addrs, count, blob, flags, namespace, nsp_id, reserved, false) }
}
