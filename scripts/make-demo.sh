#!/usr/bin/env bash
# Makes the demo session under resources/demo/ from real material: the public-domain photo
# ../shared/testdata/faces/astronaut.png as the video and speech synthesised by espeak-ng, with
# an SRT transcript whose cue times are the measured lengths of the spoken sentences.
# Needs ffmpeg, espeak-ng and sox (Debian packages of those names).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
shared="${SENTIO_SHARED_DIR:-$root/../shared}"
out="$root/resources/demo"
photo="$shared/testdata/faces/astronaut.png"
[ -f "$photo" ] || { echo "make-demo: $photo not found (set SENTIO_SHARED_DIR)" >&2; exit 2; }

sentences=(
  "Hello, and thank you so much for calling back."
  "I am really happy that you fixed my problem so quickly."
  "Honestly, this is wonderful service. I appreciate it."
  "Thank you again, and have a great day!"
)
gap=0.6
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

srt_time() { # seconds -> HH:MM:SS,mmm
  awk -v t="$1" 'BEGIN { ms = int(t * 1000 + 0.5); printf "%02d:%02d:%02d,%03d", ms / 3600000, (ms / 60000) % 60, (ms / 1000) % 60, ms % 1000 }'
}

sox -n -r 16000 -c 1 -b 16 "$work/gap.wav" trim 0 "$gap"
sox -n -r 16000 -c 1 -b 16 "$work/lead.wav" trim 0 0.5
parts=("$work/lead.wav")
t=0.5
: > "$out/demo.srt"
for i in "${!sentences[@]}"; do
  espeak-ng -v en-us -s 150 -w "$work/raw$i.wav" "${sentences[$i]}"
  sox "$work/raw$i.wav" -r 16000 -c 1 -b 16 "$work/s$i.wav"
  len=$(soxi -D "$work/s$i.wav")
  end=$(awk -v a="$t" -v b="$len" 'BEGIN { printf "%.3f", a + b }')
  printf '%d\n%s --> %s\n%s\n\n' "$((i + 1))" "$(srt_time "$t")" "$(srt_time "$end")" "${sentences[$i]}" >> "$out/demo.srt"
  parts+=("$work/s$i.wav" "$work/gap.wav")
  t=$(awk -v a="$end" -v g="$gap" 'BEGIN { printf "%.3f", a + g }')
done
sox "${parts[@]}" "$work/speech.wav"

total=$(soxi -D "$work/speech.wav")
ffmpeg -v error -y -loop 1 -framerate 25 -t "$total" -i "$photo" -i "$work/speech.wav" \
  -c:v libx264 -preset veryslow -tune stillimage -pix_fmt yuv420p -r 25 \
  -c:a aac -b:a 64k -ar 16000 -ac 1 -t "$total" -map_metadata -1 -fflags +bitexact \
  "$out/demo.mp4"
echo "make-demo: wrote $out/demo.mp4 ($total s) and $out/demo.srt"
