//! Runs the C test programs in tests/c: each `NAME.c` is compiled with gcc against include/ and
//! the freshly built libws2_32.so, run with a time limit, and must exit 0. When
//! `NAME.golden` exists (the program's output under Windows semantics, recorded with a mingw
//! build of the same source run under wine), stdout must match it exactly.
//!
//! Every program runs twice: on the default completion engine (io_uring where the kernel
//! allows it) and with `WS2_ENGINE=epoll`, the fallback; both must pass.
//!
//! `WS2_C_TEST=NAME` runs only that program.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().unwrap()
}

/// The directory holding the libws2_32.so built alongside this test binary.
fn lib_dir() -> PathBuf {
    let exe = std::env::current_exe().unwrap();
    let dir = exe.parent().unwrap().parent().unwrap().to_path_buf();
    assert!(dir.join("libws2_32.so").exists(), "libws2_32.so not found in {}", dir.display());
    dir
}

fn compile(src: &Path, out: &Path, lib: &Path) -> Result<(), String> {
    let o = Command::new("gcc")
        .args(["-std=gnu11", "-Wall", "-Wextra", "-Wno-unused-parameter", "-Wno-unknown-pragmas", "-Werror", "-g", "-pthread"])
        .arg("-I")
        .arg(repo().join("include"))
        .arg(src)
        .arg("-o")
        .arg(out)
        .arg("-L")
        .arg(lib)
        .arg("-lws2_32")
        .arg(format!("-Wl,-rpath,{}", lib.display()))
        .output()
        .map_err(|e| format!("gcc: {e}"))?;
    if o.status.success() {
        Ok(())
    } else {
        Err(String::from_utf8_lossy(&o.stderr).into_owned())
    }
}

fn run(exe: &Path, limit: Duration, engine: Option<&str>) -> Result<String, String> {
    let mut cmd = Command::new(exe);
    match engine {
        Some(e) => cmd.env("WS2_ENGINE", e),
        None => cmd.env_remove("WS2_ENGINE"),
    };
    let mut child = cmd.stdout(std::process::Stdio::piped()).stderr(std::process::Stdio::piped()).spawn().map_err(|e| e.to_string())?;
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().map_err(|e| e.to_string())? {
            let o = child.wait_with_output().map_err(|e| e.to_string())?;
            let out = String::from_utf8_lossy(&o.stdout).into_owned();
            if status.success() {
                return Ok(out);
            }
            return Err(format!("{status}\n--- stdout\n{out}--- stderr\n{}", String::from_utf8_lossy(&o.stderr)));
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let o = child.wait_with_output().map_err(|e| e.to_string())?;
            return Err(format!("timed out after {limit:?}\n--- stdout\n{}", String::from_utf8_lossy(&o.stdout)));
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

#[test]
fn c_programs() {
    let lib = lib_dir();
    let dir = repo().join("tests/c");
    let only = std::env::var("WS2_C_TEST").ok();
    let tmp = std::env::temp_dir().join(format!("ws2-ctests-{}", std::process::id()));
    std::fs::create_dir_all(&tmp).unwrap();
    let mut srcs: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "c"))
        .filter(|p| p.file_stem().unwrap() != "layout")
        .filter(|p| only.as_deref().is_none_or(|o| p.file_stem().unwrap() == o))
        .collect();
    srcs.sort();
    assert!(!srcs.is_empty(), "no C test programs in {}", dir.display());
    let mut failures = Vec::new();
    for src in &srcs {
        let name = src.file_stem().unwrap().to_string_lossy().into_owned();
        let exe = tmp.join(&name);
        if let Err(e) = compile(src, &exe, &lib) {
            failures.push(format!("{name}: does not compile:\n{e}"));
            continue;
        }
        for engine in [None, Some("epoll")] {
            let label = match engine {
                None => name.clone(),
                Some(e) => format!("{name} (WS2_ENGINE={e})"),
            };
            match run(&exe, Duration::from_secs(60), engine) {
                Err(e) => failures.push(format!("{label}: {e}")),
                Ok(out) => {
                    let golden = src.with_extension("golden");
                    if golden.exists() {
                        let want = std::fs::read_to_string(&golden).unwrap().replace("\r\n", "\n");
                        let got = out.replace("\r\n", "\n");
                        if want != got {
                            failures.push(format!("{label}: output differs from {}\n--- want\n{want}--- got\n{got}", golden.display()));
                        }
                    }
                }
            }
        }
        eprintln!("ran {name}");
    }
    let _ = std::fs::remove_dir_all(&tmp);
    assert!(failures.is_empty(), "{} of {} C programs failed:\n\n{}", failures.len(), srcs.len(), failures.join("\n\n"));
}
