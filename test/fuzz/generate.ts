/**
 * Seeded bad input for the fuzz and fault suite: mutated scenarios, sweep files, network files
 * (edge list, GML, GEXF, GraphML, CSV node tables), journals, and file-system faults. Each case is
 * plain data (files to write, the command to run, what must happen) so a child process can run it
 * (test/fuzz/child.ts) under a time bound. The same seed gives the same cases.
 */

export type Category = "scenario" | "sweep" | "network" | "journal" | "fault";

/** What a correct program does with the case: refuse it (exit 2), accept it (exit 0), or either. */
export type Expect = "reject" | "accept" | "any";

export interface Case {
  category: Category;
  /** What was done to the input, for reports. */
  what: string;
  /** Files to create in the case's folder (relative path → text, or special kinds). */
  files: Record<string, string | { kind: "fifo" } | { kind: "dir" } | { kind: "bytes"; base64: string } | { kind: "copy"; from: string }>;
  /** CLI arguments; "{dir}" stands for the case's folder. */
  argv: string[];
  expect: Expect;
  /** With exit 0: this file of the case must equal that reference file (journal cases). */
  same?: { file: string; reference: string };
  /** Journal cases: how out/runs.jsonl is damaged before the command runs. */
  journal?: { edit: JournalEdit; line: number; salt: number };
}

/** A small deterministic generator (mulberry32): the fuzz must not depend on Math.random. */
export function rng(seed: number): { next: () => number; int: (n: number) => number; pick: <T>(xs: readonly T[]) => T } {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  return { next, int, pick: (xs) => xs[int(xs.length)] };
}
type Rng = ReturnType<typeof rng>;

/** A valid scenario touching every part the schema checks across fields. */
export const BASE_SCENARIO = {
  name: "fuzz",
  horizon: 20,
  replicates: 2,
  seed: 3,
  population: { circles: [{ name: "a", size: 60, kols: 1 }, { name: "b", size: 40, touchesToConvert: { min: 1, max: 2 } }] },
  network: { kind: "circles", meanDegree: 6, bigAccounts: { count: 1, followers: 30 } },
  contents: [{ id: "c", quality: 0.8, fit: { a: 0.5 } }, { id: "d", quality: { alpha: 2, beta: 3 } }],
  plans: [
    { name: "post", budget: 500, actions: [{ type: "post", content: "c", from: "brand", at: { start: 0, every: 5, count: 3 }, cost: 5 }, { type: "ads", content: "d", impressions: 50, at: 2, cpm: 2 }] },
    { name: "mix", strategies: [{ type: "kolSeeding", circles: ["a"], at: 1, content: { id: "k", quality: 0.6 } }, { type: "socialAds", budget: 40, at: { start: 1, count: 2 } }, { type: "fanManagement", duration: 10, recruitPerEvent: 5 }] },
  ],
};

/** Values that break types, ranges, limits and the prototype. */
const NASTY: unknown[] = [
  -1, 0, 0.5, 1.5, 1e9, 2 ** 31, 2 ** 53 + 2, 1e308, -1e308, null, "", "x", true, [], {}, [1, 2], { a: 1 },
  "__proto__", "constructor", "\u001b[31mred\u001b[0m", "a".repeat(30_000), "\ud800", 5000,
  JSON.parse('{"__proto__": {"polluted": 1}}'), { constructor: { prototype: { polluted: 1 } } },
];

/** Every path to a value in a JSON tree (objects and arrays), with the parent and key. */
function slots(root: unknown): { parent: Record<string, unknown> | unknown[]; key: string | number }[] {
  const out: { parent: Record<string, unknown> | unknown[]; key: string | number }[] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach((x, i) => (out.push({ parent: v, key: i }), walk(x)));
    else if (v !== null && typeof v === "object") for (const [k, x] of Object.entries(v)) out.push({ parent: v as Record<string, unknown>, key: k }), walk(x);
  };
  walk(root);
  return out;
}

