// The peer side of Sentio's face benchmark: @vladmandic/human on TensorFlow.js's WASM backend
// doing face detection, mesh and emotion on raw bgr24 frames, timed per frame like
// `sentio bench-faces` on the same file.
//
// Usage: node bench.mjs --raw FRAMES.bgr --size 1280x720 [--repeat N] [--warmup K]
//                       [--json OUT.json]
// FRAMES.bgr is what `ffmpeg -i VIDEO -vf fps=5 -pix_fmt bgr24 -f rawvideo FRAMES.bgr` writes.
import { createHash } from 'node:crypto';
import { closeSync, openSync, readFileSync, readSync, statSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const here = dirname(fileURLToPath(import.meta.url));
const modules = join(here, 'node_modules');

function fail(message) {
  console.error(`bench.mjs: ${message}`);
  process.exit(2);
}

function parseOptions() {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        raw: { type: 'string' },
        size: { type: 'string' },
        repeat: { type: 'string', default: '3' },
        warmup: { type: 'string', default: '5' },
        json: { type: 'string' },
      },
    }));
  } catch (e) {
    fail(`${e.message} (usage: --raw FRAMES.bgr --size WxH [--repeat N] [--warmup K] [--json OUT])`);
  }
  if (!values.raw) fail('--raw FRAMES.bgr is required');
  const size = /^(\d+)x(\d+)$/.exec(values.size ?? '');
  if (!size) fail(`--size must be WIDTHxHEIGHT such as 1280x720, got '${values.size ?? ''}'`);
  const width = Number(size[1]);
  const height = Number(size[2]);
  const frameBytes = width * height * 3;
  let length;
  try {
    length = statSync(values.raw).size;
  } catch {
    fail(`${values.raw}: no such file`);
  }
  if (frameBytes === 0 || length === 0 || length % frameBytes !== 0) {
    fail(`${values.raw}: ${length} bytes is not a whole number of ${width}x${height} bgr24 frames (${frameBytes} bytes each)`);
  }
  const repeat = Number(values.repeat);
  const warmup = Number(values.warmup);
  if (!Number.isInteger(repeat) || repeat < 1) fail(`--repeat must be a positive whole number, got '${values.repeat}'`);
  if (!Number.isInteger(warmup) || warmup < 0) fail(`--warmup must be a whole number, got '${values.warmup}'`);
  return { raw: values.raw, width, height, frameBytes, frames: length / frameBytes, repeat, warmup, json: values.json };
}

// Human reads models through fetch; Node's fetch cannot read file:// URLs. Serving file:// from
// disk and refusing everything else also guarantees that nothing is downloaded at run time.
function offlineFetch() {
  globalThis.fetch = async (url) => {
    const href = String(url);
    if (!href.startsWith('file://')) throw new Error(`bench.mjs refuses to fetch ${href}: everything loads from node_modules`);
    return new Response(await readFile(fileURLToPath(href)));
  };
}

