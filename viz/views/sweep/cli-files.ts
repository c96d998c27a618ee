/**
 * Reading a `circlecast sweep` output folder in the browser (docs/sweeps.md, "Outputs"): runs.csv
 * (`run, point, replicate, seed, <parameters>, plan, <metrics>`), and optionally points.csv (the whole
 * design, so cells whose runs are missing show as empty) and manifest.json (the sweep's name,
 * replicates and parameter paths, for units). CSV as the CLI writes it (RFC 4180): an unquoted empty
 * field is a missing value, a quoted one an empty string; numbers in shortest round-trip form.
 */
import { pathUnit } from "./candidates.ts";
import type { RunRow, SweepData, SweepParam, Value } from "./data.ts";
import { max } from "d3";

/** A sweep output that cannot be read; `file` names the file at fault. */
export class SweepFileError extends Error {
  constructor(readonly file: string, message: string) {
    super(`${file}: ${message}`);
    this.name = "SweepFileError";
  }
}

/** RFC 4180 fields; null for an unquoted empty field. Accepts \n and \r\n line ends, quoted line breaks. */
export function parseCsv(text: string, file = "CSV"): (string | null)[][] {
  const rows: (string | null)[][] = [];
  let row: (string | null)[] = [];
  let i = 0;
  const n = text.length;
  let line = 1;
  while (i < n) {
    let field: string | null;
    if (text[i] === '"') {
      const start = line;
      let s = "";
      i++;
      for (;;) {
        if (i >= n) throw new SweepFileError(file, `line ${start}: a quoted field is not closed`);
        const q = text.indexOf('"', i);
        if (q < 0) throw new SweepFileError(file, `line ${start}: a quoted field is not closed`);
        const chunk = text.slice(i, q);
        line += chunk.split("\n").length - 1;
        s += chunk;
        if (text[q + 1] === '"') {
          s += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      field = s;
      if (i < n && text[i] !== "," && text[i] !== "\n" && text[i] !== "\r") throw new SweepFileError(file, `line ${line}: expected , or a line end after a quoted field`);
    } else {
      let j = i;
      while (j < n && text[j] !== "," && text[j] !== "\n" && text[j] !== "\r") j++;
      const s = text.slice(i, j);
      if (s.includes('"')) throw new SweepFileError(file, `line ${line}: a quote inside an unquoted field`);
      field = s === "" ? null : s;
      i = j;
    }
    row.push(field);
    if (text[i] === ",") {
      i++;
      if (i === n) row.push(null);
      continue;
    }
    if (text[i] === "\r") i++;
    if (text[i] === "\n") i++;
    rows.push(row);
    row = [];
    line++;
  }
  if (row.length) rows.push(row);
  return rows;
}

const NUMBER = /^-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** A CSV cell as a value: numbers as numbers, true/false as booleans, other text as is, missing as null. */
export function cellValue(s: string | null): Value {
  if (s === null) return null;
  if (NUMBER.test(s)) return Number(s);
  if (s === "true" || s === "false") return s === "true";
  return s;
}

const LEADING = ["run", "point", "replicate", "seed"];

interface Table {
  header: string[];
  rows: (string | null)[][];
}

function readTable(text: string, file: string): Table {
  const rows = parseCsv(text, file).filter((r) => !(r.length === 1 && r[0] === null));
  if (rows.length === 0) throw new SweepFileError(file, "the file is empty");
  const header = rows[0].map((h) => h ?? "");
  rows.slice(1).forEach((r, k) => {
    if (r.length !== header.length) throw new SweepFileError(file, `line ${k + 2}: ${r.length} fields, expected ${header.length} as in the header`);
  });
  return { header, rows: rows.slice(1) };
}

function integerCell(s: string | null, file: string, line: number, column: string): number {
  const v = s === null ? NaN : Number(s);
  if (!Number.isInteger(v) || v < 0) throw new SweepFileError(file, `line ${line}: ${column} ${s === null ? "is empty" : `"${s}"`}, expected a whole number ≥ 0`);
  return v;
}

interface Manifest {
  name?: string;
  replicates?: number;
  points?: number;
  /** The design's kind: grid, random, lhs or sobol. */
  design?: string;
  parameters?: string[];
  plans?: string[];
  sweep?: { parameters?: { name?: string; path: string | string[] }[]; design?: { kind?: string } };
}

export interface CliFiles {
  /** runs.csv text (required). */
  runs: string;
  points?: string;
  manifest?: string;
  /** Shown as the title when there is no manifest. */
  name?: string;
}

/** A CLI sweep output as the Sweep tab's data; throws SweepFileError saying what is wrong and where. */
export function sweepDataFromCli(f: CliFiles): SweepData {
  const runs = readTable(f.runs, "runs.csv");
  const h = runs.header;
  const planAt = h.indexOf("plan");
  if (LEADING.some((c, i) => h[i] !== c) || planAt < LEADING.length)
    throw new SweepFileError("runs.csv", `expected the columns of a circlecast sweep's runs.csv (run, point, replicate, seed, <parameters>, plan, <metrics>), found ${h.slice(0, 6).join(", ")}${h.length > 6 ? ", …" : ""}`);
  const names = h.slice(LEADING.length, planAt);
  const metrics = h.slice(planAt + 1);
  if (metrics.length === 0) throw new SweepFileError("runs.csv", "no metric columns after plan");

  let manifest: Manifest | undefined;
  if (f.manifest !== undefined) {
    try {
      manifest = JSON.parse(f.manifest) as Manifest;
    } catch (e) {
      throw new SweepFileError("manifest.json", `not valid JSON (${(e as Error).message})`);
    }
    if (manifest.parameters && JSON.stringify(manifest.parameters) !== JSON.stringify(names))
      throw new SweepFileError("manifest.json", `its parameters (${manifest.parameters.join(", ")}) are not the columns of runs.csv (${names.join(", ")}): files of different sweeps?`);
  }

  const rows: RunRow[] = [];
  const pointValues = new Map<number, Value[]>();
  runs.rows.forEach((r, k) => {
    const line = k + 2;
    const point = integerCell(r[1], "runs.csv", line, "point");
    const values = r.slice(LEADING.length, planAt).map(cellValue);
    const seen = pointValues.get(point);
    if (!seen) pointValues.set(point, values);
    else if (JSON.stringify(seen) !== JSON.stringify(values)) throw new SweepFileError("runs.csv", `line ${line}: point ${point} has other parameter values than on an earlier line`);
    const plan = r[planAt];
    if (plan === null) throw new SweepFileError("runs.csv", `line ${line}: plan is empty`);
    const m: Record<string, number> = {};
    metrics.forEach((name, j) => {
      const v = cellValue(r[planAt + 1 + j]);
      if (v !== null && typeof v !== "number") throw new SweepFileError("runs.csv", `line ${line}: ${name} is "${String(v)}", expected a number or an empty field`);
      m[name] = v === null ? NaN : v;
    });
    rows.push({ run: integerCell(r[0], "runs.csv", line, "run"), point, replicate: integerCell(r[2], "runs.csv", line, "replicate"), plan, values: m });
  });

  let points: Value[][];
  if (f.points !== undefined) {
    const pts = readTable(f.points, "points.csv");
    if (pts.header[0] !== "point" || pts.header[1] !== "seed" || JSON.stringify(pts.header.slice(2)) !== JSON.stringify(names))
      throw new SweepFileError("points.csv", `expected the columns point, seed, ${names.join(", ")} (those of runs.csv), found ${pts.header.join(", ")}`);
    points = pts.rows.map((r, k) => {
      if (integerCell(r[0], "points.csv", k + 2, "point") !== k) throw new SweepFileError("points.csv", `line ${k + 2}: expected point ${k}`);
      return r.slice(2).map(cellValue);
    });
    for (const [p, v] of pointValues)
      if (p >= points.length || JSON.stringify(points[p]) !== JSON.stringify(v))
        throw new SweepFileError("points.csv", `point ${p} differs from runs.csv: files of different sweeps?`);
  } else {
    // d3's max walks the values: a spread of 200,000 keys overflows the call stack.
    const last = max(pointValues.keys()) ?? -1;
    points = [];
    for (let p = 0; p <= last; p++) if (pointValues.has(p)) points[p] = pointValues.get(p)!;
    points = points.filter(Boolean);
    // Without points.csv the design is what the runs show: renumber nothing, but drop holes.
    const index = new Map([...pointValues.keys()].sort((a, b) => a - b).map((p, i) => [p, i]));
    for (const r of rows) r.point = index.get(r.point)!;
  }

  const plans = [...new Set(rows.map((r) => r.plan))];
  const replicates = manifest?.replicates ?? (max(rows, (r) => r.replicate) ?? -1) + 1;
  const specs = manifest?.sweep?.parameters;
  const params: SweepParam[] = names.map((name, i) => {
    const spec = specs?.[i];
    return { name, unit: spec ? pathUnit(spec.path) : undefined };
  });
  // Points scattered over the ranges (Latin hypercube, random, Sobol) are binned; a grid's levels are not.
  const kind = manifest?.design ?? manifest?.sweep?.design?.kind;
  const scattered = kind ? kind !== "grid" : undefined;
  return { title: manifest?.name ?? f.name ?? "sweep", params, points, plans, metrics, replicates, rows, scattered };
}
