'use strict';
// Tessera's local vision worker. One long-lived process, one image at a time.
//
// Protocol (Tessera's LocalVisionEngine is the only client):
//   start-up  -> one JSON line on stdout: {"ready":true,"loadMs":N,"backend":"wasm","model":"centernet"}
//                or {"fatal":"reason"} and exit code 2.
//   request   <- 4-byte little-endian length L, then L bytes: 512x512 RGB pixels (0-255, row-major),
//                already decoded and resized by Tessera's Imaging module, so this process never
//                parses an untrusted file format.
//   answer    -> one JSON line: {"labels":[{"label":"cat","score":0.81},...],"ms":N} (the best score
//                per COCO class, strongest first) or {"error":"reason"}.
// stdout carries the protocol only; everything else (tfjs banners, warnings) goes to stderr.

const fs = require('fs');
const path = require('path');

const log = (...args) => process.stderr.write(args.join(' ') + '\n');
console.log = log;
console.info = log;
console.warn = log;

const INPUT = 512;
const FRAME = INPUT * INPUT * 3;
const MAX_FRAME = FRAME; // anything else is a protocol error, never a big allocation
const LABELS = ['person', 'bicycle', 'car', 'motorcycle', 'airplane', 'bus', 'train', 'truck', 'boat',
  'traffic light', 'fire hydrant', 'stop sign', 'parking meter', 'bench', 'bird', 'cat', 'dog', 'horse',
  'sheep', 'cow', 'elephant', 'bear', 'zebra', 'giraffe', 'backpack', 'umbrella', 'handbag', 'tie',
  'suitcase', 'frisbee', 'skis', 'snowboard', 'sports ball', 'kite', 'baseball bat', 'baseball glove',
  'skateboard', 'surfboard', 'tennis racket', 'bottle', 'wine glass', 'cup', 'fork', 'knife', 'spoon',
  'bowl', 'banana', 'apple', 'sandwich', 'orange', 'broccoli', 'carrot', 'hot dog', 'pizza', 'donut',
  'cake', 'chair', 'couch', 'potted plant', 'bed', 'dining table', 'toilet', 'tv', 'laptop', 'mouse',
  'remote', 'keyboard', 'cell phone', 'microwave', 'oven', 'toaster', 'sink', 'refrigerator', 'book',
  'clock', 'vase', 'scissors', 'teddy bear', 'hair drier', 'toothbrush'];

function send(obj) {
  process.stdout.write(JSON.stringify(obj) + '\n');
}

function fatal(reason) {
  send({ fatal: String(reason) });
  process.exit(2);
}

// Reads the graph model from disk: tfjs's own loaders want a URL or the tfjs-node file system handler
// (whose install downloads a native binary), so a tiny IOHandler hands over the JSON and the weights.
function diskModel(jsonPath) {
  return {
    load: async () => {
      const json = JSON.parse(fs.readFileSync(jsonPath, 'utf8'));
      const specs = [];
      const buffers = [];
      for (const group of json.weightsManifest) {
        specs.push(...group.weights);
        for (const p of group.paths) buffers.push(fs.readFileSync(path.join(path.dirname(jsonPath), p)));
      }
      const all = Buffer.concat(buffers);
      return {
        modelTopology: json.modelTopology,
        weightSpecs: specs,
        weightData: all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength),
        format: json.format,
        generatedBy: json.generatedBy,
        convertedBy: json.convertedBy,
        signature: json.signature,
      };
    },
  };
}

async function main() {
  const started = Date.now();
  const tf = require('@tensorflow/tfjs');
  const wasm = require('@tensorflow/tfjs-backend-wasm');
  // One thread: Tessera scales by worker processes (Tessera:Vision:Local:Workers), not threads.
  if (wasm.setThreadsCount) wasm.setThreadsCount(1);
  await tf.setBackend('wasm');
  await tf.ready();
  const modelJson = process.env.TESSERA_VISION_MODEL
    || path.join(__dirname, 'node_modules', '@vladmandic', 'human', 'models', 'centernet.json');
  const model = await tf.loadGraphModel(diskModel(modelJson));
  // A first run compiles the kernels; doing it now keeps it out of the first image's time bound.
  tf.tidy(() => model.execute(tf.zeros([1, INPUT, INPUT, 3]), ['tower_0/detections']));
  send({ ready: true, loadMs: Date.now() - started, backend: tf.getBackend(), model: 'centernet' });

  const detect = (pixels) => {
    const t0 = Date.now();
    const rows = tf.tidy(() => {
      const input = tf.tensor4d(new Float32Array(pixels), [1, INPUT, INPUT, 3], 'float32');
      return model.execute(input, ['tower_0/detections']).arraySync()[0];
    });
    const best = new Map();
    for (const [, , , , score, cls] of rows) {
      if (!Number.isFinite(score) || !Number.isInteger(cls) || cls < 0 || cls >= LABELS.length) continue;
      const label = LABELS[cls];
      if (!best.has(label) || best.get(label) < score) best.set(label, score);
    }
    const labels = [...best.entries()]
      .map(([label, score]) => ({ label, score: Math.round(score * 10000) / 10000 }))
      .sort((a, b) => b.score - a.score);
    return { labels, ms: Date.now() - t0 };
  };

  // Frames arrive length-prefixed; chunks are gathered until a whole frame is there.
  let pending = Buffer.alloc(0);
  process.stdin.on('data', (chunk) => {
    pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
    while (pending.length >= 4) {
      const length = pending.readUInt32LE(0);
      if (length !== MAX_FRAME) fatal(`frame of ${length} bytes; expected ${FRAME} (512x512 RGB)`);
      if (pending.length < 4 + length) break;
      const frame = pending.subarray(4, 4 + length);
      pending = pending.subarray(4 + length);
      try {
        send(detect(frame));
      } catch (e) {
        send({ error: String(e && e.message ? e.message : e) });
      }
    }
  });
  process.stdin.on('end', () => process.exit(0));
}

main().catch((e) => fatal(e && e.stack ? e.stack : e));