function sha256(file) {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Reads the file one frame at a time into one reused buffer. */
function* frames(file, frameBytes) {
  const fd = openSync(file, 'r');
  const buffer = Buffer.allocUnsafe(frameBytes);
  try {
    for (let index = 0; ; index++) {
      let filled = 0;
      while (filled < frameBytes) {
        const n = readSync(fd, buffer, filled, frameBytes - filled, null);
        if (n === 0) break;
        filled += n;
      }
      if (filled < frameBytes) return;
      yield { index, buffer };
    }
  } finally {
    closeSync(fd);
  }
}

const options = parseOptions();
offlineFetch();
const require = createRequire(import.meta.url);
const humanPackage = join(modules, '@vladmandic/human');
const H = require(join(humanPackage, 'dist/human.node-wasm.js'));
const wasmBackend = require(join(modules, '@tensorflow/tfjs-backend-wasm'));

// Sentio's face path runs detection, the FaceMesh check and expression on every analysed frame,
// with the detector's defaults matched here (score 0.5, IoU 0.3, up to 10 faces). Human's caches
// (skip frames, skip time, input-change sensitivity) are turned off so that it does the same work.
const config = {
  backend: 'wasm',
  wasmPath: join(modules, '@tensorflow/tfjs-backend-wasm/dist') + '/',
  wasmPlatformFetch: false,
  modelBasePath: pathToFileURL(join(humanPackage, 'models')).href + '/',
  cacheModels: false,
  debug: false,
  async: true,
  warmup: 'none',
  cacheSensitivity: 0,
  skipAllowed: false,
  filter: { enabled: false },
  gesture: { enabled: false },
  face: {
    enabled: true,
    detector: { enabled: true, modelPath: 'blazeface.json', rotation: false, maxDetected: 10, minConfidence: 0.5, iouThreshold: 0.3, skipFrames: 0, skipTime: 0, return: false },
    mesh: { enabled: true, modelPath: 'facemesh.json', keepInvalid: false },
    emotion: { enabled: true, modelPath: 'emotion.json', minConfidence: 0, skipFrames: 0, skipTime: 0 },
    iris: { enabled: false },
    attention: { enabled: false },
    description: { enabled: false },
    antispoof: { enabled: false },
    liveness: { enabled: false },
    gear: { enabled: false },
  },
  body: { enabled: false },
  hand: { enabled: false },
  object: { enabled: false },
  segmentation: { enabled: false },
};

const human = new H.Human(config);
await human.load();
const tf = human.tf;
const backend = tf.getBackend();
if (backend !== 'wasm') fail(`Human runs on '${backend}', not on the WASM backend`);
const simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
// tfjs-backend-wasm 4.22 turns its threaded build off under Node (tensorflow/tfjs#3830), so this
// is expected to say single-threaded; it is read rather than assumed.
const multithread = await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT');
const threads = multithread ? wasmBackend.getThreadsCount() : 1;
// The comparison only means something if Human runs the very models Sentio's were converted from:
// each manifest names its source file and that file's sha256 and its weights' sha256.
const sentioModels = { blazeface: 'face-detector', facemesh: 'face-landmarks', emotion: 'face-expression' };
const models = {};
for (const [name, sentioName] of Object.entries(sentioModels)) {
  const graph = sha256(join(humanPackage, 'models', `${name}.json`));
  const weights = sha256(join(humanPackage, 'models', `${name}.bin`));
  const manifest = JSON.parse(readFileSync(join(here, '../../resources/models', sentioName, 'manifest.json'), 'utf8'));
  if (manifest.source.sha256 !== graph || manifest.source.weightsSha256 !== weights) {
    fail(`Human's ${name} model differs from the source of Sentio's ${sentioName} (${manifest.source.package} ${manifest.source.file})`);
  }
  models[name] = { graph, weights, sameAsSentio: sentioName };
}

const { width, height, frameBytes } = options;
const rgb = new Float32Array(width * height * 3);

/** One frame through Human: bgr24 bytes to an RGB tensor, then detection, mesh and emotion. */
async function analyse(bgr) {
  for (let i = 0; i < rgb.length; i += 3) {
    rgb[i] = bgr[i + 2];
    rgb[i + 1] = bgr[i + 1];
    rgb[i + 2] = bgr[i];
  }
  const input = tf.tensor4d(rgb, [1, height, width, 3], 'float32');
  try {
    const result = await human.detect(input);
    if (result.error) throw new Error(`Human failed on a frame: ${result.error}`);
    return result.face.filter((face) => face.emotion && face.emotion.length > 0).length;
  } finally {
    tf.dispose(input);
  }
}

for (const { index, buffer } of frames(options.raw, frameBytes)) {
  if (index >= options.warmup) break;
  await analyse(buffer);
}
const tensorsAfterWarmup = tf.memory().numTensors;

const passes = [];
for (let pass = 0; pass < options.repeat; pass++) {
  let seconds = 0;
  let cpuSeconds = 0;
  let faces = 0;
  let framesWithFace = 0;
  let count = 0;
  for (const { buffer } of frames(options.raw, frameBytes)) {
    const cpuStart = process.cpuUsage();
    const start = process.hrtime.bigint();
    const found = await analyse(buffer);
    seconds += Number(process.hrtime.bigint() - start) / 1e9;
    const cpu = process.cpuUsage(cpuStart);
    cpuSeconds += (cpu.user + cpu.system) / 1e6;
    faces += found;
    if (found > 0) framesWithFace++;
    count++;
  }
  passes.push({ seconds, cpuSeconds, faces, framesWithFace, frames: count });
  console.error(`human pass ${pass + 1}/${options.repeat}: ${count} frames in ${seconds.toFixed(2)} s (${(count / seconds).toFixed(2)} frames/s), faces on ${framesWithFace}`);
}
const leaked = tf.memory().numTensors - tensorsAfterWarmup;
if (leaked !== 0) console.error(`human: warning: ${leaked} tensors left behind after the timed passes`);

const seconds = median(passes.map((p) => p.seconds));
const summary = {
  tool: 'human',
  humanVersion: human.version,
  tfjsVersion: tf.version_core,
  backend,
  simd,
  threads,
  multithreaded: multithread,
  frames: passes[0].frames,
  width,
  height,
  repeat: options.repeat,
  warmupFrames: Math.min(options.warmup, options.frames),
  facesFound: passes[0].faces,
  framesWithFace: passes[0].framesWithFace,
  seconds,
  secondsPerPass: passes.map((p) => p.seconds),
  framesPerSecond: passes[0].frames / seconds,
  // The whole process's CPU time over the same spans as the wall time: on a busy machine it says
  // what the work costs whatever the share of the cores it got.
  cpuSecondsPerFrame: median(passes.map((p) => p.cpuSeconds)) / passes[0].frames,
  models,
  config,
};
console.log(`Human ${summary.humanVersion} on tfjs ${summary.tfjsVersion} (${backend}, SIMD ${simd ? 'on' : 'off'}, ${multithread ? `${threads} threads` : 'single-threaded'})`);
console.log('models            blazeface, facemesh, emotion: byte-identical to the sources of Sentio\'s face-detector, face-landmarks, face-expression');
console.log(`frames            ${summary.frames} (${width}x${height}), ${options.repeat} passes after ${summary.warmupFrames} warm-up frames`);
console.log(`seconds (median)  ${seconds.toFixed(3)}`);
console.log(`frames/s          ${summary.framesPerSecond.toFixed(2)}`);
console.log(`CPU s per frame   ${summary.cpuSecondsPerFrame.toFixed(4)}`);
console.log(`faces found       ${summary.facesFound} (on ${summary.framesWithFace} of ${summary.frames} frames)`);
if (options.json) writeFileSync(options.json, `${JSON.stringify(summary, null, 2)}\n`);
