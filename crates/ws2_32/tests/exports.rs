//! The library's exported symbols never collide with the C library's: a program linking
//! libws2_32 keeps a working libc `socket`, `select`, `getaddrinfo`... (DESIGN.md, ABI rules).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

fn lib_dir() -> PathBuf {
    let exe = std::env::current_exe().unwrap();
    exe.parent().unwrap().parent().unwrap().to_path_buf()
}

/// Defined dynamic symbols of a shared object, without version suffixes.
fn dynamic_symbols(path: &Path) -> BTreeSet<String> {
    let o = Command::new("nm").args(["-D", "--defined-only"]).arg(path).output().expect("nm (binutils) is needed");
    assert!(o.status.success(), "nm failed on {}", path.display());
    String::from_utf8_lossy(&o.stdout)
        .lines()
        .filter_map(|l| l.split_whitespace().nth(2))
        .map(|s| s.split('@').next().unwrap().to_string())
        .collect()
}

/// The C library's shared objects, found through the compiler.
fn libc_objects() -> Vec<PathBuf> {
    ["libc.so.6", "libm.so.6", "libresolv.so.2", "libpthread.so.0", "libdl.so.2", "librt.so.1"]
        .iter()
        .filter_map(|name| {
            let o = Command::new("gcc").arg(format!("-print-file-name={name}")).output().ok()?;
            let p = PathBuf::from(String::from_utf8_lossy(&o.stdout).trim());
            p.is_absolute().then(|| p.canonicalize().ok()).flatten()
        })
        .collect()
}

#[test]
fn no_exported_symbol_collides_with_libc() {
    let ours = dynamic_symbols(&lib_dir().join("libws2_32.so"));
    assert!(ours.contains("WSAStartup") && ours.contains("ws2_socket"), "unexpected export list: {ours:?}");
    let objs = libc_objects();
    assert!(objs.iter().any(|p| p.to_string_lossy().contains("libc.so")), "libc.so.6 not found: {objs:?}");
    let mut clashes = Vec::new();
    for obj in &objs {
        let theirs = dynamic_symbols(obj);
        assert!(theirs.contains("socket") || !obj.to_string_lossy().contains("libc.so"), "libc symbols not read");
        clashes.extend(ours.intersection(&theirs).map(|s| format!("{s} (also in {})", obj.display())));
    }
    assert!(clashes.is_empty(), "exported symbols that collide with the C library: {clashes:#?}");
}

#[test]
fn colliding_winsock_names_are_exported_prefixed() {
    let ours = dynamic_symbols(&lib_dir().join("libws2_32.so"));
    for name in
        ["socket", "bind", "connect", "accept", "listen", "send", "recv", "sendto", "recvfrom", "shutdown", "getsockopt", "setsockopt"]
    {
        assert!(!ours.contains(name), "{name} exported under its libc name");
        assert!(ours.contains(&format!("ws2_{name}")), "ws2_{name} is not exported");
    }
}

/// Every function the headers declare for programs to call — WINSOCK_API_LINKAGE (winsock2.h,
/// ws2tcpip.h …), WINBASEAPI (windows.h) and the WSC/WPU functions of ws2spi.h — is exported,
/// under its own name or, for names libc also has, as `ws2_<name>`: a declared function that is
/// not exported compiles and then fails to link.
#[test]
fn every_declared_function_is_exported() {
    let ours = dynamic_symbols(&lib_dir().join("libws2_32.so"));
    let include = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../include");
    let mut declared = BTreeSet::new();
    for entry in std::fs::read_dir(&include).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "h") {
            continue;
        }
        for line in std::fs::read_to_string(&path).unwrap().lines() {
            let line = line.trim_start();
            let declares = line.starts_with("WINSOCK_API_LINKAGE ")
                || line.starts_with("WINBASEAPI ")
                || line.starts_with("int WSPAPI ")
                || line.starts_with("INT WSPAPI ");
            let Some((head, _)) = line.split_once('(').filter(|_| declares) else { continue };
            // The name is the last identifier before the parameter list.
            if let Some(name) = head.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).rfind(|s| !s.is_empty()) {
                declared.insert(name.to_string());
            }
        }
    }
    assert!(declared.contains("WSAStartup") && declared.contains("SetAddrInfoExW") && declared.len() > 150, "{declared:?}");
    let missing: Vec<_> = declared.iter().filter(|n| !ours.contains(*n) && !ours.contains(&format!("ws2_{n}"))).collect();
    assert!(missing.is_empty(), "declared in include/ but not exported by libws2_32.so: {missing:?}");
}
