/**
 * What an importer produces before circles are known: dense node ids (in order of first
 * appearance), a compact edge buffer (8 bytes per edge, 12 with file weights) and the tallies of
 * everything that was skipped or repaired, so that nothing is dropped silently.
 */
import type { Tally } from "../../../scenarios/schema/imported-graph.ts";
import { IdMap } from "./ids.ts";

export function tally(t: Tally, where: string): void {
  if (t.count++ === 0) t.first = where;
}

export interface ImportCounts {
  /** Edge records read (lines, <edge> elements), comments and headers excluded. */
  records: number;
  /** Lines that were comments, blank, or a header. */
  skippedLines: number;
  /** Self-loops (u → u): dropped, they mean nothing for diffusion. */
  selfLoops: Tally;
  /** Edges naming a node the file does not declare (GEXF, GraphML, GML): dropped or added, per `dangling`. */
  danglingEdges: Tally;
  /** Circle members that are not nodes of the network: dropped or added, per `dangling`. */
  danglingMembers: Tally;
  /** Repeated ties (for undirected files, "u v" and "v u" are the same tie): merged or kept, per `duplicates`. */
  duplicates: Tally;
  /** Other records skipped (e.g. the pseudo-node ROOT of cascade trees). */
  other: Tally;
}

export function emptyCounts(): ImportCounts {
  return { records: 0, skippedLines: 0, selfLoops: { count: 0 }, danglingEdges: { count: 0 }, danglingMembers: { count: 0 }, duplicates: { count: 0 }, other: { count: 0 } };
}

/** Growable edge buffer: parallel typed arrays, doubled when full, trimmed at the end. */
export class EdgeBuffer {
  from = new Int32Array(1024);
  to = new Int32Array(1024);
  weight: Float32Array | null;
  m = 0;

  constructor(weighted: boolean) {
    this.weight = weighted ? new Float32Array(1024) : null;
  }

  add(a: number, b: number, w: number): void {
    if (this.m === this.from.length) this.grow();
    this.from[this.m] = a;
    this.to[this.m] = b;
    if (this.weight) this.weight[this.m] = w;
    this.m++;
  }

  private grow(): void {
    const n = this.from.length * 2;
    const f = new Int32Array(n), t = new Int32Array(n);
    f.set(this.from);
    t.set(this.to);
    this.from = f;
    this.to = t;
    if (this.weight) {
      const w = new Float32Array(n);
      w.set(this.weight);
      this.weight = w;
    }
  }
}

export interface RawGraph {
  readonly source: string;
  readonly format: string;
  readonly ids: IdMap;
  readonly edges: EdgeBuffer;
  readonly directed: boolean;
  /** Per node (dense index), the value of the node attribute named for circles, when the format has attributes. */
  readonly attribute?: (string | undefined)[];
  readonly counts: ImportCounts;
}
