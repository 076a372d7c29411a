//! ws2ctl end to end, against private catalog files: show (text and JSON), install, order,
//! remove, reset of a damaged file, check with failing providers, refusal of writable files,
//! and agreement with the C API (a C program sees what ws2ctl installed).

#[path = "../../ws2_32/tests/support/mod.rs"]
mod support;

use std::path::Path;
use std::process::{Command, Output};
use std::time::Duration;
use support::*;

fn ws2ctl(cat: &Path, args: &[&str]) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_ws2ctl"));
    c.arg("--catalog").arg(cat).args(args).env("WS2_LIB", lib_dir().join("libws2_32.so"));
    run(&mut c, Duration::from_secs(60))
}

fn ok(o: &Output) -> String {
    assert!(o.status.success(), "ws2ctl failed ({}):\n{}{}", o.status, text(&o.stdout), text(&o.stderr));
    text(&o.stdout)
}

/// The catalog entry ids, in order, from `show --json`.
fn ids(cat: &Path) -> Vec<u32> {
    let out = ok(&ws2ctl(cat, &["catalog", "show", "--json"]));
    out.split("\"catalog_entry_id\": ").skip(1).map(|s| s[..s.find(|c: char| !c.is_ascii_digit()).unwrap()].parse().unwrap()).collect()
}