const objects = (root: unknown) => slots(root).map((s) => (s.parent as Record<string | number, unknown>)[s.key]).filter((v) => v !== null && typeof v === "object") as (Record<string, unknown> | unknown[])[];

/**
 * A list nested `depth` deep, as a placeholder that toJson writes out: JSON.stringify itself
 * recurses and would overflow on it.
 */
function deep(depth: number): string {
  return `@@DEEP:${depth}@@`;
}

/** JSON text of a case's input, with deep placeholders written out. */
export function toJson(v: unknown): string {
  return JSON.stringify(v).replace(/"@@DEEP:(\d+)@@"/g, (_, n: string) => `${"[".repeat(Number(n))}1${"]".repeat(Number(n))}`);
}

/** One structural mutation of a JSON value, in place; says what it did and whether the result must be refused. */
function mutateJson(r: Rng, root: Record<string, unknown>): { what: string; expect: Expect } {
  const all = slots(root);
  const s = r.pick(all);
  const at = String(s.key);
  const parent = s.parent as Record<string | number, unknown>;
  switch (r.int(7)) {
    case 0: {
      const v = r.pick(NASTY);
      const old = parent[s.key];
      parent[s.key] = structuredClone(v);
      // Every number of a scenario or sweep is typed as a number and every text as text (ids, names, paths).
      const swapped = (typeof old === "number" && typeof v === "string") || (typeof old === "string" && (typeof v === "number" || typeof v === "boolean"));
      return { what: `set ${at} to ${JSON.stringify(v)?.slice(0, 40)}`, expect: swapped ? "reject" : "any" };
    }
    case 1:
      if (Array.isArray(parent)) parent.splice(Number(s.key), 1);
      else delete parent[s.key];
      return { what: `delete ${at}`, expect: "any" };
    case 2: {
      const objs = objects(root).filter((o) => !Array.isArray(o));
      const o = r.pick(objs) as Record<string, unknown>;
      const key = r.pick(["__proto__", "zzUnknown", "constructor", "prototype"]);
      if (key === "__proto__") Object.defineProperty(o, key, { value: { polluted: 1 }, enumerable: true, writable: true, configurable: true });
      else o[key] = { polluted: 1 };
      // __proto__ is refused anywhere; other unknown keys are refused except inside records (fit), where names are data.
      return { what: `add field ${key}`, expect: key === "__proto__" ? "reject" : "any" };
    }
    case 3: {
      const arrays = objects(root).filter(Array.isArray) as unknown[][];
      const a = r.pick(arrays.length ? arrays : [[]]);
      if (a.length) a.push(structuredClone(a[r.int(a.length)]));
      return { what: "duplicate a list element", expect: "any" };
    }
    case 4:
      parent[s.key] = deep(r.pick([50, 5000, 20_000]));
      return { what: `nest ${at} deeply`, expect: "reject" };
    case 5:
      parent[s.key] = Array.isArray(parent[s.key]) ? { x: parent[s.key] } : [parent[s.key]];
      return { what: `wrap ${at}`, expect: "any" };
    default: {
      const v = parent[s.key];
      parent[s.key] = typeof v === "number" ? r.pick([v * 1000, -v, v + 0.5, 0, 1e6]) : typeof v === "string" ? `${v}${r.pick(["", "x", "\u0000", "\u202e"])}` : v;
      return { what: `nudge ${at}`, expect: "any" };
    }
  }
}

/** Is a hazard that must be refused still in the tree: a deep placeholder or a field named __proto__? */
function hazardLeft(v: unknown): boolean {
  if (typeof v === "string") return v.startsWith("@@DEEP:");
  if (v === null || typeof v !== "object") return false;
  if (!Array.isArray(v) && Object.hasOwn(v, "__proto__")) return true;
  return Object.values(v).some(hazardLeft);
}

