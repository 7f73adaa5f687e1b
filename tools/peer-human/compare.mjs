// Puts the per-round JSON of `sentio bench-faces` and bench.mjs side by side: a table on stdout
// and one JSON file. Rounds alternate Sentio and Human, so each round's ratio is measured under
// the same machine load; the headline figures are medians over the rounds.
//
// Usage: node compare.mjs --video V --out OUT.json --sentio S1.json,S2.json.. --human H1.json,H2.json..
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    video: { type: 'string' },
    seconds: { type: 'string' },
    command: { type: 'string' },
    out: { type: 'string' },
    sentio: { type: 'string' },
    human: { type: 'string' },
  },
});
const read = (list) => list.split(',').map((file) => JSON.parse(readFileSync(file, 'utf8')));
const sentio = read(values.sentio);
const human = read(values.human);
if (sentio.length !== human.length) throw new Error('compare.mjs: each round needs one Sentio and one Human result');

function median(numbers) {
  const sorted = [...numbers].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const rounds = sentio.map((s, i) => ({
  sentioFramesPerSecond: s.framesPerSecond,
  humanFramesPerSecond: human[i].framesPerSecond,
  ratio: s.framesPerSecond / human[i].framesPerSecond,
}));
const sentioFps = median(rounds.map((r) => r.sentioFramesPerSecond));
const humanFps = median(rounds.map((r) => r.humanFramesPerSecond));
const result = {
  video: values.video,
  secondsAsked: Number(values.seconds),
  mediaSeconds: sentio[0].frames / 5,
  command: values.command,
  frames: sentio[0].frames,
  size: `${sentio[0].width}x${sentio[0].height}`,
  rounds: rounds.length,
  sentio: {
    framesPerSecond: sentioFps,
    seconds: median(sentio.map((s) => s.seconds)),
    facesFound: sentio[0].facesFound,
    framesWithFace: sentio[0].framesWithFace,
    cpuSecondsPerFrame: median(sentio.map((s) => s.cpuSecondsPerFrame)),
    provider: sentio[0].provider,
    intraOpThreads: sentio[0].intraOpThreads,
    version: sentio[0].sentioVersion,
  },
  human: {
    framesPerSecond: humanFps,
    seconds: median(human.map((h) => h.seconds)),
    facesFound: human[0].facesFound,
    framesWithFace: human[0].framesWithFace,
    cpuSecondsPerFrame: median(human.map((h) => h.cpuSecondsPerFrame)),
    backend: human[0].backend,
    simd: human[0].simd,
    threads: human[0].threads,
    version: human[0].humanVersion,
    tfjsVersion: human[0].tfjsVersion,
    config: human[0].config,
  },
  ratioOfMedians: sentioFps / humanFps,
  medianRoundRatio: median(rounds.map((r) => r.ratio)),
  cpuRatioHumanToSentio: median(human.map((h) => h.cpuSecondsPerFrame)) / median(sentio.map((s) => s.cpuSecondsPerFrame)),
  perRound: rounds,
  cpuCores: sentio[0].cpuCores,
};

const row = (label, a, b) => console.log(`${label.padEnd(22)}${String(a).padEnd(40)}${b}`);
console.log(`${values.video}: ${result.frames} frames (${result.size}, 5 per second of video), ${rounds.length} alternating rounds, medians`);
row('', 'Sentio', 'Human');
const threads = (n) => `${n} thread${n === 1 ? '' : 's'}`;
row('runtime', `ONNX Runtime ${result.sentio.provider}, ${threads(result.sentio.intraOpThreads)}`, `TF.js ${result.human.tfjsVersion} ${result.human.backend}${result.human.simd ? ' SIMD' : ''}, ${threads(result.human.threads)}`);
row('frames/s', sentioFps.toFixed(2), humanFps.toFixed(2));
row('seconds', result.sentio.seconds.toFixed(2), result.human.seconds.toFixed(2));
row('CPU s per frame', result.sentio.cpuSecondsPerFrame.toFixed(4), result.human.cpuSecondsPerFrame.toFixed(4));
row('faces found', `${result.sentio.facesFound} (${result.sentio.framesWithFace} frames)`, `${result.human.facesFound} (${result.human.framesWithFace} frames)`);
console.log(`ratio Sentio/Human    ${result.ratioOfMedians.toFixed(2)}× frames/s (of the medians); per round ${rounds.map((r) => r.ratio.toFixed(2)).join(', ')}, median ${result.medianRoundRatio.toFixed(2)}×`);
console.log(`CPU Human/Sentio      ${result.cpuRatioHumanToSentio.toFixed(2)}× (CPU seconds per frame; above 1: Sentio does a frame's work on less CPU)`);
writeFileSync(values.out, `${JSON.stringify(result, null, 2)}\n`);
console.log(`wrote ${values.out}`);
