#!/usr/bin/env bash
# The benchmark suite: what the ws2 API layer costs over raw Linux sockets, and against wine.
#
#   bash bench/run.sh            full run (a few minutes): every case, repeated, wine when
#                                present; writes bench/results.tsv, bench/plot.png and the
#                                figures block of BENCHMARKS.md
#   bash bench/run.sh --short    CI mode (well under a minute): each case once, no wine, no
#                                files outside bench/out; checks that everything runs, asserts
#                                no timing
#   --no-wine                    skip the wine runs
#   WS2_TARGET=DIR               benchmark DIR/libws2_32.so (and DIR/ws2ctl) instead of
#                                target/release's
#
# Needs target/release/libws2_32.so (cargo build --release), gcc; optional: valgrind
# (instruction counts), x86_64-w64-mingw32-gcc + wine (the wine column), python3 with
# matplotlib (the plot). Raw and ws2 runs alternate (raw,ws2,ws2,raw,...) case by case, so the
# ratios compare runs made side by side; the figures are medians.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bench=$root/bench
out=$bench/out
export WS2_TARGET=${WS2_TARGET:-$root/target/release}
short=0 wine=1
for arg in "$@"; do
  case $arg in
    --short) short=1 ;;
    --no-wine) wine=0 ;;
    *) sed -n '2,18p' "$0"; exit 2 ;;
  esac
done
if [ $short = 1 ]; then secs=0.2 reps=1 wreps=0 idle_n=1000 ops_n=10000; wine=0
else secs=1 reps=7 wreps=3 idle_n=10000 ops_n=100000; fi
command -v wine >/dev/null && command -v x86_64-w64-mingw32-gcc >/dev/null || wine=0
export WINEDEBUG=-all
export WS2_CATALOG=$out/no-catalog.toml   # no file: the embedded default catalog

load=$(cut -d' ' -f1-3 /proc/loadavg)
rm -rf "$out"; mkdir -p "$out"
bash "$bench/build.sh" "$out"
samples=$out/samples.tsv; : >"$samples"

# run FLAVOUR PROGRAM ARGS... : runs one build of a benchmark, output on stdout.
run() {
  local f=$1 p=$2; shift 2
  case $f in
    wine) (cd "$out" && timeout 300 wine "./$p.exe" "$@" | tr -d '\r') ;;
    *) timeout 120 "$out/$p.$f" "$@" ;;
  esac
}

# record CASE FLAVOUR METRIC < output : appends the metric's value to the samples.
record() { awk -v c="$1" -v f="$2" -v m="$3" '$1 == m { print c "\t" f "\t" $2 }' >>"$samples"; }

flavours() { # rep -> the order of this repetition: raw,ws2 then ws2,raw ...
  if [ $(($1 % 2)) = 1 ]; then echo raw ws2; else echo ws2 raw; fi
}

# timed CASE METRIC PROGRAM ARGS... : reps alternating raw/ws2 runs, then the wine runs.
timed() {
  local c=$1 m=$2; shift 2
  echo "== $c ($*)"
  for r in $(seq $reps); do
    for f in $(flavours $r); do run $f "$@" | record "$c" $f "$m"; done
  done
  if [ $wine = 1 ]; then
    for r in $(seq $wreps); do run wine "$@" | record "$c" wine "$m" || echo "  wine run failed"; done
  fi
}

# idle FLAVOUR : one run of the idle case against a raw peer process holding the other ends.
idle() {
  # Remove the last peer's file first: the new peer's redirection may not have truncated it yet
  # when we look, and its old port would be a closed one.
  rm -f "$out/peer.txt"
  "$out/idle.raw" --serve --count $idle_n >"$out/peer.txt" & local peer=$!
  for _ in $(seq 200); do grep -qs port "$out/peer.txt" && break; sleep 0.1; done
  local port; port=$(awk '$1 == "port" { print $2 }' "$out/peer.txt")
  if ! run $1 idle --port "$port" --count $idle_n --seconds $secs >"$out/idle.txt"; then
    kill $peer 2>/dev/null; echo "  idle: the $1 run failed"; [ $1 = wine ] && return; exit 1
  fi
  record idle_mem $1 rss_B_per_socket <"$out/idle.txt"
  record wsapoll $1 poll_us <"$out/idle.txt"
  grep skipped "$out/idle.txt" | sed "s/^/  $1: /" | sort -u || true
  wait $peer || { kill $peer 2>/dev/null; echo "  idle peer failed"; }
}

timed rtt rtt_us pingpong --seconds $secs
timed rtt_pinned rtt_us pingpong --pin --seconds $secs
timed bulk bulk_MBps bulk --seconds $secs
timed udp udp_dgps udp --seconds $secs
timed churn churn_cps churn --seconds $secs
timed pair_time ns_per_op ops pair $ops_n --time
timed sock_time ns_per_op ops sock $ops_n --time
echo "== idle ($idle_n connections)"
for r in $(seq $reps); do for f in $(flavours $r); do idle $f; done; done
if [ $wine = 1 ]; then idle wine; fi

