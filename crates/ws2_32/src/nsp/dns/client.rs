//! Asking DNS servers: every question of a lookup goes out on one UDP socket per server try,
//! answers are matched by id and question, a truncated answer is asked again over TCP. Servers
//! are tried in order, `attempts` rounds over them; each try waits at most `timeout`, so a
//! lookup never takes longer than attempts × servers × timeout. A server that answers
//! SERVFAIL, REFUSED, FORMERR or NOTIMP counts as a failed try.

use super::message::{self, Message, RCODE_FORMERR, RCODE_NOERROR, RCODE_NXDOMAIN, RCODE_SERVFAIL};
use crate::abi::*;
use std::hash::{BuildHasher, Hasher};
use std::io::{ErrorKind, Read, Write};
use std::net::{SocketAddr, TcpStream, UdpSocket};
use std::time::{Duration, Instant};

/// A fresh unpredictable query id (std's randomly keyed SipHash over a counter and the time).
fn random_id() -> u16 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u64(COUNTER.fetch_add(1, Ordering::Relaxed));
    h.write_u128(std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default().as_nanos());
    h.finish() as u16
}

/// Why one server try failed, as the WSA code a lookup reports if no server does better.
fn io_code(e: &std::io::Error) -> i32 {
    match e.kind() {
        ErrorKind::WouldBlock | ErrorKind::TimedOut | ErrorKind::ConnectionRefused | ErrorKind::ConnectionReset => WSATRY_AGAIN,
        _ => WSANO_RECOVERY,
    }
}

/// Whether `m` answers the question `q` (name compared without case, as DNS does).
fn answers(m: &Message, id: u16, q: &(String, u16)) -> bool {
    m.id == id && m.question.as_ref().is_some_and(|(n, t)| *t == q.1 && n.eq_ignore_ascii_case(q.0.trim_end_matches('.')))
}

/// Asks one question over TCP (after a truncated UDP answer).
fn ask_tcp(server: SocketAddr, query: &[u8], deadline: Instant) -> Result<Message, i32> {
    let left = || deadline.saturating_duration_since(Instant::now()).max(Duration::from_millis(1));
    let mut s = TcpStream::connect_timeout(&server, left()).map_err(|e| io_code(&e))?;
    s.set_write_timeout(Some(left())).map_err(|e| io_code(&e))?;
    let mut framed = (query.len() as u16).to_be_bytes().to_vec();
    framed.extend_from_slice(query);
    s.write_all(&framed).map_err(|e| io_code(&e))?;
    s.set_read_timeout(Some(left())).map_err(|e| io_code(&e))?;
    let mut len = [0u8; 2];
    s.read_exact(&mut len).map_err(|e| io_code(&e))?;
    let mut buf = vec![0u8; u16::from_be_bytes(len) as usize];
    s.read_exact(&mut buf).map_err(|e| io_code(&e))?;
    message::parse(&buf).ok_or(WSANO_RECOVERY)
}

/// One try at one server: every question, answers in question order.
fn ask_server(server: SocketAddr, questions: &[(String, u16)], wire: &[Vec<u8>], timeout: Duration) -> Result<Vec<Message>, i32> {
    let deadline = Instant::now() + timeout;
    let local: SocketAddr = if server.is_ipv4() { ([0, 0, 0, 0], 0).into() } else { (std::net::Ipv6Addr::UNSPECIFIED, 0).into() };
    let sock = UdpSocket::bind(local).map_err(|e| io_code(&e))?;
    sock.connect(server).map_err(|e| io_code(&e))?;
    let ids: Vec<u16> = questions.iter().map(|_| random_id()).collect();
    let queries: Vec<Vec<u8>> = wire.iter().zip(&ids).zip(questions).map(|((w, id), q)| message::query(*id, w, q.1)).collect();
    for q in &queries {
        sock.send(q).map_err(|e| io_code(&e))?;
    }
    let mut got: Vec<Option<Message>> = vec![None; questions.len()];
    let mut buf = [0u8; 4096];
    while got.iter().any(Option::is_none) {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(WSATRY_AGAIN);
        }
        sock.set_read_timeout(Some(left)).map_err(|e| io_code(&e))?;
        let n = sock.recv(&mut buf).map_err(|e| io_code(&e))?;
        let Some(m) = message::parse(&buf[..n]) else { continue };
        let Some(i) = (0..questions.len()).find(|&i| got[i].is_none() && answers(&m, ids[i], &questions[i])) else { continue };
        got[i] = Some(if m.truncated { ask_tcp(server, &queries[i], deadline)? } else { m });
    }
    Ok(got.into_iter().flatten().collect())
}

