// Runs @vladmandic/face-api 1.7.15's own FaceExpressionNet (the package's JavaScript, TF.js 4.22.0
// pure-JavaScript CPU backend) on RGB face crops and writes its outputs, for the parity test of
// Sentio's ONNX rebuild of that network (fusion-model FaceApiExpressionGraph).
//
// usage: node faceapi-parity.mjs <request.json> <response.json>
//   request:  {"runs": [{"input": "path/to/input.f32", "shape": [N, 112, 112, 3]}, ...]}
//             each input file holds float32 little-endian RGB values 0..255, row-major (NHWC).
//   response: {"backend": "cpu", "tfjs": "4.22.0", "faceapi": "1.7.15",
//              "runs": [{"probabilities": {"shape": [N, 7], "data": [...]},
//                        "features": {"shape": [N, 256], "data": [...]}}, ...]}
//
// The package's Node entry for TF.js without tfjs-node (dist/face-api.node-wasm.js) is used with the
// CPU backend; the weights are read from disk into a weight map (Node's fetch cannot read files).
import { readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const MODEL = path.join(here, 'node_modules/@vladmandic/face-api/model');

async function main() {
  const [requestPath, responsePath] = process.argv.slice(2);
  if (!requestPath || !responsePath) {
    console.error('usage: node faceapi-parity.mjs <request.json> <response.json>');
    process.exit(2);
  }
  const faceapi = require('@vladmandic/face-api/dist/face-api.node-wasm.js');
  const tf = faceapi.tf;
  await tf.setBackend('cpu');
  await tf.ready();
  const manifest = JSON.parse(await readFile(path.join(MODEL, 'face_expression_model-weights_manifest.json'), 'utf8'));
  const bin = await readFile(path.join(MODEL, 'face_expression_model.bin'));
  const weightMap = tf.io.decodeWeights(
    bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength), manifest[0].weights);
  const net = new faceapi.FaceExpressionNet();
  net.loadFromWeightMap(weightMap);
  const request = JSON.parse(await readFile(requestPath, 'utf8'));
  const runs = [];
  for (const run of request.runs) {
    const bytes = await readFile(run.input);
    const values = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    const batch = tf.tensor(values, run.shape, 'float32');
    const faces = tf.unstack(batch);
    const input = await faceapi.toNetInput(faces);
    const features = net.faceFeatureExtractor.forwardInput(input);
    const flat = tf.reshape(features, [run.shape[0], -1]);
    const probabilities = net.forwardInput(input);
    runs.push({
      probabilities: { shape: probabilities.shape, data: Array.from(await probabilities.data()) },
      features: { shape: flat.shape, data: Array.from(await flat.data()) },
    });
    tf.dispose([batch, ...faces, features, flat, probabilities]);
  }
  await writeFile(responsePath, JSON.stringify({
    backend: tf.getBackend(), tfjs: tf.version_core, faceapi: faceapi.version, runs,
  }));
}

main().catch((err) => {
  console.error(err && err.stack ? err.stack : String(err));
  process.exit(1);
});
