/**
 * The run journal: one JSON line per finished run, appended as runs complete. It is what makes a
 * sweep resumable: a line is written with one write() (so it survives SIGKILL once written) and
 * fsync'd at least every FSYNC_MS (so a power cut loses at most the last fraction of a second of
 * runs, which are then simply run again). A torn last line is cut off on reopening. Each line ends
 * with a check (the first 16 hex digits of the SHA-256 of the record's JSON), so an edited or
 * damaged line is found on resume and merge instead of being taken for a result.
 */
import { createHash } from "node:crypto";
import { closeSync, fsyncSync, ftruncateSync, fstatSync, openSync, writeSync } from "node:fs";
import { z } from "zod";
import { ScenarioError } from "../../errors.ts";
import { notRegularFile, readRegularFile, writeError } from "../files.ts";

const FSYNC_MS = 200;
/** A journal is read whole: 4 GiB holds millions of runs (bigger sweeps are sharded). */
const MAX_JOURNAL_BYTES = 2 ** 32;

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

const Index = z.number().int().min(0).max(2 ** 31 - 1);
const Value = z.number().nullable();
/** The shape of a record as stored (NaN as null). */
const StoredRecord = z.strictObject({
  run: Index,
  point: Index,
  replicate: Index,
  seed: z.number().int().min(0).max(2 ** 32 - 1),
  plans: z
    .array(
      z.strictObject({
        plan: z.string().min(1),
        final: z.record(z.string().min(1), Value),
        ticks: z
          .strictObject({ ticks: z.array(Index).min(1), metrics: z.array(z.string().min(1)), values: z.array(z.array(Value)) })
          .refine((t) => t.values.length === t.metrics.length && t.values.every((v) => v.length === t.ticks.length), "expected one value per tick and metric")
          .optional(),
      }),
    )
    .min(1),
});

/** A record of the journal with its line number. */
export interface JournalEntry {
  record: RunRecord;
  line: number;
}

/** A line that is not a sound record: where, why, and its text (to set it aside). */
export interface DamagedLine {
  line: number;
  why: string;
  text: string;
}

const CHECK = /,"check":"([0-9a-f]{16})"\}$/;

function checkOf(json: string): string {
  return createHash("sha256").update(json).digest("hex").slice(0, 16);
}

/** A record as its journal line: the record's JSON with its check as the last field, and a newline. */
export function journalLine(r: RunRecord): string {
  const json = JSON.stringify(r);
  return `${json.slice(0, -1)},"check":"${checkOf(json)}"}\n`;
}

/** The record a line holds, or why it holds none. */
function parseLine(text: string): RunRecord | string {
  const m = CHECK.exec(text);
  if (!m) return "no check at its end: not a line this version wrote (edited, cut, or from another program)";
  const json = `${text.slice(0, m.index)}}`;
  if (checkOf(json) !== m[1]) return "its check does not match its contents (edited, or damaged on disk)";
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return "not JSON";
  }
  const r = StoredRecord.safeParse(raw);
  if (!r.success) {
    const i = r.error.issues[0];
    return `not a run record (${i.path.join(".") || "the record"}: ${i.message})`;
  }
  const record = r.data as RunRecord;
  for (const p of record.plans) {
    for (const k of Object.keys(p.final)) p.final[k] ??= NaN;
    for (const v of p.ticks?.values ?? []) v.forEach((x, j) => (v[j] = x ?? NaN));
  }
  return record;
}

/**
 * The records of a journal in file order, the lines that hold no sound record, and the byte length
 * of its complete lines (a last line without "\n" was torn by a kill and is ignored). A missing
 * journal is empty; one that is not a regular file is a ScenarioError.
 */
export function readJournal(path: string): { entries: JournalEntry[]; damaged: DamagedLine[]; validBytes: number } {
  if (notRegularFile(path).missing) return { entries: [], damaged: [], validBytes: 0 };
  const fail = (reason: string) =>
    new ScenarioError([{ path: "--out", message: `${path} (the journal): ${reason}` }], "output", `cannot read ${path}`);
  const buf = readRegularFile(path, MAX_JOURNAL_BYTES, fail);
  const end = buf.lastIndexOf(0x0a) + 1;
  const entries: JournalEntry[] = [];
  const damaged: DamagedLine[] = [];
  let line = 0;
  for (let at = 0; at < end; ) {
    const nl = buf.indexOf(0x0a, at);
    const text = buf.subarray(at, nl).toString("utf8");
    at = nl + 1;
    line++;
    if (text === "") continue;
    const r = parseLine(text);
    if (typeof r === "string") damaged.push({ line, why: r, text });
    else entries.push({ record: r, line });
  }
  return { entries, damaged, validBytes: end };
}

export class JournalWriter {
  private fd: number;
  private size: number;
  private lastSync = 0;
  private dirty = false;

  /** Open for appending, first cutting the file to `validBytes` (dropping a torn last line). */
  constructor(readonly path: string, validBytes: number) {
    try {
      this.fd = openSync(path, "a");
      ftruncateSync(this.fd, validBytes);
      this.size = fstatSync(this.fd).size;
    } catch (e) {
      throw writeError(path, e);
    }
  }

  /**
   * Append one record. A failed write (a full disk) is undone, so the journal keeps whole lines only,
   * and reported as a ScenarioError naming the journal.
   */
  append(r: RunRecord): void {
    const bytes = Buffer.from(journalLine(r));
    try {
      for (let done = 0; done < bytes.length; ) done += writeSync(this.fd, bytes, done);
    } catch (e) {
      try {
        ftruncateSync(this.fd, this.size);
      } catch {
        // the next reopening cuts a torn last line anyway
      }
      throw writeError(this.path, e, "--out", ": the runs finished before it are saved there; make room and run the same command again to continue");
    }
    this.size += bytes.length;
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
    try {
      this.sync();
    } finally {
      closeSync(this.fd);
    }
  }
}
