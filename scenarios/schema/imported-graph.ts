/**
 * A network file once imported: what the loader (engine/networks/import) attaches to a file network
 * as `network.graph`, with its report of what it read. The scenario carries it, so its shape is
 * declared beside the schema; engine/core/network/file.ts builds a run's ties from it.
 */

/** A count with the first occurrence, for the load report ("642 self-loops, first at line 3"). */
export interface Tally {
  count: number;
  first?: string;
}

export interface ImportReport {
  source: string;
  format: string;
  directed: boolean;
  nodes: number;
  /** Directed tie entries stored (an undirected tie counts twice). */
  ties: number;
  records: number;
  skippedLines: number;
  selfLoops: Tally;
  duplicates: Tally & { policy: "merge" | "keep" };
  danglingEdges: Tally & { policy: "drop" | "add" };
  danglingMembers: Tally & { policy: "drop" | "add" };
  other: Tally;
  /** Nodes without any tie. */
  isolated: number;
  circles: {
    /** Where the circles came from: circle files or a node table, a node attribute, detected communities, or none (one circle). */
    origin: "file" | "attribute" | "detected" | "none";
    detail?: string;
    count: number;
    /** Nodes that belong to several circles (their other circles are in `memberships`). */
    overlapping: number;
    /** Nodes in no circle, gathered in the circle "unassigned". */
    unassigned: number;
    /** Listed circles left without members once each node has its primary circle. */
    emptied: string[];
    louvain?: { seed: number; resolution: number; modularity: number; communities: number; pooled: number };
  };
}

/** Ids of n nodes packed in one string with offsets (no per-node objects); a structured-clone friendly table. */
export interface IdTable {
  readonly text: string;
  /** Id i is text.slice(offsets[i], offsets[i + 1]). */
  readonly offsets: Int32Array;
}

export interface ImportedGraph {
  readonly n: number;
  readonly directed: boolean;
  /** Original ids, by (relabelled) node index. */
  readonly ids: IdTable;
  readonly circleNames: string[];
  /** Nodes of circle c are [circleStart[c], circleStart[c + 1]). */
  readonly circleStart: Int32Array;
  /**
   * Ties j → i ("i hears from j") by source j, relabelled, as compressed sparse rows (the engine's
   * Csr, engine/core/network/csr.ts); tie e weighs classWeight[tieClass[e]]: the file's weights when
   * tieWeights is "file", else 1.
   */
  readonly csr: {
    readonly n: number;
    readonly offsets: Int32Array;
    readonly targets: Int32Array;
    readonly tieClass: Uint8Array | Uint16Array | Uint32Array;
    readonly classWeight: Float32Array;
  };
  /** Every circle membership (overlapping circles): node i is in circles[offsets[i] … offsets[i + 1]) of `names`. */
  readonly memberships: { names: string[]; offsets: Int32Array; circles: Int32Array } | null;
  readonly report: ImportReport;
}
