//! Control messages (ancillary data) between Windows' WSACMSGHDR layout and Linux's cmsghdr.
//! On x86-64 the two headers have the same shape — a size_t length, an int level, an int
//! type, data 8-aligned after 16 bytes — so only levels, types and some payloads change:
//! Windows IN_PKTINFO is {ipi_addr, ipi_ifindex}, Linux in_pktinfo {ipi_ifindex, ipi_spec_dst,
//! ipi_addr}. Messages Windows has no form for are left out on receive and refused on send.

use crate::abi::{IPPROTO_IP, IPPROTO_IPV6, IPV6_HOPLIMIT, IPV6_PKTINFO, IP_PKTINFO, WSAEINVAL};

/// The header both systems put before each message's data.
const HDR: usize = 16;

/// Room for the kernel's control data of one message (more than IP_PKTINFO, IPV6_PKTINFO and
/// IPV6_HOPLIMIT together need).
pub(super) const ROOM: usize = 32;

fn align(n: usize) -> usize {
    (n + 7) & !7
}

/// Reads one header at `at` of `buf`: (cmsg_len, level, type), or None past the end.
fn header(buf: &[u8], at: usize) -> Option<(usize, i32, i32)> {
    let h = buf.get(at..at + HDR)?;
    let len = usize::from_ne_bytes(h[..8].try_into().unwrap());
    let level = i32::from_ne_bytes(h[8..12].try_into().unwrap());
    let ty = i32::from_ne_bytes(h[12..16].try_into().unwrap());
    Some((len, level, ty))
}

fn put_header(out: &mut [u8], len: usize, level: i32, ty: i32) {
    out[..8].copy_from_slice(&len.to_ne_bytes());
    out[8..12].copy_from_slice(&level.to_ne_bytes());
    out[12..16].copy_from_slice(&ty.to_ne_bytes());
}

/// The Windows form of one Linux control message: (level, type, data), or None for one that
/// Windows does not have.
fn windows_form(level: i32, ty: i32, data: &[u8]) -> Option<(i32, i32, Vec<u8>)> {
    match (level, ty) {
        (libc::IPPROTO_IP, libc::IP_PKTINFO) if data.len() >= 12 => {
            // Linux {ifindex, spec_dst, addr} → Windows {addr (the header's destination), ifindex}.
            let mut d = data[8..12].to_vec();
            d.extend_from_slice(&data[..4]);
            Some((IPPROTO_IP, IP_PKTINFO, d))
        }
        (libc::IPPROTO_IPV6, libc::IPV6_PKTINFO) if data.len() >= 20 => Some((IPPROTO_IPV6, IPV6_PKTINFO, data[..20].to_vec())),
        (libc::IPPROTO_IPV6, libc::IPV6_HOPLIMIT) if data.len() >= 4 => Some((IPPROTO_IPV6, IPV6_HOPLIMIT, data[..4].to_vec())),
        _ => None,
    }
}

/// Writes the kernel's control messages (`linux`) in Windows form into `out`. Returns the bytes
/// used and whether a message did not fit (MSG_CTRUNC).
pub(super) fn to_windows(linux: &[u8], out: &mut [u8]) -> (usize, bool) {
    let (mut at, mut used) = (0, 0);
    while let Some((len, level, ty)) = header(linux, at) {
        if len < HDR || at + len > linux.len() {
            break;
        }
        if let Some((level, ty, data)) = windows_form(level, ty, &linux[at + HDR..at + len]) {
            let (whole, space) = (HDR + data.len(), HDR + align(data.len()));
            if out.len() - used < whole {
                return (used, true);
            }
            put_header(&mut out[used..], whole, level, ty);
            out[used + HDR..used + whole].copy_from_slice(&data);
            used += space.min(out.len() - used);
        }
        at += align(len);
    }
    (used, false)
}

