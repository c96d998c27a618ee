/**
 * Streaming edge-list importers. SNAP style: one tie per line, `from to [weight …]`, separated by
 * spaces, tabs or commas, `#` or `%` comment lines; extra columns are ignored. Cascade trees
 * (Twitter15/16, Ma et al. 2017): `['uid', 'tweet', 'delay']->['uid', 'tweet', 'delay']`, read as
 * the user-level tie parent → child (the child heard it from the parent). Chunks go in as they are
 * read; the text is never held whole.
 */
import { MAX_AGENTS } from "../../../scenarios/schema/scenario.ts";
import { IdMap, MAX_ID_LENGTH } from "./ids.ts";
import { EdgeBuffer, emptyCounts, tally, type RawGraph } from "./raw.ts";
import { fieldFloat, fieldNumberKey, fieldText, Fields, fileError, isSkippable, LineSplitter, quoteField, splitFields } from "./text.ts";

export interface EdgeListOptions {
  format: "edgelist" | "twitter-tree";
  directed: boolean;
  /** "u v" means u hears from v (follower lists, retweets): store v → u. */
  reverse: boolean;
  /** Skip the first non-comment line of each file. */
  header: boolean;
  /** Read column 3 as the tie weight (a probability). */
  weights: boolean;
}

const TREE_LINE = /^\['([^']*)', '([^']*)', '([^']*)'\]->\['([^']*)', '([^']*)', '([^']*)'\]$/;

export class EdgeListReader {
  readonly ids = new IdMap(MAX_AGENTS);
  readonly edges: EdgeBuffer;
  readonly counts = emptyCounts();
  private splitter: LineSplitter | null = null;
  private source = "";
  private headerPending = false;
  private readonly f = new Fields();
  private files: string[] = [];

  constructor(private readonly opts: EdgeListOptions) {
    this.edges = new EdgeBuffer(opts.weights);
  }

  /** Start the next file (line numbers restart). */
  begin(source: string): void {
    this.end();
    this.source = source;
    this.files.push(source);
    this.headerPending = this.opts.header;
    this.splitter = new LineSplitter(source, (buf, s, e, line) => this.line(buf, s, e, line));
  }

  push(chunk: Uint8Array): void {
    this.splitter!.push(chunk);
  }

  /** Lines and bytes of the current file so far (for progress). */
  get position(): { line: number; bytes: number } {
    return { line: this.splitter?.line ?? 0, bytes: this.splitter?.bytes ?? 0 };
  }

  private end(): void {
    if (!this.splitter) return;
    this.splitter.end();
    if (this.splitter.bytes === 0) throw fileError(this.source, undefined, "the file is empty: expected one tie per line (from to)");
    this.splitter = null;
  }

  finish(): RawGraph {
    this.end();
    if (this.edges.m === 0 && this.ids.size === 0)
      throw fileError(this.files.join(", "), undefined, `no ties found (${this.counts.skippedLines} comment, blank or header line(s)): expected one tie per line (from to)`);
    const source = this.files.length === 1 ? this.files[0] : `${this.files.length} files (${this.files[0]} …)`;
    return { source, format: this.opts.format, ids: this.ids, edges: this.edges, directed: this.opts.directed, counts: this.counts };
  }

  private line(buf: Uint8Array, s: number, e: number, line: number): void {
    if (isSkippable(buf, s, e)) {
      this.counts.skippedLines++;
      return;
    }
    if (this.headerPending) {
      this.headerPending = false;
      this.counts.skippedLines++;
      return;
    }
    if (this.opts.format === "twitter-tree") return this.treeLine(buf, s, e, line);
    const f = this.f;
    splitFields(buf, s, e, f, this.source, line);
    if (f.count < 2)
      throw fileError(this.source, line, `expected two node ids (from to), got 1 column: ${quoteField(fieldText(buf, f, 0, this.source, line))}`);
    const a = this.node(buf, 0, line);
    const b = this.node(buf, 1, line);
    let w = 1;
    if (this.opts.weights) {
      if (f.count < 3) throw fileError(this.source, line, "expected a weight in column 3 (tieWeights is \"file\")");
      w = fieldFloat(buf, f, 2, this.source, line);
      if (!(w >= 0 && w <= 1))
        throw fileError(this.source, line, `expected a tie weight in [0, 1] in column 3, got ${quoteField(fieldText(buf, f, 2, this.source, line))}`);
    }
    this.tie(a, b, w, line);
  }

  private tie(a: number, b: number, w: number, line: number): void {
    this.counts.records++;
    if (a === b) {
      tally(this.counts.selfLoops, `${this.source}, line ${line}`);
      return;
    }
    if (this.opts.reverse) this.edges.add(b, a, w);
    else this.edges.add(a, b, w);
  }

  private node(buf: Uint8Array, k: number, line: number): number {
    const f = this.f;
    const key = fieldNumberKey(buf, f, k);
    let i: number;
    if (key >= 0) i = this.ids.addNumber(key);
    else {
      if (f.end[k] - f.start[k] > MAX_ID_LENGTH)
        throw fileError(this.source, line, `a node id of ${f.end[k] - f.start[k]} characters overflows the id limit (${MAX_ID_LENGTH}): is this an edge list?`);
      const id = fieldText(buf, f, k, this.source, line);
      if (id.length === 0) throw fileError(this.source, line, `column ${k + 1} is empty: expected a node id`);
      i = this.ids.add(id);
    }
    if (i < 0) throw fileError(this.source, line, `more than ${MAX_AGENTS} distinct node ids: the node index overflows the engine's limit (MAX_AGENTS)`);
    return i;
  }

  private treeLine(buf: Uint8Array, s: number, e: number, line: number): void {
    const f = this.f;
    f.count = 0;
    f.push(s, e, false);
    const text = fieldText(buf, f, 0, this.source, line).trim();
    const m = TREE_LINE.exec(text);
    if (!m) throw fileError(this.source, line, `expected ['uid', 'tweet', 'delay']->['uid', 'tweet', 'delay'], got ${quoteField(text)}`);
    if (m[1] === "ROOT") {
      this.counts.records++;
      tally(this.counts.other, `${this.source}, line ${line} (ROOT)`);
      return;
    }
    const ids = [m[1], m[4]].map((id) => {
      if (id.length > MAX_ID_LENGTH) throw fileError(this.source, line, `a user id of ${id.length} characters overflows the id limit (${MAX_ID_LENGTH})`);
      const i = this.ids.add(id);
      if (i < 0) throw fileError(this.source, line, `more than ${MAX_AGENTS} distinct node ids: the node index overflows the engine's limit (MAX_AGENTS)`);
      return i;
    });
    this.tie(ids[0], ids[1], 1, line);
  }
}
