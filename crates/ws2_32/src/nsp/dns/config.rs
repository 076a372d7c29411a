//! The built-in DNS resolver's settings, kept as text in its namespace catalog entry's
//! provider-specific blob: `servers=127.0.0.1:5353,[::1]:53 timeout_ms=2000 attempts=2`
//! (items separated by spaces or ';'). Without `servers`, the nameservers of
//! /etc/resolv.conf are asked.

use std::net::{IpAddr, SocketAddr};
use std::time::Duration;

pub const DEFAULT_TIMEOUT_MS: u64 = 2000;
pub const DEFAULT_ATTEMPTS: u32 = 2;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Config {
    /// The servers asked, in order; empty: those of /etc/resolv.conf.
    pub servers: Vec<SocketAddr>,
    /// How long one try waits for a server's answer.
    pub timeout: Duration,
    /// How many rounds over the servers a query makes before giving up.
    pub attempts: u32,
}

impl Default for Config {
    fn default() -> Self {
        Config { servers: Vec::new(), timeout: Duration::from_millis(DEFAULT_TIMEOUT_MS), attempts: DEFAULT_ATTEMPTS }
    }
}

/// "1.2.3.4", "1.2.3.4:53", "::1", "[::1]:53" (port 53 when none is given).
pub fn parse_server(s: &str) -> Option<SocketAddr> {
    if let Ok(a) = s.parse::<SocketAddr>() {
        return Some(a);
    }
    let ip: IpAddr = s.trim_start_matches('[').trim_end_matches(']').parse().ok()?;
    Some(SocketAddr::new(ip, 53))
}

impl Config {
    pub fn parse(text: &str) -> Result<Config, String> {
        let mut c = Config::default();
        for item in text.split(|ch: char| ch.is_whitespace() || ch == ';').filter(|i| !i.is_empty()) {
            let (key, value) = item.split_once('=').ok_or(format!("{item:?}: expected key=value"))?;
            match key {
                "servers" | "server" => {
                    for s in value.split(',').filter(|s| !s.is_empty()) {
                        c.servers.push(parse_server(s).ok_or(format!("servers: {s:?} is not an address (1.2.3.4[:port] or [v6][:port])"))?);
                    }
                }
                "timeout_ms" => {
                    let ms: u64 = value.parse().map_err(|_| format!("timeout_ms: {value:?} is not a number"))?;
                    if !(1..=60_000).contains(&ms) {
                        return Err("timeout_ms must be 1..=60000".into());
                    }
                    c.timeout = Duration::from_millis(ms);
                }
                "attempts" => {
                    c.attempts = value.parse().ok().filter(|n| (1..=10).contains(n)).ok_or("attempts must be 1..=10".to_string())?;
                }
                _ => return Err(format!("unknown setting {key:?} (servers, timeout_ms, attempts)")),
            }
        }
        Ok(c)
    }

    /// The text form `parse` reads.
    pub fn render(&self) -> String {
        let servers: Vec<String> = self.servers.iter().map(|s| s.to_string()).collect();
        let mut out = Vec::new();
        if !servers.is_empty() {
            out.push(format!("servers={}", servers.join(",")));
        }
        out.push(format!("timeout_ms={}", self.timeout.as_millis()));
        out.push(format!("attempts={}", self.attempts));
        out.join(" ")
    }

    /// The servers to ask: the configured ones, else /etc/resolv.conf's, else 127.0.0.1:53.
    pub fn effective_servers(&self) -> Vec<SocketAddr> {
        if !self.servers.is_empty() {
            return self.servers.clone();
        }
        let from_file = std::fs::read_to_string("/etc/resolv.conf").map(|t| resolv_conf_servers(&t)).unwrap_or_default();
        if from_file.is_empty() {
            vec![SocketAddr::from(([127, 0, 0, 1], 53))]
        } else {
            from_file
        }
    }
}

/// The `nameserver` lines of a resolv.conf.
pub fn resolv_conf_servers(text: &str) -> Vec<SocketAddr> {
    text.lines()
        .filter_map(|l| l.trim().strip_prefix("nameserver"))
        .filter_map(|rest| rest.split_whitespace().next())
        .filter_map(|a| a.split('%').next()?.parse::<IpAddr>().ok())
        .map(|ip| SocketAddr::new(ip, 53))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_renders() {
        let c = Config::parse("servers=127.0.0.1:5353,[::1]:53,10.0.0.1; timeout_ms=300 attempts=3").unwrap();
        assert_eq!(c.servers, vec!["127.0.0.1:5353".parse().unwrap(), "[::1]:53".parse().unwrap(), "10.0.0.1:53".parse().unwrap()]);
        assert_eq!((c.timeout, c.attempts), (Duration::from_millis(300), 3));
        assert_eq!(Config::parse(&c.render()).unwrap(), c);
        assert_eq!(Config::parse("").unwrap(), Config::default());
        assert!(Config::parse("servers=nope").is_err());
        assert!(Config::parse("color=blue").is_err());
        assert!(Config::parse("attempts=0").is_err());
        assert_eq!(
            resolv_conf_servers("# x\nnameserver 192.0.2.1\nnameserver fe80::1%eth0\nsearch a\n"),
            vec!["192.0.2.1:53".parse().unwrap(), "[fe80::1]:53".parse().unwrap()]
        );
    }
}
