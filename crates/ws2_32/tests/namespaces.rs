//! Namespace providers from libraries of their own: tests/providers/nsp_fixed.c installed first
//! in a private catalog, before the system resolver. ws2_32 loads it (path checks, dlopen,
//! NSPStartup), asks it first, falls through to the system resolver for what it does not serve,
//! calls NSPCleanup at the last WSACleanup, and skips (and logs) a provider that cannot load.
//! The registration calls reach it too (WSASetService, SetAddrInfoEx, the service-class
//! functions), with its own class description passed along to NSPSetService.

mod support;

use std::path::Path;
use std::process::Command;
use std::time::Duration;
use support::*;
use ws2_32::abi::{GUID, NS_DNS};
use ws2_32::catalog::{store, Location, NamespaceEntry, ProviderPath};

const FIXED: GUID = GUID::from_u128(0x0f1c0000_0000_4000_8000_000000000001);

fn catalog_with(dir: &Scratch, lib: &Path) -> std::path::PathBuf {
    let path = dir.path("catalog.toml");
    let lib = lib.to_path_buf();
    store::modify(&Location(path.clone()), |cat| {
        cat.install_namespace(NamespaceEntry {
            provider_id: FIXED,
            identifier: "fixed (C)".into(),
            path: ProviderPath::File(lib),
            namespace: NS_DNS,
            version: 1,
            active: true,
            provider_specific: Vec::new(),
        })?;
        cat.namespace_to_front(&FIXED);
        Ok::<(), i32>(())
    })
    .unwrap();
    path
}

#[test]
fn a_c_namespace_provider_answers_first_and_is_cleaned_up() {
    let dir = Scratch::new("nsp-fixed");
    let lib = dir.path("nsp_fixed.so");
    build_provider("nsp_fixed", &[], &lib);
    let exe = dir.path("nsp_client");
    build_program("tests/providers/nsp_client.c", &exe);
    let catalog = catalog_with(&dir, &lib);
    let o = run(Command::new(&exe).env("WS2_CATALOG", &catalog), Duration::from_secs(60));
    let (out, err) = (text(&o.stdout), text(&o.stderr));
    assert!(o.status.success(), "{out}{err}");
    assert_eq!(err.matches("nsp_fixed: NSPCleanup").count(), 1, "NSPCleanup once at WSACleanup:\n{err}");
    for line in [
        // WSASetServiceA, converted to wide, with the class description from NSPGetServiceClassInfo.
        "nsp_fixed: NSPSetService op 0 flags 1 name svc.fixed addrs 1 service  class fixed-echo values 1",
        // SetAddrInfoExA: a host name (a class the provider does not describe), the service name.
        "nsp_fixed: NSPSetService op 0 flags 0 name host.fixed addrs 1 service echo class  values 0",
        "nsp_fixed: NSPInstallServiceClass fixed-echo values 1",
        "nsp_fixed: NSPRemoveServiceClass",
    ] {
        assert_eq!(err.matches(line).count(), 1, "once: {line}\n{err}");
    }
}

#[test]
fn a_namespace_provider_that_cannot_load_is_skipped_and_logged() {
    let dir = Scratch::new("nsp-broken");
    let lib = dir.path("nsp_broken.so");
    build_provider("nsp_fixed", &["-DNO_STARTUP"], &lib);
    let exe = dir.path("nsp_client");
    build_program("tests/providers/nsp_client.c", &exe);
    let catalog = catalog_with(&dir, &lib);
    let o = run(Command::new(&exe).arg("skip").env("WS2_CATALOG", &catalog), Duration::from_secs(60));
    let (out, err) = (text(&o.stdout), text(&o.stderr));
    assert!(o.status.success(), "{out}{err}");
    assert!(err.contains("namespace provider \"fixed (C)\"") && err.contains("does not export NSPStartup"), "{err}");
    assert_eq!(err.matches("cannot start").count(), 1, "logged once:\n{err}");
}
