#!/usr/bin/env bash
# Sentio's face path beside a peer on the same frames: @vladmandic/human on TensorFlow.js's WASM
# backend (tools/peer-human) doing face detection, mesh and emotion. Extracts the first SECONDS
# seconds of VIDEO once at 5 frames/s as raw bgr24, then times `sentio bench-faces` and the peer in
# alternating rounds (one timed pass each per round, after a warm-up), and prints frames/s, faces
# found and the ratio Sentio/Human (medians over the rounds).
# Usage: scripts/bench-peer.sh VIDEO [SECONDS]      (default 60 s)
# Environment: BENCH_ROUNDS (default 3), BENCH_OUT (JSON file; default
# target/bench-peer/VIDEO-NAME.json), BENCH_SENTIO_THREADS (ONNX Runtime intra-op threads for
# Sentio; default 0: Sentio's default, what `sentio analyze` uses). Needs ffmpeg, ffprobe and Node.js 20 with npm.
set -euo pipefail
[ $# -ge 1 ] && [ $# -le 2 ] || { echo "usage: $0 VIDEO [SECONDS]" >&2; exit 2; }
video=$1
seconds=${2:-60}
rounds=${BENCH_ROUNDS:-3}
sentio_threads=${BENCH_SENTIO_THREADS:-0}
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
peer="$root/tools/peer-human"
name="$(basename "${video%.*}")"
out="${BENCH_OUT:-$root/target/bench-peer/$name.json}"

[ -f "$video" ] || { echo "bench-peer: $video: no such file" >&2; exit 2; }
[[ "$seconds" =~ ^[0-9]+$ ]] && [ "$seconds" -gt 0 ] ||
  { echo "bench-peer: SECONDS must be a whole number above 0, got '$seconds'" >&2; exit 2; }
[[ "$rounds" =~ ^[0-9]+$ ]] && [ "$rounds" -gt 0 ] ||
  { echo "bench-peer: BENCH_ROUNDS must be a whole number above 0, got '$rounds'" >&2; exit 2; }
[[ "$sentio_threads" =~ ^[0-9]+$ ]] ||
  { echo "bench-peer: BENCH_SENTIO_THREADS must be a whole number, got '$sentio_threads'" >&2; exit 2; }
for tool in ffmpeg ffprobe node npm; do
  command -v "$tool" >/dev/null || { echo "bench-peer: $tool is needed" >&2; exit 2; }
done

size="$(ffprobe -v error -select_streams v:0 -show_entries stream=width,height -of csv=s=x:p=0 "$video")"
[ -n "$size" ] || { echo "bench-peer: $video has no video stream" >&2; exit 2; }

if [ ! -d "$peer/node_modules" ]; then
  echo "bench-peer: installing the peer (npm ci --prefix tools/peer-human)" >&2
  npm ci --prefix "$peer" --no-audit --no-fund >&2
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
raw="$work/frames.bgr"
ffmpeg -v error -t "$seconds" -i "$video" -vf fps=5 -pix_fmt bgr24 -f rawvideo "$raw"
frame_bytes=$((${size%x*} * ${size#*x} * 3))
echo "bench-peer: $(($(stat -c %s "$raw") / frame_bytes)) frames of $size from the first $seconds s of $video" >&2

sentio_json=()
human_json=()
for ((i = 1; i <= rounds; i++)); do
  echo "bench-peer: round $i/$rounds" >&2
  "$root/sentio" bench-faces --raw "$raw" --size "$size" --repeat 1 --threads "$sentio_threads" \
    --json "$work/sentio-$i.json" >&2
  node "$peer/bench.mjs" --raw "$raw" --size "$size" --repeat 1 --json "$work/human-$i.json" >&2
  sentio_json+=("$work/sentio-$i.json")
  human_json+=("$work/human-$i.json")
done

mkdir -p "$(dirname "$out")"
node "$peer/compare.mjs" --video "$video" --seconds "$seconds" --out "$out" \
  --command "BENCH_ROUNDS=$rounds BENCH_SENTIO_THREADS=$sentio_threads scripts/bench-peer.sh $*" \
  --sentio "$(IFS=,; echo "${sentio_json[*]}")" --human "$(IFS=,; echo "${human_json[*]}")"
