/**
 * Cascade trees: a propagation tree as a parent array (node 0 the root, parent[0] = −1, every other
 * node's parent listed before it), read from a Twitter15/16 tree file (Ma, Gao & Wong 2017) or built
 * from any (parent, child) list, and the three shape measures of Goel, Anderson, Hofman & Watts (2016):
 * size, depth and structural virality (the mean shortest-path distance over all pairs of nodes).
 */

/** A rooted tree over nodes 0 … n−1: parent[0] = −1 and parent[v] < v for v > 0 (parents come first). */
export interface CascadeTree {
  readonly parent: Int32Array;
}

export interface TreeMeasures {
  /** Nodes, the root included. */
  readonly size: number;
  /** Edges on the longest root-to-leaf path (0 for a lone root). */
  readonly depth: number;
  /** Mean distance over the n(n−1)/2 pairs of nodes (0 for a lone root). */
  readonly virality: number;
}

/**
 * Size, depth and structural virality in O(n). A tree edge whose lower side holds s nodes lies on the
 * path of s·(n − s) pairs, so the sum of all pair distances is Σ_edges s·(n − s), and the mean over the
 * n(n−1)/2 pairs is 2·Σ s·(n − s) / (n(n−1)).
 */
export function treeMeasures(t: CascadeTree): TreeMeasures {
  const p = t.parent;
  const n = p.length;
  const depthOf = new Int32Array(n);
  let depth = 0;
  for (let v = 1; v < n; v++) depth = Math.max(depth, (depthOf[v] = depthOf[p[v]] + 1));
  const below = new Float64Array(n).fill(1);
  let pairs = 0;
  for (let v = n - 1; v > 0; v--) {
    pairs += below[v] * (n - below[v]);
    below[p[v]] += below[v];
  }
  return { size: n, depth, virality: n > 1 ? (2 * pairs) / (n * (n - 1)) : 0 };
}

/** How a list of (parent, child) links was made into a tree: what was dropped, and why. */
export interface TreeReport {
  /** Links read. */
  links: number;
  /** Links repeated exactly (same parent and child) after the first. */
  duplicates: number;
  /** Links from a node to itself. */
  selfLoops: number;
  /** Links to a node that already had a parent (or to the root): only the earliest parent is kept. */
  extraParents: number;
  /** Nodes named in the links but not reachable from the root through the kept links. */
  unreachable: number;
}

/**
 * The tree of `links` (parent, child) hanging from `root`, keeping for each node the first link to it
 * in the order given (sort the links by time first to keep the earliest parent). Nodes are numbered
 * in breadth-first order from the root, so parents come before children; `ids[v]` is node v's id.
 */
export function treeFromLinks(root: string, links: readonly (readonly [string, string])[]): { tree: CascadeTree; ids: string[]; report: TreeReport } {
  const report: TreeReport = { links: links.length, duplicates: 0, selfLoops: 0, extraParents: 0, unreachable: 0 };
  const seen = new Set<string>();
  const parentOf = new Map<string, string>();
  const children = new Map<string, string[]>();
  const named = new Set<string>([root]);
  for (const [a, b] of links) {
    const key = `${a}\u0000${b}`;
    if (seen.has(key)) {
      report.duplicates++;
      continue;
    }
    seen.add(key);
    named.add(a).add(b);
    if (a === b) report.selfLoops++;
    else if (b === root || parentOf.has(b)) report.extraParents++;
    else {
      parentOf.set(b, a);
      const list = children.get(a);
      if (list) list.push(b);
      else children.set(a, [b]);
    }
  }
  const order = [root];
  const parent = [-1];
  for (let k = 0; k < order.length; k++) for (const c of children.get(order[k]) ?? []) (order.push(c), parent.push(k));
  report.unreachable = named.size - order.length;
  return { tree: { parent: Int32Array.from(parent) }, ids: order, report };
}

/** One node of a Twitter tree line: user id, tweet id, minutes after the source tweet. */
export interface TwitterNode {
  readonly user: string;
  readonly tweet: string;
  readonly delay: number;
}

const LINE = /^\['([^']*)', '([^']*)', '([^']*)'\]->\['([^']*)', '([^']*)', '([^']*)'\]$/;

export interface TwitterTree {
  readonly tree: CascadeTree;
  readonly report: TreeReport & {
    /** Non-empty lines that are not `['u', 't', 'd']->['u', 't', 'd']` with numeric delays: skipped, with their line numbers (first 10). */
    malformed: number;
    malformedLines: number[];
    /** `ROOT -> …` lines. */
    rootLines: number;
    /** How the root was found: the ROOT line to the file's own tweet, another ROOT line, or the earliest parent that is nobody's child. */
    rootFrom: "own-tweet" | "root-line" | "orphan" | "none";
  };
}

/**
 * A Twitter15/16 tree file as a user-level cascade tree: node = user (distinct users reached), the
 * tie parent user → child user. Lines are sorted by the child's delay (then file order; files are not
 * sorted), so a user who retweeted and later replied keeps the parent of their first act. The root is
 * the user of the `ROOT` line that points to the source tweet `tweetId` (9 of Twitter16's 818 files
 * point elsewhere: then the first ROOT line, else the earliest parent that is nobody's child).
 */
export function parseTwitterTree(text: string, tweetId?: string): TwitterTree {
  const edges: { a: TwitterNode; b: TwitterNode; line: number }[] = [];
  const malformedLines: number[] = [];
  let malformed = 0;
  let rootLines = 0;
  let own: string | undefined, firstRoot: string | undefined;
  const lines = text.split(/\r?\n/);
  for (let k = 0; k < lines.length; k++) {
    const line = lines[k].trim();
    if (line === "") continue;
    const m = LINE.exec(line);
    const da = m ? Number(m[3]) : NaN, db = m ? Number(m[6]) : NaN;
    if (!m || m[3] === "" || m[6] === "" || !Number.isFinite(da) || !Number.isFinite(db) || m[4] === "") {
      malformed++;
      if (malformedLines.length < 10) malformedLines.push(k + 1);
      continue;
    }
    if (m[1] === "ROOT") {
      rootLines++;
      firstRoot ??= m[4];
      if (tweetId !== undefined && m[5] === tweetId) own ??= m[4];
      continue;
    }
    edges.push({ a: { user: m[1], tweet: m[2], delay: da }, b: { user: m[4], tweet: m[5], delay: db }, line: k });
  }
  edges.sort((x, y) => x.b.delay - y.b.delay || x.line - y.line);
  let root = own ?? firstRoot;
  const rootFrom: TwitterTree["report"]["rootFrom"] = own !== undefined ? "own-tweet" : firstRoot !== undefined ? "root-line" : edges.length > 0 ? "orphan" : "none";
  if (root === undefined && edges.length > 0) {
    const children = new Set(edges.map((e) => e.b.user));
    root = edges.find((e) => !children.has(e.a.user))?.a.user ?? edges[0].a.user;
  }
  const { tree, report } = treeFromLinks(root ?? "", edges.map((e) => [e.a.user, e.b.user] as const));
  return { tree, report: { ...report, malformed, malformedLines, rootLines, rootFrom } };
}

/** `label:tweetId` lines (Twitter15/16's label.txt) as a map tweet id → label; other lines are ignored. */
export function parseLabels(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s*([^:\s]+)\s*:\s*(\S+)\s*$/.exec(line);
    if (m) out.set(m[2], m[1]);
  }
  return out;
}
