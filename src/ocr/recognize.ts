// One line of text → characters, by the recognition model alone (CTC,
// greedy). Each character keeps its probability and the next likely
// readings, which the proof-reader tries when a table does not add up.
import { resize, type Gray } from './image.js';
import { loadModels } from './models.js';

export const REC_HEIGHT = 48;

export interface CharReading {
  ch: string;
  p: number;
  /** Other readings of the same position, most likely first (at most 3). */
  alts: { ch: string; p: number }[];
}

export interface Reading {
  text: string;
  /** The least certain character's probability (1 for an empty reading with no ink). */
  confidence: number;
  chars: CharReading[];
}

/** The recogniser's input: grey → 3 channels scaled to [0, 1], 48 px high (notes/ocr.md). */
function tensorData(line: Gray): { data: Float32Array; width: number } {
  const width = Math.max(REC_HEIGHT / 2, Math.min(3200, Math.round((line.width * REC_HEIGHT) / Math.max(1, line.height))));
  const img = resize(line, width, REC_HEIGHT);
  const plane = width * REC_HEIGHT;
  const data = new Float32Array(3 * plane);
  for (let i = 0; i < plane; i++) {
    const v = img.data[i]! / 255;
    data[i] = v;
    data[plane + i] = v;
    data[2 * plane + i] = v;
  }
  return { data, width };
}

export function decode(probs: Float32Array, steps: number, classes: string[]): Reading {
  const n = classes.length;
  const chars: CharReading[] = [];
  let prev = 0;
  for (let t = 0; t < steps; t++) {
    const row = probs.subarray(t * n, (t + 1) * n);
    let best = 0;
    for (let k = 1; k < n; k++) if (row[k]! > row[best]!) best = k;
    if (best !== 0 && best !== prev) {
      const alts: { k: number; p: number }[] = [];
      for (let k = 1; k < n; k++) {
        if (k === best || row[k]! < 0.001) continue;
        alts.push({ k, p: row[k]! });
      }
      alts.sort((a, b) => b.p - a.p);
      chars.push({ ch: classes[best]!, p: row[best]!, alts: alts.slice(0, 3).map((a) => ({ ch: classes[a.k]!, p: a.p })) });
    } else if (best !== 0 && best === prev) {
      // The same character over several steps: keep its most certain step.
      const c = chars[chars.length - 1]!;
      if (row[best]! > c.p) c.p = row[best]!;
    }
    prev = best;
  }
  const text = chars.map((c) => c.ch).join('').trim();
  return { text, confidence: chars.length > 0 ? Math.min(...chars.map((c) => c.p)) : 1, chars };
}

/** Reads one line image (dark text on light paper). */
export async function recognize(line: Gray): Promise<Reading> {
  const { ort, rec, classes } = await loadModels();
  const { data, width } = tensorData(line);
  const input = new ort.Tensor('float32', data, [1, 3, REC_HEIGHT, width]);
  const out = await rec.run({ [rec.inputNames[0]!]: input });
  const tensor = out[rec.outputNames[0]!]!;
  const steps = tensor.dims[1]!;
  const reading = decode(tensor.data as Float32Array, steps, classes);
  input.dispose?.();
  tensor.dispose?.();
  return reading;
}
