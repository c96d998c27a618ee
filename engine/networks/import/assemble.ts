/**
 * Raw graph + circle memberships → ImportedGraph: ties as CSR (repeated ties merged or kept, and
 * counted), each node's primary circle, and the nodes relabelled so that every circle is a
 * contiguous index range (as the population needs), with the original ids kept for outputs.
 *
 * Primary circle of a node in several circles: the one holding most of its ties; ties between
 * circles broken by the smaller circle, then by the circle listed first. Nodes in no circle go to
 * a circle named "unassigned", laid out last. All memberships stay available in `memberships`.
 */
import type { ImportedGraph, ImportReport } from "../../../scenarios/schema/imported-graph.ts";
import { MAX_CIRCLES } from "../../../scenarios/schema/population.ts";
import { buildCsr, Palette, tieClasses, type Csr } from "../../core/network/csr.ts";
import { dedupeRows, countRepeats } from "../../core/network/simple.ts";
import { packIds } from "./ids.ts";
import type { Memberships } from "./memberships.ts";
import type { ImportCounts, RawGraph } from "./raw.ts";
import { fileError } from "./text.ts";

export interface AssembleOptions {
  duplicates: "merge" | "keep";
  dangling: "drop" | "add";
}

export function assemble(raw: RawGraph, ms: Memberships, opts: AssembleOptions, extra: Partial<ImportReport["circles"]> = {}): ImportedGraph {
  const n = raw.ids.size;
  const E = raw.edges;
  let csr = csrFromEdges(n, E.from, E.to, E.weight, E.m, !raw.directed);
  const counts: ImportCounts = raw.counts;
  let repeats: number;
  if (opts.duplicates === "merge") {
    const d = dedupeRows(csr);
    csr = d.csr;
    repeats = d.removed;
  } else repeats = countRepeats(csr);
  counts.duplicates.count += raw.directed ? repeats : repeats / 2;
  if (counts.duplicates.count > 0 && !counts.duplicates.first) counts.duplicates.first = raw.directed ? "(directed ties repeated)" : '(for an undirected file, "u v" and "v u" are one tie)';

  // Group memberships by node: a CSR of (node → circle), repeats removed.
  const C0 = ms.names.length;
  const byNode = dedupeRows(buildCsr(n, (out) => {
    const none = out.classOf(0);
    for (let k = 0; k < ms.pairs.m; k++) if (ms.pairs.from[k] < n) out.add(ms.pairs.from[k], ms.pairs.to[k], none);
  }), C0).csr;
  const listedSize = new Int32Array(C0);
  for (let e = 0; e < byNode.targets.length; e++) listedSize[byNode.targets[e]]++;

  // Primary circle: most ties inside, then the smaller circle, then the first listed.
  const primary = new Int32Array(n).fill(-1);
  const tiesIn = new Int32Array(C0);
  let overlapping = 0;
  for (let i = 0; i < n; i++) {
    const lo = byNode.offsets[i], hi = byNode.offsets[i + 1];
    if (hi - lo === 1) primary[i] = byNode.targets[lo];
    if (hi - lo <= 1) continue;
    overlapping++;
    for (let e = csr.offsets[i]; e < csr.offsets[i + 1]; e++) {
      const j = csr.targets[e];
      for (let f = byNode.offsets[j]; f < byNode.offsets[j + 1]; f++) tiesIn[byNode.targets[f]]++;
    }
    let best = -1;
    for (let f = lo; f < hi; f++) {
      const c = byNode.targets[f];
      if (best < 0 || tiesIn[c] > tiesIn[best] || (tiesIn[c] === tiesIn[best] && (listedSize[c] < listedSize[best] || (listedSize[c] === listedSize[best] && c < best)))) best = c;
    }
    primary[i] = best;
    for (let e = csr.offsets[i]; e < csr.offsets[i + 1]; e++) {
      const j = csr.targets[e];
      for (let f = byNode.offsets[j]; f < byNode.offsets[j + 1]; f++) tiesIn[byNode.targets[f]] = 0;
    }
  }

  // Layout: listed circles that kept members, in order, then "unassigned".
  const members = new Int32Array(C0 + 1);
  let unassigned = 0;
  for (let i = 0; i < n; i++) {
    if (primary[i] < 0) {
      primary[i] = C0;
      unassigned++;
    }
    members[primary[i]]++;
  }
  const names: string[] = [];
  const newCircle = new Int32Array(C0 + 1).fill(-1);
  const emptied: string[] = [];
  for (let c = 0; c <= C0; c++) {
    if (members[c] === 0) {
      if (c < C0) emptied.push(ms.names[c]);
      continue;
    }
    newCircle[c] = names.length;
    names.push(c < C0 ? ms.names[c] : uniqueName("unassigned", ms.names));
  }
  if (names.length > MAX_CIRCLES) throw fileError(raw.source, undefined, `${names.length} circles: at most ${MAX_CIRCLES} are supported`);
  const C = names.length;
  const circleStart = new Int32Array(C + 1);
  for (let c = 0; c <= C0; c++) if (newCircle[c] >= 0) circleStart[newCircle[c] + 1] = members[c];
  for (let c = 0; c < C; c++) circleStart[c + 1] += circleStart[c];
  const fill = circleStart.slice(0, C);
  const order = new Int32Array(n); // order[new] = old
  const perm = new Int32Array(n); // perm[old] = new
  for (let i = 0; i < n; i++) {
    const at = fill[newCircle[primary[i]]]++;
    order[at] = i;
    perm[i] = at;
  }
  const relabelled = relabel(csr, order, perm);
  let memberships: ImportedGraph["memberships"] = null;
  if (overlapping > 0) {
    const mOff = new Int32Array(n + 1);
    for (let a = 0; a < n; a++) mOff[a + 1] = mOff[a] + (byNode.offsets[order[a] + 1] - byNode.offsets[order[a]]);
    const mCircles = new Int32Array(mOff[n]);
    for (let a = 0; a < n; a++) mCircles.set(byNode.targets.subarray(byNode.offsets[order[a]], byNode.offsets[order[a] + 1]), mOff[a]);
    memberships = { names: ms.names.slice(), offsets: mOff, circles: mCircles };
  }
  let isolated = 0;
  for (let a = 0; a < n; a++) if (relabelled.offsets[a] === relabelled.offsets[a + 1]) isolated++;
  if (raw.directed) {
    const hears = new Uint8Array(n);
    for (let e = 0; e < relabelled.targets.length; e++) hears[relabelled.targets[e]] = 1;
    isolated = 0;
    for (let a = 0; a < n; a++) if (relabelled.offsets[a] === relabelled.offsets[a + 1] && !hears[a]) isolated++;
  }
  const report: ImportReport = {
    source: raw.source,
    format: raw.format,
    directed: raw.directed,
    nodes: n,
    ties: relabelled.targets.length,
    records: counts.records,
    skippedLines: counts.skippedLines,
    selfLoops: counts.selfLoops,
    duplicates: { ...counts.duplicates, policy: opts.duplicates },
    danglingEdges: { ...counts.danglingEdges, policy: opts.dangling },
    danglingMembers: { ...counts.danglingMembers, policy: opts.dangling },
    other: counts.other,
    isolated,
    circles: { origin: ms.origin, detail: ms.detail, count: C, overlapping, unassigned, emptied, ...extra },
  };
  return { n, directed: raw.directed, ids: packIds(raw.ids, order), circleNames: names, circleStart, csr: relabelled, memberships, report };
}

