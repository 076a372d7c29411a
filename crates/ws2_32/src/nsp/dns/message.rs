//! DNS messages (RFC 1035): queries out, responses in — header, question, answer records with
//! name compression. Only what a stub resolver needs: A, AAAA, CNAME and PTR records.

pub const TYPE_A: u16 = 1;
pub const TYPE_CNAME: u16 = 5;
pub const TYPE_PTR: u16 = 12;
pub const TYPE_AAAA: u16 = 28;
const CLASS_IN: u16 = 1;

pub const RCODE_NOERROR: u8 = 0;
pub const RCODE_FORMERR: u8 = 1;
pub const RCODE_SERVFAIL: u8 = 2;
pub const RCODE_NXDOMAIN: u8 = 3;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RData {
    A([u8; 4]),
    Aaaa([u8; 16]),
    /// The target of a CNAME or PTR record.
    Name(String),
    Other,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Record {
    pub name: String,
    pub rtype: u16,
    pub data: RData,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    pub id: u16,
    pub truncated: bool,
    pub rcode: u8,
    pub question: Option<(String, u16)>,
    pub answers: Vec<Record>,
}

/// A name in wire form (length-prefixed labels, then 0). Labels are ASCII (IDNA-encoded by the
/// caller when needed); empty labels, labels over 63 bytes and names over 255 are refused.
pub fn encode_name(name: &str) -> Option<Vec<u8>> {
    let name = name.strip_suffix('.').unwrap_or(name);
    if name.is_empty() {
        return None;
    }
    let mut out = Vec::with_capacity(name.len() + 2);
    for label in name.split('.') {
        if label.is_empty() || label.len() > 63 {
            return None;
        }
        out.push(label.len() as u8);
        out.extend_from_slice(label.as_bytes());
    }
    out.push(0);
    (out.len() <= 255).then_some(out)
}

/// A recursive query for `qname` (wire form) of type `qtype`.
pub fn query(id: u16, qname: &[u8], qtype: u16) -> Vec<u8> {
    let mut m = Vec::with_capacity(12 + qname.len() + 4);
    m.extend_from_slice(&id.to_be_bytes());
    m.extend_from_slice(&0x0100u16.to_be_bytes()); // RD
    m.extend_from_slice(&[0, 1, 0, 0, 0, 0, 0, 0]); // QDCOUNT 1
    m.extend_from_slice(qname);
    m.extend_from_slice(&qtype.to_be_bytes());
    m.extend_from_slice(&CLASS_IN.to_be_bytes());
    m
}

fn u16_at(b: &[u8], i: usize) -> Option<u16> {
    Some(u16::from_be_bytes([*b.get(i)?, *b.get(i + 1)?]))
}

/// Reads a (possibly compressed) name at `pos`: the dotted name and the position after it.
fn read_name(b: &[u8], mut pos: usize) -> Option<(String, usize)> {
    let mut labels: Vec<String> = Vec::new();
    let mut end = None;
    let mut jumps = 0;
    let mut total = 0;
    loop {
        let len = *b.get(pos)? as usize;
        match len {
            0 => {
                end.get_or_insert(pos + 1);
                break;
            }
            l if l & 0xc0 == 0xc0 => {
                jumps += 1;
                if jumps > 64 {
                    return None;
                }
                end.get_or_insert(pos + 2);
                pos = (u16_at(b, pos)? & 0x3fff) as usize;
            }
            l if l <= 63 => {
                let label = b.get(pos + 1..pos + 1 + l)?;
                total += l + 1;
                if total > 255 {
                    return None;
                }
                labels.push(String::from_utf8_lossy(label).into_owned());
                pos += 1 + l;
            }
            _ => return None,
        }
    }
    Some((labels.join("."), end?))
}

/// Parses a response; None for anything malformed or that is not a response.
pub fn parse(b: &[u8]) -> Option<Message> {
    let id = u16_at(b, 0)?;
    let flags = u16_at(b, 2)?;
    if flags & 0x8000 == 0 {
        return None;
    }
    let (qd, an) = (u16_at(b, 4)?, u16_at(b, 6)?);
    let mut pos = 12;
    let mut question = None;
    for i in 0..qd {
        let (name, p) = read_name(b, pos)?;
        let qtype = u16_at(b, p)?;
        pos = p + 4;
        if i == 0 {
            question = Some((name, qtype));
        }
    }
    let mut answers = Vec::new();
    for _ in 0..an {
        let (name, p) = read_name(b, pos)?;
        let rtype = u16_at(b, p)?;
        let rdlen = u16_at(b, p + 8)? as usize;
        let start = p + 10;
        let rdata = b.get(start..start + rdlen)?;
        let data = match rtype {
            TYPE_A if rdlen == 4 => RData::A(rdata.try_into().ok()?),
            TYPE_AAAA if rdlen == 16 => RData::Aaaa(rdata.try_into().ok()?),
            TYPE_CNAME | TYPE_PTR => RData::Name(read_name(b, start)?.0),
            _ => RData::Other,
        };
        answers.push(Record { name, rtype, data });
        pos = start + rdlen;
    }
    let truncated = flags & 0x0200 != 0;
    Some(Message { id, truncated, rcode: (flags & 0xf) as u8, question, answers })
}

/// The reverse-lookup name of an address: d.c.b.a.in-addr.arpa, or nibbles.ip6.arpa.
pub fn reverse_name(ip: &std::net::IpAddr) -> String {
    match ip {
        std::net::IpAddr::V4(a) => {
            let o = a.octets();
            format!("{}.{}.{}.{}.in-addr.arpa", o[3], o[2], o[1], o[0])
        }
        std::net::IpAddr::V6(a) => {
            let mut s = String::with_capacity(72);
            for byte in a.octets().iter().rev() {
                s.push_str(&format!("{:x}.{:x}.", byte & 0xf, byte >> 4));
            }
            s + "ip6.arpa"
        }
    }
}

/// Punycode (RFC 3492) of one label, for IDNA's "xn--" form.
pub fn punycode(label: &str) -> String {
    const BASE: u32 = 36;
    let (tmin, tmax, skew, damp) = (1u32, 26u32, 38u32, 700u32);
    let digit = |d: u32| -> char {
        if d < 26 {
            (b'a' + d as u8) as char
        } else {
            (b'0' + (d - 26) as u8) as char
        }
    };
    let adapt = |mut delta: u32, points: u32, first: bool| {
        delta /= if first { damp } else { 2 };
        delta += delta / points;
        let mut k = 0;
        while delta > ((BASE - tmin) * tmax) / 2 {
            delta /= BASE - tmin;
            k += BASE;
        }
        k + (BASE - tmin + 1) * delta / (delta + skew)
    };
    let cps: Vec<u32> = label.chars().map(|c| c as u32).collect();
    let mut out: String = label.chars().filter(char::is_ascii).collect();
    let basic = out.len() as u32;
    if basic > 0 {
        out.push('-');
    }
    let (mut n, mut delta, mut bias, mut h) = (128u32, 0u32, 72u32, basic);
    while (h as usize) < cps.len() {
        let m = cps.iter().copied().filter(|&c| c >= n).min().unwrap_or(n);
        delta = delta.saturating_add((m - n).saturating_mul(h + 1));
        n = m;
        for &c in &cps {
            if c < n {
                delta = delta.saturating_add(1);
            }
            if c == n {
                let mut q = delta;
                let mut k = BASE;
                loop {
                    let t = if k <= bias {
                        tmin
                    } else if k >= bias + tmax {
                        tmax
                    } else {
                        k - bias
                    };
                    if q < t {
                        break;
                    }
                    out.push(digit(t + (q - t) % (BASE - t)));
                    q = (q - t) / (BASE - t);
                    k += BASE;
                }
                out.push(digit(q));
                bias = adapt(delta, h + 1, h == basic);
                delta = 0;
                h += 1;
            }
        }
        delta += 1;
        n += 1;
    }
    out
}

/// A host name as DNS asks for it: each non-ASCII label lowercased and IDNA-encoded
/// ("xn--" + punycode), unless `idn` is off.
pub fn ascii_name(name: &str, idn: bool) -> String {
    if name.is_ascii() || !idn {
        return name.to_string();
    }
    name.split('.')
        .map(|l| if l.is_ascii() { l.to_string() } else { format!("xn--{}", punycode(&l.to_lowercase())) })
        .collect::<Vec<_>>()
        .join(".")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_queries_and_responses() {
        assert_eq!(encode_name("alpha.test.").unwrap(), b"\x05alpha\x04test\x00");
        assert!(encode_name("a..b").is_none() && encode_name("").is_none() && encode_name(&"x".repeat(64)).is_none());
        let q = query(0x1234, &encode_name("www.test").unwrap(), TYPE_A);
        assert_eq!(&q[..4], &[0x12, 0x34, 0x01, 0x00]);
        // dnsmasq's answer to www.test A: a CNAME to alpha.test, then its A record.
        let r = hex("1234858000010002000000000377777704746573740000010001c00c0005000100000000000c05616c706861047465737400c026000100010000000000040a010203");
        let m = parse(&r).unwrap();
        assert_eq!((m.id, m.rcode, m.truncated), (0x1234, RCODE_NOERROR, false));
        assert_eq!(m.question, Some(("www.test".into(), TYPE_A)));
        assert_eq!(m.answers[0], Record { name: "www.test".into(), rtype: TYPE_CNAME, data: RData::Name("alpha.test".into()) });
        assert_eq!(m.answers[1], Record { name: "alpha.test".into(), rtype: TYPE_A, data: RData::A([10, 1, 2, 3]) });
        let nx = parse(&hex("123481830001000000000000026e7804746573740000010001")).unwrap();
        assert_eq!(nx.rcode, RCODE_NXDOMAIN);
        assert!(parse(&q).is_none(), "a query is not a response");
        // A compression loop is refused, not followed forever.
        let mut lp = hex("123481800001000000000000");
        lp.extend_from_slice(&[0xc0, 12, 0, 1, 0, 1]);
        assert!(parse(&lp).is_none());
    }

    #[test]
    fn reverse_names_and_idna() {
        assert_eq!(reverse_name(&"10.1.2.3".parse().unwrap()), "3.2.1.10.in-addr.arpa");
        assert!(reverse_name(&"fd00::5".parse().unwrap()).starts_with("5.0.0.0.0.0.0.0."));
        assert!(reverse_name(&"fd00::5".parse().unwrap()).ends_with(".0.0.d.f.ip6.arpa"));
        assert_eq!(punycode("bücher"), "bcher-kva");
        assert_eq!(punycode("münchen"), "mnchen-3ya");
        assert_eq!(ascii_name("Bücher.example", true), "xn--bcher-kva.example");
        assert_eq!(ascii_name("bücher.example", false), "bücher.example");
    }

    fn hex(s: &str) -> Vec<u8> {
        (0..s.len()).step_by(2).map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap()).collect()
    }
}
