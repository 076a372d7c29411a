//! Loadable providers and protocol chains, end to end: C layered providers from
//! tests/providers are built against include/ws2spi.h, installed in a private catalog over
//! TCP/IPv4, and the Getting-Started samples (examples/echo_client.c, echo_server.c) talk
//! through them to a plain Linux peer. Also the ways a provider can fail to load.

mod support;

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;
use support::*;
use ws2_32::catalog::{guid, store, Location, ProviderPath};

const KEY: u8 = 0x5A;

/// Installs `lib` as a layered provider over `over` (catalog ids) in the catalog at `cat`;
/// returns the new chain ids (now first in the catalog).
fn install(cat: &Path, name: &str, lib: &Path, over: &[u32]) -> Vec<u32> {
    store::modify(&Location(cat.to_path_buf()), |c| {
        c.install_layered(name, ProviderPath::File(lib.to_path_buf()), &guid::random(), &guid::random(), over).map(|(_, ids)| ids)
    })
    .unwrap()
}

/// Installs the layers bottom first, each over the chain the previous one made on TCP/IPv4.
fn stack(cat: &Path, layers: &[(&str, &Path)]) {
    let mut over = 1001;
    for (name, lib) in layers {
        over = install(cat, name, lib, &[over])[0];
    }
}

/// A Linux TCP echo peer on loopback: returns its port and a handle yielding the bytes it saw.
fn linux_echo_peer() -> (u16, std::thread::JoinHandle<Vec<u8>>) {
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = l.local_addr().unwrap().port();
    let h = std::thread::spawn(move || {
        let (mut s, _) = l.accept().unwrap();
        s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
        let mut seen = Vec::new();
        let mut buf = [0u8; 4096];
        loop {
            let n = s.read(&mut buf).unwrap();
            if n == 0 {
                break;
            }
            seen.extend_from_slice(&buf[..n]);
            s.write_all(&buf[..n]).unwrap();
        }
        seen
    });
    (port, h)
}

struct Built {
    _dir: Scratch,
    xor: PathBuf,
    pass: [PathBuf; 3],
    pass_non_ifs: PathBuf,
    xor_non_ifs: PathBuf,
    client: PathBuf,
    server: PathBuf,
}

fn build(tag: &str) -> Built {
    let d = Scratch::new(tag);
    let xor = d.path("xor.so");
    build_provider("xor", &["-DXOR_KEY=0x5A"], &xor);
    // Copies, so that each layer of a chain is a library of its own (as on Windows, where
    // each LSP is its own DLL).
    let pass = [d.path("pass1.so"), d.path("pass2.so"), d.path("pass3.so")];
    build_provider("xor", &[], &pass[0]);
    std::fs::copy(&pass[0], &pass[1]).unwrap();
    std::fs::copy(&pass[0], &pass[2]).unwrap();
    let pass_non_ifs = d.path("pass_nonifs.so");
    build_provider("xor", &["-DNON_IFS"], &pass_non_ifs);
    let xor_non_ifs = d.path("xor_nonifs.so");
    build_provider("xor", &["-DNON_IFS", "-DXOR_KEY=0x5A"], &xor_non_ifs);
    let client = d.path("echo_client");
    build_program("examples/echo_client.c", &client);
    let server = d.path("echo_server");
    build_program("examples/echo_server.c", &server);
    Built { xor, pass, pass_non_ifs, xor_non_ifs, client, server, _dir: d }
}

/// Runs echo_client through the catalog at `cat` against a Linux peer; returns what the peer
/// received.
fn echo_through(b: &Built, cat: &Path, msg: &str) -> Vec<u8> {
    let (port, peer) = linux_echo_peer();
    let o = run(Command::new(&b.client).args(["127.0.0.1", &port.to_string(), msg]).env("WS2_CATALOG", cat), Duration::from_secs(30));
    let out = text(&o.stdout);
    assert!(o.status.success(), "echo_client failed:\n{out}{}", text(&o.stderr));
    assert!(out.contains(&format!("client: received \"{msg}\"")), "client output:\n{out}{}", text(&o.stderr));
    peer.join().unwrap()
}