/// The WSA code of an answer a resolver should not accept (another server may do better).
fn failed(m: &Message) -> Option<i32> {
    match m.rcode {
        RCODE_NOERROR | RCODE_NXDOMAIN => None,
        RCODE_SERVFAIL => Some(WSATRY_AGAIN),
        RCODE_FORMERR => Some(WSANO_RECOVERY),
        _ => Some(WSANO_RECOVERY),
    }
}

/// Asks `questions` ((name, type), names already in ASCII) of `servers`, in order, `attempts`
/// rounds, each try bounded by `timeout`. Returns the answers in question order.
pub fn ask(servers: &[SocketAddr], questions: &[(String, u16)], timeout: Duration, attempts: u32) -> Result<Vec<Message>, i32> {
    let wire: Vec<Vec<u8>> = questions.iter().map(|(n, _)| message::encode_name(n).ok_or(WSAHOST_NOT_FOUND)).collect::<Result<_, _>>()?;
    let mut error = WSATRY_AGAIN;
    for _ in 0..attempts.max(1) {
        for &server in servers {
            match ask_server(server, questions, &wire, timeout) {
                Ok(msgs) => match msgs.iter().find_map(failed) {
                    None => return Ok(msgs),
                    Some(e) => error = e,
                },
                Err(e) => error = e,
            }
        }
    }
    Err(error)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A server that answers each query with NXDOMAIN, from a thread.
    fn nx_server() -> SocketAddr {
        let s = UdpSocket::bind("127.0.0.1:0").unwrap();
        let addr = s.local_addr().unwrap();
        std::thread::spawn(move || {
            let mut buf = [0u8; 512];
            while let Ok((n, from)) = s.recv_from(&mut buf) {
                let mut r = buf[..n].to_vec();
                r[2] |= 0x80; // QR
                r[3] = (r[3] & 0xf0) | RCODE_NXDOMAIN;
                let _ = s.send_to(&r, from);
            }
        });
        addr
    }

    #[test]
    fn asks_answers_and_gives_up_in_bounded_time() {
        let nx = nx_server();
        let q = vec![("nx.test".to_string(), message::TYPE_A), ("nx.test".to_string(), message::TYPE_AAAA)];
        let m = ask(&[nx], &q, Duration::from_millis(500), 1).unwrap();
        assert_eq!(m.len(), 2);
        assert!(m.iter().all(|m| m.rcode == RCODE_NXDOMAIN));

        // Nobody listens: refused at once, WSATRY_AGAIN.
        let dead = UdpSocket::bind("127.0.0.1:0").unwrap().local_addr().unwrap();
        let t = Instant::now();
        assert_eq!(ask(&[dead], &q, Duration::from_millis(300), 2), Err(WSATRY_AGAIN));
        assert!(t.elapsed() < Duration::from_secs(2));

        // A server that never answers: attempts × timeout, then WSATRY_AGAIN.
        let mute = UdpSocket::bind("127.0.0.1:0").unwrap();
        let t = Instant::now();
        assert_eq!(ask(&[mute.local_addr().unwrap()], &q, Duration::from_millis(150), 2), Err(WSATRY_AGAIN));
        let took = t.elapsed();
        assert!(took >= Duration::from_millis(290) && took < Duration::from_secs(2), "{took:?}");

        // The first server is dead, the second answers.
        assert!(ask(&[dead, nx], &q, Duration::from_millis(300), 1).is_ok());
    }
}