/** CSR straight from edge arrays (both directions when `both`): a counting pass and a filling pass, no batches; one class per distinct weight. */
function csrFromEdges(n: number, from: Int32Array, to: Int32Array, weight: Float32Array | null, m: number, both: boolean): Csr {
  const offsets = new Int32Array(n + 1);
  for (let k = 0; k < m; k++) {
    offsets[from[k] + 1]++;
    if (both) offsets[to[k] + 1]++;
  }
  for (let i = 0; i < n; i++) offsets[i + 1] += offsets[i];
  const palette = new Palette();
  const cls = new Uint32Array(weight ? m : 0);
  for (let k = 0; k < cls.length; k++) cls[k] = palette.classOf(weight![k]);
  const one = weight ? 0 : palette.classOf(1);
  const targets = new Int32Array(offsets[n]);
  const tieClass = tieClasses(palette.size, offsets[n]);
  const fill = offsets.slice(0, n);
  for (let k = 0; k < m; k++) {
    const c = weight ? cls[k] : one;
    let e = fill[from[k]]++;
    targets[e] = to[k];
    tieClass[e] = c;
    if (both) {
      e = fill[to[k]]++;
      targets[e] = from[k];
      tieClass[e] = c;
    }
  }
  return { n, offsets, targets, tieClass, classWeight: palette.weights() };
}

/** The CSR with node `order[a]` renamed a (perm is its inverse); rows keep their order. */
function relabel(g: Csr, order: Int32Array, perm: Int32Array): Csr {
  const n = g.n;
  const offsets = new Int32Array(n + 1);
  for (let a = 0; a < n; a++) offsets[a + 1] = offsets[a] + g.offsets[order[a] + 1] - g.offsets[order[a]];
  const targets = new Int32Array(offsets[n]);
  const tieClass = tieClasses(g.classWeight.length, offsets[n]);
  for (let a = 0; a < n; a++) {
    const i = order[a];
    let at = offsets[a];
    for (let e = g.offsets[i]; e < g.offsets[i + 1]; e++, at++) {
      targets[at] = perm[g.targets[e]];
      tieClass[at] = g.tieClass[e];
    }
  }
  return { n, offsets, targets, tieClass, classWeight: g.classWeight };
}

function uniqueName(base: string, taken: string[]): string {
  let name = base;
  for (let k = 2; taken.includes(name); k++) name = `${base}-${k}`;
  return name;
}
