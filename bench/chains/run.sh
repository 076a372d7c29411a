#!/usr/bin/env bash
# RTT through protocol chains, in one run: a 64-byte TCP ping-pong over loopback (rtt.c, both
# ends through the chain) with no layered provider, with 1 and with 3 pass-through layers (the C
# provider tests/providers/xor.c built with XOR_KEY=0, one copy per layer), and with the trace
# provider (WS2_TRACE=off, so it only counts). Runs alternate, ROUNDS times each (default 5);
# the medians are printed as a Markdown table. Not a test: nothing is asserted.
#   cargo build --release && bash bench/chains/run.sh [ROUNDS]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
lib="$root/target/release"
rounds=${1:-5}
[ -f "$lib/libws2_32.so" ] && [ -x "$lib/ws2ctl" ] || { echo "build first: cargo build --release" >&2; exit 1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cc=(gcc -std=gnu11 -O2 -Wall -Wno-unknown-pragmas -I "$root/include")
"${cc[@]}" "$root/bench/chains/rtt.c" -o "$tmp/rtt" -L "$lib" -lws2_32 -Wl,-rpath,"$lib" -pthread
for i in 1 2 3; do
  "${cc[@]}" -shared -fPIC "$root/tests/providers/xor.c" -o "$tmp/pass$i.so" -L "$lib" -lws2_32 -Wl,-rpath,"$lib" -ldl -pthread
done
ctl() { "$lib/ws2ctl" --catalog "$1" catalog "${@:2}" >/dev/null; }
top() { "$lib/ws2ctl" --catalog "$1" catalog show --json | grep -o '"catalog_entry_id": [0-9]*' | head -1 | grep -o '[0-9]*$'; }
ctl "$tmp/one.toml" install --path "$tmp/pass1.so" --name P1 --over tcp4
ctl "$tmp/three.toml" install --path "$tmp/pass1.so" --name P1 --over tcp4
ctl "$tmp/three.toml" install --path "$tmp/pass2.so" --name P2 --over "$(top "$tmp/three.toml")"
ctl "$tmp/three.toml" install --path "$tmp/pass3.so" --name P3 --over "$(top "$tmp/three.toml")"
ctl "$tmp/trace.toml" install --path "$lib/libws2trace.so" --name Trace --over tcp4
cases=(none one three trace)
declare -A label=([none]="no layered provider" [one]="1 pass-through layer (C)" [three]="3 pass-through layers (C)" [trace]="1 trace layer (Rust SDK, WS2_TRACE=off)")
for c in "${cases[@]}"; do : > "$tmp/$c.txt"; done
for r in $(seq "$rounds"); do
  for c in "${cases[@]}"; do
    WS2_CATALOG="$tmp/$c.toml" WS2_TRACE=off "$tmp/rtt" 20000 >> "$tmp/$c.txt"
  done
done
median() { sort -n "$1" | awk '{v[NR]=$1} END {print (NR % 2) ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2}'; }
base=$(median "$tmp/none.txt")
echo "| chain | RTT (µs, median of $rounds) | vs none |"
echo "|---|---|---|"
for c in "${cases[@]}"; do
  m=$(median "$tmp/$c.txt")
  echo "| ${label[$c]} | $m | $(awk -v a="$m" -v b="$base" 'BEGIN {printf "%+.2f µs", a - b}') |"
done
