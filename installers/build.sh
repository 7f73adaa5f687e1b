#!/usr/bin/env bash
# Builds Sentio's installers for this OS with jpackage (JDK 17+), with a jlink'd runtime and the
# native libraries of this OS only, unpacked inside the image:
#   Linux:   installers/target/image/sentio (app-image), installers/target/sentio_VERSION_amd64.deb,
#            and an .rpm when rpmbuild is installed
#   Windows: .msi (needs the WiX Toolset 3; run in Git Bash)    macOS: .dmg (see README.md)
#
#   installers/build.sh [--skip-maven] [--types "app-image deb"] [--out DIR]
#
# --skip-maven uses app/target as it is (the acceptance test runs after the reactor built it).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
here="$root/installers"
out="$here/target"
skip_maven=false
types=""
while [ $# -gt 0 ]; do
  case "$1" in
    --skip-maven) skip_maven=true ;;
    --types) types="$2"; shift ;;
    --out) out="$2"; shift ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "build.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done

case "$(uname -s)" in
  Linux) os=linux; ort=linux-x64; sqlite="Linux/x86_64"; sqlite_lib=libsqlitejdbc.so
         cpp=linux-x86_64; default_types="app-image deb"
         command -v rpmbuild >/dev/null 2>&1 && default_types="$default_types rpm" ;;
  Darwin) os=macos; ort=osx-$( [ "$(uname -m)" = arm64 ] && echo aarch64 || echo x64 )
         sqlite="Mac/$( [ "$(uname -m)" = arm64 ] && echo aarch64 || echo x86_64 )"
         sqlite_lib=libsqlitejdbc.dylib; cpp=macosx-$( [ "$(uname -m)" = arm64 ] && echo arm64 || echo x86_64 )
         default_types="app-image dmg" ;;
  MINGW*|MSYS*|CYGWIN*) os=windows; ort=win-x64; sqlite="Windows/x86_64"; sqlite_lib=sqlitejdbc.dll
         cpp=windows-x86_64; default_types="app-image msi" ;;
  *) echo "build.sh: unsupported OS $(uname -s)" >&2; exit 1 ;;
esac
types="${types:-$default_types}"
for tool in jpackage unzip zip; do
  command -v "$tool" >/dev/null 2>&1 || { echo "build.sh: $tool is needed" >&2; exit 1; }
done

version="$(sed -n 's:.*<version>\([0-9][0-9.]*\)\(-SNAPSHOT\)\{0,1\}</version>.*:\1:p' "$root/pom.xml" | head -1)"
if [ "$skip_maven" = false ]; then
  echo "build.sh: building the application" >&2
  (cd "$root" && mvn -B -q -DskipTests -Dspotless.check.skip=true -Djavacpp.platform="$cpp" package -pl app -am)
fi
[ -f "$root/app/target/sentio-app.jar" ] || { echo "build.sh: app/target/sentio-app.jar is missing: run without --skip-maven" >&2; exit 1; }

rm -rf "$out"
input="$out/input"
native="$input/native"
mkdir -p "$input/lib" "$native"
cp "$root/app/target/sentio-app.jar" "$input/"
cp "$root/app/target/lib/"*.jar "$input/lib/"
cp -r "$root/resources" "$input/resources"
cp "$root/LICENSE" "$root/THIRD-PARTY-NOTICES.md" "$input/"

echo "build.sh: unpacking the $os natives into the image, dropping the other OSes'" >&2
for jar in "$input/lib/"onnxruntime*.jar; do
  unzip -q -j -o "$jar" "ai/onnxruntime/native/$ort/*" -d "$native"
  zip -q -d "$jar" 'ai/onnxruntime/native/*' >/dev/null
done
for jar in "$input/lib/"sqlite-jdbc-*.jar; do
  unzip -q -j -o "$jar" "org/sqlite/native/$sqlite/*" -d "$native"
  zip -q -d "$jar" 'org/sqlite/native/*' >/dev/null