fn xored(s: &str, times: usize) -> Vec<u8> {
    s.bytes().map(|c| if times % 2 == 1 { c ^ KEY } else { c }).collect()
}

#[test]
fn echo_samples_through_chains_of_one_two_and_three_c_layers() {
    let b = build("chains");
    let msg = "hello through the protocol chain";
    let cases: Vec<(&str, Vec<(&str, &Path)>, usize)> = vec![
        ("no layer", vec![], 0),
        ("1: xor", vec![("XOR", &b.xor)], 1),
        ("1: pass", vec![("Pass 1", &b.pass[0])], 0),
        ("2: pass, xor", vec![("Pass 1", &b.pass[0]), ("XOR", &b.xor)], 1),
        ("3: pass, pass, xor", vec![("Pass 1", &b.pass[0]), ("Pass 2", &b.pass[1]), ("XOR", &b.xor)], 1),
        ("3: xor, pass, pass", vec![("XOR", &b.xor), ("Pass 2", &b.pass[1]), ("Pass 3", &b.pass[2])], 1),
        ("1: non-IFS pass", vec![("Pass non-IFS", &b.pass_non_ifs)], 0),
        ("1: non-IFS xor", vec![("XOR non-IFS", &b.xor_non_ifs)], 1),
        ("2: xor under a non-IFS pass", vec![("XOR", &b.xor), ("Pass non-IFS", &b.pass_non_ifs)], 1),
        ("3: non-IFS xor, pass, IFS xor", vec![("XOR non-IFS", &b.xor_non_ifs), ("Pass 1", &b.pass[0]), ("XOR", &b.xor)], 2),
    ];
    for (what, layers, xors) in cases {
        let d = Scratch::new("chain-cat");
        let cat = d.path("catalog.toml");
        stack(&cat, &layers);
        let seen = echo_through(&b, &cat, msg);
        assert_eq!(seen, xored(msg, xors), "{what}: the Linux peer saw {:?}", String::from_utf8_lossy(&seen));
    }
}

