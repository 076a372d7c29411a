//! WSAQUERYSET in owned form: read from a caller's WSAQUERYSETW/A (restrictions, results of a
//! provider) and packed into a caller's buffer (results), as Windows lays them out — the
//! structure first, then everything its pointers refer to, inside the same buffer.
//!
//! WSAQUERYSETA and WSAQUERYSETW have one layout (only the character type of the strings
//! differs), so both are handled through WSAQUERYSETW with a `wide` switch.

use super::pack::{self, Image, Packed};
use crate::abi::*;
use std::mem::size_of;

/// One CSADDR_INFO: Windows socket addresses as bytes.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CsAddr {
    pub local: Vec<u8>,
    pub remote: Vec<u8>,
    pub socktype: i32,
    pub protocol: i32,
}

/// A WSAQUERYSET's content.
#[derive(Clone, Default)]
pub struct QuerySet {
    pub instance_name: Option<String>,
    pub class_id: Option<GUID>,
    /// lpVersion: dwVersion and ecHow.
    pub version: Option<(u32, i32)>,
    pub comment: Option<String>,
    pub namespace: u32,
    pub provider_id: Option<GUID>,
    pub context: Option<String>,
    /// lpafpProtocols: (iAddressFamily, iProtocol) pairs.
    pub protocols: Vec<(i32, i32)>,
    pub query_string: Option<String>,
    pub cs_addrs: Vec<CsAddr>,
    pub output_flags: u32,
    pub blob: Option<Vec<u8>>,
}

/// Longest string accepted from a caller (characters).
const MAX_STRING: usize = 1 << 16;
/// Most CSADDR_INFO, AFPROTOCOLS or WSANSCLASSINFO entries accepted from a caller.
pub const MAX_ITEMS: u32 = 1 << 16;
/// Largest BLOB (or class value) accepted from a caller.
pub const MAX_BLOB: u32 = 1 << 24;

/// A caller's NUL-terminated string of 16-bit (`wide`) or 8-bit units.
///
/// # Safety
/// `p` must be null or NUL-terminated.
pub unsafe fn read_string(p: *const u8, wide: bool) -> Result<Option<String>, i32> {
    if p.is_null() {
        return Ok(None);
    }
    if crate::ffi::bad_ptr(p) {
        return Err(WSAEFAULT);
    }
    let mut n = 0;
    // SAFETY: the caller guarantees a terminating NUL; reading stops there or at the bound.
    unsafe {
        if wide {
            let w = p as *const u16;
            while *w.add(n) != 0 {
                n += 1;
                if n > MAX_STRING {
                    return Err(WSAEINVAL);
                }
            }
            Ok(Some(String::from_utf16_lossy(std::slice::from_raw_parts(w, n))))
        } else {
            while *p.add(n) != 0 {
                n += 1;
                if n > MAX_STRING {
                    return Err(WSAEINVAL);
                }
            }
            Ok(Some(String::from_utf8_lossy(std::slice::from_raw_parts(p, n)).into_owned()))
        }
    }
}

/// Copies `n` caller bytes (none for a null pointer with `n` 0).
///
/// # Safety
/// `p` must have `n` readable bytes when non-null.
pub unsafe fn read_bytes(p: *const u8, n: usize) -> Result<Vec<u8>, i32> {
    if n == 0 {
        return Ok(Vec::new());
    }
    if crate::ffi::bad_ptr(p) {
        return Err(WSAEFAULT);
    }
    // SAFETY: per the caller.
    Ok(unsafe { std::slice::from_raw_parts(p, n) }.to_vec())
}

/// A caller's socket address (SOCKET_ADDRESS) as bytes.
///
/// # Safety
/// `lpSockaddr` must have `iSockaddrLength` readable bytes when non-null.
pub unsafe fn read_socket_address(a: &SOCKET_ADDRESS) -> Result<Vec<u8>, i32> {
    // SAFETY: per the caller.
    unsafe { read_bytes(a.lpSockaddr as *const u8, a.iSockaddrLength.clamp(0, 128) as usize) }
}

/// A caller's optional BLOB.
///
/// # Safety
/// `b` null or valid, its data `cbSize` readable bytes.
pub unsafe fn read_blob(b: *const BLOB) -> Result<Option<Vec<u8>>, i32> {
    match b {
        b if b.is_null() => Ok(None),
        b if crate::ffi::bad_ptr(b) => Err(WSAEFAULT),
        // SAFETY: per the caller.
        b => unsafe {
            if (*b).cbSize > MAX_BLOB {
                return Err(WSAEINVAL);
            }
            read_bytes((*b).pBlobData, (*b).cbSize as usize).map(Some)
        },
    }
}

