/** Small helpers shared by the benchmarks: machine description, memory sampling, formatting. */
import { execFileSync } from "node:child_process";
import os from "node:os";

export interface MachineInfo {
  cpu: string;
  cores: number;
  totalMemoryBytes: number;
  freeMemoryBytes: number;
  platform: string;
  node: string;
  v8: string;
  date: string;
  commit: string | null;
  /** os.loadavg() (1, 5, 15 min) when the bench started; other work on the machine skews timings. */
  loadAverage: number[];
}

/** Short HEAD commit, with a note when engine/ or scenarios/*.ts have uncommitted changes; null outside git. */
export function commitInfo(): string | null {
  let commit: string | null = null;
  try {
    const git = (...args: string[]) => execFileSync("git", args, { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
    commit = git("rev-parse", "--short", "HEAD") || null;
    // Uncommitted changes to what is measured make the commit alone misleading.
    if (commit && git("status", "--porcelain", "--", "engine", "scenarios/*.ts") !== "") commit += " + uncommitted changes in engine/ or scenarios/*.ts";
  } catch {
    commit = null;
  }
  return commit;
}

export function machineInfo(): MachineInfo {
  const cpus = os.cpus();
  const commit = commitInfo();
  return {
    cpu: cpus[0]?.model?.trim() ?? "unknown",
    cores: cpus.length,
    totalMemoryBytes: os.totalmem(),
    freeMemoryBytes: os.freemem(),
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    v8: process.versions.v8,
    date: new Date().toISOString(),
    commit,
    loadAverage: os.loadavg(),
  };
}

/**
 * A sink the optimiser cannot see through: every benchmark folds its result into it, and the
 * final value is written into the results, so no measured work is dead code.
 */
let sinkValue = 0;
export function consume(x: number): void {
  sinkValue = (sinkValue + (Number.isFinite(x) ? x : 0)) % 1e15;
}
export function sink(): number {
  return sinkValue;
}

/** Peak tracker over process.memoryUsage() samples. */
export class MemoryPeak {
  rss = 0;
  heapPlusBuffers = 0;
  heapUsed = 0;
  arrayBuffers = 0;
  samples = 0;
  sample(): NodeJS.MemoryUsage {
    const m = process.memoryUsage();
    this.samples++;
    if (m.rss > this.rss) this.rss = m.rss;
    if (m.heapUsed > this.heapUsed) this.heapUsed = m.heapUsed;
    if (m.arrayBuffers > this.arrayBuffers) this.arrayBuffers = m.arrayBuffers;
    if (m.heapUsed + m.arrayBuffers > this.heapPlusBuffers) this.heapPlusBuffers = m.heapUsed + m.arrayBuffers;
    return m;
  }
}

export function median(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const h = s.length >> 1;
  return s.length % 2 ? s[h] : (s[h - 1] + s[h]) / 2;
}

export function gc(): void {
  const g = (globalThis as { gc?: () => void }).gc;
  if (g) g();
}

export const MiB = 1024 * 1024;

/** 1234567 → "1.23 M"; for rates and counts. */
export function si(x: number, digits = 3): string {
  if (!Number.isFinite(x)) return String(x);
  if (x === 0) return "0";
  const a = Math.abs(x);
  const units: [number, string][] = [[1e12, " T"], [1e9, " G"], [1e6, " M"], [1e3, " k"]];
  for (const [v, u] of units) if (a >= v) return `${(x / v).toPrecision(digits)}${u}`;
  return x.toPrecision(digits);
}

export function mib(bytes: number): string {
  return `${(bytes / MiB).toFixed(bytes < 10 * MiB ? 2 : 1)} MiB`;
}

export function gib(bytes: number): string {
  return `${(bytes / (1024 * MiB)).toFixed(1)} GiB`;
}

export function ms(x: number): string {
  if (x >= 10_000) return `${(x / 1000).toFixed(1)} s`;
  if (x >= 1000) return `${(x / 1000).toFixed(2)} s`;
  if (x >= 10) return `${x.toFixed(1)} ms`;
  if (x >= 0.01) return `${x.toFixed(3)} ms`;
  return `${(x * 1000).toFixed(2)} µs`;
}

export function int(x: number): string {
  return Math.round(x).toLocaleString("en-US");
}

/** A Markdown table from a header and rows of cells. */
export function mdTable(header: string[], rows: string[][], align?: ("l" | "r")[]): string {
  const a = align ?? header.map((_, k) => (k === 0 ? "l" : "r"));
  const line = (cells: string[]) => `| ${cells.map((c) => c.replace(/\|/g, "\\|")).join(" | ")} |`;
  return [line(header), `|${a.map((x) => (x === "l" ? " :--- " : " ---: ")).join("|")}|`, ...rows.map(line)].join("\n");
}

/** The value after flag `name` on the command line, if it is given. */
export function arg(name: string): string | undefined {
  const k = process.argv.indexOf(name);
  return k > 0 ? process.argv[k + 1] : undefined;
}
