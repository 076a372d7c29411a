//! The BLOBs the TCP/IP namespace returns with LUP_RETURN_BLOB: a hostent (host queries) or a
//! servent (SVCID_INET_SERVICEBYNAME), laid out as on 64-bit Windows with every pointer replaced
//! by its offset from the start of the blob, so that the blob can be copied anywhere.

use crate::abi::*;
use std::mem::size_of;

/// Appends `data` at an 8-aligned offset, returning the offset.
fn put(b: &mut Vec<u8>, data: &[u8]) -> usize {
    let off = b.len().next_multiple_of(8);
    b.resize(off, 0);
    b.extend_from_slice(data);
    off
}

fn cstr(s: &str) -> Vec<u8> {
    s.bytes().chain(Some(0)).collect()
}

/// An offset-array of strings (0-terminated), each string after it.
fn string_list(b: &mut Vec<u8>, items: &[String]) -> usize {
    let at = put(b, &vec![0u8; (items.len() + 1) * 8]);
    for (i, s) in items.iter().enumerate() {
        let off = put(b, &cstr(s));
        b[at + i * 8..at + i * 8 + 8].copy_from_slice(&(off as u64).to_ne_bytes());
    }
    at
}

/// A hostent blob: `addrs` are raw addresses of `family` (4 or 16 bytes each).
pub fn hostent(name: &str, aliases: &[String], family: i32, addrs: &[Vec<u8>]) -> Vec<u8> {
    let mut b = vec![0u8; size_of::<HOSTENT>()];
    let name_off = put(&mut b, &cstr(name));
    let alias_off = string_list(&mut b, aliases);
    let list_off = put(&mut b, &vec![0u8; (addrs.len() + 1) * 8]);
    for (i, a) in addrs.iter().enumerate() {
        let off = put(&mut b, a);
        b[list_off + i * 8..list_off + i * 8 + 8].copy_from_slice(&(off as u64).to_ne_bytes());
    }
    let len = addrs.first().map_or(if family == 2 { 4 } else { 16 }, Vec::len);
    let h = HOSTENT {
        h_name: name_off as _,
        h_aliases: alias_off as _,
        h_addrtype: family as i16,
        h_length: len as i16,
        h_addr_list: list_off as _,
    };
    // SAFETY: HOSTENT is plain data; its bytes go to the start of the blob.
    unsafe { std::ptr::copy_nonoverlapping(&h as *const HOSTENT as *const u8, b.as_mut_ptr(), size_of::<HOSTENT>()) };
    b
}

/// A servent blob; `port` in network byte order as the structure holds it.
pub fn servent(name: &str, aliases: &[String], port: u16, proto: &str) -> Vec<u8> {
    let mut b = vec![0u8; size_of::<SERVENT>()];
    let name_off = put(&mut b, &cstr(name));
    let alias_off = string_list(&mut b, aliases);
    let proto_off = put(&mut b, &cstr(proto));
    let s = SERVENT { s_name: name_off as _, s_aliases: alias_off as _, s_proto: proto_off as _, s_port: port as i16 };
    // SAFETY: SERVENT is plain data; its bytes go to the start of the blob.
    unsafe { std::ptr::copy_nonoverlapping(&s as *const SERVENT as *const u8, b.as_mut_ptr(), size_of::<SERVENT>()) };
    b
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(b: &[u8], off: usize) -> usize {
        u64::from_ne_bytes(b[off..off + 8].try_into().unwrap()) as usize
    }

    fn str_at(b: &[u8], off: usize) -> &str {
        let end = b[off..].iter().position(|&c| c == 0).unwrap();
        std::str::from_utf8(&b[off..off + end]).unwrap()
    }

    #[test]
    fn hostent_offsets_point_inside_the_blob() {
        let b = hostent("alpha.test", &["www.test".into()], 2, &[vec![10, 1, 2, 3]]);
        assert_eq!(str_at(&b, at(&b, 0)), "alpha.test");
        let aliases = at(&b, 8);
        assert_eq!(str_at(&b, at(&b, aliases)), "www.test");
        assert_eq!(at(&b, aliases + 8), 0);
        assert_eq!(i16::from_ne_bytes([b[16], b[17]]), 2);
        assert_eq!(i16::from_ne_bytes([b[18], b[19]]), 4);
        let list = at(&b, 24);
        assert_eq!(&b[at(&b, list)..at(&b, list) + 4], &[10, 1, 2, 3]);
        assert_eq!(at(&b, list + 8), 0);
    }
}
