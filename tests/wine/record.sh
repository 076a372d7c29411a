#!/bin/sh
# Records the Windows-side golden output of C test programs: compiles tests/c/NAME.c with
# mingw-w64, runs it under wine and writes its stdout to tests/c/NAME.golden.
#
#   tests/wine/record.sh [-n] [-f] NAME...     (NAME or tests/c/NAME.c)
#
#   -n  dry run: show the diff between wine's output and the current golden, write nothing
#   -f  overwrite goldens that were edited by hand (see below)
#
# Wine is an oracle, not the truth. Where its output disagrees with the Windows documentation,
# the golden is edited by hand and the .c file carries a comment line containing
# "GOLDEN EDITED BY HAND" that explains the deviation; such goldens are not overwritten unless
# -f is given (re-apply the documented edits afterwards).
#
# Needs: x86_64-w64-mingw32-gcc and wine (Debian: gcc-mingw-w64-x86-64, wine64).
# The program must exit 0 under wine; otherwise nothing is written.
set -eu

root=$(cd "$(dirname "$0")/../.." && pwd)
dry=0
force=0
while [ $# -gt 0 ]; do
    case $1 in
        -n) dry=1; shift ;;
        -f) force=1; shift ;;
        -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
        --) shift; break ;;
        -*) echo "record.sh: unknown option $1" >&2; exit 2 ;;
        *) break ;;
    esac
done
[ $# -gt 0 ] || { echo "usage: tests/wine/record.sh [-n] [-f] NAME..." >&2; exit 2; }

export WINEDEBUG=${WINEDEBUG:--all}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0

for arg in "$@"; do
    name=$(basename "$arg" .c)
    src=$root/tests/c/$name.c
    golden=$root/tests/c/$name.golden
    if [ ! -f "$src" ]; then
        echo "$name: no such program $src" >&2; status=1; continue
    fi
    if ! x86_64-w64-mingw32-gcc -std=gnu11 -Wall "$src" -o "$tmp/$name.exe" -lws2_32; then
        echo "$name: mingw compile failed" >&2; status=1; continue
    fi
    # Run from the temporary directory so nothing lands in the tree.
    if ! (cd "$tmp" && timeout 120 wine "$tmp/$name.exe" >"$tmp/$name.raw" 2>"$tmp/$name.err"); then
        echo "$name: failed under wine; stderr:" >&2
        cat "$tmp/$name.err" >&2
        status=1; continue
    fi
    tr -d '\r' <"$tmp/$name.raw" >"$tmp/$name.out"
    if [ $dry = 1 ]; then
        if [ -f "$golden" ]; then
            diff -u "$golden" "$tmp/$name.out" && echo "$name: wine agrees with the golden"
        else
            echo "$name: no golden yet; wine says:"; cat "$tmp/$name.out"
        fi
        continue
    fi
    if [ -f "$golden" ] && grep -q "GOLDEN EDITED BY HAND" "$src" && [ $force = 0 ]; then
        echo "$name: golden was edited by hand (see the comment in $name.c); not overwritten, use -f" >&2
        diff -u "$golden" "$tmp/$name.out" >&2 || true
        status=1; continue
    fi
    cp "$tmp/$name.out" "$golden"
    echo "$name: recorded $(wc -l <"$golden") lines into tests/c/$name.golden"
done
exit $status
