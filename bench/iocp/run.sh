#!/usr/bin/env bash
# The IOCP-versus-epoll echo benchmark (issue: non-blocking and asynchronous Winsock):
# iocp_echo.c (Winsock: AcceptEx, WSARecv/WSASend, GetQueuedCompletionStatusEx workers) built
# against include/ and libws2_32.so, against epoll_echo.c (raw Linux sockets), under the same
# load generator: CONNS loopback connections ping-ponging SIZE bytes for SECONDS each. The
# IOCP server runs on each completion engine. Prints req/s and the ratio IOCP/epoll.
#   bench/iocp/run.sh [CONNS=1000] [SECONDS=5] [THREADS=2]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
conns=${1:-1000}
secs=${2:-5}
threads=${3:-2}
out=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$out"' EXIT
lib=$root/target/release
[ -f "$lib/libws2_32.so" ] || { echo "build the library first: cargo build --release" >&2; exit 1; }
cp "$lib/libws2_32.so" "$out/"
gcc -O2 -o "$out/loadgen" "$here/loadgen.c"
gcc -O2 -o "$out/epoll_echo" "$here/epoll_echo.c" -lpthread
gcc -O2 -std=gnu11 -I "$root/include" -o "$out/iocp_echo" "$here/iocp_echo.c" -L "$out" -lws2_32 -Wl,-rpath,"$out"
port=$((20000 + RANDOM % 20000))

measure() { # name, command...
    local name=$1; shift
    port=$((port + 1))
    "$@" "$port" "$threads" > "$out/$name.log" 2>&1 &
    local pid=$!
    for _ in $(seq 50); do grep -q ready "$out/$name.log" 2>/dev/null && break; sleep 0.1; done
    local rps
    rps=$("$out/loadgen" "$port" "$conns" "$secs" | awk '/requests_per_second/ {print $2}')
    kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true
    echo "$rps"
}

epoll=$(measure epoll "$out/epoll_echo")
uring=$(env -u WS2_ENGINE bash -c "$(declare -f measure); out=$out threads=$threads conns=$conns secs=$secs port=$port; measure iocp_uring $out/iocp_echo")
fallback=$(WS2_ENGINE=epoll bash -c "$(declare -f measure); out=$out threads=$threads conns=$conns secs=$secs port=$((port + 7)); measure iocp_epoll $out/iocp_echo")
skipped=$(SKIP=1 bash -c "$(declare -f measure); out=$out threads=$threads conns=$conns secs=$secs port=$((port + 14)); measure iocp_skip $out/iocp_echo")
echo "connections $conns, ${secs}s each, $threads server threads"
echo "epoll_echo (raw Linux)          $epoll req/s"
echo "iocp_echo (ws2, io_uring)       $uring req/s  ratio $(awk -v a="$uring" -v b="$epoll" 'BEGIN {printf "%.2f", a / b}')"
echo "iocp_echo (ws2, epoll engine)   $fallback req/s  ratio $(awk -v a="$fallback" -v b="$epoll" 'BEGIN {printf "%.2f", a / b}')"
echo "iocp_echo SKIP=1 (io_uring)     $skipped req/s  ratio $(awk -v a="$skipped" -v b="$epoll" 'BEGIN {printf "%.2f", a / b}')"
