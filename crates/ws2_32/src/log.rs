//! ws2_32's diagnostic lines: problems a program cannot see through error codes alone (a
//! damaged catalog, a provider that failed to load) are written to stderr, one line each,
//! prefixed `ws2_32:`. `WS2_LOG=off` silences them.

pub fn line(msg: &str) {
    if std::env::var_os("WS2_LOG").is_some_and(|v| v == "off") {
        return;
    }
    eprintln!("ws2_32: {msg}");
}
