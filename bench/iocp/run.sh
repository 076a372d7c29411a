#!/usr/bin/env bash
# The IOCP-versus-epoll echo benchmark (issue: non-blocking and asynchronous Winsock):
# iocp_echo.c (Winsock: AcceptEx, WSARecv/WSASend, GetQueuedCompletionStatusEx workers) built
# against include/ and libws2_32.so, against epoll_echo.c (raw Linux sockets), under the same
# load generator: CONNS loopback connections ping-ponging 64 bytes for SECONDS each. The IOCP
# server runs on each completion engine, and once more with FILE_SKIP_COMPLETION_PORT_ON_SUCCESS
# (SKIP=1). ROUNDS rounds alternate the servers (the machine is noisy); each line gives the
# median req/s, the ratio of medians to epoll_echo, and the server's CPU time per request
# (user + system, from /proc).
#   bench/iocp/run.sh [CONNS=1000] [SECONDS=5] [THREADS=2] [ROUNDS=3]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
conns=${1:-1000}
secs=${2:-5}
threads=${3:-2}
rounds=${4:-3}
out=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$out"' EXIT
lib=$root/target/release
[ -f "$lib/libws2_32.so" ] || { echo "build the library first: cargo build --release" >&2; exit 1; }
cp "$lib/libws2_32.so" "$out/"
gcc -O2 -o "$out/loadgen" "$here/loadgen.c"
gcc -O2 -o "$out/epoll_echo" "$here/epoll_echo.c" -lpthread
gcc -O2 -std=gnu11 -I "$root/include" -o "$out/iocp_echo" "$here/iocp_echo.c" -L "$out" -lws2_32 -Wl,-rpath,"$out"
port=$((20000 + RANDOM % 20000))
tick=$(getconf CLK_TCK)

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

# measure NAME ENV... -- COMMAND: appends "rps cpu_us_per_request" to $out/NAME.
measure() {
    local name=$1; shift
    local envs=()
    while [ "$1" != "--" ]; do envs+=("$1"); shift; done
    shift
    port=$((port + 1))
    env "${envs[@]}" "$@" "$port" "$threads" > "$out/$name.log" 2>&1 &
    local pid=$!
    for _ in $(seq 50); do grep -q ready "$out/$name.log" 2>/dev/null && break; sleep 0.1; done
    local before rps after
    before=$(cpu_ticks "$pid")
    rps=$("$out/loadgen" "$port" "$conns" "$secs" | awk '/requests_per_second/ {print $2}')
    after=$(cpu_ticks "$pid")
    kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true
    awk -v r="$rps" -v t=$((after - before)) -v hz="$tick" -v s="$secs" \
        'BEGIN {printf "%d %.2f\n", r, (r > 0 ? t / hz * 1e6 / (r * s) : 0)}' >> "$out/$name"
}

for _ in $(seq "$rounds"); do
    measure epoll -- "$out/epoll_echo"
    measure uring -u WS2_ENGINE -- "$out/iocp_echo"
    measure fallback WS2_ENGINE=epoll -- "$out/iocp_echo"
    measure skip -u WS2_ENGINE SKIP=1 -- "$out/iocp_echo"
done

median() { sort -n | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
base=$(cut -d' ' -f1 "$out/epoll" | median)
echo "connections $conns, ${secs}s each, $threads server threads, median of $rounds alternating rounds"
line() { # label, name
    local rps cpu
    rps=$(cut -d' ' -f1 "$out/$2" | median)
    cpu=$(cut -d' ' -f2 "$out/$2" | median)
    printf "%-32s %8.0f req/s  ratio %.2f  server CPU %5.2f us/request\n" "$1" "$rps" "$(awk -v a="$rps" -v b="$base" 'BEGIN {print a / b}')" "$cpu"
}
line "epoll_echo (raw Linux)" epoll
line "iocp_echo (ws2, io_uring)" uring
line "iocp_echo (ws2, epoll engine)" fallback
line "iocp_echo SKIP=1 (io_uring)" skip