/** Mutate `s` in 1–3 steps: one step keeps its expectation; after several, only hazards still present must be refused. */
function mutateSteps(r: Rng, s: Record<string, unknown>): { what: string; expect: Expect } {
  const steps = 1 + r.int(3);
  const done = Array.from({ length: steps }, () => mutateJson(r, s));
  const what = done.map((m) => m.what).join("; ");
  return { what, expect: steps === 1 ? done[0].expect : hazardLeft(s) ? "reject" : "any" };
}

/** Hand-picked scenario cases for the points of issue 17, then random mutations. */
function scenarioCases(r: Rng, n: number): Case[] {
  const file = (content: unknown, what: string, expect: Expect, argv = ["validate", "{dir}/s.json"]): Case => ({ category: "scenario", what, files: { "s.json": typeof content === "string" ? content : toJson(content) }, argv, expect });
  const b = () => structuredClone(BASE_SCENARIO) as Record<string, any>;
  const fixed: Case[] = [
    file(b(), "the base scenario", "accept"),
    file(b(), "the base scenario, run", "accept", ["compare", "{dir}/s.json", "--replicates", "1"]),
    file(`\uFEFF${JSON.stringify(b())}`, "a UTF-8 byte-order mark", "accept"),
    file(JSON.stringify(b()).slice(0, 200), "truncated JSON", "reject"),
    file("", "an empty file", "reject"),
    file({ ...b(), title: deep(10_000) }, "JSON nested 10,000 deep", "reject"),
    file(`${"[".repeat(100_000)}${"]".repeat(100_000)}`, "an array nested 100,000 deep", "reject"),
    file(((s) => ((s.plans[1].strategies[0].content.id = "c"), s))(b()), "an inline content reusing a content id", "reject"),
    file(((s) => ((s.plans[0].actions[0].at = { start: 0, count: 1e9 }), s))(b()), "a schedule count of 1e9", "reject"),
    file(((s) => ((s.plans[0].actions[0].at = { start: 0, count: 2e5 }), s))(b()), "a schedule count of 2e5", "reject"),
    file(((s) => ((s.plans[0].actions[1] = { type: "ads", content: "d", impressions: 1e12, at: 1, cpm: 0 }), s))(b()), "1e12 ad impressions at cpm 0", "reject", ["run", "{dir}/s.json"]),
    file(((s) => ((s.plans[1].strategies[1].cpm = 1e-12), s))(b()), "social ads at a CPM of 1e-12", "reject", ["run", "{dir}/s.json"]),
    file({ ...b(), horizon: 100_000, replicates: 100_000, population: { circles: [{ name: "a", size: 1_000_000 }] }, plans: undefined }, "1M consumers × 1e5 ticks × 1e5 replicates", "reject", ["run", "{dir}/s.json"]),
    file({ ...b(), population: { circles: Array.from({ length: 100_000 }, (_, i) => ({ name: `c${i}`, size: 1 })) }, contents: [], plans: undefined }, "1e5 circles", "reject"),
    file({ ...b(), story: "x".repeat(40_000) }, "a 40,000-character story", "reject"),
    file(((s) => ((s.contents[0].fit = JSON.parse('{"__proto__": 0.5}')), s))(b()), "a fit named __proto__", "reject"),
    file(((s) => ((s.population.circles[0].name = "constructor"), (s.contents[0].fit = { constructor: 0.2 }), (s.plans[1].strategies[0].circles = ["constructor"]), s))(b()), "a circle named constructor", "accept", ["compare", "{dir}/s.json", "--replicates", "1"]),
    file(((s) => ((s.plans[0].name = "\u001b[2J\u001b[31mred"), s))(b()), "escape codes in a plan name", "accept", ["compare", "{dir}/s.json", "--replicates", "1"]),
    { category: "scenario", what: "library:../x", files: {}, argv: ["validate", "library:../../package"], expect: "reject" },
  ];
  const out = [...fixed];
  while (out.length < n) {
    const s = b();
    const m = mutateSteps(r, s);
    out.push(file(s, m.what, m.expect, r.next() < 0.15 ? ["compare", "{dir}/s.json", "--replicates", "1"] : undefined));
  }
  return out.slice(0, n);
}