done
for jar in "$input/lib/"*-linux-*.jar "$input/lib/"*-macosx-*.jar "$input/lib/"*-windows-*.jar; do
  [ -f "$jar" ] || continue
  if [[ "$jar" == *"-$cpp.jar" ]]; then
    # JavaCPP natives (FFmpeg, OpenCV, OpenBLAS, JavaCPP's own): the libraries only.
    unzip -q -j -o "$jar" "org/bytedeco/*/$cpp/*.so*" "org/bytedeco/*/$cpp/*.dylib" \
      "org/bytedeco/*/$cpp/*.dll" -x '*/include/*' -d "$native" 2>/dev/null || true
  fi
  rm "$jar"
done
# Vosk's jar carries libvosk for every OS; keep this OS's (it loads from the jar) and drop the rest.
case "$os" in linux) vosk_keep=linux-x86-64 ;; macos) vosk_keep=darwin ;; windows) vosk_keep=win32-x86-64 ;; esac
for jar in "$input/lib/"vosk-*.jar; do
  [ -f "$jar" ] || continue
  for dir in linux-x86-64 darwin win32-x86-64; do
    [ "$dir" = "$vosk_keep" ] || zip -q -d "$jar" "$dir/*" >/dev/null || true
  done
done
# OpenCV's Python binding is of no use to a Java application.
rm -f "$native"/cv2*.so "$native"/libjniopencv_python3.so

# shellcheck source=java-options.sh
. "$here/java-options.sh"
java_options=()
while IFS= read -r option; do java_options+=(--java-options "$option"); done \
  < <(sentio_java_options "$sqlite_lib")
associations=()
for f in "$here/associations/"*.properties; do associations+=(--file-associations "$f"); done

common=(
  --name sentio --app-version "$version" --vendor "Sentio"
  --description "Offline affect analysis of face, voice and words"
  --copyright "GPL-3.0-or-later"
)
# Linux uses the PNG; Windows needs sentio.ico and macOS sentio.icns (see README.md to make them).
icon=()
for candidate in "$here/$os/sentio.png" "$here/$os/sentio.ico" "$here/$os/sentio.icns"; do
  case "$os:$candidate" in
    linux:*.png|windows:*.ico|macos:*.icns) [ -f "$candidate" ] && icon=(--icon "$candidate") ;;
  esac
done
image_dir="$out/image"
echo "build.sh: jpackage app-image (jlink runtime)" >&2
start=$SECONDS
jpackage --type app-image "${common[@]}" --dest "$image_dir" \
  --input "$input" --main-jar sentio-app.jar --main-class org.sentio.app.Sentio \
  --add-modules java.base,java.desktop,java.management,java.sql,java.naming,java.logging,java.prefs,java.scripting,jdk.jsobject,jdk.unsupported,jdk.zipfs,jdk.localedata,jdk.security.auth,jdk.net \
  --jlink-options "--strip-debug --no-man-pages --no-header-files --strip-native-commands --include-locales=en,zh" \
  "${icon[@]}" "${java_options[@]}"

# dpkg-deb's default xz takes minutes on two cores; SENTIO_DEB_COMPRESSION=gzip (the CI test)
# trades size for time.
if [ -n "${SENTIO_DEB_COMPRESSION:-}" ]; then
  export DPKG_DEB_COMPRESSOR_TYPE="$SENTIO_DEB_COMPRESSION"
fi
for type in $types; do
  [ "$type" = app-image ] && continue
  echo "build.sh: jpackage $type (app-image took $((SECONDS - start)) s)" >&2
  start=$SECONDS
  extra=()
  case "$type" in
    deb|rpm) extra=(--resource-dir "$here/linux" --linux-package-name sentio --linux-shortcut
                    --linux-menu-group "AudioVideo;Science;" --linux-app-category misc
                    --linux-deb-maintainer "sentio@localhost" --license-file "$root/LICENSE") ;;
    msi) extra=(--resource-dir "$here/windows" --win-menu --win-shortcut --win-dir-chooser
                --win-upgrade-uuid 6f1c1b64-4f36-4c1e-9a3e-2f7d0b8c5e11 --license-file "$root/LICENSE") ;;
    dmg) extra=(--resource-dir "$here/macos" --mac-package-identifier org.sentio.app
                --license-file "$root/LICENSE") ;;
  esac
  jpackage --type "$type" "${common[@]}" --dest "$out" --app-image "$image_dir/sentio" \
    "${associations[@]}" "${extra[@]}"
done
echo "build.sh: done in ${SECONDS} s:" >&2
ls -1 "$out" | grep -v -e '^input$' >&2
