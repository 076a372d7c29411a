//! The catalog file under concurrent writers and crashing writers. Writer processes are this
//! test binary run again (`writer_child`, active only with WS2_WRITER set), calling the exported
//! WSCInstallProvider/WSCDeinstallProvider against a private WS2_CATALOG.

use std::path::{Path, PathBuf};
use std::process::{Child, Command};
use std::time::Duration;
use ws2_32::abi::*;
use ws2_32::api::catalog::{WSCDeinstallProvider, WSCInstallProvider};
use ws2_32::catalog::{store, Catalog, Location};

fn tmpdir(tag: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("ws2-writers-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn guid(proc_no: u32, n: u32) -> GUID {
    GUID::from_u128(0x5753_0000_0000_0000_0000_0000_0000_0000 | ((proc_no as u128) << 32) | n as u128)
}

fn layered_info() -> WSAPROTOCOL_INFOW {
    let mut i = Catalog::embedded_default().entries[0].info;
    i.ProtocolChain.ChainLen = 0;
    i
}

fn install(g: &GUID) -> i32 {
    let path: Vec<u16> = "/opt/test/lsp.so\0".encode_utf16().collect();
    let info = layered_info();
    let mut err = 0;
    // SAFETY: valid pointers to locals.
    let rc = unsafe { WSCInstallProvider(g, path.as_ptr(), &info, 1, &mut err) };
    if rc == 0 {
        0
    } else {
        err
    }
}

fn deinstall(g: &GUID) -> i32 {
    let mut err = 0;
    // SAFETY: valid pointers to locals.
    let rc = unsafe { WSCDeinstallProvider(g, &mut err) };
    if rc == 0 {
        0
    } else {
        err
    }
}

/// The writer process: WS2_WRITER=N:COUNT installs COUNT providers and removes the even
/// ones; WS2_WRITER=N:loop installs and removes one provider until killed.
#[test]
fn writer_child() {
    let Ok(spec) = std::env::var("WS2_WRITER") else { return };
    let (n, what) = spec.split_once(':').unwrap();
    let n: u32 = n.parse().unwrap();
    if what == "loop" {
        for i in 0.. {
            assert_eq!(install(&guid(n, i)), 0);
            assert_eq!(deinstall(&guid(n, i)), 0);
        }
    }
    let count: u32 = what.parse().unwrap();
    for i in 0..count {
        assert_eq!(install(&guid(n, i)), 0, "install {n}/{i}");
        if i % 2 == 0 {
            assert_eq!(deinstall(&guid(n, i)), 0, "remove {n}/{i}");
        }
    }
}

fn spawn_writer(catalog: &Path, spec: &str) -> Child {
    Command::new(std::env::current_exe().unwrap())
        .args(["--exact", "writer_child", "--nocapture", "--test-threads=1"])
        .env("WS2_CATALOG", catalog)
        .env("WS2_WRITER", spec)
        .env("WS2_LOG", "off")
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap()
}

#[test]
fn eight_concurrent_writers_lose_nothing() {
    let dir = tmpdir("eight");
    let file = dir.join("catalog.toml");
    let count = 20;
    let mut kids: Vec<Child> = (0..8).map(|n| spawn_writer(&file, &format!("{n}:{count}"))).collect();
    for k in &mut kids {
        assert!(k.wait().unwrap().success());
    }
    let cat = store::load(&Location(file.clone())).expect("catalog whole");
    // 6 base entries + 8 writers × the odd half of their providers.
    assert_eq!(cat.entries.len(), 6 + 8 * (count as usize / 2));
    for n in 0..8 {
        for i in 0..count {
            assert_eq!(cat.has_provider(&guid(n, i)), i % 2 == 1, "writer {n} provider {i}");
        }
    }
    // Every write bumped the serial once and took a fresh id per install.
    assert_eq!(cat.serial, 8 * (count as u64 + count as u64 / 2));
    assert_eq!(cat.next_id, 1007 + 8 * count);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_writer_killed_mid_write_leaves_the_catalog_whole() {
    let dir = tmpdir("kill");
    let file = dir.join("catalog.toml");
    let loc = Location(file.clone());
    // A larger catalog makes each write take longer, so kills land inside writes more often.
    store::modify(&loc, |cat| -> Result<(), i32> {
        for i in 0..200 {
            cat.install(&guid(99, i), ws2_32::catalog::ProviderPath::File("/opt/test/lsp.so".into()), &[layered_info()])?;
        }
        Ok(())
    })
    .unwrap();
    let mut seen_serials = std::collections::HashSet::new();
    let mut mid_write = 0;
    for round in 0..40u64 {
        let mut k = spawn_writer(&file, &format!("{round}:loop"));
        std::thread::sleep(Duration::from_millis(15 + (round * 7) % 40));
        // SAFETY: plain syscall on our own child.
        unsafe { libc::kill(k.id() as i32, libc::SIGKILL) };
        k.wait().unwrap();
        // A temporary file left behind means the writer died between creating and renaming it.
        if dir.join("catalog.toml.tmp").exists() {
            mid_write += 1;
        }
        let cat = store::load(&loc).unwrap_or_else(|e| panic!("round {round}: {e}"));
        // The base entries, the 200 fixed ones, and at most the one provider in flight.
        assert!(cat.entries.len() == 206 || cat.entries.len() == 207, "round {round}: {} entries", cat.entries.len());
        seen_serials.insert(cat.serial);
        // Whatever the killed writer left half-done, the next writer proceeds (its lock died
        // with it) and the provider in flight can be cleaned up.
        store::modify(&loc, |cat| -> Result<(), i32> {
            cat.entries.retain(|e| e.path == ws2_32::catalog::ProviderPath::Builtin || is_fixed(&e.info.ProviderId));
            Ok(())
        })
        .unwrap();
    }
    assert!(seen_serials.len() > 10, "writers made progress between kills");
    eprintln!("{mid_write} of 40 writers were killed in the middle of writing the catalog");
    // About a quarter land mid-write; none in 40 would mean the test no longer tests that.
    assert!(mid_write > 0, "no writer was killed mid-write");
    let _ = std::fs::remove_dir_all(&dir);
}

fn is_fixed(g: &GUID) -> bool {
    (0..200).any(|i| guid_eq(g, &guid(99, i)))
}