export const BASE_SWEEP = {
  name: "fuzz-sweep",
  base: "base.json",
  parameters: [{ path: "circles.a.fatigueRate", values: [0.1, 0.3] }, { path: "contents.c.quality", min: 0.2, max: 0.9, steps: 2 }],
  design: { kind: "grid" },
  replicates: 2,
  seed: 5,
};

const PATHS = ["__proto__.polluted", "product.__proto__.polluted", 'product["__proto__"].x', "constructor.prototype.polluted", "circles[0].constructor", "plans.post.prototype",
  "circles[99].size", "circles[*].fatigueRate", "plans[*].budget", "circles.zz.size", "horizon", "seed", "a..b", "[", "circles[0].name", "contents.k.quality", "product.toString", ""];

function sweepCases(r: Rng, n: number): Case[] {
  const sweep = (s: unknown, what: string, expect: Expect): Case => ({
    category: "sweep", what, expect, argv: ["sweep", "{dir}/sweep.json", "--dry-run"],
    files: { "sweep.json": toJson(s), "base.json": JSON.stringify(BASE_SCENARIO) },
  });
  const b = () => structuredClone(BASE_SWEEP) as Record<string, any>;
  const fixed: Case[] = [
    sweep(b(), "the base sweep", "accept"),
    sweep({ ...b(), parameters: [{ path: "__proto__.polluted", values: [1] }] }, "a path through __proto__", "reject"),
    sweep({ ...b(), parameters: [{ path: "horizon", name: "__proto__", values: [5, 6] }] }, "a parameter named __proto__", "reject"),
    sweep({ ...b(), parameters: [{ path: "circles.a.fatigueRate", min: 0, max: 1, steps: 1e9 }] }, "a grid of 1e9 steps", "reject"),
    sweep({ ...b(), design: { kind: "random", points: 1e7 }, parameters: [{ path: "circles.a.fatigueRate", min: 0, max: 1 }] }, "a random design of 1e7 points", "reject"),
    sweep({ ...b(), base: "/dev/zero" }, "a base that is /dev/zero", "reject"),
    sweep({ ...b(), base: "library:../../package" }, "a base outside the library", "reject"),
    sweep({ ...b(), parameters: [{ path: "circles.a.fatigueRate", values: [deep(20_000)] }] }, "a value nested 20,000 deep", "reject"),
  ];
  const out = [...fixed];
  while (out.length < n) {
    const s = b();
    let what: string;
    let expect: Expect = "any";
    if (r.next() < 0.5) {
      const p = r.pick(PATHS);
      s.parameters[r.int(2)].path = p;
      what = `path ${JSON.stringify(p)}`;
      if (/__proto__|constructor|prototype/.test(p)) expect = "reject";
    } else {
      const m = mutateSteps(r, s);
      what = m.what;
      expect = m.expect;
    }
    out.push(sweep(s, what, expect));
  }
  return out.slice(0, n);
}

/** Small valid network files, one per format. */
const NET = {
  "net.txt": "# a ring with chords\n" + Array.from({ length: 24 }, (_, i) => `${i} ${(i + 1) % 24}\n${i} ${(i + 5) % 24}`).join("\n") + "\n",
  "net.gml": `graph [\n directed 0\n${Array.from({ length: 12 }, (_, i) => ` node [ id ${i} label "n${i}" value ${i % 3} ]`).join("\n")}\n${Array.from({ length: 12 }, (_, i) => ` edge [ source ${i} target ${(i + 1) % 12} ]`).join("\n")}\n]\n`,
  "net.gexf": `<?xml version="1.0" encoding="UTF-8"?>\n<gexf xmlns="http://gexf.net/1.3" version="1.3">\n<graph defaultedgetype="undirected">\n<nodes>\n${Array.from({ length: 12 }, (_, i) => `<node id="n${i}" label="n${i}"/>`).join("\n")}\n</nodes>\n<edges>\n${Array.from({ length: 12 }, (_, i) => `<edge id="e${i}" source="n${i}" target="n${(i + 1) % 12}"/>`).join("\n")}\n</edges>\n</graph>\n</gexf>\n`,
  "net.graphml": `<?xml version="1.0" encoding="UTF-8"?>\n<graphml xmlns="http://graphml.graphdrawing.org/xmlns">\n<graph edgedefault="undirected">\n${Array.from({ length: 12 }, (_, i) => `<node id="n${i}"/>`).join("\n")}\n${Array.from({ length: 12 }, (_, i) => `<edge source="n${i}" target="n${(i + 1) % 12}"/>`).join("\n")}\n</graph>\n</graphml>\n`,
  "circles.csv": "id,circle\n" + Array.from({ length: 24 }, (_, i) => `${i},${i < 12 ? "left" : "right"}`).join("\n") + "\n",
} as const;
type NetFile = keyof typeof NET;

