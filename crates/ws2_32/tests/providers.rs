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

/// Layers bottom first: (name, library).
type Layers<'a> = Vec<(&'a str, &'a Path)>;

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
    stack_over(cat, layers, &[1001]);
}

/// As `stack`, over several base entries at once (chain k of each layer over chain k below).
fn stack_over(cat: &Path, layers: &[(&str, &Path)], base: &[u32]) {
    let mut over = base.to_vec();
    for (name, lib) in layers {
        over = install(cat, name, lib, &over);
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
    /// The trace provider (Rust, IFS, watches) and the SDK's example XOR layer (Rust, non-IFS).
    trace: PathBuf,
    rust_xor: PathBuf,
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
    let trace = lib_dir().join("libws2trace.so");
    let rust_xor = lib_dir().join("examples/libxor_layer.so");
    assert!(trace.exists() && rust_xor.exists(), "build the Rust providers first: cargo build --release --workspace --examples");
    Built { xor, pass, pass_non_ifs, xor_non_ifs, client, server, trace, rust_xor, _dir: d }
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
    let cases: Vec<(&str, Layers, usize)> = vec![
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
fn echo_samples_through_chains_of_rust_and_c_layers() {
    let b = build("rust-chains");
    let msg = "hello through Rust layers";
    let cases: Vec<(&str, Layers, usize)> = vec![
        ("1: trace", vec![("Trace", &b.trace)], 0),
        ("1: Rust non-IFS xor", vec![("Rust XOR", &b.rust_xor)], 1),
        ("2: trace over Rust xor", vec![("Rust XOR", &b.rust_xor), ("Trace", &b.trace)], 1),
        ("3: C xor, trace, Rust xor", vec![("XOR", &b.xor), ("Trace", &b.trace), ("Rust XOR", &b.rust_xor)], 2),
        ("3: Rust xor, C non-IFS pass, trace", vec![("Rust XOR", &b.rust_xor), ("Pass non-IFS", &b.pass_non_ifs), ("Trace", &b.trace)], 1),
    ];
    for (what, layers, xors) in cases {
        let d = Scratch::new("rust-chain-cat");
        let cat = d.path("catalog.toml");
        stack(&cat, &layers);
        let seen = echo_through(&b, &cat, msg);
        assert_eq!(seen, xored(msg, xors), "{what}: the Linux peer saw {:?}", String::from_utf8_lossy(&seen));
    }
}

#[test]
fn trace_logs_calls_and_writes_a_byte_summary() {
    let b = build("trace");
    let d = Scratch::new("trace-cat");
    let cat = d.path("catalog.toml");
    stack(&cat, &[("Trace", &b.trace)]);
    let (port, peer) = linux_echo_peer();
    let summary = d.path("summary.txt");
    let o = run(
        Command::new(&b.client)
            .args(["127.0.0.1", &port.to_string(), "twelve bytes"])
            .env("WS2_CATALOG", &cat)
            .env("WS2_TRACE_SUMMARY", &summary),
        Duration::from_secs(30),
    );
    assert!(o.status.success());
    peer.join().unwrap();
    let log = text(&o.stderr);
    for want in [
        "WSPSocket Socket { af: 2, ty: 1, protocol: 6 } -> ok",
        &format!("WSPConnect Connect {{ addr: Some(127.0.0.1:{port}) }} -> ok 0"),
        "WSPSend Send { bytes: 12, overlapped: false } -> ok 12",
        "WSPRecv Recv { bytes: 512, overlapped: false } -> ok 12",
        "WSPCloseSocket Close -> ok 0",
        "echo_client",
    ] {
        assert!(log.contains(want), "no {want:?} in the trace:\n{log}");
    }
    let s = std::fs::read_to_string(&summary).unwrap();
    assert!(s.contains(": sent 12 bytes in 1 calls, received 12 bytes in 2 calls"), "{s}");
    // WS2_TRACE=off silences it.
    let (port, peer) = linux_echo_peer();
    let o = run(
        Command::new(&b.client).args(["127.0.0.1", &port.to_string(), "quiet"]).env("WS2_CATALOG", &cat).env("WS2_TRACE", "off"),
        Duration::from_secs(30),
    );
    peer.join().unwrap();
    assert!(o.status.success() && !text(&o.stderr).contains("WSPSend"), "{}", text(&o.stderr));
}

#[test]
fn echo_server_sample_through_a_xor_chain_serves_a_linux_client() {
    let b = build("server");
    let d = Scratch::new("server-cat");
    let cat = d.path("catalog.toml");
    stack(&cat, &[("XOR", &b.xor)]);
    let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let server =
        Command::new(&b.server).arg(port.to_string()).env("WS2_CATALOG", &cat).stdout(std::process::Stdio::piped()).spawn().unwrap();
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
    for (name, def) in [
        ("No WSPStartup", "-DNO_STARTUP"),
        ("Refuses 2.2", "-DREFUSE_VERSION"),
        ("Startup fails", "-DFAIL_STARTUP"),
        ("Empty table", "-DHOLES"),
    ] {
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
    let result = |id: u32| {
        out.lines().find(|l| l.split(' ').next() == Some(&id.to_string())).unwrap_or_else(|| panic!("no line for {id}:\n{out}")).to_string()
    };
    assert_eq!(result(good_chain), format!("{good_chain} ok"));
    for id in [1001, 1002, 1004, 1005] {
        assert_eq!(result(id), format!("{id} ok"), "base entries keep working");
    }
    for ((name, _, why), id) in bad.iter().zip(&bad_chains) {
        assert_eq!(result(*id), format!("{id} error 10106"), "{name}");
        let line = err
            .lines()
            .find(|l| l.contains(&format!("provider \"{name} over")))
            .unwrap_or_else(|| panic!("no log line for {name}:\n{err}"));
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
    let cases: Vec<(&str, Layers)> = vec![
        ("no layer", vec![]),
        ("IFS xor", vec![("XOR", &b.xor)]),
        ("non-IFS pass", vec![("Pass non-IFS", &b.pass_non_ifs)]),
        ("non-IFS xor over IFS pass", vec![("Pass 1", &b.pass[0]), ("XOR non-IFS", &b.xor_non_ifs)]),
        ("IFS pass over non-IFS pass", vec![("Pass non-IFS", &b.pass_non_ifs), ("Pass 2", &b.pass[1])]),
        ("Rust non-IFS xor", vec![("Rust XOR", &b.rust_xor)]),
        ("trace over C non-IFS pass", vec![("Pass non-IFS", &b.pass_non_ifs), ("Trace", &b.trace)]),
        ("C non-IFS xor over Rust non-IFS xor", vec![("Rust XOR", &b.rust_xor), ("XOR non-IFS", &b.xor_non_ifs)]),
    ];
    for (what, layers) in cases {
        let d = Scratch::new("async-cat");
        let cat = d.path("catalog.toml");
        stack(&cat, &layers);
        let o = run(Command::new(&prog).env("WS2_CATALOG", &cat), Duration::from_secs(30));
        assert!(o.status.success(), "{what}:\n{}{}", text(&o.stdout), text(&o.stderr));
    }
}

#[test]
fn the_last_wsacleanup_cleans_up_the_provider_and_a_new_startup_starts_it_again() {
    let d = Scratch::new("restart");
    let cat = d.path("catalog.toml");
    let xor = d.path("xor.so");
    build_provider("xor", &["-DXOR_KEY=0x5A"], &xor);
    stack(&cat, &[("XOR", &xor)]);
    let prog = d.path("restart");
    build_program("tests/providers/restart.c", &prog);
    let o = run(Command::new(&prog).env("WS2_CATALOG", &cat).env("XOR_LOG", "1"), Duration::from_secs(30));
    let (out, err) = (text(&o.stdout), text(&o.stderr));
    assert!(o.status.success(), "{out}{err}");
    // One start for the chain entry; cleaned up at the last WSACleanup only; started afresh.
    let events: Vec<&str> = err.lines().filter(|l| l.starts_with("xor:") || l.starts_with("test:")).collect();
    assert_eq!(
        events,
        [
            "xor: WSPStartup, 1 started",
            "test: first WSACleanup",
            "test: last WSACleanup",
            "xor: WSPCleanup, 0 left",
            "test: WSAStartup again",
            "xor: WSPStartup, 1 started",
            "xor: WSPCleanup, 0 left",
        ],
        "{err}"
    );
}

#[test]
fn ws2_catalog_is_ignored_in_set_uid_programs() {
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } != 0 {
        eprintln!("skipped: making a set-uid program of another user needs root");
        return;
    }
    if Path::new(ws2_32::catalog::store::DEFAULT_PATH).exists() {
        eprintln!("skipped: this machine has a system catalog");
        return;
    }
    let d = Scratch::new("setuid");
    let cat = d.path("catalog.toml");
    std::fs::write(&cat, "serial = [damaged\n").unwrap();
    let probe = d.path("probe");
    build_program("tests/providers/probe.c", &probe);
    let o = run(Command::new(&probe).env("WS2_CATALOG", &cat), Duration::from_secs(30));
    assert!(!text(&o.stdout).contains("1001 ok"), "an ordinary program uses WS2_CATALOG (damaged here)");
    assert!(text(&o.stderr).contains("line 1"), "{}", text(&o.stderr));
    // The same program set-uid to nobody: AT_SECURE, so WS2_CATALOG is ignored and the
    // (absent) system catalog means the built-in default.
    let c = std::ffi::CString::new(probe.to_str().unwrap()).unwrap();
    // SAFETY: a valid NUL-terminated path.
    unsafe {
        assert_eq!(libc::chown(c.as_ptr(), 65534, 65534), 0);
        assert_eq!(libc::chmod(c.as_ptr(), 0o4755), 0);
    }
    let o = run(Command::new(&probe).env("WS2_CATALOG", &cat), Duration::from_secs(30));
    assert!(text(&o.stdout).contains("1001 ok"), "{}{}", text(&o.stdout), text(&o.stderr));
}

#[test]
fn udp_and_ipv6_through_chains() {
    let b = build("udp6");
    let udp = b._dir.path("udp_echo");
    build_program("tests/providers/udp_echo.c", &udp);
    // Over TCP/IPv6 (1004), UDP/IPv4 (1002) and UDP/IPv6 (1005): C IFS xor under Rust non-IFS
    // xor under trace — the bytes cross the wire XORed twice, i.e. in clear; one C xor alone
    // leaves them XORed once.
    for (layers, xors) in
        [(vec![("XOR", b.xor.as_path()), ("Rust XOR", &b.rust_xor), ("Trace", &b.trace)], 2), (vec![("XOR", b.xor.as_path())], 1)]
    {
        let d = Scratch::new("udp6-cat");
        let cat = d.path("catalog.toml");
        stack_over(&cat, &layers, &[1004, 1002, 1005]);
        for host in ["127.0.0.1", "::1"] {
            let peer = std::net::UdpSocket::bind((host, 0)).unwrap();
            peer.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
            let port = peer.local_addr().unwrap().port();
            let h = std::thread::spawn(move || {
                let mut buf = [0u8; 512];
                let (n, from) = peer.recv_from(&mut buf).unwrap();
                peer.send_to(&buf[..n], from).unwrap();
                buf[..n].to_vec()
            });
            let o = run(Command::new(&udp).args([host, &port.to_string(), "datagram"]).env("WS2_CATALOG", &cat), Duration::from_secs(30));
            assert!(text(&o.stdout).contains("udp: received \"datagram\""), "{host}: {}{}", text(&o.stdout), text(&o.stderr));
            assert_eq!(h.join().unwrap(), xored("datagram", xors), "{host}");
        }
        // TCP over IPv6 through the same layers.
        let l = TcpListener::bind("[::1]:0").unwrap();
        let port = l.local_addr().unwrap().port();
        let h = std::thread::spawn(move || {
            let (mut s, _) = l.accept().unwrap();
            let mut seen = Vec::new();
            s.read_to_end(&mut seen).unwrap();
            s.write_all(&seen).unwrap();
            seen
        });
        let o =
            run(Command::new(&b.client).args(["::1", &port.to_string(), "over IPv6"]).env("WS2_CATALOG", &cat), Duration::from_secs(30));
        assert!(text(&o.stdout).contains("client: received \"over IPv6\""), "{}{}", text(&o.stdout), text(&o.stderr));
        assert_eq!(h.join().unwrap(), xored("over IPv6", xors));
    }
}
