#!/usr/bin/env bash
# Builds a long two-party call recording from real speech for memory checks: eight turns of two
# RAVDESS actors (11 and 12, alternating A B A B B A B A, pauses of 0.6 s), each actor on their own
# channel (stereo) or mixed (mono), repeated until the file is MINUTES long. Needs sox.
# Usage: scripts/make-long-call.sh MINUTES OUT.wav [stereo|mono]
# Then: scripts/soak.sh OUT.wav   (peak RSS by quarter of the run)
set -euo pipefail
[ $# -ge 2 ] || { echo "usage: $0 MINUTES OUT.wav [stereo|mono]" >&2; exit 2; }
minutes=$1
out=$2
layout=${3:-stereo}
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data="$root/../shared/data/speech_ravdess_train"
[ -d "$data" ] || { echo "$data: not found (the shared RAVDESS clips)" >&2; exit 2; }
command -v sox >/dev/null || { echo "sox is needed (Debian: apt-get install sox)" >&2; exit 2; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

mapfile -t a < <(ls "$data"/Actor_11/*.flac | sort | head -4)
mapfile -t b < <(ls "$data"/Actor_12/*.flac | sort | head -4)
order=(0 1 0 1 1 0 1 0)
next=(0 0)
turns=()
for k in "${!order[@]}"; do
  s=${order[$k]}
  if [ "$s" -eq 0 ]; then clip=${a[${next[0]}]}; else clip=${b[${next[1]}]}; fi
  next[$s]=$(( next[$s] + 1 ))
  sox "$clip" -r 16000 -c 1 -b 16 "$work/voice$k.wav" pad 0 0.6
  sox "$work/voice$k.wav" "$work/quiet$k.wav" vol 0
  if [ "$layout" = mono ]; then
    cp "$work/voice$k.wav" "$work/turn$k.wav"
  elif [ "$s" -eq 0 ]; then
    sox -M "$work/voice$k.wav" "$work/quiet$k.wav" "$work/turn$k.wav"
  else
    sox -M "$work/quiet$k.wav" "$work/voice$k.wav" "$work/turn$k.wav"
  fi
  turns+=("$work/turn$k.wav")
done
sox "${turns[@]}" "$work/unit.wav"
unit=$(soxi -D "$work/unit.wav")
repeats=$(awk -v m="$minutes" -v u="$unit" 'BEGIN { r = int(m * 60 / u + 0.999); print (r < 1 ? 0 : r - 1) }')
sox "$work/unit.wav" "$out" repeat "$repeats"
echo "$out: $(soxi -d "$out") ($layout, $(( repeats + 1 )) × ${unit} s)"
