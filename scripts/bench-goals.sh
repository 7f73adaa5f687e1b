#!/usr/bin/env bash
# The goals part of scripts/bench.sh (run that; its header says what each goal measures).
# Usage: scripts/bench-goals.sh "GOALS" OUT
set -euo pipefail
[ $# -eq 2 ] || { echo "usage: scripts/bench.sh [--goals \"1 2 3 4 5\"] [OUT]" >&2; exit 2; }
goals=$1
out=$2
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
media="${SENTIO_BENCH_MEDIA:-$root/../bench}"
repeat="${SENTIO_BENCH_REPEAT:-3}"
levers="${SENTIO_BENCH_LEVERS:-}"
call_minutes="${SENTIO_BENCH_CALL_MINUTES:-30}"
long_minutes="${SENTIO_BENCH_LONG_MINUTES:-180}"
jobs_seconds="${SENTIO_BENCH_JOBS_SECONDS:-50}"
java_opts="${SENTIO_JAVA_OPTS:--Xmx1g}"
command -v jq >/dev/null || { echo "bench: jq is needed for the figures (apt-get install jq)" >&2; exit 2; }
command -v bc >/dev/null || { echo "bench: bc is needed for the verdicts (apt-get install bc)" >&2; exit 2; }
"$root/sentio" --version >/dev/null
mkdir -p "$out" "$media"
jar="$root/app/target/sentio-app.jar"
summary="$out/goals.txt"
: > "$summary"

load() { cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo "?"; }
sentio_java() { java $java_opts -Dsentio.home="$root" -jar "$jar" "$@"; }
# verdict FIGURE OP TARGET: PASS when FIGURE OP TARGET holds (OP is <= or >=).
verdict() {
  if [ "$(echo "$1 $2 $3" | bc -l)" -eq 1 ]; then echo PASS; else echo FAIL; fi
}
# report GOAL TEXT VERDICT [NOTE]: one line of the summary, printed and kept.
report() {
  printf '%-7s %-78s %s%s   (load %s)\n' "goal $1" "$2" "$3" "${4:+  $4}" "$(load)" | tee -a "$summary"
}
bench_media() {
  local file="$media/s$1.mp4"
  [ -f "$file" ] || "$root/scripts/make-bench-media.sh" "$1" "$file" >&2
  echo "$file"
}

for goal in $goals; do
  echo "bench: goal $goal, load average $(load)" >&2
  case $goal in
  1)
    file=$(bench_media 1)
    # shellcheck disable=SC2086
    sentio_java bench "$file" --asr off --repeat "$repeat" $levers --json "$out/goal1.json" \
      | tee "$out/goal1.txt"
    ratio=$(jq '.analysisToDecode' "$out/goal1.json")
    cpu=$(jq '.analysisToDecodeCpu // 0' "$out/goal1.json")
    report 1 "$(printf 'analysis / decode-only wall %.2f (target <= 1.3); CPU %.2f; levers: %s' \
      "$ratio" "$cpu" "${levers:-none}")" "$(verdict "$ratio" '<=' 1.3)"
    ;;
  2)
    call="$media/call$call_minutes.wav"
    [ -f "$call" ] || "$root/scripts/make-call-media.sh" "$call_minutes" "$call" >&2
    runs=$repeat
    [ "$call_minutes" -ge 5 ] && runs=1
    sentio_java bench "$call" --repeat "$runs" --compare-speech-alone --json "$out/goal2.json" \
      | tee "$out/goal2.txt"
    over=$(jq '.analysisToSpeechAlone' "$out/goal2.json")
    rtf=$(jq '.realTimeFactor' "$out/goal2.json")
    note=""
    [ "$call_minutes" -lt 30 ] && note="(stand-in: ${call_minutes}-minute call, not 30)"
    over_cpu=$(jq '.analysisToSpeechAloneCpu // 0' "$out/goal2.json")
    prints=$(jq '.stageSeconds.speakerPrints // 0' "$out/goal2.json")
    # The recogniser's own thread (with the x-vectors) over recognition alone, in CPU: the least
    # the wall ratio can be on an idle machine, everything else running beside it (ADR 0056).
    floor=$(jq '(.stageSeconds.speechRecognition // 0) / (.speechAloneCpuSeconds // 1)' "$out/goal2.json")
    report 2 "$(printf 'analysis / speech recognition alone %.2f (target <= 1.2); CPU %.2f; recogniser thread %.2f; prints on a second recogniser %.1f CPU s' \
      "$over" "$over_cpu" "$floor" "$prints")" "$(verdict "$over" '<=' 1.2)" "$note"
    report 2 "$(printf 'real-time factor %.2f on the %d-minute call (target >= 2)' "$rtf" "$call_minutes")" \
      "$(verdict "$rtf" '>=' 2)" "$note"
    ;;
  3)
    base=$(bench_media 1)
    set4=()
    # Four different files (cut at different key frames), so no result can be reused between them.
    for k in 0 2 4 6; do
      f="$media/jobs-$jobs_seconds-$k.mp4"
      [ -f "$f" ] || ffmpeg -v error -y -ss "$k" -i "$base" -t "$jobs_seconds" -c copy "$f"
      set4+=("$f")
    done
    cores=$(nproc)
    declare -A seconds=([1]=0 [$cores]=0)
    for round in 1 2; do
      for jobs in 1 "$cores"; do
        data=$(mktemp -d)
        start=$(date +%s.%N)
        # shellcheck disable=SC2086
        sentio_java analyze "${set4[@]}" --asr off --jobs "$jobs" $levers --quiet \
          --format json --out "$data/out" --data-dir "$data" > "$out/goal3-jobs$jobs-$round.txt"
        took=$(echo "$(date +%s.%N) - $start" | bc -l)
        rm -rf "$data"
        echo "bench: round $round, --jobs $jobs: 4 files in $took s (load $(load))" | tee -a "$out/goal3.txt" >&2
        seconds[$jobs]=$(echo "${seconds[$jobs]} + $took" | bc -l)
      done
    done
    one=$(echo "4 * 2 * 3600 / ${seconds[1]}" | bc -l)
    many=$(echo "4 * 2 * 3600 / ${seconds[$cores]}" | bc -l)
    gain=$(echo "$many / $one" | bc -l)
    report 3 "$(printf 'files/hour --jobs %d %.0f vs --jobs 1 %.0f: %.2fx (target >= 1.7; %d cores; %d-s files)' \
      "$cores" "$many" "$one" "$gain" "$cores" "$jobs_seconds")" "$(verdict "$gain" '>=' 1.7)"
    ;;
  4)
    log="$out/goal4-liveflow.log"
    camera=$(bench_media 1)
    (cd "$root" && mvn -B -q -pl app -am test -Dtest=LiveFlowTest -Dsentio.live.camera="$camera" \
      -Dsurefire.failIfNoSpecifiedTests=false) > "$log" 2>&1 || true
    line=$(grep -h "BENCHMARK live capture-to-screen" "$log" \
      "$root"/app/target/surefire-reports/*LiveFlowTest*-output.txt 2>/dev/null | tail -1 || true)
    if [ -z "$line" ]; then
      report 4 "LiveFlowTest failed before its benchmark line (see $log)" FAIL
    else
      echo "$line" | tee "$out/goal4.txt"
      p95=$(echo "$line" | sed -E 's/.*p95 ([0-9.]+) ms.*/\1/')
      fps=$(echo "$line" | sed -E 's/.* ([0-9.]+) frames\/s.*/\1/')
      ok=PASS
      [ "$(verdict "$p95" '<=' 150)" = PASS ] && [ "$(verdict "$fps" '>=' 15)" = PASS ] || ok=FAIL
      report 4 "$(printf 'live p95 %.1f ms at %.1f frames/s (target <= 150 ms at >= 15 frames/s)' "$p95" "$fps")" \
        "$ok" "(virtual camera: $(basename "$camera"), 1280x720 30 fps)"
    fi
    ;;
  5)
    short=$(bench_media 5)
    long=$(bench_media "$long_minutes")
    sentio_java bench "$short" --repeat 1 --json "$out/goal5-short.json" | tee "$out/goal5-short.txt"
    sentio_java bench "$long" --repeat 1 --json "$out/goal5-long.json" | tee "$out/goal5-long.txt"
    a=$(jq '.peakRssMiB' "$out/goal5-short.json")
    b=$(jq '.peakRssMiB' "$out/goal5-long.json")
    ratio=$(echo "$b / $a" | bc -l)
    note=""
    [ "$long_minutes" -lt 180 ] && note="(stand-in: ${long_minutes} minutes, not 3 hours)"
    report 5 "$(printf 'peak RSS %d min %.0f MiB / 5 min %.0f MiB = %.2f, ASR on (target <= 1.5)' \
      "$long_minutes" "$b" "$a" "$ratio")" "$(verdict "$ratio" '<=' 1.5)" "$note"
    ;;
  esac
done
# Goal 6 is measured where a GPU is: its figure is goal 1's ratio on CUDA (scripts/gpu-check.sh).
if [ -n "${SENTIO_BENCH_GPU:-}" ] && command -v nvidia-smi >/dev/null 2>&1 && nvidia-smi -L >/dev/null 2>&1; then
  if "$root/scripts/gpu-check.sh" "$out/gpu" > "$out/goal6.txt" 2>&1; then
    gpu=$(jq '.analysisToDecode' "$out/gpu/bench-cuda.json")
    report 6 "$(printf 'GPU: -Pgpu builds, --device cuda used; analysis / decode-only on CUDA %.2f (goal 1 target <= 1.3)' "$gpu")" \
      "$(verdict "$gpu" '<=' 1.3)"
  else
    report 6 "GPU: scripts/gpu-check.sh failed: $(tail -1 "$out/goal6.txt")" FAIL
  fi
else
  report 6 "GPU: not run (no NVIDIA GPU here, or SENTIO_BENCH_GPU unset); scripts/gpu-check.sh measures it" "NOT RUN"
fi
echo
echo "summary (also in $summary):"
cat "$summary"
