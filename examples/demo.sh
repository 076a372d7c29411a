#!/usr/bin/env bash
# The demo: builds the Winsock echo server and client in this folder unmodified against
# include/ and target/release/libws2_32.so, and runs them against each other over loopback
# twice: through the embedded default catalog (base provider only), then through a protocol
# chain with the trace layered provider (installed with ws2ctl in a private catalog), showing
# the trace it writes.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
lib="$root/target/release"
[ -f "$lib/libws2_32.so" ] || { echo "build first: cargo build --release" >&2; exit 1; }
tmp=$(mktemp -d); trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$tmp"' EXIT
for p in echo_server echo_client; do
  gcc -std=gnu11 -Wall -Wno-unknown-pragmas -I "$root/include" "$root/examples/$p.c" -o "$tmp/$p" \
      -L "$lib" -lws2_32 -Wl,-rpath,"$lib"
done
export WS2_CATALOG="$tmp/none.toml"   # no catalog file: the embedded default applies
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null || echo 27015)
echo "== echo through the default catalog (base provider) =="
"$tmp/echo_server" "$port" > "$tmp/server.out" &
for _ in $(seq 50); do grep -q listening "$tmp/server.out" 2>/dev/null && break; sleep 0.1; done
"$tmp/echo_client" localhost "$port" "hello from a Winsock program on Linux"
wait
cat "$tmp/server.out"

echo
echo "== install the trace layered provider over TCP (ws2ctl, private catalog) =="
export WS2_CATALOG="$tmp/catalog.toml"
"$lib/ws2ctl" catalog install --path "$lib/libws2trace.so" --name "Trace" --over tcp4,tcp6
"$lib/ws2ctl" catalog show | grep -E "^(Entry Type|Description|Catalog Entry ID|Protocol Chain):" | head -8
echo
echo "== echo through the chain Trace -> MSAFD Tcpip =="
export WS2_TRACE_FILE="$tmp/trace.log" WS2_TRACE_SUMMARY="$tmp/summary.txt"
"$tmp/echo_server" "$port" > "$tmp/server.out" &
for _ in $(seq 50); do grep -q listening "$tmp/server.out" 2>/dev/null && break; sleep 0.1; done
"$tmp/echo_client" localhost "$port" "hello through a layered provider"
wait
cat "$tmp/server.out"
echo
echo "== what the trace provider saw (WS2_TRACE_FILE) =="
cat "$tmp/trace.log"
echo "== per-socket byte summary (WS2_TRACE_SUMMARY) =="
cat "$tmp/summary.txt"