const fitArgs = (file: string) => ["fit", `{dir}/${file}`, "--no-calibrate", "--no-closure", ...(file === "circles.csv" ? [] : ["--circles", "none"])];
const netArgs = (file: NetFile, target: string) =>
  file === "circles.csv" ? ["fit", "{dir}/net.txt", "--no-calibrate", "--no-closure", "--circles", `{dir}/${target}`, "--circles-format", "table"] : fitArgs(target);

function mutateText(r: Rng, text: string, file: NetFile): { text: string; what: string; expect: Expect } {
  const at = r.int(text.length);
  switch (r.int(8)) {
    case 0:
      return { text: text.slice(0, at) + "\u0000" + text.slice(at), what: `a NUL byte at ${at}`, expect: "reject" };
    case 1:
      return { text: text.slice(0, at), what: `cut at ${at}`, expect: "any" };
    case 2:
      return { text: text.slice(0, at) + r.pick(["\u001b[31m", "\ufeff", "\r\n", "\"", "[", "]", "<", ">", "&amp;", "<!ENTITY x \"y\">", "9007199254740993", "x".repeat(300), " 1 ", ",,,", "#"]) + text.slice(at), what: `an insertion at ${at}`, expect: "any" };
    case 3: {
      const lines = text.split("\n");
      const k = r.int(lines.length);
      lines.splice(k, 0, lines[k]);
      return { text: lines.join("\n"), what: `line ${k + 1} twice`, expect: "any" };
    }
    case 4:
      if (file === "net.gml") return { text: text.replace("]\n", ` extra ${"[ y ".repeat(100_000)}1${" ]".repeat(100_000)}\n]\n`), what: "a list nested 100,000 deep", expect: "accept" };
      if (file === "net.gexf" || file === "net.graphml") return { text: text.replace("</graph>", `${"<x>".repeat(20_000)}${"</x>".repeat(20_000)}</graph>`), what: "elements nested 20,000 deep", expect: "any" };
      return { text: `\ufeff${text}`, what: "a byte-order mark", expect: "any" };
    case 5:
      return { text: text.replaceAll(/\d+/g, (d) => (r.next() < 0.1 ? String(2 ** 53 + r.int(3)) : d)), what: "ids near 2^53", expect: "any" };
    case 6:
      return { text: text.replace(/\n/g, "\r\n"), what: "CRLF line ends", expect: "accept" };
    default:
      return { text: Array.from({ length: 64 }, () => String.fromCharCode(1 + r.int(250))).join("") + text, what: "binary junk first", expect: "any" };
  }
}

