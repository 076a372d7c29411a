//! WSASERVICECLASSINFO in owned form: a service class schema — class GUID, class name and the
//! namespace-specific values (WSANSCLASSINFO: name, namespace, registry-style type and bytes) —
//! read from a caller's or a provider's structure and packed into a caller's buffer or one of
//! our own, like WSAQUERYSET (`queryset`). The A and W forms share one layout; values are
//! opaque bytes in either form (only the names are strings).

use super::pack::{self, Image, Packed};
use super::queryset::{read_bytes, read_string, MAX_BLOB, MAX_ITEMS};
use crate::abi::*;

/// One WSANSCLASSINFO.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NsClassInfo {
    pub name: Option<String>,
    pub namespace: u32,
    pub value_type: u32,
    pub value: Vec<u8>,
}

/// A WSASERVICECLASSINFO's content.
#[derive(Clone, Default)]
pub struct ServiceClass {
    pub class_id: Option<GUID>,
    pub name: Option<String>,
    pub infos: Vec<NsClassInfo>,
}

impl ServiceClass {
    /// What a provider is told of a class nobody described: its GUID, an empty name, no values.
    pub fn bare(class: GUID) -> ServiceClass {
        ServiceClass { class_id: Some(class), name: Some(String::new()), infos: Vec::new() }
    }

    /// Reads a WSASERVICECLASSINFOW (`wide`) or WSASERVICECLASSINFOA. Bad pointers are WSAEFAULT.
    ///
    /// # Safety
    /// `p` must be null or point to a WSASERVICECLASSINFO whose pointers are valid as documented.
    pub unsafe fn read(p: *const WSASERVICECLASSINFOW, wide: bool) -> Result<ServiceClass, i32> {
        if crate::ffi::bad_ptr(p) {
            return Err(WSAEFAULT);
        }
        // SAFETY: checked; the structure and what it points to, per the caller.
        unsafe {
            let c = &*p;
            let class_id = match c.lpServiceClassId {
                g if g.is_null() => None,
                g if crate::ffi::bad_ptr(g) => return Err(WSAEFAULT),
                g => Some(*g),
            };
            if c.dwCount > MAX_ITEMS {
                return Err(WSAEINVAL);
            }
            if c.dwCount > 0 && crate::ffi::bad_ptr(c.lpClassInfos) {
                return Err(WSAEFAULT);
            }
            let mut infos = Vec::with_capacity(c.dwCount as usize);
            for i in 0..c.dwCount as usize {
                let n = &*c.lpClassInfos.add(i);
                if n.dwValueSize > MAX_BLOB {
                    return Err(WSAEINVAL);
                }
                infos.push(NsClassInfo {
                    name: read_string(n.lpszName as *const u8, wide)?,
                    namespace: n.dwNameSpace,
                    value_type: n.dwValueType,
                    value: read_bytes(n.lpValue as *const u8, n.dwValueSize as usize)?,
                });
            }
            Ok(ServiceClass { class_id, name: read_string(c.lpszServiceClassName as *const u8, wide)?, infos })
        }
    }

    /// Packs into a caller's buffer of `*len` bytes; when it does not fit: WSAEFAULT, with the
    /// size needed in `*len`.
    ///
    /// # Safety
    /// `len` valid; `buf` null or `*len` writable bytes.
    pub unsafe fn write(&self, wide: bool, buf: *mut WSASERVICECLASSINFOW, len: *mut u32) -> Result<(), i32> {
        // SAFETY: per the caller.
        unsafe { pack::write(|base| self.image(wide, base), buf as *mut u8, len) }
    }

    /// A WSASERVICECLASSINFOW (`wide`) or A of our own, to hand to a provider.
    pub fn packed(&self, wide: bool) -> Packed {
        Packed::new(|base| self.image(wide, base))
    }

    fn image(&self, wide: bool, base: usize) -> Vec<u8> {
        let mut img = Image::new::<WSASERVICECLASSINFOW>(base);
        let class = img.put_guid(self.class_id.as_ref());
        let name = img.put_str(self.name.as_deref(), wide);
        // The names and values first, then the WSANSCLASSINFO array that points at them.
        let parts: Vec<(usize, usize)> = self
            .infos
            .iter()
            .map(|n| (img.put_str(n.name.as_deref(), wide), if n.value.is_empty() { 0 } else { img.put(&n.value, 8) }))
            .collect();
        let mut infos = 0;
        for (i, (n, &(name, value))) in self.infos.iter().zip(&parts).enumerate() {
            let v = WSANSCLASSINFOW {
                lpszName: name as *mut u16,
                dwNameSpace: n.namespace,
                dwValueType: n.value_type,
                dwValueSize: n.value.len() as u32,
                lpValue: value as *mut std::ffi::c_void,
            };
            let p = img.put_value(&v);
            if i == 0 {
                infos = p;
            }
        }
        let head = WSASERVICECLASSINFOW {
            lpServiceClassId: class as *mut GUID,
            lpszServiceClassName: name as *mut u16,
            dwCount: self.infos.len() as u32,
            lpClassInfos: infos as *mut WSANSCLASSINFOW,
        };
        img.finish(&head)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packs_and_reads_back_in_both_forms() {
        let c = ServiceClass {
            class_id: Some(crate::rnr::svcid::HOSTADDRBYNAME),
            name: Some("echo".into()),
            infos: vec![
                NsClassInfo { name: Some("TcpPort".into()), namespace: NS_DNS, value_type: 4, value: 7u32.to_ne_bytes().to_vec() },
                NsClassInfo { name: None, namespace: NS_ALL, value_type: 3, value: Vec::new() },
            ],
        };
        for wide in [true, false] {
            let packed = c.packed(wide);
            // SAFETY: a structure packed by us.
            let back = unsafe { ServiceClass::read(packed.ptr(), wide) }.unwrap();
            assert!(guid_eq(&back.class_id.unwrap(), &crate::rnr::svcid::HOSTADDRBYNAME));
            assert_eq!((back.name.as_deref(), &back.infos), (Some("echo"), &c.infos));
            let need = c.image(wide, 0).len() as u32;
            let mut buf = vec![0u64; need as usize / 8 + 1];
            let mut small = need - 1;
            // SAFETY: `buf` has more than `need` bytes.
            unsafe {
                let p = buf.as_mut_ptr() as *mut WSASERVICECLASSINFOW;
                assert_eq!(c.write(wide, p, &mut small), Err(WSAEFAULT));
                assert_eq!(small, need);
                let mut len = need;
                c.write(wide, p, &mut len).unwrap();
                let inside = |x: usize| x >= p as usize && x < p as usize + need as usize;
                assert!(inside((*p).lpszServiceClassName as usize) && inside((*p).lpClassInfos as usize));
            }
        }
    }
}
