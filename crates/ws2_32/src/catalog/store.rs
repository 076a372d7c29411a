//! Where the catalog file lives and how it is read and written.
//!
//! Location: `WS2_CATALOG` (ignored when the process is set-uid or otherwise secure, so an
//! unprivileged user cannot point a privileged program at a catalog of their choosing), else
//! `/etc/ws2/catalog.toml`. No file means the embedded default.
//!
//! Readers keep the parsed catalog and re-read the file only when it changed (a `stat` per
//! lookup: writers replace the file by rename, so its identity changes with every write).
//! Writers take an exclusive `flock` on `<file>.lock`, read the current file, apply their
//! change, bump the serial, write `<file>.tmp`, fsync it, rename it over the file and fsync the
//! directory: a writer killed at any point leaves the old or the new catalog, never a mix, and
//! concurrent writers are serialised so none loses another's change.

use super::{file, Catalog};
use std::fmt;
use std::fs::{File, OpenOptions};
use std::io::Write;
use std::os::unix::fs::{MetadataExt, OpenOptionsExt};
use std::os::unix::io::AsRawFd;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

pub const DEFAULT_PATH: &str = "/etc/ws2/catalog.toml";

/// The catalog file a process uses.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Location(pub PathBuf);

impl Location {
    /// `WS2_CATALOG` unless the process runs with elevated privileges, else the system file.
    pub fn of_process() -> Location {
        // SAFETY: getauxval has no preconditions.
        let secure = unsafe { libc::getauxval(libc::AT_SECURE) } != 0;
        match std::env::var_os("WS2_CATALOG") {
            Some(p) if !secure && !p.is_empty() => Location(PathBuf::from(p)),
            _ => Location(PathBuf::from(DEFAULT_PATH)),
        }
    }

    pub fn path(&self) -> &Path {
        &self.0
    }

    fn sibling(&self, suffix: &str) -> PathBuf {
        let mut s = self.0.clone().into_os_string();
        s.push(suffix);
        PathBuf::from(s)
    }
}

/// Why the catalog cannot be used.
#[derive(Debug, Clone)]
pub enum CatalogError {
    /// The file exists but does not parse or is inconsistent.
    Damaged { path: PathBuf, line: usize, message: String },
    /// The file or its lock could not be read or written.
    Io { path: PathBuf, message: String },
}

impl fmt::Display for CatalogError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CatalogError::Damaged { path, line, message } => {
                write!(f, "catalog file {}", path.display())?;
                if *line > 0 {
                    write!(f, ", line {line}")?;
                }
                write!(f, ": {message} (`ws2ctl catalog reset` restores the default catalog)")
            }
            CatalogError::Io { path, message } => write!(f, "catalog file {}: {message}", path.display()),
        }
    }
}

/// Reads the catalog at `loc`; a missing file is the embedded default.
pub fn load(loc: &Location) -> Result<Catalog, CatalogError> {
    match std::fs::read_to_string(loc.path()) {
        Ok(text) => file::parse(&text).map_err(|e| CatalogError::Damaged { path: loc.0.clone(), line: e.line, message: e.message }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Catalog::embedded_default()),
        Err(e) => Err(CatalogError::Io { path: loc.0.clone(), message: e.to_string() }),
    }
}

/// What identifies one version of the file: rename gives every write a new inode.
#[derive(Clone, Copy, PartialEq, Eq)]
struct Stamp {
    dev: u64,
    ino: u64,
    size: u64,
    mtime: i64,
    mtime_ns: i64,
}

fn stamp(path: &Path) -> Option<Stamp> {
    let m = std::fs::metadata(path).ok()?;
    Some(Stamp { dev: m.dev(), ino: m.ino(), size: m.size(), mtime: m.mtime(), mtime_ns: m.mtime_nsec() })
}

struct Cached {
    stamp: Option<Stamp>,
    result: Result<Arc<Catalog>, CatalogError>,
}

static CACHE: Mutex<Option<Cached>> = Mutex::new(None);
static LOCATION: OnceLock<Location> = OnceLock::new();

