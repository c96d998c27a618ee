/**
 * GML (Graph Modelling Language, as in Newman's network data): `graph [ directed 0|1 node [ id …
 * label "…" value … ] edge [ source … target … value … ] ]`. No graphology parser exists for it, so
 * this is a small tokenizer with line numbers. The text is read whole (GML files are small).
 */
import { MAX_AGENTS } from "../../../scenarios/schema/scenario.ts";
import { IdMap, MAX_ID_LENGTH } from "./ids.ts";
import { EdgeBuffer, emptyCounts, tally, type RawGraph } from "./raw.ts";
import { fileError, quoteField } from "./text.ts";

export interface GmlOptions {
  /** Override the file's `directed` flag. */
  directed?: boolean;
  reverse: boolean;
  /** Read each edge's `weight` (or `value`) as the tie weight. */
  weights: boolean;
  /** Node key whose value names the node's circle. */
  attribute?: string;
  dangling: "drop" | "add";
}

type Value = string | number | Record[];
interface Record {
  key: string;
  value: Value;
  /** A scalar as written in the file: ids are kept as their text (2^53 and 2^53 + 1 are two nodes). */
  text?: string;
  line: number;
}

class Tokens {
  pos = 0;
  line = 1;
  constructor(
    readonly text: string,
    readonly source: string,
  ) {}

  /** Next token: "[" | "]" | a key | a number | a string (returned with its kind). */
  next(): { kind: "open" | "close" | "key" | "number" | "string" | "end"; text: string; line: number } {
    const t = this.text;
    for (;;) {
      while (this.pos < t.length && /\s/.test(t[this.pos])) {
        if (t[this.pos] === "\n") this.line++;
        this.pos++;
      }
      if (t[this.pos] === "#") {
        while (this.pos < t.length && t[this.pos] !== "\n") this.pos++;
        continue;
      }
      break;
    }
    const line = this.line;
    if (this.pos >= t.length) return { kind: "end", text: "", line };
    const c = t[this.pos];
    if (c === "[") return this.pos++, { kind: "open", text: c, line };
    if (c === "]") return this.pos++, { kind: "close", text: c, line };
    if (c === '"') {
      const end = t.indexOf('"', this.pos + 1);
      if (end < 0) throw fileError(this.source, line, "a string is not closed (missing \")");
      const s = t.slice(this.pos + 1, end);
      for (const ch of s) if (ch === "\n") this.line++;
      this.pos = end + 1;
      return { kind: "string", text: s, line };
    }
    const m = /^[A-Za-z_][A-Za-z0-9_]*|^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/.exec(t.slice(this.pos, this.pos + 400));
    if (!m) throw fileError(this.source, line, `unexpected character ${JSON.stringify(t[this.pos])}: expected GML (key value pairs and [ ] lists)`);
    this.pos += m[0].length;
    return { kind: /^[A-Za-z_]/.test(m[0]) ? "key" : "number", text: m[0], line };
  }
}

/** The top-level list of key–value records. Nested lists are kept on an explicit stack, so any depth is safe. */
function parseTop(tok: Tokens): Record[] {
  const top: Record[] = [];
  const open: Record[][] = [top];
  for (;;) {
    const out = open[open.length - 1];
    const k = tok.next();
    if (k.kind === "end") {
      if (open.length > 1) throw fileError(tok.source, k.line, "the file ends inside a [ … ] list: expected ]");
      return top;
    }
    if (k.kind === "close") {
      if (open.length === 1) throw fileError(tok.source, k.line, "unexpected ]");
      open.pop();
      continue;
    }
    if (k.kind !== "key") throw fileError(tok.source, k.line, `expected a key, got ${quoteField(k.text)}`);
    const v = tok.next();
    if (v.kind === "open") {
      const list: Record[] = [];
      out.push({ key: k.text, value: list, line: k.line });
      open.push(list);
    } else if (v.kind === "number") out.push({ key: k.text, value: Number(v.text), text: v.text, line: k.line });
    else if (v.kind === "string") out.push({ key: k.text, value: v.text, text: v.text, line: k.line });
    else throw fileError(tok.source, v.line, `expected a value after "${k.text}"`);
  }
}

const scalar = (r: Record[], key: string): string | number | undefined => {
  const x = r.find((e) => e.key === key)?.value;
  return Array.isArray(x) ? undefined : x;
};

/** A node reference (id, source, target) as written: never through a double. */
const idText = (r: Record[], key: string): string | undefined => {
  const e = r.find((x) => x.key === key);
  return e === undefined || Array.isArray(e.value) ? undefined : e.text;
};

export function parseGml(text: string, source: string, opts: GmlOptions): RawGraph {
  if (text.trim().length === 0) throw fileError(source, undefined, "the file is empty: expected GML (graph [ node [ … ] edge [ … ] ])");
  const top = parseTop(new Tokens(text, source));
  const graph = top.find((r) => r.key === "graph");
  if (!graph || !Array.isArray(graph.value)) throw fileError(source, top[0]?.line ?? 1, "no graph [ … ] block: expected GML");
  const body = graph.value;
  const directed = opts.directed ?? scalar(body, "directed") === 1;
  const ids = new IdMap(MAX_AGENTS);
  const counts = emptyCounts();
  const attribute: (string | undefined)[] = [];
  for (const r of body) {
    if (r.key !== "node" || !Array.isArray(r.value)) continue;
    const id = idText(r.value, "id");
    if (id === undefined) throw fileError(source, r.line, "a node without an id");
    if (id.length > MAX_ID_LENGTH) throw fileError(source, r.line, `a node id of ${id.length} characters overflows the id limit (${MAX_ID_LENGTH})`);
    const before = ids.size;
    const i = ids.add(id);
    if (i < 0) throw fileError(source, r.line, `more than ${MAX_AGENTS} nodes: the node index overflows the engine's limit`);
    if (ids.size === before) throw fileError(source, r.line, `node id ${id} is declared twice`);
    if (opts.attribute !== undefined) {
      const a = scalar(r.value, opts.attribute);
      attribute[i] = a === undefined ? undefined : String(a);
    }
  }
  const edges = new EdgeBuffer(opts.weights);
  for (const r of body) {
    if (r.key !== "edge" || !Array.isArray(r.value)) continue;
    counts.records++;
    const s = idText(r.value, "source"), t = idText(r.value, "target");
    if (s === undefined || t === undefined) throw fileError(source, r.line, "an edge without a source and a target");
    let a = ids.get(s), b = ids.get(t);
    if (a < 0 || b < 0) {
      tally(counts.danglingEdges, `${source}, line ${r.line} (${a < 0 ? s : t})`);
      if (opts.dangling === "drop") continue;
      if (a < 0) a = ids.add(s);
      if (b < 0) b = ids.add(t);
      if (a < 0 || b < 0) throw fileError(source, r.line, `more than ${MAX_AGENTS} nodes: the node index overflows the engine's limit`);
    }
    if (a === b) {
      tally(counts.selfLoops, `${source}, line ${r.line}`);
      continue;
    }
    let w = 1;
    if (opts.weights) {
      const x = scalar(r.value, "weight") ?? scalar(r.value, "value");
      w = typeof x === "number" ? x : NaN;
      if (!(w >= 0 && w <= 1)) throw fileError(source, r.line, `expected an edge weight in [0, 1] (tieWeights is "file"), got ${JSON.stringify(x ?? null)}`);
    }
    if (opts.reverse) edges.add(b, a, w);
    else edges.add(a, b, w);
  }
  return { source, format: "gml", ids, edges, directed, attribute: opts.attribute !== undefined ? attribute : undefined, counts };
}
