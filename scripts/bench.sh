#!/usr/bin/env bash
# The benchmark harness. Prints every performance goal of docs/performance.md with its figure and
# PASS or FAIL beside it, each measured side by side in one run (ratios), with the load average at
# the time, building what it needs first (./sentio builds when the sources changed) and making the
# media it needs when missing.
#
#   goal 1  video analysis with a transcript (--asr off) <= 1.3 x FFmpeg's decode-only wall time
#           (sentio bench on the 1-minute 720p30 file; CPU ratio beside it)
#   goal 2  with speech recognition: analysis <= 1.2 x speech recognition alone on the same audio,
#           and real-time factor >= 2, on a two-speaker call made from real clips
#           (scripts/make-call-media.sh; 30 minutes unless SENTIO_BENCH_CALL_MINUTES says less)
#   goal 3  4 files at once with sentio analyze --jobs (one per core) >= 1.7 x the files per hour
#           of --jobs 1 (the two timed alternately)
#   goal 4  live capture-to-screen latency p95 <= 150 ms at >= 15 frames/s (LiveFlowTest's
#           benchmark line; the virtual camera plays a 1-minute 720p30 bench recording)
#   goal 5  peak RSS of a long recording <= 1.5 x a 5-minute one, with speech recognition on
#           (each in its own JVM; 180 minutes unless SENTIO_BENCH_LONG_MINUTES says less)
#   goal 6  GPU: -Pgpu builds and --device cuda is used, goal 1's ratio on CUDA (scripts/gpu-check.sh;
#           run with SENTIO_BENCH_GPU=1 on a machine with an NVIDIA GPU and CUDA 12, else NOT RUN)
#
# Usage: scripts/bench.sh [--goals "1 2 3 4 5"] [OUT]   the goals (default: all) into OUT
#        scripts/bench.sh --table [OUT]                 the first round's harness (below)
# Environment: SENTIO_BENCH_MEDIA          folder of the media, made there when missing (../bench)
#              SENTIO_BENCH_LEVERS         sentio bench options for goals 1 and 3, e.g.
#                                          "--face-detect-every 5 --reference-frames-only"
#              SENTIO_BENCH_REPEAT         runs of each for goals 1 and 2 (default 3)
#              SENTIO_BENCH_CALL_MINUTES   length of goal 2's call (default 30)
#              SENTIO_BENCH_LONG_MINUTES   length of goal 5's long recording (default 180)
#              SENTIO_BENCH_JOBS_SECONDS   length of each of goal 3's four files (default 50)
#              SENTIO_JAVA_OPTS            JVM options, as for ./sentio (default -Xmx1g)
#              SENTIO_BENCH_GPU            set (e.g. 1) to run goal 6's scripts/gpu-check.sh too
# A goal run on shorter media than it names says so beside its verdict ("stand-in"). Wall-time
# ratios on a loaded machine are inflated: read the load average printed with each goal.
# Needs ffmpeg, espeak-ng, sox and bc to make the media, jq for the figures, Maven for goal 4.
#
# --table: analyses generated 720p30 H.264 sessions with speech of 1, 5 and 20
# minutes, each in its own JVM (a JVM's peak RSS never goes down, so one per size), with
# `sentio bench`: analysis and FFmpeg decode-only wall time of the same file measured alternately
# in the same run with the same decoder threads, their ratio, the real-time factor, the time per
# stage, CPU time, peak RSS and peak Java heap. Writes OUT/bench-<N>min.json and .txt and prints a
# table, then the 20-minute / 5-minute peak RSS ratio, then the peer comparison
# (scripts/bench-peer.sh: @vladmandic/human on the same frames) and the MoE-vs-dense fusion
# benchmark (sentio bench-fusion).
#
# Usage: scripts/bench.sh --table [OUT]   (default OUT: bench-results)
# Environment: SENTIO_BENCH_MEDIA   folder of the media, made there when missing (default ../bench)
#              SENTIO_BENCH_MINUTES which sessions (default "1 5 20")
#              SENTIO_BENCH_REPEAT  runs of each for files under 5 minutes (default 3; longer: 1)
#              SENTIO_JAVA_OPTS     JVM options, as for ./sentio (default -Xmx1g)
# Needs ffmpeg, espeak-ng and sox to make the media, jq for the table, and node/npm for the peer.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
mode=goals
goals="1 2 3 4 5"
while [ $# -gt 0 ]; do
  case "$1" in
    --table) mode=table; shift ;;
    --goals) [ $# -ge 2 ] || { echo "bench: --goals needs a list, e.g. --goals \"1 3\"" >&2; exit 2; }
             goals="$2"; shift 2 ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed 's/^# \{0,1\}//;/^set -euo/d'; exit 0 ;;
    -*) echo "bench: unknown option $1 (see scripts/bench.sh --help)" >&2; exit 2 ;;
    *) break ;;
  esac
