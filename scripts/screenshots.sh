#!/usr/bin/env bash
# Takes the README screenshots (docs/screenshots/{library,review,live,models}.png) of the desktop
# application in a virtual X server. Needs xvfb, libgtk-3-0 and imagemagick (Debian:
# apt-get install xvfb libgtk-3-0 imagemagick). Builds the application first.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
for tool in Xvfb import java mvn; do
  command -v "$tool" >/dev/null || { echo "screenshots.sh: $tool is missing (apt-get install xvfb imagemagick)" >&2; exit 1; }
done

mvn -B -q -Dstyle.color=never -DskipTests -Dspotless.check.skip=true package -pl app -am
jar="$root/app/target/sentio-app.jar"
out="$root/docs/screenshots"
mkdir -p "$out"
data="$(mktemp -d)"
display=":${SCREENSHOT_DISPLAY:-97}"
trap 'kill "${xvfb:-}" "${app:-}" 2>/dev/null || true; rm -rf "$data"' EXIT

# A library with the demo session (analysed by the command line) and a label on it.
java -Dsentio.home="$root" -jar "$jar" analyze resources/demo/demo.mp4 \
  --transcript resources/demo/demo.srt --title "Demo call: thanks for the fix" \
  --data-dir "$data" --out "$data/results" --quiet >/dev/null
java -Dsentio.home="$root" -jar "$jar" analyze --text "This is ridiculous, I want a refund now" \
  --title "Typed complaint" --data-dir "$data" --out "$data/results" --quiet >/dev/null

Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
sleep 2

shoot() { # NAME SECONDS ARGS...
  local name="$1" wait="$2"
  shift 2
  DISPLAY="$display" java -Dsentio.home="$root" -Dprism.order=sw \
    -cp "$jar" org.sentio.app.ui.DesktopLauncher --data-dir="$data" "$@" >"$data/$name.log" 2>&1 &
  app=$!
  sleep "$wait"
  DISPLAY="$display" import -window root "$out/$name.png"
  kill "$app" 2>/dev/null || true
  wait "$app" 2>/dev/null || true
  echo "screenshots.sh: $out/$name.png"
}

shoot library 12 --page=library
shoot review 20 --session=1
shoot live 30 --live --record
shoot models 14 --session=1 --page=models

# Review with speaker lanes, in English and in Simplified Chinese: a two-person mono call built from
# RAVDESS actors 12 (the agent, calm) and 11 (the customer, angry), recognised and told apart.
ravdess="$root/../shared/data/speech_ravdess_train"
if command -v sox >/dev/null && [ -d "$ravdess" ]; then
  parts=()
  i=0
  for clip in Actor_12/03-01-02-01-01-01-12 Actor_11/03-01-05-02-01-01-11 \
              Actor_12/03-01-02-01-02-01-12 Actor_11/03-01-05-02-02-01-11; do
    sox "$ravdess/$clip.flac" -r 16000 -c 1 -b 16 "$data/part$i.wav" pad 0 0.8
    parts+=("$data/part$i.wav")
    i=$((i + 1))
  done
  sox "${parts[@]}" "$data/two-party-call.wav"
  java -Dsentio.home="$root" -jar "$jar" analyze "$data/two-party-call.wav" --speakers 2 \
    --title "Two-party call" --data-dir "$data" --out "$data/results" --quiet >/dev/null
  call="$(java -Dsentio.home="$root" -jar "$jar" sessions list --data-dir "$data" \
    | awk '/Two-party call/ {print $1; exit}')"
  shoot review-speakers 30 --session="$call"
  printf 'language=zh-CN\n' >"$data/settings.properties"
  shoot review-speakers-zh 30 --session="$call"
  rm "$data/settings.properties"
fi