/// The process's catalog location, worked out once (the environment is read at first use).
pub fn process_location() -> &'static Location {
    LOCATION.get_or_init(Location::of_process)
}

/// The catalog in force for this process, re-read when the file changed since the last call
/// (one `stat`: a file replaced by any writer, even by hand, is seen at the next socket()).
pub fn current() -> Result<Arc<Catalog>, CatalogError> {
    let loc = process_location();
    let st = stamp(loc.path());
    let mut cache = CACHE.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(c) = cache.as_ref() {
        if c.stamp == st {
            return c.result.clone();
        }
    }
    let result = load(loc).map(Arc::new);
    if let Err(e) = &result {
        // Once per version of the file, not once per socket() call.
        crate::log::line(&e.to_string());
    }
    *cache = Some(Cached { stamp: st, result: result.clone() });
    result
}

/// An exclusive hold on a catalog's lock file, released when dropped (or when the holder
/// dies: flock locks go with the process).
pub struct WriteLock {
    _file: File,
}

pub fn lock(loc: &Location) -> Result<WriteLock, CatalogError> {
    let io = |e: std::io::Error| CatalogError::Io { path: loc.0.clone(), message: e.to_string() };
    if let Some(dir) = loc.path().parent() {
        if !dir.as_os_str().is_empty() && !dir.exists() {
            std::fs::create_dir_all(dir).map_err(io)?;
        }
    }
    let f = OpenOptions::new().read(true).write(true).create(true).truncate(false).mode(0o644).open(loc.sibling(".lock")).map_err(io)?;
    loop {
        // SAFETY: `f` is an open file descriptor for the duration of the call.
        if unsafe { libc::flock(f.as_raw_fd(), libc::LOCK_EX) } == 0 {
            return Ok(WriteLock { _file: f });
        }
        let e = std::io::Error::last_os_error();
        if e.kind() != std::io::ErrorKind::Interrupted {
            return Err(io(e));
        }
    }
}

/// Replaces the file with `cat` (serial already set). The caller holds the lock.
pub fn write_locked(loc: &Location, _lock: &WriteLock, cat: &Catalog) -> Result<(), CatalogError> {
    let io = |e: std::io::Error| CatalogError::Io { path: loc.0.clone(), message: e.to_string() };
    let tmp = loc.sibling(".tmp");
    let mut f = OpenOptions::new().write(true).create(true).truncate(true).mode(0o644).open(&tmp).map_err(io)?;
    f.write_all(file::render(cat).as_bytes()).map_err(io)?;
    f.sync_all().map_err(io)?;
    drop(f);
    std::fs::rename(&tmp, loc.path()).map_err(io)?;
    let dir = match loc.path().parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    File::open(dir).and_then(|d| d.sync_all()).map_err(io)?;
    Ok(())
}

/// Applies `change` to the catalog at `loc` under the lock and writes the result with the next
/// serial. `change` returns Err to leave the catalog untouched.
pub fn modify<R, E: From<CatalogError>>(loc: &Location, change: impl FnOnce(&mut Catalog) -> Result<R, E>) -> Result<R, E> {
    let lock = lock(loc)?;
    let mut cat = load(loc)?;
    let r = change(&mut cat)?;
    cat.serial += 1;
    write_locked(loc, &lock, &cat)?;
    Ok(r)
}

/// Replaces whatever is at `loc` — a damaged file included — with the embedded default, under
/// the lock. The serial still moves forward when the old one can be read.
pub fn reset(loc: &Location) -> Result<Catalog, CatalogError> {
    let lock = lock(loc)?;
    let old_serial = std::fs::read_to_string(loc.path()).ok().and_then(|t| scan_serial(&t)).unwrap_or(0);
    let mut cat = Catalog::embedded_default();
    cat.serial = old_serial + 1;
    write_locked(loc, &lock, &cat)?;
    Ok(cat)
}

/// The `serial = N` line of a file that may not parse as a whole.
fn scan_serial(text: &str) -> Option<u64> {
    text.lines().find_map(|l| l.trim().strip_prefix("serial")?.trim_start().strip_prefix('=')?.trim().parse().ok())
}
