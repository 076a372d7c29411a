//! Shared helpers for the provider and chain tests: building C providers and programs against
//! include/ and the freshly built libws2_32.so, private catalogs, running with a time limit.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().unwrap()
}

/// target/release (or debug): where libws2_32.so, ws2ctl and the Rust providers are built.
pub fn lib_dir() -> PathBuf {
    let exe = std::env::current_exe().unwrap();
    let dir = exe.parent().unwrap().parent().unwrap().to_path_buf();
    assert!(dir.join("libws2_32.so").exists(), "libws2_32.so not found in {}: run cargo build --release first", dir.display());
    dir
}

/// A scratch directory removed when dropped. Providers built in it are mode 0755 and owned by
/// the caller, so the loader's path checks accept them.
pub struct Scratch(pub PathBuf);

impl Scratch {
    pub fn new(tag: &str) -> Scratch {
        let d = std::env::temp_dir().join(format!("ws2-{tag}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).unwrap();
        Scratch(d)
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.0.join(name)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn gcc(args: &[&str], src: &Path, out: &Path) {
    let lib = lib_dir();
    let o = Command::new("gcc")
        .args(["-std=gnu11", "-Wall", "-Wextra", "-Wno-unused-parameter", "-Wno-unknown-pragmas", "-Werror", "-g", "-pthread"])
        .args(args)
        .arg("-I")
        .arg(repo().join("include"))
        .arg(src)
        .arg("-o")
        .arg(out)
        .arg("-L")
        .arg(&lib)
        .arg("-lws2_32")
        .arg(format!("-Wl,-rpath,{}", lib.display()))
        .arg("-ldl")
        .output()
        .expect("gcc");
    assert!(o.status.success(), "gcc {}:\n{}", src.display(), String::from_utf8_lossy(&o.stderr));
}

/// Builds tests/providers/NAME.c (with `defines`) into `out` as a shared object.
pub fn build_provider(name: &str, defines: &[&str], out: &Path) {
    let mut args = vec!["-shared", "-fPIC"];
    args.extend_from_slice(defines);
    gcc(&args, &repo().join("tests/providers").join(format!("{name}.c")), out);
}

/// Builds a C program (path relative to the repository) into `out`.
pub fn build_program(src: &str, out: &Path) {
    gcc(&[], &repo().join(src), out);
}

/// Runs `cmd` to completion within `limit`, killing it past that.
pub fn run(cmd: &mut Command, limit: Duration) -> Output {
    let mut child = cmd.stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().expect("spawn");
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > limit {
            let _ = child.kill();
            let o = child.wait_with_output().unwrap();
            panic!("timed out after {limit:?}: {cmd:?}\n{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr));
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    child.wait_with_output().unwrap()
}

pub fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}
