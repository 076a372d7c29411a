//! ws2's DNS namespace provider against a real DNS server: dnsmasq (Debian package `dnsmasq`)
//! started on a free high loopback port with its own hosts file (tests/dns/hosts) and a CNAME,
//! answering the `test` zone and reverse zones only (NXDOMAIN for anything else there). Each
//! test writes a private catalog whose DNS provider asks that server (or a server that is
//! down), with the system resolver disabled, and runs tests/dns/resolve.c under it.

mod support;

use std::net::UdpSocket;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use support::*;
use ws2_32::abi::NS_DNS;
use ws2_32::catalog::namespace::{DNS_NSP_ID, SYSTEM_NSP_ID};
use ws2_32::catalog::{store, Location, NamespaceEntry, ProviderPath};

fn dnsmasq_binary() -> PathBuf {
    for p in ["/usr/sbin/dnsmasq", "/usr/bin/dnsmasq", "/sbin/dnsmasq"] {
        if Path::new(p).exists() {
            return p.into();
        }
    }
    panic!("these tests need dnsmasq (Debian: apt-get install dnsmasq-base; .ci/run installs it)");
}

/// A dnsmasq serving tests/dns/hosts on 127.0.0.1:`port`, killed when dropped.
struct Dnsmasq {
    child: Child,
    port: u16,
}

impl Drop for Dnsmasq {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Whether a DNS server on `port` answers an A query for alpha.test.
fn answers(port: u16) -> bool {
    let s = UdpSocket::bind("127.0.0.1:0").unwrap();
    s.set_read_timeout(Some(Duration::from_millis(200))).unwrap();
    let q = b"\x12\x34\x01\x00\x00\x01\x00\x00\x00\x00\x00\x00\x05alpha\x04test\x00\x00\x01\x00\x01";
    if s.send_to(q, ("127.0.0.1", port)).is_err() {
        return false;
    }
    let mut buf = [0u8; 512];
    matches!(s.recv(&mut buf), Ok(n) if n > 12 && buf[..2] == [0x12, 0x34])
}

/// A loopback UDP port free at the time of asking.
fn free_port() -> u16 {
    UdpSocket::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

fn start_dnsmasq() -> Dnsmasq {
    let bin = dnsmasq_binary();
    let hosts = repo().join("tests/dns/hosts");
    for _ in 0..5 {
        let port = free_port();
        let mut cmd = Command::new(&bin);
        cmd.args([
            "--keep-in-foreground",
            "--no-resolv",
            "--no-hosts",
            "--bind-interfaces",
            "--listen-address=127.0.0.1",
            "--conf-file=/dev/null",
            "--pid-file=",
        ])
        .arg(format!("--addn-hosts={}", hosts.display()))
        .arg(format!("--port={port}"))
        .args(["--cname=www.test,alpha.test", "--local=/test/", "--local=/in-addr.arpa/", "--local=/ip6.arpa/", "--log-facility=/dev/null"])
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
        // SAFETY: getuid has no preconditions. dnsmasq run by root drops to user "nobody"
        // unless told to stay; staying is harmless for a process bound to loopback.
        if unsafe { libc::getuid() } == 0 {
            cmd.args(["--user=root", "--group=root"]);
        }
        let mut child = cmd.spawn().expect("start dnsmasq");
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(5) {
            if let Ok(Some(_)) = child.try_wait() {
                break; // the port was taken after all: try another
            }
            if answers(port) {
                return Dnsmasq { child, port };
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = child.kill();
        let _ = child.wait();
    }
    panic!("dnsmasq did not start");
}

/// A catalog whose only active namespace provider is the built-in DNS resolver with
/// `settings` (the system resolver stays listed, disabled).
fn dns_catalog(dir: &Scratch, settings: &str) -> PathBuf {
    let path = dir.path("catalog.toml");
    let _ = std::fs::remove_file(&path);
    let settings = settings.to_string();
    store::modify(&Location(path.clone()), |cat| {
        cat.install_namespace(NamespaceEntry {
            provider_id: DNS_NSP_ID,
            identifier: "DNS resolver (test)".into(),
            path: ProviderPath::Builtin,
            namespace: NS_DNS,
            version: 1,
            active: true,
            provider_specific: settings.into_bytes(),
        })?;
        cat.namespace_to_front(&DNS_NSP_ID);
        cat.enable_namespace(&SYSTEM_NSP_ID, false)
    })
    .unwrap();
    path
}

fn resolve_program(dir: &Scratch) -> PathBuf {
    let exe = dir.path("resolve");
    build_program("tests/dns/resolve.c", &exe);
    exe
}

/// Runs the resolve program under `catalog`; panics with its output unless it succeeds.
fn run_resolve(exe: &Path, catalog: &Path, args: &[&str], limit: Duration) -> String {
    let o = run(Command::new(exe).args(args).env("WS2_CATALOG", catalog).env("WS2_LOG", "off"), limit);
    let out = text(&o.stdout);
    assert!(o.status.success(), "resolve {args:?} failed ({}):\n{out}{}", o.status, text(&o.stderr));
    out
}

#[test]
fn forward_and_reverse_lookups_and_nxdomain_against_dnsmasq() {
    let server = start_dnsmasq();
    let dir = Scratch::new("dns-forward");
    let catalog = dns_catalog(&dir, &format!("servers=127.0.0.1:{} timeout_ms=2000 attempts=2", server.port));
    let exe = resolve_program(&dir);
    for mode in ["forward", "reverse", "nxdomain"] {
        let out = run_resolve(&exe, &catalog, &[mode], Duration::from_secs(60));
        assert!(out.contains("0 failure(s)"), "{out}");
    }
}

#[test]
fn a_server_that_is_down_fails_in_bounded_time() {
    let dir = Scratch::new("dns-down");
    let exe = resolve_program(&dir);

    // Nobody listens on the port: each try is refused at once.
    let refused = free_port();
    let catalog = dns_catalog(&dir, &format!("servers=127.0.0.1:{refused} timeout_ms=1000 attempts=3"));
    run_resolve(&exe, &catalog, &["down", "2000"], Duration::from_secs(30));

    // A socket that never answers: 2 attempts x 300 ms, then WSATRY_AGAIN.
    let mute = UdpSocket::bind("127.0.0.1:0").unwrap();
    let port = mute.local_addr().unwrap().port();
    let catalog = dns_catalog(&dir, &format!("servers=127.0.0.1:{port} timeout_ms=300 attempts=2"));
    let start = Instant::now();
    run_resolve(&exe, &catalog, &["down", "3000"], Duration::from_secs(30));
    assert!(start.elapsed() < Duration::from_secs(10));

    // The provider would wait 2 x 5 s: GetAddrInfoEx's timeout and cancel end the call early.
    let catalog = dns_catalog(&dir, &format!("servers=127.0.0.1:{port} timeout_ms=5000 attempts=2"));
    run_resolve(&exe, &catalog, &["slow"], Duration::from_secs(30));
    drop(mute);
}

#[test]
fn many_threads_resolve_at_once() {
    let server = start_dnsmasq();
    let dir = Scratch::new("dns-threads");
    let catalog = dns_catalog(&dir, &format!("servers=127.0.0.1:{} timeout_ms=2000 attempts=3", server.port));
    let exe = resolve_program(&dir);
    let out = run_resolve(&exe, &catalog, &["threads", "16", "40"], Duration::from_secs(120));
    assert!(out.contains("0 failure(s)"), "{out}");
}
