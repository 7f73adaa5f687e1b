#!/usr/bin/env bash
# Makes a two-speaker "call" of MINUTES minutes from real recorded speech for the speech-recognition
# benchmark: RAVDESS clips of actor 01 (male) and actor 02 (female) taking turns, 0.4 s apart,
# cycling through their 60 clips each until the length is reached (16 kHz mono WAV). The clips are
# read in place from ../shared/data (CC BY-NC-SA 4.0); the result is a local benchmark input, never
# committed.
# Usage: scripts/make-call-media.sh MINUTES OUT.wav
# Needs sox.
set -euo pipefail
[ $# -eq 2 ] || { echo "usage: $0 MINUTES OUT.wav" >&2; exit 2; }
minutes=$1
out=$2
[[ "$minutes" =~ ^[0-9]+$ ]] && [ "$minutes" -ge 1 ] || {
  echo "make-call-media: MINUTES must be a whole number of at least 1, not '$minutes'" >&2; exit 2; }
command -v sox >/dev/null || { echo "make-call-media: sox is needed (apt-get install sox)" >&2; exit 2; }
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
shared="${SENTIO_SHARED_DIR:-$root/../shared}"
clips="$shared/data/speech_ravdess_train"
[ -f "$clips/labels.csv" ] || { echo "make-call-media: $clips/labels.csv not found (set SENTIO_SHARED_DIR)" >&2; exit 2; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# path is the first column, actor the eighth (see ../shared/data/README.md).
mapfile -t first < <(awk -F, 'NR > 1 && $8 + 0 == 1 { print $1 }' "$clips/labels.csv")
mapfile -t second < <(awk -F, 'NR > 1 && $8 + 0 == 2 { print $1 }' "$clips/labels.csv")
[ "${#first[@]}" -gt 0 ] && [ "${#second[@]}" -gt 0 ] || {
  echo "make-call-media: no clips of actors 01 and 02 in $clips/labels.csv" >&2; exit 2; }
sox -n -r 16000 -c 1 -b 16 "$work/gap.wav" trim 0 0.4

target=$((minutes * 60))
total=0
i=0
list=()
while [ "$(echo "$total < $target" | bc)" -eq 1 ]; do
  for clip in "$clips/${first[$((i % ${#first[@]}))]}" "$clips/${second[$((i % ${#second[@]}))]}"; do
    list+=("$clip" "$work/gap.wav")
    total=$(echo "$total + $(soxi -D "$clip") + 0.4" | bc)
  done
  i=$((i + 1))
done
# sox opens every input at once; join in chunks to stay below the open-file limit.
parts=()
for ((k = 0; k < ${#list[@]}; k += 200)); do
  part="$work/part$k.wav"
  sox "${list[@]:k:200}" -r 16000 -c 1 -b 16 "$part"
  parts+=("$part")
done
sox "${parts[@]}" "$work/call.wav" trim 0 "$target"
mv "$work/call.wav" "$out"
echo "make-call-media: wrote $out ($minutes min, actors 01 and 02 taking turns, 16 kHz mono)"