impl QuerySet {
    /// Reads a caller's WSAQUERYSETW (`wide`) or WSAQUERYSETA. A null pointer is WSAEFAULT, a
    /// dwSize smaller than the structure WSAEINVAL.
    ///
    /// # Safety
    /// `p` must be null or point to a WSAQUERYSET whose pointers are valid as documented.
    pub unsafe fn read(p: *const WSAQUERYSETW, wide: bool) -> Result<QuerySet, i32> {
        if crate::ffi::bad_ptr(p) {
            return Err(WSAEFAULT);
        }
        // SAFETY: checked; the caller's structure.
        let q = unsafe { &*p };
        if (q.dwSize as usize) < size_of::<WSAQUERYSETW>() {
            return Err(WSAEINVAL);
        }
        let guid = |g: *mut GUID| -> Result<Option<GUID>, i32> {
            match g {
                g if g.is_null() => Ok(None),
                g if crate::ffi::bad_ptr(g) => Err(WSAEFAULT),
                // SAFETY: a caller's GUID.
                g => Ok(Some(unsafe { *g })),
            }
        };
        // SAFETY: each pointer is null or valid per the caller; counts bound the arrays.
        unsafe {
            let s = |p: *mut u16| read_string(p as *const u8, wide);
            let version = match q.lpVersion {
                v if v.is_null() => None,
                v if crate::ffi::bad_ptr(v) => return Err(WSAEFAULT),
                v => Some(((*v).dwVersion, (*v).ecHow)),
            };
            if q.dwNumberOfProtocols > MAX_ITEMS || q.dwNumberOfCsAddrs > MAX_ITEMS {
                return Err(WSAEINVAL);
            }
            let mut protocols = Vec::new();
            if q.dwNumberOfProtocols > 0 {
                if crate::ffi::bad_ptr(q.lpafpProtocols) {
                    return Err(WSAEFAULT);
                }
                for i in 0..q.dwNumberOfProtocols as usize {
                    let a = *q.lpafpProtocols.add(i);
                    protocols.push((a.iAddressFamily, a.iProtocol));
                }
            }
            let mut cs_addrs = Vec::new();
            if q.dwNumberOfCsAddrs > 0 {
                if crate::ffi::bad_ptr(q.lpcsaBuffer) {
                    return Err(WSAEFAULT);
                }
                for i in 0..q.dwNumberOfCsAddrs as usize {
                    let c = &*q.lpcsaBuffer.add(i);
                    cs_addrs.push(CsAddr {
                        local: read_socket_address(&c.LocalAddr)?,
                        remote: read_socket_address(&c.RemoteAddr)?,
                        socktype: c.iSocketType,
                        protocol: c.iProtocol,
                    });
                }
            }
            let blob = read_blob(q.lpBlob)?;
            Ok(QuerySet {
                instance_name: s(q.lpszServiceInstanceName)?,
                class_id: guid(q.lpServiceClassId)?,
                version,
                comment: s(q.lpszComment)?,
                namespace: q.dwNameSpace,
                provider_id: guid(q.lpNSProviderId)?,
                context: s(q.lpszContext)?,
                protocols,
                query_string: s(q.lpszQueryString)?,
                cs_addrs,
                output_flags: q.dwOutputFlags,
                blob,
            })
        }
    }

    /// Packs this result into a caller's buffer of `*len` bytes at `buf`, as a WSAQUERYSETW
    /// (`wide`) or WSAQUERYSETA. When it does not fit: WSAEFAULT, with the size needed in `*len`.
    ///
    /// # Safety
    /// `len` valid; `buf` null or `*len` writable bytes.
    pub unsafe fn write(&self, wide: bool, buf: *mut WSAQUERYSETW, len: *mut u32) -> Result<(), i32> {
        // SAFETY: per the caller.
        unsafe { pack::write(|base| self.image(wide, base), buf as *mut u8, len) }
    }

    /// The bytes `write` would need.
    pub fn size(&self, wide: bool) -> usize {
        self.image(wide, 0).len()
    }

    /// A WSAQUERYSETW (`wide`) or WSAQUERYSETA of our own, to hand to a provider.
    pub fn packed(&self, wide: bool) -> Packed {
        Packed::new(|base| self.image(wide, base))
    }

