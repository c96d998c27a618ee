/**
 * The run journal: one JSON line per finished run, appended as runs complete. It is what makes a
 * sweep resumable: a line is written with one write() (so it survives SIGKILL once written) and
 * fsync'd at least every FSYNC_MS (so a power cut loses at most the last fraction of a second of
 * runs, which are then simply run again). A torn last line is cut off on reopening.
 */
import { closeSync, existsSync, fsyncSync, ftruncateSync, openSync, readFileSync, writeSync } from "node:fs";
import { EngineError } from "../../errors.ts";

const FSYNC_MS = 200;

export interface RunRecord {
  run: number;
  point: number;
  replicate: number;
  seed: number;
  plans: {
    plan: string;
    /** NaN is stored as null (JSON has no NaN) and read back as NaN. */
    final: Record<string, number>;
    ticks?: { ticks: number[]; metrics: string[]; values: number[][] };
  }[];
}

/** Records of a journal in file order, and the byte length of its complete lines. */
export function readJournal(path: string): { records: RunRecord[]; validBytes: number } {
  if (!existsSync(path)) return { records: [], validBytes: 0 };
  const buf = readFileSync(path);
  const end = buf.lastIndexOf(0x0a) + 1; // a last line without "\n" was torn by a kill: ignore it
  const text = buf.subarray(0, end).toString("utf8");
  const records: RunRecord[] = [];
  let lineNo = 0;
  for (const line of text.split("\n")) {
    lineNo++;
    if (line === "") continue;
    let r: RunRecord;
    try {
      r = JSON.parse(line) as RunRecord;
    } catch {
      throw new EngineError(`${path}: line ${lineNo} is not a run record (the journal is damaged; move it away to start over)`);
    }
    for (const p of r.plans) for (const k of Object.keys(p.final)) p.final[k] ??= NaN;
    records.push(r);
  }
  return { records, validBytes: end };
}

export class JournalWriter {
  private fd: number;
  private lastSync = 0;
  private dirty = false;

  /** Open for appending, first cutting the file to `validBytes` (dropping a torn last line). */
  constructor(readonly path: string, validBytes: number) {
    this.fd = openSync(path, "a");
    ftruncateSync(this.fd, validBytes);
  }

  append(r: RunRecord): void {
    writeSync(this.fd, JSON.stringify(r) + "\n");
    this.dirty = true;
    const now = performance.now();
    if (now - this.lastSync >= FSYNC_MS) this.sync(now);
  }

  sync(now = performance.now()): void {
    if (!this.dirty) return;
    fsyncSync(this.fd);
    this.dirty = false;
    this.lastSync = now;
  }

  close(): void {
    this.sync();
    closeSync(this.fd);
  }
}