done
for g in $goals; do
  case "$g" in 1|2|3|4|5) ;; *) echo "bench: no goal '$g'; goals are 1 to 5 (6: scripts/gpu-check.sh)" >&2; exit 2 ;; esac
done
if [ "$mode" = goals ]; then
  exec "$root/scripts/bench-goals.sh" "$goals" "${1:-bench-results}"
fi

out="${1:-bench-results}"
media="${SENTIO_BENCH_MEDIA:-$root/../bench}"
minutes="${SENTIO_BENCH_MINUTES:-1 5 20}"
repeat="${SENTIO_BENCH_REPEAT:-3}"
command -v jq >/dev/null || { echo "bench: jq is needed for the table (apt-get install jq)" >&2; exit 2; }
"$root/sentio" --version >/dev/null
mkdir -p "$out" "$media"
jar="$root/app/target/sentio-app.jar"

for m in $minutes; do
  file="$media/s$m.mp4"
  [ -f "$file" ] || "$root/scripts/make-bench-media.sh" "$m" "$file"
  runs=$repeat
  extra=()
  if [ "$m" -ge 5 ]; then runs=1; fi
  # The 1-minute session also times the plain path, so the fast path's gain is measured in one run.
  if [ "$m" -le 1 ]; then extra=(--compare-plain); fi
  echo "bench: $file, $runs run(s) of each" >&2
  java ${SENTIO_JAVA_OPTS:--Xmx1g} -Dsentio.home="$root" -jar "$jar" \
    bench "$file" --repeat "$runs" "${extra[@]}" --json "$out/bench-${m}min.json" \
    | tee "$out/bench-${m}min.txt"
done

echo
printf '%-8s %9s %9s %7s %6s %8s %7s %7s %7s %7s %7s %9s %9s\n' \
  session analysis decode ratio RTF cpuRatio decode* faceDet* expr* vad* voice* RSS_MiB heap_MiB
for m in $minutes; do
  jq -r --arg m "${m}min" '[$m, .analysisSeconds, .decodeOnlySeconds, .analysisToDecode, .realTimeFactor,
      (.analysisToDecodeCpu // 0), .stageSeconds.decode, .stageSeconds.faceDetection,
      .stageSeconds.expression, .stageSeconds.vad, .stageSeconds.voiceFeatures,
      (.peakRssMiB // 0), .peakHeapMiB] | @tsv' "$out/bench-${m}min.json" \
    | awk -F'\t' '{ printf "%-8s %9.2f %9.2f %7.2f %6.2f %8.2f %7.1f %7.1f %7.1f %7.1f %7.1f %9.0f %9.0f\n",
        $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13 }'
done
echo "(seconds; ratio = analysis / decode-only wall time; * = thread seconds per stage)"
if [ -f "$out/bench-5min.json" ] && [ -f "$out/bench-20min.json" ]; then
  jq -rn --slurpfile a "$out/bench-5min.json" --slurpfile b "$out/bench-20min.json" \
    '"peak RSS 20 min / 5 min: \($b[0].peakRssMiB) / \($a[0].peakRssMiB) MiB = \(($b[0].peakRssMiB / $a[0].peakRssMiB * 100 | round) / 100)"'
fi

echo
echo "bench: peer comparison (scripts/bench-peer.sh)" >&2
"$root/scripts/bench-peer.sh" "$media/s1.mp4" | tee "$out/bench-peer.txt"

echo
echo "bench: MoE vs dense fusion (sentio bench-fusion)" >&2
java ${SENTIO_JAVA_OPTS:--Xmx1g} -Dsentio.home="$root" -jar "$jar" bench-fusion \
  --json "$out/bench-fusion.json" | tee "$out/bench-fusion.txt"

echo
echo "bench: feature cache, first analysis vs cached re-analysis of the 5-minute session" >&2
cached_media="$media/s5.mp4"
[ -f "$cached_media" ] || "$root/scripts/make-bench-media.sh" 5 "$cached_media"
java ${SENTIO_JAVA_OPTS:--Xmx1g} -Dsentio.home="$root" -jar "$jar" bench "$cached_media" \
  --compare-cached --repeat "${SENTIO_BENCH_CACHE_REPEAT:-1}" --json "$out/bench-cache-5min.json" \
  | tee "$out/bench-cache-5min.txt"