#[test]
fn echo_server_sample_through_a_xor_chain_serves_a_linux_client() {
    let b = build("server");
    let d = Scratch::new("server-cat");
    let cat = d.path("catalog.toml");
    stack(&cat, &[("XOR", &b.xor)]);
    let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let server = Command::new(&b.server)
        .arg(port.to_string())
        .env("WS2_CATALOG", &cat)
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut conn = None;
    for _ in 0..200 {
        if let Ok(c) = TcpStream::connect(("127.0.0.1", port)) {
            conn = Some(c);
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let mut c = conn.expect("server listening");
    c.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    // The server decodes what it receives and encodes what it sends: bytes come back as sent,
    // and a message the Linux side encodes is what the Winsock program handles in clear.
    c.write_all(&xored("ping", 1)).unwrap();
    c.shutdown(std::net::Shutdown::Write).unwrap();
    let mut back = Vec::new();
    c.read_to_end(&mut back).unwrap();
    assert_eq!(back, xored("ping", 1));
    let o = server.wait_with_output().unwrap();
    assert!(o.status.success());
    assert!(text(&o.stdout).contains("server: echoed 4 bytes"), "{}", text(&o.stdout));
}

#[test]
fn providers_that_cannot_load_fail_socket_with_wsaeproviderfailedinit_only() {
    let d = Scratch::new("failures");
    let cat = d.path("catalog.toml");
    let good = d.path("pass.so");
    build_provider("xor", &[], &good);
    let mut bad: Vec<(&str, PathBuf, &str)> = Vec::new();
    for (name, def) in [("No WSPStartup", "-DNO_STARTUP"), ("Refuses 2.2", "-DREFUSE_VERSION"), ("Startup fails", "-DFAIL_STARTUP"), ("Empty table", "-DHOLES")] {
        let p = d.path(&format!("{}.so", def.trim_start_matches("-D").to_lowercase()));
        build_provider("broken", &[def], &p);
        bad.push((name, p, ""));
    }
    bad[0].2 = "does not export WSPStartup";
    bad[1].2 = "WSPStartup failed with 10092";
    bad[2].2 = "WSPStartup failed with 10050";
    bad[3].2 = "empty entries";
    bad.push(("Missing file", d.path("missing.so"), "cannot open it"));
    let writable = d.path("writable.so");
    std::fs::copy(&good, &writable).unwrap();
    set_mode(&writable, 0o666);
    bad.push(("World-writable", writable, "writable by group or others"));
    let group = d.path("group.so");
    std::fs::copy(&good, &group).unwrap();
    set_mode(&group, 0o775);
    bad.push(("Group-writable", group, "writable by group or others"));
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } == 0 {
        let other = d.path("other.so");
        std::fs::copy(&good, &other).unwrap();
        // SAFETY: a valid NUL-terminated path.
        let c = std::ffi::CString::new(other.to_str().unwrap()).unwrap();
        assert_eq!(unsafe { libc::chown(c.as_ptr(), 65534, 65534) }, 0);
        bad.push(("Other owner", other, "owned by uid 65534"));
    }
    let good_chain = install(&cat, "Good", &good, &[1001])[0];
    let bad_chains: Vec<u32> = bad.iter().map(|(name, path, _)| install(&cat, name, path, &[1001])[0]).collect();

    let probe = d.path("probe");
    build_program("tests/providers/probe.c", &probe);
    let o = run(Command::new(&probe).env("WS2_CATALOG", &cat), Duration::from_secs(30));
    let (out, err) = (text(&o.stdout), text(&o.stderr));
    assert!(o.status.success(), "probe crashed: {out}{err}");
    let result = |id: u32| out.lines().find(|l| l.split(' ').next() == Some(&id.to_string())).unwrap_or_else(|| panic!("no line for {id}:\n{out}")).to_string();
    assert_eq!(result(good_chain), format!("{good_chain} ok"));
    for id in [1001, 1002, 1004, 1005] {
        assert_eq!(result(id), format!("{id} ok"), "base entries keep working");
    }
    for ((name, _, why), id) in bad.iter().zip(&bad_chains) {
        assert_eq!(result(*id), format!("{id} error 10106"), "{name}");
        let line = err.lines().find(|l| l.contains(&format!("provider \"{name} over"))).unwrap_or_else(|| panic!("no log line for {name}:\n{err}"));
        assert!(line.contains(why), "{name}: {line}");
    }
}

fn set_mode(p: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(p, std::fs::Permissions::from_mode(mode)).unwrap();
}

#[test]
fn select_wsapoll_and_events_work_on_layered_sockets_ifs_and_not() {
    let b = build("async");
    let prog = b._dir.path("async_chain");
    build_program("tests/providers/async_chain.c", &prog);
    let cases: Vec<(&str, Vec<(&str, &Path)>)> = vec![
        ("no layer", vec![]),
        ("IFS xor", vec![("XOR", &b.xor)]),
        ("non-IFS pass", vec![("Pass non-IFS", &b.pass_non_ifs)]),
        ("non-IFS xor over IFS pass", vec![("Pass 1", &b.pass[0]), ("XOR non-IFS", &b.xor_non_ifs)]),
        ("IFS pass over non-IFS pass", vec![("Pass non-IFS", &b.pass_non_ifs), ("Pass 2", &b.pass[1])]),
    ];
    for (what, layers) in cases {
        let d = Scratch::new("async-cat");
        let cat = d.path("catalog.toml");
        stack(&cat, &layers);
        let o = run(Command::new(&prog).env("WS2_CATALOG", &cat), Duration::from_secs(30));
        assert!(o.status.success(), "{what}:\n{}{}", text(&o.stdout), text(&o.stderr));
    }
}
