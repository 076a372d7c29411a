//! `ws2ctl namespace` end to end, on private catalog files: show (text and JSON), install of
//! the built-in DNS resolver and of a library, enable/disable, order, remove, and the errors.

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

fn fails(o: &Output, message: &str) {
    assert_eq!(o.status.code(), Some(2), "{}{}", text(&o.stdout), text(&o.stderr));
    assert!(text(&o.stderr).contains(message), "wanted {message:?} in:\n{}", text(&o.stderr));
}

/// The descriptions, in order, from `namespace show --json`.
fn names(cat: &Path) -> Vec<String> {
    let out = ok(&ws2ctl(cat, &["namespace", "show", "--json"]));
    out.split("\"description\": \"").skip(1).map(|s| s[..s.find('"').unwrap()].to_string()).collect()
}

/// The "active" field of the provider described as `name`.
fn active(cat: &Path, name: &str) -> i32 {
    let out = ok(&ws2ctl(cat, &["namespace", "show", "--json"]));
    let entry = out.split("{\"description\": ").find(|e| e.starts_with(&format!("\"{name}\""))).unwrap();
    let at = entry.find("\"active\": ").unwrap() + 10;
    entry[at..at + 1].parse().unwrap()
}

#[test]
fn install_enable_order_remove() {
    let d = Scratch::new("ws2ctl-ns");
    let cat = d.path("catalog.toml");

    let out = ok(&ws2ctl(&cat, &["namespace", "show"]));
    assert!(out.contains("Name Space Provider Entry") && out.contains("Description:                        Tcpip"), "{out}");
    assert!(
        out.contains("Provider ID:                        {22059D40-7E9E-11CF-AE5A-00AA00A7112B}")
            && out.contains("Name Space:                         12"),
        "{out}"
    );
    assert_eq!(names(&cat), ["Tcpip"]);

    let out =
        ok(&ws2ctl(&cat, &["namespace", "install", "--dns", "127.0.0.1:5353,[::1]", "--timeout-ms", "700", "--attempts", "3", "--first"]));
    assert!(out.contains("installed namespace provider \"DNS resolver (127.0.0.1:5353, [::1]:53)\""), "{out}");
    assert_eq!(names(&cat), ["DNS resolver (127.0.0.1:5353, [::1]:53)", "Tcpip"]);
    let json = ok(&ws2ctl(&cat, &["namespace", "show", "--json"]));
    assert!(
        json.contains("\"provider_specific\": \"servers=127.0.0.1:5353,[::1]:53 timeout_ms=700 attempts=3\"")
            && json.contains("\"kind\": \"built in: DNS resolver\""),
        "{json}"
    );
    fails(&ws2ctl(&cat, &["namespace", "install", "--dns", "10.0.0.1"]), "already installed");
    fails(&ws2ctl(&cat, &["namespace", "install", "--dns", "not-an-address"]), "not an address");
    fails(&ws2ctl(&cat, &["namespace", "install"]), "--path LIB.so");

    // A library namespace provider (any file that passes the path checks will do here).
    let lib = d.path("nsp.so");
    build_provider("nsp_fixed", &[], &lib);
    fails(&ws2ctl(&cat, &["namespace", "install", "--path", lib.to_str().unwrap()]), "--name is needed");
    ok(&ws2ctl(
        &cat,
        &["namespace", "install", "--path", lib.to_str().unwrap(), "--name", "Fixed", "--guid", "{0F1C0000-0000-4000-8000-0000000000AA}"],
    ));
    assert_eq!(names(&cat), ["DNS resolver (127.0.0.1:5353, [::1]:53)", "Tcpip", "Fixed"]);
    let out = ok(&ws2ctl(&cat, &["namespace", "show"]));
    assert!(
        out.contains(&format!("Provider Path:                      {}", lib.display()))
            && out.contains("Kind:                               library"),
        "{out}"
    );

    ok(&ws2ctl(&cat, &["namespace", "enable", "Tcpip", "--off"]));
    assert_eq!(active(&cat, "Tcpip"), 0);
    ok(&ws2ctl(&cat, &["namespace", "enable", "{22059D40-7E9E-11CF-AE5A-00AA00A7112B}"]));
    assert_eq!(active(&cat, "Tcpip"), 1);

    ok(&ws2ctl(&cat, &["namespace", "order", "Fixed", "Tcpip"]));
    assert_eq!(names(&cat), ["Fixed", "Tcpip", "DNS resolver (127.0.0.1:5353, [::1]:53)"]);
    fails(&ws2ctl(&cat, &["namespace", "order", "Nobody"]), "no namespace provider \"Nobody\"");

    ok(&ws2ctl(&cat, &["namespace", "remove", "{5B0E6C2A-4D1F-4E8B-9A37-3C6D2F1E7A41}"]));
    ok(&ws2ctl(&cat, &["namespace", "remove", "Fixed"]));
    assert_eq!(names(&cat), ["Tcpip"]);
    fails(&ws2ctl(&cat, &["namespace", "remove", "Fixed"]), "no namespace provider");

    // `catalog reset` restores the default namespace providers too.
    ok(&ws2ctl(&cat, &["namespace", "enable", "Tcpip", "--off"]));
    ok(&ws2ctl(&cat, &["catalog", "reset"]));
    assert_eq!(active(&cat, "Tcpip"), 1);
}
