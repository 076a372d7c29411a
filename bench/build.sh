#!/usr/bin/env bash
# Builds every benchmark (bench/*.c) three ways into OUT (default bench/out):
#   OUT/NAME.raw  raw Linux sockets (-DBENCH_RAW)
#   OUT/NAME.ws2  include/ + libws2_32.so, linked against a snapshot of the library in OUT/lib
#                 (from $WS2_TARGET, default target/release, which other builds may replace
#                 mid-run); ws2ctl, when built, is copied beside it
#   OUT/NAME.exe  mingw-w64, for wine or Windows (only when x86_64-w64-mingw32-gcc exists)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$root/bench/out}
lib=${WS2_TARGET:-$root/target/release}/libws2_32.so
[ -f "$lib" ] || { echo "build the library first: cargo build --release" >&2; exit 1; }
mkdir -p "$out/lib"
cp "$lib" "$out/lib/libws2_32.so"
[ ! -x "$(dirname "$lib")/ws2ctl" ] || cp "$(dirname "$lib")/ws2ctl" "$out/lib/ws2ctl" # same build
cflags=(-std=gnu11 -O2 -g -Wall -Wno-unknown-pragmas)
for src in "$root"/bench/*.c; do
  name=$(basename "$src" .c)
  gcc "${cflags[@]}" -DBENCH_RAW "$src" -o "$out/$name.raw" -lpthread
  gcc "${cflags[@]}" -I "$root/include" "$src" -o "$out/$name.ws2" \
      -L "$out/lib" -lws2_32 -Wl,-rpath,"$out/lib" -lpthread
  if command -v x86_64-w64-mingw32-gcc >/dev/null; then
    x86_64-w64-mingw32-gcc "${cflags[@]}" "$src" -o "$out/$name.exe" -lws2_32 -lpsapi
  fi
done
