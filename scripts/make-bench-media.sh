#!/usr/bin/env bash
# Makes a 720p30 H.264/AAC recording of MINUTES minutes from real material for benchmarks: the
# public-domain astronaut photo, slowly panned so that every frame differs, and espeak-ng speech
# (the demo's sentences, repeated). Longer than 5 minutes, a 5-minute recording is encoded and
# repeated by stream copy (encoding 20 minutes of 720p takes over an hour on 2 shared cores).
# Usage: scripts/make-bench-media.sh MINUTES OUT.mp4
# Needs ffmpeg, espeak-ng and sox.
set -euo pipefail
[ $# -eq 2 ] || { echo "usage: $0 MINUTES OUT.mp4" >&2; exit 2; }
minutes=$1
out=$2
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
shared="${SENTIO_SHARED_DIR:-$root/../shared}"
photo="$shared/testdata/faces/astronaut.png"
[ -f "$photo" ] || { echo "make-bench-media: $photo not found (set SENTIO_SHARED_DIR)" >&2; exit 2; }
seconds=$((minutes * 60))
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

text=$(grep -v -E '^[0-9]+$|-->|^$' "$root/resources/demo/demo.srt" | tr '\n' ' ')
espeak-ng -v en-us -s 150 -w "$work/speech.wav" "$text"
sox "$work/speech.wav" -r 16000 -c 1 "$work/speech16.wav" pad 0 1.5
encoded=$seconds
target=$out
if [ "$minutes" -gt 5 ]; then
  encoded=300
  target="$work/segment.mp4"
fi
ffmpeg -v error -y -loop 1 -framerate 30 -t "$encoded" -i "$photo" \
  -stream_loop -1 -i "$work/speech16.wav" \
  -filter_complex "[0:v]scale=1600:1600,crop=1280:720:x='160+150*sin(t/7)':y='100+80*sin(t/11)',format=yuv420p[v]" \
  -map "[v]" -map 1:a -t "$encoded" -c:v libx264 -preset veryfast -crf 23 -g 60 -r 30 \
  -c:a aac -b:a 96k -ar 48000 -ac 2 "$target"
if [ "$target" != "$out" ]; then
  ffmpeg -v error -y -stream_loop $(((seconds + encoded - 1) / encoded - 1)) -i "$target" \
    -c copy -t "$seconds" "$out"
fi
echo "make-bench-media: wrote $out ($minutes min, 1280x720 30 fps)"
