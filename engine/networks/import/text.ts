/**
 * Line-oriented text from byte chunks, for the streaming importers: lines are cut from the chunks
 * as they arrive (only a partial last line is carried over), fields are located as byte ranges, and
 * only the fields that are used are decoded. Binary data (a NUL byte), over-long lines and invalid
 * UTF-8 are reported with their line number.
 */
import { ScenarioError } from "../../errors.ts";

/** A line longer than this is not a line of an edge list or table. */
export const MAX_LINE_BYTES = 1 << 20;

/** A bad-file error naming the file and, where known, the line (exit code 2). */
export function fileError(source: string, line: number | undefined, message: string): ScenarioError {
  return new ScenarioError([{ path: line ? `${source}, line ${line}` : source, message }], source, `cannot read network file ${source}`);
}

/**
 * A field's text for an error message: shown when it is short and id-like ("4", "a.b"); otherwise
 * only its length, so a wrong file (say /etc/passwd) never has its contents echoed.
 */
export function quoteField(text: string): string {
  return text.length <= 20 && /^[\w.@+-]*$/.test(text) ? JSON.stringify(text) : `a text of ${text.length} character(s)`;
}

export type LineHandler = (buf: Uint8Array, start: number, end: number, line: number) => void;

/** Cuts byte chunks into lines (LF or CRLF) and hands each to `onLine` with its 1-based number. */
export class LineSplitter {
  /** Lines handed out so far. */
  line = 0;
  bytes = 0;
  private carry: Uint8Array | null = null;

  constructor(
    private readonly source: string,
    private readonly onLine: LineHandler,
  ) {}

  push(chunk: Uint8Array): void {
    const nul = chunk.indexOf(0);
    if (nul >= 0) {
      let line = this.line + 1;
      for (let k = 0; k < nul; k++) if (chunk[k] === 10) line++;
      throw fileError(this.source, line, "binary data (a NUL byte): expected a text file (is it compressed? name it .gz)");
    }
    this.bytes += chunk.length;
    let pos = 0;
    if (this.carry) {
      const nl = chunk.indexOf(10);
      const head = nl < 0 ? chunk : chunk.subarray(0, nl);
      const joined = new Uint8Array(this.carry.length + head.length);
      joined.set(this.carry);
      joined.set(head, this.carry.length);
      if (nl < 0) {
        this.tooLong(joined.length);
        this.carry = joined;
        return;
      }
      this.carry = null;
      this.emit(joined, 0, joined.length);
      pos = nl + 1;
    }
    for (;;) {
      const nl = chunk.indexOf(10, pos);
      if (nl < 0) break;
      this.emit(chunk, pos, nl);
      pos = nl + 1;
    }
    if (pos < chunk.length) {
      this.tooLong(chunk.length - pos);
      this.carry = chunk.slice(pos);
    }
  }

  /** Flush a last line without a newline. */
  end(): void {
    if (this.carry) {
      const c = this.carry;
      this.carry = null;
      this.emit(c, 0, c.length);
    }
  }

  private emit(buf: Uint8Array, start: number, end: number): void {
    this.line++;
    if (end - start > MAX_LINE_BYTES) this.tooLong(end - start);
    if (end > start && buf[end - 1] === 13) end--;
    this.onLine(buf, start, end, this.line);
  }

  private tooLong(length: number): void {
    if (length > MAX_LINE_BYTES)
      throw fileError(this.source, this.line + 1, `a line longer than ${MAX_LINE_BYTES} bytes: expected a line-oriented text file`);
  }
}

/** Byte ranges of the fields of one line; grows as needed and is reused from line to line. */
export class Fields {
  count = 0;
  start = new Int32Array(16);
  end = new Int32Array(16);
  /** The field was quoted ("…"): its text may contain doubled quotes. */
  quoted = new Uint8Array(16);

  push(s: number, e: number, q: boolean): void {
    if (this.count === this.start.length) {
      const grow = <T extends Int32Array | Uint8Array>(a: T, make: (n: number) => T): T => {
        const b = make(a.length * 2);
        b.set(a);
        return b;
      };
      this.start = grow(this.start, (n) => new Int32Array(n));
      this.end = grow(this.end, (n) => new Int32Array(n));
      this.quoted = grow(this.quoted, (n) => new Uint8Array(n));
    }
    this.start[this.count] = s;
    this.end[this.count] = e;
    this.quoted[this.count] = q ? 1 : 0;
    this.count++;
  }
}

