/**
 * Circle memberships of an imported network, from one of: SNAP circle files (each line: a circle
 * name, then its member ids; circles may overlap), node tables with a circle column (CSV, TSV or
 * space-separated), or a node attribute of the network file (GEXF, GraphML, GML). Memberships are
 * (node, circle) pairs; the primary circle of each node is chosen later (assemble.ts).
 */
import type { ImportReport } from "../../../scenarios/schema/imported-graph.ts";
import { MAX_ID_LENGTH } from "./ids.ts";
import { EdgeBuffer, tally, type RawGraph } from "./raw.ts";
import { fieldNumberKey, fieldText, Fields, fileError, isSkippable, LineSplitter, quoteField, splitFields } from "./text.ts";

export interface Memberships {
  /** Circle names, in the order circles are laid out. */
  readonly names: string[];
  /** (node, circle) pairs: `from` is the node (raw index), `to` the circle. */
  readonly pairs: EdgeBuffer;
  /** Where they came from, for the report. */
  readonly origin: ImportReport["circles"]["origin"];
  readonly detail?: string;
}

export interface TableColumns {
  /** Column of the node id: a 0-based index, or a header name. */
  id: number | string;
  /** Column of the circle name: a 0-based index, or a header name. */
  column: number | string;
  /** The first non-comment line is a header (default: when a column is given by name). */
  header?: boolean;
}

/** Reads circle files and node tables, chunk by chunk, into memberships of the raw graph's nodes. */
export class MembershipReader {
  readonly names: string[] = [];
  private readonly index = new Map<string, number>();
  readonly pairs = new EdgeBuffer(false);
  private readonly f = new Fields();
  private splitter: LineSplitter | null = null;
  private source = "";
  private prefix = "";
  private kind: "snap-circles" | "table" = "snap-circles";
  private cols: TableColumns = { id: 0, column: 1 };
  private colIndex: [number, number] = [0, 1];
  private headerPending = false;
  private files: string[] = [];

  constructor(
    private readonly raw: RawGraph,
    private readonly dangling: "drop" | "add",
  ) {}

  /** Start a file; `prefix` is prepended to its circle names (several circle files may reuse names). */
  begin(source: string, kind: "snap-circles" | "table", prefix = "", cols: TableColumns = { id: 0, column: 1 }): void {
    this.end();
    this.source = source;
    this.files.push(source);
    this.prefix = prefix;
    this.kind = kind;
    this.cols = cols;
    this.headerPending = kind === "table" && (cols.header ?? (typeof cols.id === "string" || typeof cols.column === "string"));
    this.colIndex = [typeof cols.id === "number" ? cols.id : -1, typeof cols.column === "number" ? cols.column : -1];
    this.splitter = new LineSplitter(source, (buf, s, e, line) => this.line(buf, s, e, line));
  }

  push(chunk: Uint8Array): void {
    this.splitter!.push(chunk);
  }

  private end(): void {
    if (!this.splitter) return;
    this.splitter.end();
    if (this.splitter.bytes === 0) throw fileError(this.source, undefined, `the file is empty: expected ${this.kind === "table" ? "a node table (id, circle)" : "circles (name, then member ids)"}`);
    this.splitter = null;
  }

  finish(): Memberships {
    this.end();
    if (this.names.length === 0) throw fileError(this.files.join(", "), undefined, "no circles found");
    return { names: this.names, pairs: this.pairs, origin: "file", detail: this.files.length > 2 ? `${this.files.length} files (${this.files[0]} …)` : this.files.join(", ") };
  }

  private circle(name: string): number {
    const full = this.prefix + name;
    let c = this.index.get(full);
    if (c === undefined) {
      c = this.names.length;
      this.index.set(full, c);
      this.names.push(full);
    }
    return c;
  }

  private member(buf: Uint8Array, k: number, line: number): number {
    const f = this.f;
    const key = fieldNumberKey(buf, f, k);
    let id: string | undefined;
    let i = key >= 0 ? this.raw.ids.getNumber(key) : -1;
    if (key < 0) {
      if (f.end[k] - f.start[k] > MAX_ID_LENGTH) throw fileError(this.source, line, `a node id of ${f.end[k] - f.start[k]} characters overflows the id limit (${MAX_ID_LENGTH})`);
      id = fieldText(buf, f, k, this.source, line);
      i = this.raw.ids.get(id);
    }
    if (i < 0) {
      id ??= String(key);
      tally(this.raw.counts.danglingMembers, `${this.source}, line ${line} (${id})`);
      if (this.dangling === "add") i = this.raw.ids.add(id);
    }
    return i;
  }

  private line(buf: Uint8Array, s: number, e: number, line: number): void {
    if (isSkippable(buf, s, e)) return;
    const f = this.f;
    splitFields(buf, s, e, f, this.source, line);
    if (this.headerPending) {
      this.headerPending = false;
      const names = Array.from({ length: f.count }, (_, k) => fieldText(buf, f, k, this.source, line).trim());
      const find = (c: number | string, what: string) => {
        const k = typeof c === "number" ? c : names.indexOf(c);
        if (k < 0 || k >= names.length) throw fileError(this.source, line, `no ${what} column ${JSON.stringify(c)} in the header (${names.map(quoteField).join(", ")})`);
        return k;
      };
      this.colIndex = [find(this.cols.id, "id"), find(this.cols.column, "circle")];
      return;
    }
    if (this.kind === "snap-circles") {
      if (f.count < 1) return;
      const c = this.circle(fieldText(buf, f, 0, this.source, line));
      for (let k = 1; k < f.count; k++) {
        const i = this.member(buf, k, line);
        if (i >= 0) this.pairs.add(i, c, 0);
      }
      return;
    }
    const [ik, ck] = this.colIndex;
    const need = Math.max(ik, ck) + 1;
    if (f.count < need)
      throw fileError(this.source, line, `expected at least ${need} columns (id in column ${ik + 1}, circle in column ${ck + 1}), got ${f.count}`);
    const name = fieldText(buf, f, ck, this.source, line).trim();
    if (name.length === 0) return; // no circle for this node
    const i = this.member(buf, ik, line);
    if (i >= 0) this.pairs.add(i, this.circle(name), 0);
  }
}

/** Memberships from the node attribute the raw graph carries (nodes without a value get none). */
export function attributeMemberships(raw: RawGraph, name: string): Memberships {
  if (!raw.attribute) throw fileError(raw.source, undefined, `the ${raw.format} format has no node attributes: give circles a file, or detect them`);
  const names: string[] = [];
  const index = new Map<string, number>();
  const pairs = new EdgeBuffer(false);
  for (let i = 0; i < raw.ids.size; i++) {
    const v = raw.attribute[i];
    if (v === undefined || v === "") continue;
    let c = index.get(v);
    if (c === undefined) {
      c = names.length;
      index.set(v, c);
      names.push(v);
    }
    pairs.add(i, c, 0);
  }
  if (names.length === 0) throw fileError(raw.source, undefined, `no node has the attribute ${JSON.stringify(name)}`);
  return { names, pairs, origin: "attribute", detail: name };
}

/** Everyone in one circle. */
export function singleCircle(raw: RawGraph, name = "all"): Memberships {
  const pairs = new EdgeBuffer(false);
  for (let i = 0; i < raw.ids.size; i++) pairs.add(i, 0, 0);
  return { names: [name], pairs, origin: "none" };
}
