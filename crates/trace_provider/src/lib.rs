//! trace: a layered service provider that logs each call through it — the SPI call, its
//! arguments, its result and byte counts — with `tracing`, and a per-socket byte summary when
//! a socket closes. Built with the ws2 provider SDK (`ws2_provider`).
//!
//! Install: `ws2ctl catalog install --path /…/libws2trace.so --name Trace`
//!
//! Environment:
//! - `WS2_TRACE`: a tracing filter (`info` by default; `ws2trace=debug` also logs option and
//!   ioctl calls; `off` silences it)
//! - `WS2_TRACE_FILE`: write the trace to this file (appending) instead of stderr
//! - `WS2_TRACE_SUMMARY`: also append each socket's byte summary to this file

use std::collections::HashMap;
use std::io::Write;
use std::sync::Mutex;
use tracing::{debug, info};
use ws2_provider::{export_layer, Call, Layer, Outcome, SOCKET};

/// Bytes and calls per direction for one socket.
#[derive(Default, Clone, Copy)]
struct Totals {
    sent: u64,
    sends: u64,
    received: u64,
    recvs: u64,
}

struct Trace {
    sockets: Mutex<HashMap<SOCKET, Totals>>,
    summary: Option<std::path::PathBuf>,
}

impl Trace {
    fn new() -> Trace {
        let filter =
            tracing_subscriber::EnvFilter::try_from_env("WS2_TRACE").unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
        let builder =
            tracing_subscriber::fmt().with_env_filter(filter).with_ansi(false).with_timer(tracing_subscriber::fmt::time::uptime());
        // The host program may have its own subscriber; ours is this library's copy of
        // tracing, so initialising it cannot clash (a failure only means it exists already).
        let _ = match std::env::var_os("WS2_TRACE_FILE") {
            Some(path) => match std::fs::OpenOptions::new().create(true).append(true).open(path) {
                Ok(f) => builder.with_writer(Mutex::new(f)).try_init(),
                Err(_) => builder.with_writer(std::io::stderr).try_init(),
            },
            None => builder.with_writer(std::io::stderr).try_init(),
        };
        Trace { sockets: Mutex::new(HashMap::new()), summary: std::env::var_os("WS2_TRACE_SUMMARY").map(Into::into) }
    }

    fn count(&self, s: SOCKET, call: Call, outcome: Outcome) {
        let Ok(n) = outcome else { return };
        let mut map = self.sockets.lock().unwrap_or_else(|e| e.into_inner());
        let t = map.entry(s).or_default();
        match call {
            Call::Send { overlapped: false, .. } | Call::SendTo { overlapped: false, .. } => {
                t.sent += n;
                t.sends += 1;
            }
            Call::Recv { overlapped: false, .. } | Call::RecvFrom { overlapped: false, .. } => {
                t.received += n;
                t.recvs += 1;
            }
            _ => {}
        }
    }

    fn closed(&self, s: SOCKET) {
        let t = self.sockets.lock().unwrap_or_else(|e| e.into_inner()).remove(&s).unwrap_or_default();
        let line = format!(
            "{} socket {s}: sent {} bytes in {} calls, received {} bytes in {} calls",
            program(),
            t.sent,
            t.sends,
            t.received,
            t.recvs
        );
        info!(target: "ws2trace", prog = program(), "summary {line}");
        if let Some(path) = &self.summary {
            if let Ok(mut f) = std::fs::OpenOptions::new().create(true).append(true).open(path) {
                let _ = writeln!(f, "{line}");
            }
        }
    }
}

/// The traced program's name, to tell processes apart in a shared trace.
fn program() -> &'static str {
    static NAME: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    NAME.get_or_init(|| {
        let arg0 = std::env::args().next().unwrap_or_default();
        arg0.rsplit('/').next().unwrap_or_default().to_string()
    })
}

fn result(o: Outcome) -> String {
    match o {
        Ok(v) => format!("ok {v}"),
        Err(997) => "pending (WSA_IO_PENDING)".to_string(),
        Err(code) => format!("error {code}"),
    }
}

impl Layer for Trace {
    fn description(&self) -> &str {
        "ws2 trace layered provider"
    }

    fn observe(&self, s: SOCKET, call: Call, outcome: Outcome) {
        match call {
            Call::GetSockOpt { .. } | Call::SetSockOpt { .. } | Call::Ioctl { .. } | Call::GetSockName | Call::GetPeerName => {
                debug!(target: "ws2trace", prog = program(), socket = s, "{} {:?} -> {}", call.name(), call, result(outcome))
            }
            _ => info!(target: "ws2trace", prog = program(), socket = s, "{} {:?} -> {}", call.name(), call, result(outcome)),
        }
        self.count(s, call, outcome);
        if call == Call::Close && outcome.is_ok() {
            self.closed(s);
        }
    }
}

export_layer!(Trace::new());