    /// The packed form for a buffer at address `base`.
    fn image(&self, wide: bool, base: usize) -> Vec<u8> {
        let q = self;
        let mut img = Image::new::<WSAQUERYSETW>(base);
        let class = img.put_guid(q.class_id.as_ref());
        let provider = img.put_guid(q.provider_id.as_ref());
        let version = q.version.map_or(0, |(v, how)| img.put_value(&WSAVERSION { dwVersion: v, ecHow: how }));
        let protocols = match q.protocols.is_empty() {
            true => 0,
            false => {
                let list: Vec<AFPROTOCOLS> = q.protocols.iter().map(|&(af, p)| AFPROTOCOLS { iAddressFamily: af, iProtocol: p }).collect();
                let first = img.put_value(&list[0]);
                for a in &list[1..] {
                    img.put_value(a);
                }
                first
            }
        };
        // The sockaddrs first, then the CSADDR_INFO array that points at them.
        let addrs: Vec<(usize, usize)> = q.cs_addrs.iter().map(|c| (img.put(&c.local, 8), img.put(&c.remote, 8))).collect();
        let mut cs = 0;
        for (i, (c, (l, r))) in q.cs_addrs.iter().zip(&addrs).enumerate() {
            let sa = |p: usize, b: &[u8]| SOCKET_ADDRESS {
                lpSockaddr: if b.is_empty() { 0 } else { p } as *mut SOCKADDR,
                iSockaddrLength: b.len() as i32,
            };
            let v =
                CSADDR_INFO { LocalAddr: sa(*l, &c.local), RemoteAddr: sa(*r, &c.remote), iSocketType: c.socktype, iProtocol: c.protocol };
            let p = img.put_value(&v);
            if i == 0 {
                cs = p;
            }
        }
        let blob = match &q.blob {
            None => 0,
            Some(b) => {
                let data = if b.is_empty() { 0 } else { img.put(b, 8) };
                img.put_value(&BLOB { cbSize: b.len() as u32, pBlobData: data as *mut u8 })
            }
        };
        let head = WSAQUERYSETW {
            dwSize: size_of::<WSAQUERYSETW>() as u32,
            lpszServiceInstanceName: img.put_str(q.instance_name.as_deref(), wide) as *mut u16,
            lpServiceClassId: class as *mut GUID,
            lpVersion: version as *mut WSAVERSION,
            lpszComment: img.put_str(q.comment.as_deref(), wide) as *mut u16,
            dwNameSpace: q.namespace,
            lpNSProviderId: provider as *mut GUID,
            lpszContext: img.put_str(q.context.as_deref(), wide) as *mut u16,
            dwNumberOfProtocols: q.protocols.len() as u32,
            lpafpProtocols: protocols as *mut AFPROTOCOLS,
            lpszQueryString: img.put_str(q.query_string.as_deref(), wide) as *mut u16,
            dwNumberOfCsAddrs: q.cs_addrs.len() as u32,
            lpcsaBuffer: cs as *mut CSADDR_INFO,
            dwOutputFlags: q.output_flags,
            lpBlob: blob as *mut BLOB,
        };
        img.finish(&head)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> QuerySet {
        QuerySet {
            instance_name: Some("alpha.test".into()),
            class_id: Some(crate::rnr::svcid::HOSTADDRBYNAME),
            namespace: NS_DNS,
            provider_id: Some(crate::catalog::namespace::SYSTEM_NSP_ID),
            protocols: vec![(2, 6), (23, 17)],
            cs_addrs: vec![CsAddr {
                local: vec![2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
                remote: vec![2, 0, 0, 80, 10, 1, 2, 3, 0, 0, 0, 0, 0, 0, 0, 0],
                socktype: 1,
                protocol: 6,
            }],
            blob: Some(vec![1, 2, 3]),
            version: Some((7, 1)),
            ..Default::default()
        }
    }

    #[test]
    fn packs_and_reads_back_in_both_forms() {
        for wide in [true, false] {
            let q = sample();
            let need = q.size(wide);
            let mut small = need as u32 - 1;
            let mut buf = vec![0u64; need.div_ceil(8)];
            let p = buf.as_mut_ptr() as *mut WSAQUERYSETW;
            // SAFETY: `buf` has `need` bytes; `small` says fewer.
            unsafe {
                assert_eq!(q.write(wide, p, &mut small), Err(WSAEFAULT));
                assert_eq!(small as usize, need);
                let mut len = need as u32;
                q.write(wide, p, &mut len).unwrap();
                let back = QuerySet::read(p, wide).unwrap();
                assert_eq!(back.instance_name.as_deref(), Some("alpha.test"));
                assert!(guid_eq(&back.class_id.unwrap(), &crate::rnr::svcid::HOSTADDRBYNAME));
                assert_eq!(back.protocols, vec![(2, 6), (23, 17)]);
                assert_eq!(back.cs_addrs, q.cs_addrs);
                assert_eq!(back.blob, Some(vec![1, 2, 3]));
                assert_eq!(back.version, Some((7, 1)));
                assert_eq!((*p).dwSize as usize, size_of::<WSAQUERYSETW>());
                // Every pointer lies inside the buffer.
                let inside = |x: usize| x >= p as usize && x < p as usize + need;
                assert!(inside((*p).lpszServiceInstanceName as usize) && inside((*p).lpcsaBuffer as usize) && inside((*p).lpBlob as usize));
            }
        }
    }
}
