//! `ws2ctl catalog check`: every entry is probed in a child process (`ws2ctl catalog probe ID`)
//! so that a provider that crashes or hangs cannot take ws2ctl down with it.
//!
//! The child loads libws2_32.so itself (rather than using the code linked into ws2ctl): a
//! layered provider finds the base provider at the path ws2_32 reports for it, which must be
//! the library's own file. For a protocol entry it creates a socket with the entry's
//! WSAPROTOCOL_INFOW exactly as a program would; for a layered entry it checks and loads the
//! library and looks up WSPStartup (a layered entry alone cannot be started: its chains are).

use std::path::PathBuf;
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant};
use ws2_32::abi::*;
use ws2_32::catalog::{store, Location, ProviderPath};

/// libws2_32.so: $WS2_LIB, else beside this executable, else ../lib from it.
pub fn ws2_32_library() -> Result<PathBuf, String> {
    if let Some(p) = std::env::var_os("WS2_LIB") {
        return Ok(PathBuf::from(p));
    }
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let dir = exe.parent().ok_or("no executable directory")?;
    [dir.join("libws2_32.so"), dir.join("../lib/libws2_32.so")]
        .into_iter()
        .find(|p| p.exists())
        .and_then(|p| p.canonicalize().ok())
        .ok_or_else(|| format!("libws2_32.so not found beside {} (set WS2_LIB)", exe.display()))
}

const PROBE_LIMIT: Duration = Duration::from_secs(10);

