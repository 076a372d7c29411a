//! Provider GUIDs in their registry text form, `{E70F1AA0-AB8B-11CF-8CA3-00805F48A192}`, as the
//! catalog file and ws2ctl show them.

use crate::abi::GUID;

pub fn format(g: &GUID) -> String {
    let d = &g.data4;
    format!(
        "{{{:08X}-{:04X}-{:04X}-{:02X}{:02X}-{:02X}{:02X}{:02X}{:02X}{:02X}{:02X}}}",
        g.data1, g.data2, g.data3, d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7]
    )
}

/// Parses the text form, with or without braces.
pub fn parse(s: &str) -> Option<GUID> {
    let s = s.trim();
    let s = s.strip_prefix('{').and_then(|t| t.strip_suffix('}')).unwrap_or(s);
    let parts: Vec<&str> = s.split('-').collect();
    let lens = [8, 4, 4, 4, 12];
    if parts.len() != 5 || parts.iter().zip(lens).any(|(p, n)| p.len() != n || !p.bytes().all(|b| b.is_ascii_hexdigit())) {
        return None;
    }
    let hex = format!("{}{}{}{}{}", parts[0], parts[1], parts[2], parts[3], parts[4]);
    u128::from_str_radix(&hex, 16).ok().map(GUID::from_u128)
}

/// A fresh random (version 4) GUID, for providers installed without one.
pub fn random() -> GUID {
    let mut b = [0u8; 16];
    // SAFETY: `b` is a writable buffer of the length given.
    let n = unsafe { libc::getrandom(b.as_mut_ptr().cast(), b.len(), 0) };
    if n != b.len() as isize {
        // getrandom cannot fail for 16 bytes after boot; fall back to time and pid mixing.
        let t = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default().as_nanos();
        b = (t ^ ((std::process::id() as u128) << 64)).to_le_bytes();
    }
    let mut v = u128::from_be_bytes(b);
    v = (v & !(0xf << 76)) | (0x4 << 76); // version 4
    v = (v & !(0x3 << 62)) | (0x2 << 62); // RFC 4122 variant
    GUID::from_u128(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips() {
        let g = crate::catalog::BASE_PROVIDER_ID;
        assert_eq!(format(&g), "{E70F1AA0-AB8B-11CF-8CA3-00805F48A192}");
        assert!(crate::abi::guid_eq(&parse(&format(&g)).unwrap(), &g));
        assert!(parse("E70F1AA0-AB8B-11CF-8CA3-00805F48A192").is_some());
        assert!(parse("{E70F1AA0-AB8B-11CF-8CA3-00805F48A19}").is_none());
        assert!(!crate::abi::guid_eq(&random(), &random()));
    }
}
