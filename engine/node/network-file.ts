/**
 * Network files from disk: the file access the importers need (1 MiB chunks read synchronously, so a
 * large edge list is never held as text; .gz files decompressed into one buffer, never into a
 * string), progress on stderr when it is a terminal, and the resolution of a scenario's file network:
 * the file is read, its circles become the population's circles, and seeds given as file ids become
 * node indices (docs/networks.md).
 */
import { closeSync, openSync, readdirSync, readSync, statSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { isAbsolute, join, resolve } from "node:path";
import type { z } from "zod";
import type { ImportedGraph } from "../../scenarios/schema/imported-graph.ts";
import { FileNetwork } from "../../scenarios/schema/network.ts";
import type { ScenarioIssue } from "../../scenarios/issues.ts";
import { ScenarioError } from "../errors.ts";
import { idIndex } from "../networks/import/ids.ts";
import { importNetwork, type FileAccess } from "../networks/import/load.ts";
import { fileError } from "../networks/import/text.ts";
import { fsReason, notRegularFile, readRegularFile } from "./files.ts";

const CHUNK = 1 << 20;
/** Size limits of file access, in bytes. */
export interface ReadLimits {
  /** Most a .gz file may expand to: it is decompressed whole, and a small bomb must not fill the memory. */
  gunzip: number;
  /** Largest file read whole (GEXF, GraphML, GML): the text is held as one string. */
  whole: number;
}

export const READ_LIMITS: ReadLimits = { gunzip: 2 ** 30, whole: 256 * 2 ** 20 };
const MiB = (n: number) => `${+(n / 2 ** 20).toPrecision(4)} MiB`;

function isGzip(path: string): boolean {
  const fd = openSync(path, "r");
  try {
    const head = Buffer.alloc(2);
    return readSync(fd, head, 0, 2, 0) === 2 && head[0] === 0x1f && head[1] === 0x8b;
  } finally {
    closeSync(fd);
  }
}

function failRead(path: string, e: unknown): never {
  throw fileError(path, undefined, fsReason(e));
}

/** A file's bytes (at most `limit`): a regular file only, so a FIFO or a device never blocks the read. */
function readWhole(path: string, limit: number): Buffer {
  return readRegularFile(path, limit, (why) => fileError(path, undefined, why));
}

function gunzip(path: string, limit: number): Buffer {
  const packed = readWhole(path, limit);
  try {
    return gunzipSync(packed, { maxOutputLength: limit });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE")
      throw fileError(path, undefined, `expands to more than ${MiB(limit)} (from ${packed.length} bytes): decompress it yourself if it is meant to be this large (plain edge lists are streamed)`);
    if ((e as NodeJS.ErrnoException).code?.startsWith("Z_")) throw fileError(path, undefined, `not a valid gzip file (${(e as Error).message})`);
    failRead(path, e);
  }
}

/** Progress of a long read on stderr ("reading x.txt 45 % (52 MB)"), only when stderr is a terminal. */
function progress(path: string, total: number, stream: NodeJS.WriteStream = process.stderr): { tick: (done: number) => void; end: () => void } {
  if (!stream.isTTY || total < 8 * CHUNK) return { tick: () => {}, end: () => {} };
  let last = 0;
  return {
    tick(done) {
      const now = performance.now();
      if (now - last < 200) return;
      last = now;
      stream.write(`\rreading ${path} ${((100 * done) / total).toFixed(0)} % (${(done / 1e6).toFixed(0)} of ${(total / 1e6).toFixed(0)} MB) `);
    },
    end: () => stream.write("\r\x1b[K"),
  };
}

/** File access relative to `baseDir`. */
export function diskAccess(baseDir = ".", limits: ReadLimits = READ_LIMITS): FileAccess {
  const at = (p: string) => (isAbsolute(p) ? p : resolve(baseDir, p));
  return {
    list(path) {
      const full = at(path);
      let dir = false;
      try {
        dir = statSync(full).isDirectory();
      } catch (e) {
        failRead(path, e);
      }
      if (!dir) {
        const { why } = notRegularFile(full);
        if (why) throw fileError(path, undefined, why);
        return [full];
      }
      return readdirSync(full, { withFileTypes: true })
        .filter((d) => d.isFile() && !d.name.startsWith("."))
        .map((d) => join(full, d.name))
        .sort();
    },
    chunks(path, onChunk) {
      if (isGzip(path)) {
        const buf = gunzip(path, limits.gunzip);
        const bar = progress(path, buf.length);
        for (let at = 0; at < buf.length; at += CHUNK) {
          onChunk(buf.subarray(at, Math.min(buf.length, at + CHUNK)));
          bar.tick(at);
        }
        bar.end();
        return;
      }
      let fd: number;
      try {
        fd = openSync(path, "r");
      } catch (e) {
        failRead(path, e);
      }
      try {
        const bar = progress(path, statSync(path).size);
        const buf = new Uint8Array(CHUNK);
        let done = 0;
        for (;;) {
          const got = readSync(fd, buf, 0, CHUNK, null);
          if (got === 0) break;
          // The importers copy only a partial last line out of a chunk, so the buffer can be reused.
          onChunk(buf.subarray(0, got));
          done += got;
          bar.tick(done);
        }
        bar.end();
      } finally {
        closeSync(fd);
      }
    },
    text(path) {
      let buf: Buffer;
      try {
        buf = isGzip(path) ? gunzip(path, limits.gunzip) : readWhole(path, limits.whole);
      } catch (e) {
        if (e instanceof ScenarioError) throw e;
        failRead(path, e);
      }
      if (buf.length > limits.whole)
        throw fileError(path, undefined, `expands to ${buf.length} bytes, more than the ${MiB(limits.whole)} read whole for GEXF, GraphML and GML: convert it to an edge list (streamed)`);
      const nul = buf.indexOf(0);
      if (nul >= 0) throw fileError(path, buf.subarray(0, nul).toString("latin1").split("\n").length, "binary data (a NUL byte): expected a text file");
      try {
        return new TextDecoder("utf-8", { fatal: true }).decode(buf);
      } catch {
        throw fileError(path, undefined, "bytes that are not UTF-8 text: expected a text file");
      }
    },
  };
}

/** A file network as written in a scenario (defaults not yet filled), without `kind`. */
export type NetworkFileInput = Omit<z.input<typeof FileNetwork>, "kind" | "graph">;

/** Read a network file (and its circle files) as a scenario's `network` would; paths relative to `baseDir`. */
export function readNetworkFile(spec: NetworkFileInput, seed = 1, baseDir = "."): ImportedGraph {
  const parsed = FileNetwork.parse({ kind: "file", ...spec });
  return importNetwork(parsed, diskAccess(baseDir), seed);
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * A scenario's raw JSON with a file network → the same JSON with the network read (network.graph),
 * population.circles filled from the file's circles (named entries keep their parameters, the
 * others take population.template), and model seeds given as file ids turned into node indices.
 * Anything else, or a network description that does not parse, is returned unchanged: the scenario
 * parser then reports the problems.
 */
export function resolveFileNetwork(raw: unknown, baseDir: string, source = "scenario"): unknown {
  if (!isObject(raw) || !isObject(raw.network) || raw.network.kind !== "file" || raw.network.graph !== undefined) return raw;
  const spec = FileNetwork.safeParse(raw.network);
  if (!spec.success) return raw;
  const seed = typeof raw.seed === "number" && Number.isSafeInteger(raw.seed) && raw.seed >= 0 ? raw.seed : 1;
  const graph = importNetwork(spec.data, diskAccess(baseDir), seed);
  const issues: ScenarioIssue[] = [];

  const population = isObject(raw.population) ? raw.population : {};
  const template = isObject(population.template) ? population.template : {};
  const listed = Array.isArray(population.circles) ? population.circles : [];
  const sizes = graph.circleNames.map((_, c) => graph.circleStart[c + 1] - graph.circleStart[c]);
  const byName = new Map(graph.circleNames.map((n, c) => [n, c]));
  const given = new Map<string, Json>();
  listed.forEach((entry, i) => {
    if (!isObject(entry) || typeof entry.name !== "string") return;
    const c = byName.get(entry.name);
    const shown = graph.circleNames.slice(0, 8).join(", ") + (graph.circleNames.length > 8 ? ", …" : "");
    if (c === undefined) issues.push({ path: `population.circles[${i}].name`, received: JSON.stringify(entry.name), message: `expected a circle of the network file (${shown})` });
    else if (entry.size !== undefined && entry.size !== sizes[c])
      issues.push({ path: `population.circles[${i}].size`, received: String(entry.size), message: `expected ${sizes[c]} (the file's circle "${entry.name}" has ${sizes[c]} members), or leave it out` });
    given.set(entry.name, entry);
  });
  const circles = graph.circleNames.map((name, c) => ({ ...template, ...(given.get(name) ?? {}), name, size: sizes[c] }));

  let model = raw.model;
  if (isObject(model) && Array.isArray(model.seeds)) {
    const index = idIndex(graph.ids);
    const seeds = model.seeds.map((id, k) => {
      const i = index.get(String(id));
      if (i === undefined) issues.push({ path: `model.seeds[${k}]`, received: JSON.stringify(id), message: "expected a node id of the network file" });
      return i ?? 0;
    });
    model = { ...model, seeds };
  }
  if (issues.length) throw new ScenarioError(issues, source);
  return { ...raw, model, population: { ...population, circles }, network: { ...raw.network, graph } };
}