/// The Linux form of a program's control messages for sendmsg, written into `out` (8-aligned
/// words); returns the bytes used. Malformed or unknown messages give WSAEINVAL.
pub(super) fn to_linux(windows: &[u8], out: &mut [u64]) -> Result<usize, i32> {
    let mut bytes = vec![0u8; std::mem::size_of_val(out)];
    let (mut at, mut used) = (0, 0);
    while let Some((len, level, ty)) = header(windows, at) {
        if len < HDR || at + len > windows.len() {
            return Err(WSAEINVAL);
        }
        let data = &windows[at + HDR..at + len];
        let (level, ty, d) = match (level, ty) {
            (IPPROTO_IP, IP_PKTINFO) if data.len() >= 8 => {
                // Windows {addr, ifindex}: the source address and interface to send from.
                let mut d = data[4..8].to_vec();
                d.extend_from_slice(&data[..4]);
                d.extend_from_slice(&[0; 4]);
                (libc::IPPROTO_IP, libc::IP_PKTINFO, d)
            }
            (IPPROTO_IPV6, IPV6_PKTINFO) if data.len() >= 20 => (libc::IPPROTO_IPV6, libc::IPV6_PKTINFO, data[..20].to_vec()),
            _ => return Err(WSAEINVAL),
        };
        let space = HDR + align(d.len());
        if bytes.len() - used < space {
            return Err(WSAEINVAL);
        }
        put_header(&mut bytes[used..], HDR + d.len(), level, ty);
        bytes[used + HDR..used + HDR + d.len()].copy_from_slice(&d);
        used += space;
        at += align(len);
    }
    for (w, chunk) in out.iter_mut().zip(bytes.chunks_exact(8)) {
        *w = u64::from_ne_bytes(chunk.try_into().unwrap());
    }
    Ok(used)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn linux_msg(level: i32, ty: i32, data: &[u8]) -> Vec<u8> {
        let mut v = vec![0u8; HDR + align(data.len())];
        put_header(&mut v, HDR + data.len(), level, ty);
        v[HDR..HDR + data.len()].copy_from_slice(data);
        v
    }

    #[test]
    fn in_pktinfo_is_reordered_both_ways() {
        let linux = linux_msg(libc::IPPROTO_IP, libc::IP_PKTINFO, &[1, 0, 0, 0, 9, 9, 9, 9, 127, 0, 0, 1]);
        let mut out = [0u8; 64];
        assert_eq!(to_windows(&linux, &mut out), (24, false));
        assert_eq!(header(&out, 0), Some((24, IPPROTO_IP, IP_PKTINFO)));
        assert_eq!(&out[16..24], &[127, 0, 0, 1, 1, 0, 0, 0]);
        let mut words = [0u64; ROOM];
        assert_eq!(to_linux(&out[..24], &mut words), Ok(32));
        let back: Vec<u8> = words.iter().flat_map(|w| w.to_ne_bytes()).collect();
        assert_eq!(header(&back, 0), Some((28, libc::IPPROTO_IP, libc::IP_PKTINFO)));
        assert_eq!(&back[16..28], &[1, 0, 0, 0, 127, 0, 0, 1, 0, 0, 0, 0]);
    }

    #[test]
    fn short_buffers_truncate_and_unknown_messages_are_skipped() {
        let mut linux = linux_msg(libc::SOL_SOCKET, libc::SO_TIMESTAMP, &[0; 16]);
        linux.extend(linux_msg(libc::IPPROTO_IPV6, libc::IPV6_PKTINFO, &[7; 20]));
        let mut out = [0u8; 64];
        assert_eq!(to_windows(&linux, &mut out), (40, false));
        assert_eq!(header(&out, 0), Some((36, IPPROTO_IPV6, IPV6_PKTINFO)));
        assert_eq!(to_windows(&linux, &mut out[..35]), (0, true));
        assert_eq!(to_linux(&[0; 8], &mut [0u64; ROOM]), Ok(0));
        assert_eq!(to_linux(&linux, &mut [0u64; ROOM]), Err(WSAEINVAL));
    }
}
