/** The C reference as a peer: compiled with the machine's gcc (-O2) when present, fed the same CSR through a file. */
import { execFileSync, spawnSync } from "node:child_process";
import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { CascadeCase, CascadeRun } from "./graph.ts";

const here = path.dirname(fileURLToPath(import.meta.url));
const outDir = path.join(here, "..", "out");

/** Compile bench/reference/ic.c; null when gcc is missing or fails. */
export function compileReference(): string | null {
  const gcc = spawnSync("gcc", ["--version"], { encoding: "utf8" });
  if (gcc.status !== 0) return null;
  mkdirSync(outDir, { recursive: true });
  const exe = path.join(outDir, "ic-reference");
  const r = spawnSync("gcc", ["-O2", "-o", exe, path.join(here, "..", "reference", "ic.c")], { encoding: "utf8" });
  return r.status === 0 ? exe : null;
}

/** Run R cascades in the C kernel on the case's graph. */
export function runReference(exe: string, c: CascadeCase, reps: number): CascadeRun[] {
  return runReferenceFile(exe, writeReferenceInput(c, reps), reps);
}

/** Run R cascades (seeds 4000 … 4000 + R − 1 of its generator) in the C kernel on an input written by writeReferenceInput. */
export function runReferenceFile(exe: string, file: string, reps: number): CascadeRun[] {
  const count = Buffer.alloc(4);
  count.writeInt32LE(reps, 0);
  const fd = openSync(file, "r+");
  writeSync(fd, count, 0, 4, 16);
  closeSync(fd);
  const out = execFileSync(exe, [file], { encoding: "utf8", maxBuffer: 1 << 24 });
  return out.trim().split("\n").map((l) => JSON.parse(l) as CascadeRun);
}

/** Write the C kernel's input for the case (header, seeds, CSR); returns its path. */
export function writeReferenceInput(c: CascadeCase, reps: number): string {
  const head = Buffer.alloc(24);
  head.writeInt32LE(c.n, 0);
  head.writeInt32LE(c.targets.length, 4);
  head.writeDoubleLE(c.p, 8);
  head.writeInt32LE(reps, 16);
  head.writeInt32LE(c.seeds.length, 20);
  const file = path.join(outDir, "ic-graph.bin");
  writeFileSync(file, Buffer.concat([head, Buffer.from(Int32Array.from(c.seeds).buffer), Buffer.from(c.offsets.slice().buffer), Buffer.from(c.targets.buffer, c.targets.byteOffset, c.targets.byteLength)]));
  return file;
}
