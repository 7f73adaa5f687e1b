#!/usr/bin/env bash
# Goal 6 of docs/performance.md: builds Sentio with the GPU build of ONNX Runtime (-Pgpu), then runs
# goal 1's benchmark (sentio bench on the 1-minute 720p30 file, --asr off) on the CPU and on CUDA,
# and prints both side by side. Meant to be run as it is on a machine with an NVIDIA GPU, its driver
# and CUDA 12 (with cuDNN 9, as ONNX Runtime's GPU build needs). Fails with one line when there is
# no GPU, or when ONNX Runtime could not use CUDA (it then names the reason it fell back).
# Usage: scripts/gpu-check.sh [OUT]   (default OUT: gpu-check-results)
# Environment: SENTIO_BENCH_MEDIA (folder of the media, default ../bench), SENTIO_BENCH_REPEAT
#              (runs of each, default 3), SENTIO_BENCH_LEVERS (sentio bench options, as bench.sh),
#              SENTIO_JAVA_OPTS (default -Xmx1g).
# Needs nvidia-smi, Maven (the first build downloads onnxruntime_gpu from Maven Central), jq,
# and ffmpeg, espeak-ng and sox to make the media.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:-gpu-check-results}"
media="${SENTIO_BENCH_MEDIA:-$root/../bench}"
repeat="${SENTIO_BENCH_REPEAT:-3}"
levers="${SENTIO_BENCH_LEVERS:-}"
java_opts="${SENTIO_JAVA_OPTS:--Xmx1g}"

if ! command -v nvidia-smi >/dev/null 2>&1 || ! nvidia-smi -L >/dev/null 2>&1; then
  echo "gpu-check: no NVIDIA GPU or driver on this machine (nvidia-smi missing or failing); run it where CUDA 12 is installed" >&2
  exit 2
fi
command -v jq >/dev/null || { echo "gpu-check: jq is needed (apt-get install jq)" >&2; exit 2; }
nvidia-smi -L
mkdir -p "$out" "$media"
echo "gpu-check: building with -Pgpu" >&2
(cd "$root" && mvn -B -q -Pgpu -DskipTests -Dspotless.check.skip=true package -pl app -am) \
  > "$out/build.log" 2>&1 || { tail -40 "$out/build.log" >&2; echo "gpu-check: the -Pgpu build failed (above; full log $out/build.log)" >&2; exit 1; }
file="$media/s1.mp4"
[ -f "$file" ] || "$root/scripts/make-bench-media.sh" 1 "$file"

for device in cpu cuda; do
  echo "gpu-check: goal 1's benchmark on $device" >&2
  # shellcheck disable=SC2086
  java $java_opts -Dsentio.home="$root" -jar "$root/app/target/sentio-app.jar" \
    bench "$file" --asr off --repeat "$repeat" --device "$device" $levers \
    --json "$out/bench-$device.json" | tee "$out/bench-$device.txt"
done

used=$(jq -r '.device' "$out/bench-cuda.json")
case "$used" in
  *"provider: CUDA"*) ;;
  *) echo "gpu-check: CUDA was asked for but ONNX Runtime did not use it: $used" >&2; exit 1 ;;
esac
echo
printf '%-8s %10s %10s %8s %8s %8s\n' device analysis decode ratio RTF cpuRatio
for device in cpu cuda; do
  jq -r --arg d "$device" '[$d, .analysisSeconds, .decodeOnlySeconds, .analysisToDecode,
      .realTimeFactor, (.analysisToDecodeCpu // 0)] | @tsv' "$out/bench-$device.json" \
    | awk -F'\t' '{ printf "%-8s %10.2f %10.2f %8.2f %8.2f %8.2f\n", $1, $2, $3, $4, $5, $6 }'
done
echo "(seconds; ratio = analysis / decode-only wall time, goal 1's target <= 1.3; load $(cut -d' ' -f1-3 /proc/loadavg))"
