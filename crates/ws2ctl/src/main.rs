//! ws2ctl: the command-line face of the Winsock catalog, as `netsh winsock` and `sporder` are
//! on Windows. It edits the same file ws2_32 reads (`--catalog FILE`, else `WS2_CATALOG`,
//! else /etc/ws2/catalog.toml) with the same locked, atomic writes.
//!
//! Exit codes: 0 success, 1 `check` found providers that fail, 2 a usage or catalog error;
//! SIGPIPE ends it, as it ends other Unix tools, when the reader of its output goes away.

mod check;
mod edit;
mod json;
mod namespace;
mod show;

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;
use ws2_32::catalog::Location;

#[derive(Parser)]
#[command(name = "ws2ctl", version, about = "Show and change the Winsock catalog (ws2 for Linux)")]
struct Cli {
    /// The catalog file to use instead of $WS2_CATALOG or /etc/ws2/catalog.toml.
    #[arg(long, global = true, value_name = "FILE")]
    catalog: Option<PathBuf>,
    #[command(subcommand)]
    command: Top,
}

#[derive(Subcommand)]
enum Top {
    /// The transport catalog.
    #[command(subcommand)]
    Catalog(Catalog),
    /// The namespace providers name resolution asks (getaddrinfo, WSALookupService...).
    #[command(subcommand)]
    Namespace(Namespace),
}

#[derive(Subcommand)]
enum Namespace {
    /// Lists the namespace providers in the order they are asked.
    Show {
        /// Machine-readable output.
        #[arg(long)]
        json: bool,
    },
    /// Installs a namespace provider: a library exporting NSPStartup (--path), or the built-in
    /// DNS resolver asking the given servers (--dns).
    Install {
        /// The provider library (absolute path; not writable by group or others).
        #[arg(long, value_name = "LIB.so")]
        path: Option<PathBuf>,
        /// The built-in DNS resolver, asking these servers (ADDR[:PORT], [V6][:PORT]) in order.
        #[arg(long, value_name = "SERVER", value_delimiter = ',')]
        dns: Vec<String>,
        /// With --dns: how long one try waits for an answer.
        #[arg(long, value_name = "MS")]
        timeout_ms: Option<u64>,
        /// With --dns: rounds over the servers before giving up.
        #[arg(long)]
        attempts: Option<u32>,
        /// The provider's name (lpszIdentifier).
        #[arg(long)]
        name: Option<String>,
        /// The namespace it serves: a number or "dns" (12).
        #[arg(long, default_value = "dns", value_parser = namespace::parse_namespace)]
        namespace: u32,
        /// The provider GUID (default: a new random one; the built-in DNS resolver's own for --dns).
        #[arg(long)]
        guid: Option<String>,
        /// With --path: the provider-specific blob, as text.
        #[arg(long)]
        data: Option<String>,
        /// Put it first, so that it is asked before the others.
        #[arg(long)]
        first: bool,
    },
    /// Removes a namespace provider (by GUID or name).
    Remove {
        #[arg(value_name = "GUID|NAME")]
        what: String,
    },
    /// Makes a namespace provider active (or inactive with --off): inactive ones are not asked.
    Enable {
        #[arg(value_name = "GUID|NAME")]
        what: String,
        #[arg(long)]
        off: bool,
    },
    /// Moves the given providers to the front, in the order given.
    Order {
        #[arg(required = true, value_name = "GUID|NAME")]
        what: Vec<String>,
    },
}

#[derive(Subcommand)]
enum Catalog {
    /// Lists every entry in catalog order (the fields `netsh winsock show catalog` prints).
    Show {
        /// Machine-readable output.
        #[arg(long)]
        json: bool,
    },
    /// Installs a layered provider: one layered entry plus a protocol chain over each chosen
    /// entry, placed first so that socket() picks them.
    Install {
        /// The provider library (absolute path; not writable by group or others).
        #[arg(long, value_name = "LIB.so")]
        path: PathBuf,
        /// The provider's name (its layered entry's szProtocol).
        #[arg(long)]
        name: String,
        /// What to layer over: tcp4, tcp6, udp4, udp6, raw4, raw6 or catalog entry ids (a chain
        /// id stacks the new layer on that chain).
        #[arg(long, value_delimiter = ',', default_value = "tcp4,tcp6,udp4,udp6")]
        over: Vec<String>,
        /// The layered entry's provider GUID (default: a new random one).
        #[arg(long)]
        guid: Option<String>,
    },
    /// Removes a layered provider (by entry id or name) with every chain through it, or one
    /// chain by id.
    Remove {
        #[arg(value_name = "ID|NAME")]
        what: String,
    },
    /// Moves the given entries to the front of the catalog, in the order given.
    Order {
        #[arg(required = true)]
        ids: Vec<u32>,
    },
    /// Replaces the catalog (a damaged one included) with the embedded default.
    Reset,
    /// Starts every entry's provider in a child process and reports which fail and why.
    Check,
    /// (internal) Probe one entry in this process; used by `check`.
    #[command(hide = true)]
    Probe { id: u32 },
}

fn main() -> ExitCode {
    die_quietly_on_sigpipe();
    let cli = Cli::parse();
    let loc = match cli.catalog {
        Some(p) => Location(std::path::absolute(&p).unwrap_or(p)),
        None => Location::of_process(),
    };
    let cmd = match cli.command {
        Top::Catalog(cmd) => cmd,
        Top::Namespace(ns) => return finish(run_namespace(&loc, ns)),
    };
    let r = match cmd {
        Catalog::Show { json } => show::show(&loc, json),
        Catalog::Install { path, name, over, guid } => edit::install(&loc, &path, &name, &over, guid.as_deref()),
        Catalog::Remove { what } => edit::remove(&loc, &what),
        Catalog::Order { ids } => edit::order(&loc, &ids),
        Catalog::Reset => edit::reset(&loc),
        Catalog::Check => check::check(&loc),
        Catalog::Probe { id } => check::probe(&loc, id),
    };
    finish(r)
}

fn run_namespace(loc: &Location, cmd: Namespace) -> Result<ExitCode, String> {
    match cmd {
        Namespace::Show { json } => namespace::show(loc, json),
        Namespace::Install { path, dns, timeout_ms, attempts, name, namespace, guid, data, first } => namespace::install(
            loc,
            namespace::Install { path: path.as_deref(), dns, timeout_ms, attempts, name, namespace, guid, data, first },
        ),
        Namespace::Remove { what } => namespace::remove(loc, &what),
        Namespace::Enable { what, off } => namespace::enable(loc, &what, !off),
        Namespace::Order { what } => namespace::order(loc, &what),
    }
}

/// `ws2ctl catalog show | head -1`: end as Unix tools do when the reader goes away. The Rust
/// runtime ignores SIGPIPE, which makes println! panic on EPIPE.
fn die_quietly_on_sigpipe() {
    // SAFETY: first thing in main, before any other thread exists; SIG_DFL is a valid disposition.
    unsafe { libc::signal(libc::SIGPIPE, libc::SIG_DFL) };
}

fn finish(r: Result<ExitCode, String>) -> ExitCode {
    match r {
        Ok(code) => code,
        Err(msg) => {
            eprintln!("ws2ctl: {msg}");
            ExitCode::from(2)
        }
    }
}
