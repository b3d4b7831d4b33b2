// Just enough of the PDF syntax to follow a page to its picture's encoded
// bytes (pdfjs keeps its parser in the worker and hands out only decoded
// pixels). Objects are found by scanning for `n g obj`, the last one winning
// as an incremental update would; objects inside object streams are not
// found, and whoever asks then falls back to pdfjs. Pure: bytes in, values out.
import { inflateSync } from 'node:zlib';

export interface Ref {
  ref: number;
}
export type PdfValue = number | string | boolean | null | Ref | PdfValue[] | PdfDict | { name: string };
export interface PdfDict {
  dict: Record<string, PdfValue>;
  /** Where the stream's bytes start, when the dictionary opens a stream. */
  streamAt?: number;
}

const WS = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]);
const DELIM = new Set([...'()<>[]{}/%'].map((c) => c.charCodeAt(0)));

/** Tokens of PDF syntax from `at`: numbers, names, keywords, delimiters; strings are skipped whole. */
export class Lexer {
  constructor(readonly buf: Buffer, public at = 0) {}

  next(): string | undefined {
    const b = this.buf;
    for (;;) {
      while (this.at < b.length && WS.has(b[this.at]!)) this.at++;
      if (b[this.at] !== 0x25) break; // % comment to the end of the line
      while (this.at < b.length && b[this.at] !== 0x0a && b[this.at] !== 0x0d) this.at++;
    }
    if (this.at >= b.length) return undefined;
    const c = b[this.at]!;
    const start = this.at;
    if (c === 0x28) {
      for (let depth = 0; this.at < b.length; this.at++) {
        if (b[this.at] === 0x5c) this.at++;
        else if (b[this.at] === 0x28) depth++;
        else if (b[this.at] === 0x29 && --depth === 0) break;
      }
      this.at++;
      return '()';
    }
    if ((c === 0x3c || c === 0x3e) && b[this.at + 1] === c) {
      this.at += 2;
      return c === 0x3c ? '<<' : '>>';
    }
    if (c === 0x3c) {
      while (this.at < b.length && b[this.at] !== 0x3e) this.at++;
      this.at++;
      return '<>';
    }
    if (DELIM.has(c) && c !== 0x2f) {
      this.at++;
      return String.fromCharCode(c);
    }
    this.at++;
    while (this.at < b.length && !WS.has(b[this.at]!) && !DELIM.has(b[this.at]!)) this.at++;
    return b.toString('latin1', start, this.at);
  }
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)$/;

export class PdfFile {
  private readonly offsets = new Map<number, number>();
  /** Its streams are encrypted: their stored bytes are no JPEG and no content. */
  readonly encrypted: boolean;

  constructor(readonly buf: Buffer) {
    this.encrypted = buf.indexOf('/Encrypt') >= 0;
    // `num gen obj`, found from each `obj` backwards (Buffer.indexOf is native; a string of a 100 MB file is not free).
    const digit = (c: number | undefined) => c !== undefined && c >= 0x30 && c <= 0x39;
    for (let at = buf.indexOf('obj'); at >= 0; at = buf.indexOf('obj', at + 3)) {
      const next = buf[at + 3];
      if (next !== undefined && !WS.has(next) && !DELIM.has(next)) continue;
      let i = at - 1;
      const digitsBack = () => {
        if (!WS.has(buf[i]!)) return -1;
        while (i >= 0 && WS.has(buf[i]!)) i--;
        const end = i;
        while (digit(buf[i])) i--;
        return end > i ? end : -1;
      };
      if (digitsBack() < 0) continue;
      const end = digitsBack();
      if (end < 0 || buf[i] === 0x2e) continue;
      this.offsets.set(Number(buf.toString('latin1', i + 1, end + 1)), at + 3);
    }
  }

  /** The object numbered `num`, or undefined when it is not found as a plain object. */
  object(num: number): PdfValue | undefined {
    const at = this.offsets.get(num);
    if (at === undefined) return undefined;
    const lex = new Lexer(this.buf, at);
    const v = this.value(lex, lex.next());
    if (v && typeof v === 'object' && 'dict' in v) {
      const save = lex.at;
      if (lex.next() === 'stream') {
        let s = lex.at;
        if (this.buf[s] === 0x0d) s++;
        if (this.buf[s] === 0x0a) s++;
        v.streamAt = s;
      } else lex.at = save;
    }
    return v;
  }

  resolve(v: PdfValue | undefined, depth = 0): PdfValue | undefined {
    return v && typeof v === 'object' && 'ref' in v && depth < 8 ? this.resolve(this.object(v.ref), depth + 1) : v;
  }

  /** A stream's bytes as stored (its filters not applied); undefined when its length cannot be told. */
  rawStream(s: PdfDict): Buffer | undefined {
    const len = this.resolve(s.dict.Length);
    if (s.streamAt === undefined || typeof len !== 'number' || len < 0 || s.streamAt + len > this.buf.length) return undefined;
    return this.buf.subarray(s.streamAt, s.streamAt + len);
  }

  /** A content stream's bytes: stored as they are or Flate-compressed without predictor; anything else is undefined. */
  contentStream(s: PdfDict): Buffer | undefined {
    const raw = this.rawStream(s);
    const filters = filterNames(this.resolve(s.dict.Filter));
    if (!raw || !filters || s.dict.DecodeParms !== undefined) return undefined;
    if (filters.length === 0) return raw;
    if (filters.length === 1 && filters[0] === 'FlateDecode') return inflateSync(raw);
    return undefined;
  }

  private value(lex: Lexer, tok: string | undefined): PdfValue | undefined {
    if (tok === undefined) return undefined;
    if (tok === '<<') {
      const dict: Record<string, PdfValue> = {};
      for (let k = lex.next(); k !== '>>'; k = lex.next()) {
        if (k === undefined || !k.startsWith('/')) return undefined;
        const v = this.value(lex, lex.next());
        if (v === undefined) return undefined;
        dict[k.slice(1)] = v;
      }
      return { dict };
    }
    if (tok === '[') {
      const arr: PdfValue[] = [];
      for (let t = lex.next(); t !== ']'; t = lex.next()) {
        const v = this.value(lex, t);
        if (v === undefined) return undefined;
        arr.push(v);
      }
      return arr;
    }
    if (tok.startsWith('/')) return { name: tok.slice(1) };
    if (tok === '()' || tok === '<>') return tok;
    if (tok === 'true' || tok === 'false') return tok === 'true';
    if (tok === 'null') return null;
    if (NUMBER.test(tok)) {
      // `n g R` is a reference: look two tokens ahead.
      if (/^\d+$/.test(tok)) {
        const save = lex.at;
        const g = lex.next(), r = lex.next();
        if (g !== undefined && /^\d+$/.test(g) && r === 'R') return { ref: Number(tok) };
        lex.at = save;
      }
      return Number(tok);
    }
    return undefined;
  }
}

export function name(v: PdfValue | undefined): string | undefined {
  return v && typeof v === 'object' && 'name' in v ? v.name : undefined;
}

export function dictOf(v: PdfValue | undefined): PdfDict | undefined {
  return v && typeof v === 'object' && 'dict' in v ? v : undefined;
}

/** A /Filter entry as a list of names ([] when absent), undefined when malformed. */
export function filterNames(v: PdfValue | undefined): string[] | undefined {
  if (v === undefined || v === null) return [];
  if (name(v)) return [name(v)!];
  if (Array.isArray(v) && v.every((x) => name(x))) return v.map((x) => name(x)!);
  return undefined;
}
