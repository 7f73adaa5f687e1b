// Runs an ORIGINAL TF.js graph model with the pure-JavaScript CPU backend (the reference runtime
// for Sentio's converted ONNX models) and writes its outputs, for the parity test in fusion-model.
//
// usage: node parity.mjs <request.json> <response.json>
//   request:  {"model": "path/to/model.json", "outputs": ["Identity", ...],
//              "runs": [{"input": "path/to/input.f32", "shape": [1, 256, 256, 3]}, ...]}
//             each input file holds float32 little-endian values in row-major (NHWC) order.
//   response: {"backend": "cpu", "tfjs": "4.22.0",
//              "runs": [{"Identity": {"shape": [...], "data": [...]}, ...}, ...]}
//
// Node's fetch cannot read file:// URLs, so model.json and its shards are read from disk and
// handed to tf.io.fromMemory.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { loadGraphModel } from '@tensorflow/tfjs-converter';

async function loadModel(modelPath) {
  const json = JSON.parse(await readFile(modelPath, 'utf8'));
  const dir = path.dirname(modelPath);
  const weightSpecs = [];
  const shards = [];
  for (const group of json.weightsManifest) {
    weightSpecs.push(...group.weights);
    for (const shard of group.paths) shards.push(await readFile(path.join(dir, shard)));
  }
  const joined = Buffer.concat(shards);
  const weightData = joined.buffer.slice(joined.byteOffset, joined.byteOffset + joined.byteLength);
  const handler = tf.io.fromMemory({
    modelTopology: json.modelTopology,
    weightSpecs,
    weightData,
    format: json.format,
    generatedBy: json.generatedBy,
    convertedBy: json.convertedBy,
    signature: json.signature,
    userDefinedMetadata: json.userDefinedMetadata,
  });
  return loadGraphModel(handler);
}

async function main() {
  const [requestPath, responsePath] = process.argv.slice(2);
  if (!requestPath || !responsePath) {
    console.error('usage: node parity.mjs <request.json> <response.json>');
    process.exit(2);
  }
  await tf.setBackend('cpu');
  await tf.ready();
  const request = JSON.parse(await readFile(requestPath, 'utf8'));
  const model = await loadModel(request.model);
  const runs = [];
  for (const run of request.runs) {
    const bytes = await readFile(run.input);
    const values = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    const input = tf.tensor(values, run.shape, 'float32');
    let results = model.execute(input, request.outputs);
    if (!Array.isArray(results)) results = [results];
    const out = {};
    for (let i = 0; i < request.outputs.length; i++) {
      out[request.outputs[i]] = { shape: results[i].shape, data: Array.from(await results[i].data()) };
    }
    tf.dispose([input, ...results]);
    runs.push(out);
  }
  await writeFile(responsePath, JSON.stringify({ backend: tf.getBackend(), tfjs: tf.version_core, runs }));
}

main().catch((err) => {
  console.error(err && err.stack ? err.stack : String(err));
  process.exit(1);
});