function networkCases(r: Rng, n: number): Case[] {
  const files = Object.keys(NET) as NetFile[];
  const net = (file: NetFile, content: Case["files"][string], what: string, expect: Expect, target = file): Case => ({
    category: "network", what: `${file}: ${what}`, expect, argv: netArgs(file, target),
    files: { ...NET, [target]: content },
  });
  const fixed: Case[] = [
    ...files.map((f) => net(f, NET[f], "as written", "accept")),
    net("net.gml", "graph [\n node [ id 9007199254740992 ]\n node [ id 9007199254740993 ]\n edge [ source 9007199254740992 target 9007199254740993 ]\n]\n", "ids 2^53 and 2^53 + 1", "accept"),
    net("net.txt", { kind: "fifo" }, "a FIFO", "reject"),
    net("net.gml", { kind: "fifo" }, "a FIFO", "reject"),
    net("net.txt", { kind: "dir" }, "a folder", "reject"),
    net("circles.csv", { kind: "fifo" }, "a FIFO circle file", "reject"),
    { category: "network", what: "/dev/zero", files: {}, argv: ["fit", "/dev/zero", "--no-calibrate"], expect: "reject" },
    net("net.txt", "root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n", "a passwd file", "reject"),
    net("net.txt", { kind: "bytes", base64: "H4sIAAAAAAAAA0tMTEwEAPgfpXgEAAAA" }, "gzip bytes without .gz name", "reject"),
  ];
  const out = [...fixed];
  while (out.length < n) {
    const f = r.pick(files);
    const m = mutateText(r, NET[f], f);
    out.push(net(f, m.text, m.what, m.expect));
  }
  return out.slice(0, n);
}

/** Journal cases: the reference folder (written by the child first) is copied and its runs.jsonl changed. */
export const JOURNAL_SWEEP = {
  name: "fuzz-journal",
  base: BASE_SCENARIO,
  parameters: [{ path: "circles.a.fatigueRate", values: [0.1, 0.3, 0.5] }],
  design: { kind: "grid" },
  replicates: 2,
  seed: 9,
};
/** Runs in the journal sweep (3 points × 2 replicates). */
export const JOURNAL_RUNS = 6;

export type JournalEdit =
  | "flip-digit" | "drop-char" | "empty-object" | "null" | "array" | "garbage" | "cut-last" | "duplicate" | "swap" | "delete"
  | "truncate-middle" | "folder" | "fifo" | "no-check" | "bom";

/** The edits and whether a resume must refuse them (exit 2) or finish with the reference's runs.csv. */
export const JOURNAL_EDITS: Record<JournalEdit, Expect> = {
  "flip-digit": "reject", "drop-char": "reject", "empty-object": "reject", null: "reject", array: "reject", garbage: "reject",
  "truncate-middle": "reject", "no-check": "reject", bom: "reject", folder: "reject", fifo: "reject",
  "cut-last": "accept", duplicate: "accept", swap: "accept", delete: "accept",
};

function journalCases(r: Rng, n: number): Case[] {
  const edits = Object.keys(JOURNAL_EDITS) as JournalEdit[];
  const out: Case[] = [];
  for (let k = 0; out.length < n; k++) {
    const edit = edits[k % edits.length];
    const line = r.int(JOURNAL_RUNS);
    const mode = k < edits.length ? "resume" : r.pick(["resume", "repair", "merge"] as const);
    // --repair sets damaged lines aside and runs them again; merge needs every run (a cut last line is a missing run).
    const expect: Expect =
      mode === "repair" ? (edit === "folder" || edit === "fifo" ? "reject" : "accept")
      : mode === "merge" ? (edit === "duplicate" || edit === "swap" ? "accept" : "reject")
      : JOURNAL_EDITS[edit];
    const argv = mode === "merge" ? ["merge", "{dir}/out", "--out", "{dir}/merged"] : ["sweep", "{dir}/sweep.json", "--out", "{dir}/out", "--workers", "0", ...(mode === "repair" ? ["--repair"] : [])];
    out.push({
      category: "journal", what: `${mode}: ${edit} at line ${line + 1}`, expect,
      files: { "sweep.json": JSON.stringify(JOURNAL_SWEEP), out: { kind: "copy", from: "journal-reference" } },
      journal: { edit, line, salt: r.int(1000) },
      argv,
      same: { file: mode === "merge" ? "merged/runs.csv" : "out/runs.csv", reference: "journal-reference/runs.csv" },
    });
  }
  return out;
}