const SPACE = 32, TAB = 9, COMMA = 44, QUOTE = 34, HASH = 35, PERCENT = 37;

/** First non-blank byte of the line, or −1 for a blank line. */
export function firstByte(buf: Uint8Array, start: number, end: number): number {
  for (let k = start; k < end; k++) if (buf[k] !== SPACE && buf[k] !== TAB) return buf[k];
  return -1;
}

/** A blank line, or a comment: `#` (SNAP) or `%` (KONECT, Matrix Market) first. */
export function isSkippable(buf: Uint8Array, start: number, end: number): boolean {
  const b = firstByte(buf, start, end);
  return b === -1 || b === HASH || b === PERCENT;
}

/**
 * Split a line into fields. A line holding a comma is comma-separated (empty fields kept, fields
 * may be "quoted"); otherwise fields are separated by runs of spaces and tabs.
 */
export function splitFields(buf: Uint8Array, start: number, end: number, f: Fields, source: string, line: number): void {
  f.count = 0;
  let comma = false;
  for (let k = start; k < end; k++)
    if (buf[k] === COMMA) {
      comma = true;
      break;
    }
  if (!comma) {
    let k = start;
    while (k < end) {
      while (k < end && (buf[k] === SPACE || buf[k] === TAB)) k++;
      if (k >= end) break;
      const s = k;
      while (k < end && buf[k] !== SPACE && buf[k] !== TAB) k++;
      f.push(s, k, false);
    }
    return;
  }
  let k = start;
  for (;;) {
    while (k < end && (buf[k] === SPACE || buf[k] === TAB)) k++;
    if (k < end && buf[k] === QUOTE) {
      const s = ++k;
      for (;;) {
        if (k >= end) throw fileError(source, line, "a quoted field is not closed");
        if (buf[k] === QUOTE) {
          if (k + 1 < end && buf[k + 1] === QUOTE) k += 2;
          else break;
        } else k++;
      }
      f.push(s, k, true);
      k++;
      while (k < end && (buf[k] === SPACE || buf[k] === TAB)) k++;
      if (k < end && buf[k] !== COMMA) throw fileError(source, line, "unexpected text after a quoted field");
    } else {
      const s = k;
      while (k < end && buf[k] !== COMMA) k++;
      let e = k;
      while (e > s && (buf[e - 1] === SPACE || buf[e - 1] === TAB)) e--;
      f.push(s, e, false);
    }
    if (k >= end) return;
    k++; // the comma
  }
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** The field's text (ASCII fast path; UTF-8 otherwise; doubled quotes undone in quoted fields). */
export function fieldText(buf: Uint8Array, f: Fields, k: number, source: string, line: number): string {
  const s = f.start[k], e = f.end[k];
  let ascii = true;
  for (let i = s; i < e; i++)
    if (buf[i] >= 128) {
      ascii = false;
      break;
    }
  let text: string;
  if (ascii) {
    text = "";
    for (let i = s; i < e; i++) text += String.fromCharCode(buf[i]);
  } else {
    try {
      text = utf8.decode(buf.subarray(s, e));
    } catch {
      throw fileError(source, line, "bytes that are not UTF-8 text: expected a text file");
    }
  }
  return f.quoted[k] ? text.replaceAll('""', '"') : text;
}

/** The number a canonical decimal field stands for (no sign, no leading zero, ≤ 15 digits), else −1. */
export function fieldNumberKey(buf: Uint8Array, f: Fields, k: number): number {
  const s = f.start[k], e = f.end[k];
  const L = e - s;
  if (L === 0 || L > 15 || f.quoted[k] || (L > 1 && buf[s] === 48)) return -1;
  let v = 0;
  for (let i = s; i < e; i++) {
    const d = buf[i] - 48;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v;
}

/** A finite decimal number in the field, or NaN. */
export function fieldFloat(buf: Uint8Array, f: Fields, k: number, source: string, line: number): number {
  const t = fieldText(buf, f, k, source, line).trim();
  return /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t) ? Number(t) : NaN;
}