#[test]
fn show_install_order_remove_and_the_c_api_agree() {
    let d = Scratch::new("ws2ctl-cli");
    let cat = d.path("catalog.toml");
    let lib = d.path("pass.so");
    build_provider("xor", &[], &lib);
    // Each layer of a chain is a library of its own.
    let top = d.path("top.so");
    std::fs::copy(&lib, &top).unwrap();

    let out = ok(&ws2ctl(&cat, &["catalog", "show"]));
    assert_eq!(out.matches("Base Service Provider").count(), 6, "{out}");
    assert!(out.contains("Description:                        MSAFD Tcpip [TCP/IP]"));
    assert!(out.contains("Service Flags:                      0x20066"));
    assert_eq!(ids(&cat), vec![1001, 1002, 1003, 1004, 1005, 1006]);

    let out = ok(&ws2ctl(&cat, &["catalog", "install", "--path", lib.to_str().unwrap(), "--name", "Pass", "--over", "tcp4,udp4"]));
    assert!(out.contains("layered entry 1007, chains 1008, 1009"), "{out}");
    assert_eq!(ids(&cat), vec![1008, 1009, 1001, 1002, 1003, 1004, 1005, 1006, 1007]);
    let out = ok(&ws2ctl(&cat, &["catalog", "show"]));
    assert!(
        out.contains("Layered Service Provider")
            && out.contains("Pass over [MSAFD Tcpip [TCP/IP]]")
            && out.contains("Protocol Chain:                     1007 : 1001"),
        "{out}"
    );
    let json = ok(&ws2ctl(&cat, &["catalog", "show", "--json"]));
    assert!(
        json.contains("\"protocol_chain\": [1007, 1001]") && json.contains(&format!("\"provider_path\": \"{}\"", lib.display())),
        "{json}"
    );

    // Stacking: a second layer over the first one's TCP chain.
    let out = ok(&ws2ctl(&cat, &["catalog", "install", "--path", top.to_str().unwrap(), "--name", "Top", "--over", "1008"]));
    assert!(out.contains("layered entry 1010, chains 1011"), "{out}");
    assert!(ok(&ws2ctl(&cat, &["catalog", "show"])).contains("Protocol Chain:                     1010 : 1007 : 1001"));
    let dup = ws2ctl(&cat, &["catalog", "install", "--path", top.to_str().unwrap(), "--name", "Top", "--over", "tcp6"]);
    assert_eq!(dup.status.code(), Some(2));
    assert!(text(&dup.stderr).contains("already installed"));

    // A C program sees the same catalog and uses the chains.
    let probe = d.path("probe");
    build_program("tests/providers/probe.c", &probe);
    let o = run(Command::new(&probe).env("WS2_CATALOG", &cat), Duration::from_secs(30));
    let out = text(&o.stdout);
    assert!(out.starts_with("1011 ok\n1008 ok\n1009 ok\n"), "{out}{}", text(&o.stderr));

    ok(&ws2ctl(&cat, &["catalog", "order", "1004", "1001"]));
    assert_eq!(&ids(&cat)[..3], &[1004, 1001, 1011]);
    let bad = ws2ctl(&cat, &["catalog", "order", "4242"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(text(&bad.stderr).contains("no catalog entry 4242"));

    // Removing "Pass" removes its chains and the one stacked on them.
    let out = ok(&ws2ctl(&cat, &["catalog", "remove", "Pass"]));
    assert!(out.contains("removed entries"), "{out}");
    let left = ids(&cat);
    assert!(left.contains(&1010) && !left.iter().any(|i| [1007, 1008, 1009, 1011].contains(i)), "{left:?}");
    ok(&ws2ctl(&cat, &["catalog", "remove", "1010"]));
    assert_eq!(ids(&cat).len(), 6);
    let missing = ws2ctl(&cat, &["catalog", "remove", "Nope"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(text(&missing.stderr).contains("no layered provider named \"Nope\""));
    let base = ws2ctl(&cat, &["catalog", "remove", "1001"]);
    assert_eq!(base.status.code(), Some(2));
}

#[test]
fn a_damaged_catalog_names_file_and_line_and_reset_recovers() {
    let d = Scratch::new("ws2ctl-damaged");
    let cat = d.path("catalog.toml");
    ok(&ws2ctl(&cat, &["catalog", "order", "1002"]));
    let mut t = std::fs::read_to_string(&cat).unwrap();
    t = t.replacen("socket_type = 2", "socket_type = two", 1);
    std::fs::write(&cat, &t).unwrap();
    let line = t.lines().position(|l| l.contains("socket_type = two")).unwrap() + 1;
    let o = ws2ctl(&cat, &["catalog", "show"]);
    assert_eq!(o.status.code(), Some(2));
    let err = text(&o.stderr);
    assert!(err.contains(&format!("catalog file {}, line {line}:", cat.display())) && err.contains("ws2ctl catalog reset"), "{err}");
    // Programs refuse it too, with the same diagnosis.
    let probe = d.path("probe");
    build_program("tests/providers/probe.c", &probe);
    let o = run(Command::new(&probe).env("WS2_CATALOG", &cat), Duration::from_secs(30));
    assert!(text(&o.stderr).contains(&format!("line {line}")), "{}", text(&o.stderr));
    let out = ok(&ws2ctl(&cat, &["catalog", "reset"]));
    assert!(out.contains("reset to the default (6 entries, serial 2)"), "{out}");
    assert_eq!(ids(&cat), vec![1001, 1002, 1003, 1004, 1005, 1006]);
}

#[test]
fn check_reports_failing_providers_and_install_refuses_writable_files() {
    let d = Scratch::new("ws2ctl-check");
    let cat = d.path("catalog.toml");
    let good = d.path("pass.so");
    build_provider("xor", &[], &good);
    let nostart = d.path("nostart.so");
    build_provider("broken", &["-DNO_STARTUP"], &nostart);
    let refuse = d.path("refuse.so");
    build_provider("broken", &["-DREFUSE_VERSION"], &refuse);
    let crash = d.path("crash.so");
    build_provider("broken", &["-DCRASH"], &crash);
    ok(&ws2ctl(&cat, &["catalog", "install", "--path", good.to_str().unwrap(), "--name", "Good", "--over", "tcp4"]));
    ok(&ws2ctl(&cat, &["catalog", "install", "--path", crash.to_str().unwrap(), "--name", "Crash", "--over", "udp6"]));
    // ws2ctl installs what it cannot load only through the catalog API; use it for the broken.
    ok(&ws2ctl(&cat, &["catalog", "install", "--path", nostart.to_str().unwrap(), "--name", "NoStart", "--over", "udp4"]));
    ok(&ws2ctl(&cat, &["catalog", "install", "--path", refuse.to_str().unwrap(), "--name", "Refuse", "--over", "tcp6"]));
    let o = ws2ctl(&cat, &["catalog", "check"]);
    let out = text(&o.stdout);
    assert_eq!(o.status.code(), Some(1), "{out}{}", text(&o.stderr));
    let line = |needle: &str| out.lines().find(|l| l.contains(needle)).unwrap_or_else(|| panic!("no {needle}:\n{out}")).to_string();
    assert!(line("Good over").contains(" ok "), "{out}");
    assert!(line("MSAFD Tcpip [TCP/IP]").contains(" ok "), "{out}");
    let l = line("NoStart over");
    assert!(l.contains("FAIL") && l.contains("WSAEPROVIDERFAILEDINIT (10106)") && l.contains("does not export WSPStartup"), "{l}");
    let l = line("Refuse over");
    assert!(l.contains("FAIL") && l.contains("WSPStartup failed with 10092"), "{l}");
    let l = line("  NoStart: ");
    assert!(l.contains("FAIL") && l.contains("does not export WSPStartup"), "{l}");
    let l = line("Crash over");
    assert!(l.contains("FAIL") && l.contains("crashed with signal 11"), "{l}");
    assert!(line("entries,").contains("4 failing"), "{out}");

    let writable = d.path("writable.so");
    std::fs::copy(&good, &writable).unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&writable, std::fs::Permissions::from_mode(0o666)).unwrap();
    let o = ws2ctl(&cat, &["catalog", "install", "--path", writable.to_str().unwrap(), "--name", "W"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).contains("writable by group or others"), "{}", text(&o.stderr));
    let o = ws2ctl(&cat, &["catalog", "install", "--path", "relative.so", "--name", "R"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn the_catalog_option_overrides_the_environment() {
    let d = Scratch::new("ws2ctl-env");
    let a = d.path("a.toml");
    let b = d.path("b.toml");
    ok(&ws2ctl(&a, &["catalog", "order", "1005"]));
    let o =
        run(Command::new(env!("CARGO_BIN_EXE_ws2ctl")).args(["catalog", "show", "--json"]).env("WS2_CATALOG", &a), Duration::from_secs(30));
    assert!(ok(&o).contains("\"entries\": [{\"entry_type\": \"Base Service Provider\", \"description\": \"MSAFD Tcpip [UDP/IPv6]\""));
    assert_eq!(ids(&b)[0], 1001);
    assert!(!b.exists(), "show does not create a catalog");
}

/// `ws2ctl catalog show | head -1`: a reader that went away ends ws2ctl quietly (SIGPIPE, as
/// Unix tools end), not with a Rust panic about printing to stdout.
#[test]
fn output_to_a_closed_pipe_ends_quietly() {
    use std::os::unix::process::ExitStatusExt;
    let d = Scratch::new("ws2ctl-pipe");
    let cat = d.path("catalog.toml");
    for args in [&["catalog", "show"][..], &["catalog", "show", "--json"], &["namespace", "show"], &["namespace", "show", "--json"]] {
        // The read end is closed before ws2ctl starts, so its first write meets EPIPE.
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        let mut c = Command::new(env!("CARGO_BIN_EXE_ws2ctl"));
        c.arg("--catalog").arg(&cat).args(args).stdout(writer).stderr(std::process::Stdio::piped());
        let o = c.spawn().unwrap().wait_with_output().unwrap();
        let err = text(&o.stderr);
        assert!(err.is_empty(), "{args:?}: {err}");
        assert!(o.status.success() || o.status.signal() == Some(libc::SIGPIPE), "{args:?}: {}", o.status);
    }
}