function faultCases(): Case[] {
  const s = JSON.stringify(BASE_SCENARIO);
  const f = (what: string, files: Case["files"], argv: string[], expect: Expect = "reject"): Case => ({ category: "fault", what, files, argv, expect });
  return [
    f("run --out into a missing folder", { "s.json": s }, ["run", "{dir}/s.json", "--replicates", "1", "--out", "{dir}/missing/x.csv"]),
    f("run --out onto a folder", { "s.json": s, d: { kind: "dir" } }, ["run", "{dir}/s.json", "--replicates", "1", "--out", "{dir}/d"]),
    f("run --out to /dev/full", { "s.json": s }, ["run", "{dir}/s.json", "--replicates", "1", "--out", "/dev/full"]),
    f("fit --out into a missing folder", NET, ["fit", "{dir}/net.txt", "--no-calibrate", "--circles", "none", "--out", "{dir}/no/x.json"]),
    f("sweep --out onto a file", { "sweep.json": JSON.stringify(BASE_SWEEP), "base.json": s, "file.txt": "x" }, ["sweep", "{dir}/sweep.json", "--out", "{dir}/file.txt", "--workers", "0"]),
    f("sweep --out under a file", { "sweep.json": JSON.stringify(BASE_SWEEP), "base.json": s, "file.txt": "x" }, ["sweep", "{dir}/sweep.json", "--out", "{dir}/file.txt/sub", "--workers", "0"]),
    f("sweep --out under /dev/full", { "sweep.json": JSON.stringify(BASE_SWEEP), "base.json": s }, ["sweep", "{dir}/sweep.json", "--out", "/dev/full/x", "--workers", "0"]),
    f("sweep --out where mkdir says ENOENT (/proc/sys)", { "sweep.json": JSON.stringify(BASE_SWEEP), "base.json": s }, ["sweep", "{dir}/sweep.json", "--out", "/proc/sys/circlecast-fuzz", "--workers", "0"]),
    f("a scenario that is a FIFO", { "s.json": { kind: "fifo" } }, ["validate", "{dir}/s.json"]),
    f("a scenario that is /dev/zero", {}, ["run", "/dev/zero"]),
    f("a scenario that is /dev/urandom", {}, ["validate", "/dev/urandom"]),
    f("a scenario that is a folder", { d: { kind: "dir" } }, ["validate", "{dir}/d"]),
    f("a sweep file that is a FIFO", { "sweep.json": { kind: "fifo" } }, ["sweep", "{dir}/sweep.json", "--dry-run"]),
    f("a manifest that is a folder", { "sweep.json": JSON.stringify(BASE_SWEEP), "base.json": s, "out/manifest.json": { kind: "dir" } }, ["sweep", "{dir}/sweep.json", "--out", "{dir}/out", "--workers", "0"]),
    f("--threads 256", { "s.json": s }, ["run", "{dir}/s.json", "--threads", "256"]),
    f("--workers 1024", { "sweep.json": JSON.stringify(BASE_SWEEP), "base.json": s }, ["sweep", "{dir}/sweep.json", "--out", "{dir}/o", "--workers", "1024"]),
    f("--max-work below the scenario's cost", { "s.json": s }, ["run", "{dir}/s.json", "--max-work", "10"]),
    f("merge of a folder with no sweep", { d: { kind: "dir" } }, ["merge", "{dir}/d", "--out", "{dir}/m"]),
  ];
}

/** The cases of a fuzz run: `per` of each category (faults are a fixed list), from `seed`. */
export function fuzzCases(seed: number, per: Partial<Record<Category, number>>): Case[] {
  const r = rng(seed);
  return [
    ...scenarioCases(r, per.scenario ?? 0),
    ...sweepCases(r, per.sweep ?? 0),
    ...networkCases(r, per.network ?? 0),
    ...journalCases(r, per.journal ?? 0),
    ...(per.fault ? faultCases().slice(0, per.fault) : []),
  ];
}