# Instructions per operation under callgrind: (Ir(N2) - Ir(N1)) / (N2 - N1), so start-up and
# set-up cancel out. The per-function breakdown of the ws2 build goes to out/icount-CASE.txt.
n1=1000 n2=11000
callgrind() { # FLAVOUR CASE N [TAG] -> total instructions
  local f=$out/cg.$1.$2.$3${4:-}
  valgrind --tool=callgrind --callgrind-out-file="$f" "$out/ops.$1" $2 $3 >"$f.stdout" 2>/dev/null
  grep -q skipped "$f.stdout" && return 1
  awk '/^summary:/ { print $2 }' "$f"
}
per_function() { # CASE -> instructions per operation, by function, ws2 build (inclusive)
  for n in $n1 $n2; do
    callgrind_annotate --inclusive=yes "$out/cg.ws2.$1.$n" 2>/dev/null |
      sed -nE "s/^ *([0-9,]+) +\\( *[0-9.]+%\\) +(.*) \\[.*(libws2_32|libc)\\.so.*\\]$/$n\\t\\1\\t\\2/p"
  done | tr -d , | awk -F'\t' -v n1=$n1 -v n2=$n2 '
    $1 == n1 { a[$3] = $2 } $1 == n2 { b[$3] = $2 }
    END { for (f in b) { d = (b[f] - a[f]) / (n2 - n1); if (d >= 5) printf "%8.0f  %s\n", d, f } }' |
    sort -rn | grep -v -e '(below main)' -e __libc_start_main || true
}
if command -v valgrind >/dev/null; then
  echo "== instruction counts (callgrind)"
  for c in pair sock poll; do
    n1=1000 n2=11000
    [ $c = poll ] && n1=100 n2=1100 # each WSAPoll covers 1,000 sockets
    for f in raw ws2; do
      if a=$(callgrind $f $c $n1) && b=$(callgrind $f $c $n2); then
        echo -e "icount_$c\t$f\t$(( (b - a) / (n2 - n1) ))" >>"$samples"
      else
        echo "  ops $c: skipped for $f: $(cat "$out/cg.$f.$c.$n1.stdout")"
      fi
    done
    [ -f "$out/cg.ws2.$c.$n2" ] && per_function $c >"$out/icount-$c.txt"
  done
  n1=1000 n2=11000
else
  echo "== instruction counts: skipped (valgrind not installed)"
fi

# Chains of pass-through layered providers (issue 3): 0, 1 and 3 layers over TCP/IPv4, each
# layer its own copy of tests/providers/xor.c built without a key (pure pass-through), stacked
# with ws2ctl each over the chain the previous one made. A failure here is reported, not fatal.
chain() {
  local ctl=$out/lib/ws2ctl cat over i k r a b
  for i in 1 2 3; do
    gcc -std=gnu11 -O2 -shared -fPIC -pthread -I "$root/include" "$root/tests/providers/xor.c" \
        -o "$out/pass$i.so" -L "$out/lib" -lws2_32 -Wl,-rpath,"$out/lib" -ldl || return 1
  done
  for k in 0 1 3; do
    cat=$out/chain$k.toml over=1001
    "$ctl" --catalog "$cat" catalog reset >/dev/null || return 1
    for i in $(seq $k); do # prints 'installed "NAME": layered entry ID, chains ID'
      over=$("$ctl" --catalog "$cat" catalog install --path "$out/pass$i.so" --name "Pass $i" --over $over |
             sed -n 's/.*chains \([0-9]*\).*/\1/p')
      [ -n "$over" ] || return 1
    done
  done
  for r in $(seq $reps); do for k in 0 1 3; do
    WS2_CATALOG=$out/chain$k.toml run ws2 pingpong --pin --seconds $secs | record chain_rtt "ws2+$k" rtt_us || return 1
  done; done
  command -v valgrind >/dev/null || return 0
  for k in 0 1 3; do
    a=$(WS2_CATALOG=$out/chain$k.toml callgrind ws2 pair $n1 .chain$k) || return 1
    b=$(WS2_CATALOG=$out/chain$k.toml callgrind ws2 pair $n2 .chain$k) || return 1
    echo -e "chain_icount\tws2+$k\t$(( (b - a) / (n2 - n1) ))" >>"$samples"
  done
}
if [ ! -x "$out/lib/ws2ctl" ] || [ ! -f "$root/tests/providers/xor.c" ]; then
  echo "== chain: skipped: no ws2ctl beside the library or no tests/providers/xor.c (the catalog issue)"
else
  echo "== chain (0, 1, 3 pass-through layers)"
  chain || { echo "  chain: failed (see above); no chain figures"; sed -i '/^chain_/d' "$samples"; }
fi

# The summary: medians, ratios and the targets beside them, as a markdown table.
machine="$(nproc) CPUs, $(lscpu | sed -n 's/^Model name: *//p' | head -1), Linux $(uname -r)"
{
  echo "Machine: $machine. Library: $(git -C "$root" describe --always --dirty 2>/dev/null || echo '?'). Run: $(date -u +%Y-%m-%dT%H:%MZ), $([ $short = 1 ] && echo short || echo full), $reps× raw/ws2 alternating$([ $wine = 1 ] && echo ", $wreps× wine"); load average at the start $load."
  echo
  awk -F"\t" -f "$bench/summary.awk" "$samples"
} >"$out/results.md"
echo; cat "$out/results.md"
for c in pair sock poll; do
  [ -s "$out/icount-$c.txt" ] && { echo; echo "ws2 instructions per $c operation, by function (inclusive):"; head -12 "$out/icount-$c.txt"; }
done

if [ $short = 0 ]; then
  cp "$samples" "$bench/results.tsv"
  awk -v f="$out/results.md" '
    /<!-- bench:results -->/ { print; while ((getline l < f) > 0) print l; skip = 1; next }
    /<!-- \/bench:results -->/ { skip = 0 } !skip' "$root/BENCHMARKS.md" >"$out/BENCHMARKS.md" &&
    cp "$out/BENCHMARKS.md" "$root/BENCHMARKS.md"
  py=python3; /usr/bin/python3 -c 'import matplotlib' 2>/dev/null && py=/usr/bin/python3
  $py "$bench/plot.py" "$bench/results.tsv" "$bench/plot.png" || echo "plot: skipped (needs python3 with matplotlib)"
fi
echo "benchmarks: done"