pub fn check(loc: &Location) -> Result<ExitCode, String> {
    let cat = store::load(loc).map_err(|e| e.to_string())?;
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let mut failed = 0;
    for e in &cat.entries {
        let mut child = Command::new(&exe)
            .args(["catalog", "probe", &e.id().to_string(), "--catalog"])
            .arg(loc.path())
            .env("WS2_CATALOG", loc.path())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| e.to_string())?;
        let start = Instant::now();
        let status = loop {
            if let Some(s) = child.try_wait().map_err(|e| e.to_string())? {
                break Some(s);
            }
            if start.elapsed() > PROBE_LIMIT {
                let _ = child.kill();
                break None;
            }
            std::thread::sleep(Duration::from_millis(5));
        };
        let out = child.wait_with_output().map_err(|e| e.to_string())?;
        let said = |b: &[u8]| {
            String::from_utf8_lossy(b).lines().map(|l| l.trim_start_matches("ws2_32: ").to_string()).collect::<Vec<_>>().join("; ")
        };
        let verdict = match status {
            None => Err(format!("hung for more than {PROBE_LIMIT:?}")),
            Some(s) if s.success() => Ok(said(&out.stdout)),
            Some(s) => {
                use std::os::unix::process::ExitStatusExt;
                let why = match s.signal() {
                    Some(sig) => format!("crashed with signal {sig}"),
                    None => said(&out.stdout),
                };
                let log = said(&out.stderr);
                Err(if log.is_empty() { why } else { format!("{why}: {log}") })
            }
        };
        match verdict {
            Ok(note) => println!("{:>6}  ok    {}{}", e.id(), e.name(), if note.is_empty() { String::new() } else { format!(" ({note})") }),
            Err(why) => {
                failed += 1;
                println!("{:>6}  FAIL  {}: {why}", e.id(), e.name());
            }
        }
    }
    println!("{} entries, {failed} failing", cat.entries.len());
    Ok(if failed == 0 { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

type StartupFn = unsafe extern "system" fn(u16, *mut WSADATA) -> i32;
type SocketFn = unsafe extern "system" fn(i32, i32, i32, *const WSAPROTOCOL_INFOW, u32, u32) -> SOCKET;
type LastErrorFn = unsafe extern "system" fn() -> i32;
type CloseFn = unsafe extern "system" fn(SOCKET) -> i32;
type CleanupFn = unsafe extern "system" fn() -> i32;

/// The child's side: exit 0 when the entry works, 1 with the reason on stdout otherwise.
pub fn probe(loc: &Location, id: u32) -> Result<ExitCode, String> {
    let cat = store::load(loc).map_err(|e| e.to_string())?;
    let e = cat.by_id(id).ok_or(format!("no catalog entry {id}"))?;
    if e.is_layered() {
        let ProviderPath::File(p) = &e.path else { return Ok(ExitCode::SUCCESS) };
        return Ok(match load_only(p) {
            Ok(()) => {
                println!("loads; started through its chains");
                ExitCode::SUCCESS
            }
            Err(why) => {
                println!("{}: {why}", p.display());
                ExitCode::from(1)
            }
        });
    }
    let path = ws2_32_library()?;
    // SAFETY: loading libws2_32 itself.
    let ws2 = unsafe { libloading::Library::new(&path) }.map_err(|e| format!("{}: {e}", path.display()))?;
    // SAFETY: the symbols have these Winsock signatures (winsock2.h).
    unsafe {
        let startup = *ws2.get::<StartupFn>(b"WSAStartup\0").map_err(|e| e.to_string())?;
        let socket = *ws2.get::<SocketFn>(b"WSASocketW\0").map_err(|e| e.to_string())?;
        let last = *ws2.get::<LastErrorFn>(b"WSAGetLastError\0").map_err(|e| e.to_string())?;
        let close = *ws2.get::<CloseFn>(b"closesocket\0").map_err(|e| e.to_string())?;
        let cleanup = *ws2.get::<CleanupFn>(b"WSACleanup\0").map_err(|e| e.to_string())?;
        let mut data: WSADATA = std::mem::zeroed();
        if startup(0x0202, &mut data) != 0 {
            println!("WSAStartup failed");
            return Ok(ExitCode::from(1));
        }
        // A RAW entry serves a range of protocols starting at 0: ask for ICMP (ICMPv6 over
        // IPv6), a real one.
        let icmp = if e.info.iAddressFamily == 23 { 58 } else { 1 };
        let protocol = if e.info.iProtocol == 0 && e.info.iProtocolMaxOffset > 0 { icmp } else { FROM_PROTOCOL_INFO };
        let s = socket(FROM_PROTOCOL_INFO, FROM_PROTOCOL_INFO, protocol, &e.info, 0, WSA_FLAG_OVERLAPPED);
        if s == INVALID_SOCKET {
            let code = last();
            if code == WSAEACCES {
                // RAW sockets need CAP_NET_RAW: the provider itself started.
                println!("provider starts; socket() needs privileges here (WSAEACCES)");
                cleanup();
                return Ok(ExitCode::SUCCESS);
            }
            println!("socket() fails with {}", name_of(code));
            cleanup();
            return Ok(ExitCode::from(1));
        }
        close(s);
        cleanup();
    }
    Ok(ExitCode::SUCCESS)
}

/// Checks and loads a layered provider's library and finds its WSPStartup.
fn load_only(p: &std::path::Path) -> Result<(), String> {
    ws2_32::spi::loader::check_path(p)?;
    // SAFETY: loading the provider is what is being checked; its path passed the checks.
    let lib = unsafe { libloading::os::unix::Library::open(Some(p), libc::RTLD_NOW | libc::RTLD_LOCAL) }.map_err(|e| e.to_string())?;
    // SAFETY: only looked up, never called.
    unsafe { lib.get::<usize>(b"WSPStartup\0") }.map_err(|_| "it does not export WSPStartup".to_string())?;
    Ok(())
}

fn name_of(code: i32) -> String {
    let name = match code {
        WSAEPROVIDERFAILEDINIT => "WSAEPROVIDERFAILEDINIT",
        WSAEAFNOSUPPORT => "WSAEAFNOSUPPORT",
        WSAEPROTONOSUPPORT => "WSAEPROTONOSUPPORT",
        WSAESOCKTNOSUPPORT => "WSAESOCKTNOSUPPORT",
        WSAEINVAL => "WSAEINVAL",
        WSAEACCES => "WSAEACCES",
        WSAENOBUFS => "WSAENOBUFS",
        _ => "error",
    };
    format!("{name} ({code})")
}
