#!/usr/bin/env bash
# Analyses FILE once and prints how resident memory (RSS) and the Java heap after each garbage
# collection evolve over the run, by quarter, to show whether memory grows with the media's length.
# Usage: scripts/soak.sh FILE [ANALYZE OPTION…]   (make a long file with scripts/make-bench-media.sh
# 10 long.mp4 or scripts/make-long-call.sh; options such as --asr off --speakers 1 go to analyze;
# SENTIO_JAVA_OPTS replaces the JVM options, as for ./sentio; default -Xmx1g)
set -euo pipefail
[ $# -ge 1 ] || { echo "usage: $0 FILE [ANALYZE OPTION…]" >&2; exit 2; }
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
file=$(realpath "$1")
shift
"$root/sentio" --version >/dev/null
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

start=$(date +%s)
java ${SENTIO_JAVA_OPTS:--Xmx1g} -Xlog:gc:file="$work/gc.log" -Dsentio.home="$root" -jar "$root/app/target/sentio-app.jar" \
  analyze "$file" "$@" --quiet --format json --out "$work" --data-dir "$work/data" >"$work/out.txt" 2>"$work/err.txt" &
pid=$!
while kill -0 "$pid" 2>/dev/null; do
  rss=$(awk '/VmRSS/ { print $2 }' "/proc/$pid/status" 2>/dev/null || true)
  [ -n "$rss" ] && echo "$(( $(date +%s) - start )) $rss" >>"$work/rss.txt"
  sleep 2
done
wait "$pid" || { cat "$work/err.txt" >&2; exit 1; }
elapsed=$(( $(date +%s) - start ))

echo "file: $file ${*:-}"
grep -E '^Session' "$work/out.txt"
echo "wall time: ${elapsed} s"
echo "quarter  peak RSS (MiB)  heap after GC, max (MiB)"
for q in 1 2 3 4; do
  lo=$(( elapsed * (q - 1) / 4 )); hi=$(( elapsed * q / 4 ))
  rss=$(awk -v lo="$lo" -v hi="$hi" '$1 >= lo && $1 <= hi && $2 > m { m = $2 } END { printf "%.0f", m / 1024 }' "$work/rss.txt")
  heap=$(awk -v lo="$lo" -v hi="$hi" '
    { t = $1; gsub(/[\[\]s]/, "", t); t += 0 }
    t >= lo && t <= hi && match($0, /->[0-9]+M/) { v = substr($0, RSTART + 2, RLENGTH - 3) + 0; if (v > m) m = v }
    END { printf "%d", m }' "$work/gc.log")
  printf '%7s  %14s  %24s\n' "$q/4" "$rss" "$heap"
done
