#!/usr/bin/env bash
# Runs every test of Sentio (unit, model parity, end-to-end). Installs what the tests need first:
# Debian packages (a JDK, Maven, ffmpeg, espeak-ng and sox to make test media, Node.js and npm for
# the TF.js reference runtime) and the pinned npm packages of tools/convert.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

missing=()
need() { command -v "$1" >/dev/null 2>&1 || missing+=("$2"); }
need javac openjdk-17-jdk-headless
need mvn maven
need ffmpeg ffmpeg
need espeak-ng espeak-ng
need sox sox
need soxi sox
need node nodejs
need npm npm
need pdftotext poppler-utils
need pdftoppm poppler-utils
need chromium chromium
need fakeroot fakeroot
need xdg-desktop-menu xdg-utils  # the installer test runs the maintainer scripts with it
if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "test.sh: please install: ${missing[*]} (e.g. sudo apt-get install ${missing[*]})" >&2
    exit 1
  fi
  echo "test.sh: installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ ! -d tools/convert/node_modules ] || [ tools/convert/package-lock.json -nt tools/convert/node_modules ]; then
  echo "test.sh: installing the pinned npm packages of tools/convert" >&2
  npm ci --prefix tools/convert --no-audit --no-fund --loglevel=error
fi

exec mvn -B -ntp verify "$@"
