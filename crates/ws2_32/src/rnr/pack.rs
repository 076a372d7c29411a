//! Packing a structure together with everything it points to into one buffer, as Windows hands
//! out WSAQUERYSET and WSASERVICECLASSINFO: the structure at offset 0, then its data, each item
//! aligned, the pointers holding addresses inside the same buffer. An image is built for the
//! address of the buffer it will be copied to.

use crate::abi::*;
use std::mem::{align_of, size_of};

/// The packed bytes of one structure for a buffer at address `base`.
pub struct Image {
    bytes: Vec<u8>,
    base: usize,
}

impl Image {
    /// An image with room for the structure `T` at its start.
    pub fn new<T>(base: usize) -> Image {
        Image { bytes: vec![0; size_of::<T>()], base }
    }

    /// Appends `data` aligned to `align`; returns the pointer value it will have.
    pub fn put(&mut self, data: &[u8], align: usize) -> usize {
        let off = self.bytes.len().next_multiple_of(align);
        self.bytes.resize(off, 0);
        self.bytes.extend_from_slice(data);
        self.base + off
    }

    pub fn put_value<T: Copy>(&mut self, v: &T) -> usize {
        // SAFETY: T is a plain C structure (Copy, no padding read back as anything else).
        let bytes = unsafe { std::slice::from_raw_parts(v as *const T as *const u8, size_of::<T>()) };
        self.put(bytes, align_of::<T>())
    }

    /// A NUL-terminated string of 16-bit (`wide`) or 8-bit units; 0 for none.
    pub fn put_str(&mut self, s: Option<&str>, wide: bool) -> usize {
        match s {
            None => 0,
            Some(s) if wide => {
                let units: Vec<u8> = s.encode_utf16().chain(Some(0)).flat_map(u16::to_ne_bytes).collect();
                self.put(&units, 2)
            }
            Some(s) => {
                let mut b = s.as_bytes().to_vec();
                b.push(0);
                self.put(&b, 1)
            }
        }
    }

    pub fn put_guid(&mut self, g: Option<&GUID>) -> usize {
        g.map_or(0, |g| self.put_value(g))
    }

    /// Sets the structure at the start and returns the finished bytes.
    pub fn finish<T: Copy>(mut self, head: &T) -> Vec<u8> {
        // SAFETY: the image starts with room for a T; the copy is byte-wise.
        unsafe { std::ptr::copy_nonoverlapping(head as *const T as *const u8, self.bytes.as_mut_ptr(), size_of::<T>()) };
        self.bytes
    }
}

/// Packs into a caller's buffer of `*len` bytes at `buf`, `image` building the bytes for a given
/// address. When it does not fit (or there is no buffer): WSAEFAULT, with the size needed in
/// `*len`.
///
/// # Safety
/// `len` null or valid; `buf` null or `*len` writable bytes.
pub unsafe fn write(image: impl Fn(usize) -> Vec<u8>, buf: *mut u8, len: *mut u32) -> Result<(), i32> {
    if crate::ffi::bad_ptr(len) {
        return Err(WSAEFAULT);
    }
    let bytes = image(buf as usize);
    // SAFETY: checked non-null; the caller's length.
    let avail = unsafe { *len } as usize;
    if crate::ffi::bad_ptr(buf) || avail < bytes.len() {
        // SAFETY: as above.
        unsafe { *len = bytes.len() as u32 };
        return Err(WSAEFAULT);
    }
    // SAFETY: `avail >= bytes.len()` writable bytes at `buf`, per the caller.
    unsafe { std::ptr::copy_nonoverlapping(bytes.as_ptr(), buf, bytes.len()) };
    Ok(())
}

/// A packed structure in an 8-aligned buffer of its own, to hand to a provider.
pub struct Packed(Vec<u64>);

impl Packed {
    pub fn new(image: impl Fn(usize) -> Vec<u8>) -> Packed {
        let mut buf = vec![0u64; image(0).len().div_ceil(8)];
        let bytes = image(buf.as_ptr() as usize);
        // SAFETY: the image has the same length at every address, and `buf` holds that many.
        unsafe { std::ptr::copy_nonoverlapping(bytes.as_ptr(), buf.as_mut_ptr() as *mut u8, bytes.len()) };
        Packed(buf)
    }

    pub fn ptr<T>(&self) -> *const T {
        self.0.as_ptr() as *const T
    }
}
