/** Cascade trees (engine/networks/cascade-trees.ts): the Twitter15/16 reader, the three shape measures, and the KS distance used to compare them. */
import { describe, expect, it } from "vitest";
import { parseLabels, parseTwitterTree, treeFromLinks, treeMeasures } from "../../engine/networks/cascade-trees.ts";
import { ksDistance } from "../../engine/networks/stats.ts";

const tree = (...parent: number[]) => ({ parent: Int32Array.from(parent) });

/** Mean distance over all pairs by breadth-first search from every node: the definition, in O(n²). */
function bruteVirality(parent: Int32Array): number {
  const n = parent.length;
  const adj: number[][] = Array.from({ length: n }, () => []);
  for (let v = 1; v < n; v++) adj[v].push(parent[v]), adj[parent[v]].push(v);
  let sum = 0;
  for (let s = 0; s < n; s++) {
    const d = new Array(n).fill(-1);
    d[s] = 0;
    const queue = [s];
    for (let k = 0; k < queue.length; k++) for (const w of adj[queue[k]]) if (d[w] < 0) (d[w] = d[queue[k]] + 1), queue.push(w);
    for (let t = s + 1; t < n; t++) sum += d[t];
  }
  return n > 1 ? sum / ((n * (n - 1)) / 2) : 0;
}

describe("tree measures", () => {
  it("a lone root: size 1, depth 0, virality 0", () => {
    expect(treeMeasures(tree(-1))).toEqual({ size: 1, depth: 0, virality: 0 });
  });
  it("a star of 3 leaves: pairs at 1 (×3) and 2 (×3), virality 9/6", () => {
    expect(treeMeasures(tree(-1, 0, 0, 0))).toEqual({ size: 4, depth: 1, virality: 1.5 });
  });
  it("a path of 4 nodes: distances 1,1,1,2,2,3, virality 10/6", () => {
    const m = treeMeasures(tree(-1, 0, 1, 2));
    expect([m.size, m.depth]).toEqual([4, 3]);
    expect(m.virality).toBeCloseTo(10 / 6, 14);
  });
  it("root with children 1, 2 and grandchildren 3, 4 under 1: pair distances sum to 18 over 10 pairs", () => {
    const m = treeMeasures(tree(-1, 0, 0, 1, 1));
    expect([m.size, m.depth]).toEqual([5, 2]);
    expect(m.virality).toBeCloseTo(1.8, 14);
  });
  it("equals the all-pairs definition on random trees", () => {
    let x = 12345;
    const rnd = () => ((x = (Math.imul(x, 1103515245) + 12345) >>> 0) / 2 ** 32);
    for (const n of [2, 3, 7, 40, 200]) {
      const p = new Int32Array(n);
      p[0] = -1;
      for (let v = 1; v < n; v++) p[v] = Math.floor(rnd() * v);
      expect(treeMeasures({ parent: p }).virality).toBeCloseTo(bruteVirality(p), 10);
    }
  });
});

describe("treeFromLinks", () => {
  it("keeps the first parent, numbers nodes breadth first, and reports what it dropped", () => {
    const { tree: t, ids, report } = treeFromLinks("r", [["r", "a"], ["a", "b"], ["r", "c"], ["r", "a"], ["c", "b"], ["c", "c"], ["b", "r"], ["x", "y"]]);
    expect(ids).toEqual(["r", "a", "c", "b"]);
    expect(Array.from(t.parent)).toEqual([-1, 0, 0, 1]);
    expect(report).toEqual({ links: 8, duplicates: 1, selfLoops: 1, extraParents: 2, unreachable: 2 });
  });
});

describe("parseTwitterTree", () => {
  const text = [
    "['ROOT', 'ROOT', '0.0']->['A', '100', '0.0']",
    "['A', '100', '0.0']->['C', '100', '5.0']",
    "['A', '100', '0.0']->['B', '100', '1.5']",
    "['B', '100', '1.5']->['D', '100', '3.0']",
    "['A', '100', '0.0']->['B', '100', '1.5']", // duplicate
    "['C', '100', '5.0']->['D', '101', '7.0']", // D's reply, later: a second parent
    "['B', '100', '1.5']->['B', '100', '1.5']", // self-loop
    "not a tree line",
    "['E', '100', '1.0']->['F', '100', 'soon']", // delay not a number
    "",
    "['X', '200', '2.0']->['Y', '200', '-2.5']", // not linked to the root
  ].join("\r\n");

  it("reads users as nodes, parents in delay order, and counts every quirk", () => {
    const { tree: t, report } = parseTwitterTree(text, "100");
    // Delay order: B (1.5, from A), D (3.0, from B), C (5.0, from A); D's later parent C is dropped.
    expect(Array.from(t.parent)).toEqual([-1, 0, 0, 1]);
    const m = treeMeasures(t);
    expect([m.size, m.depth]).toEqual([4, 2]);
    expect(m.virality).toBeCloseTo(20 / 12, 14);
    expect(report).toEqual({
      links: 7, duplicates: 1, selfLoops: 1, extraParents: 1, unreachable: 2,
      malformed: 2, malformedLines: [8, 9], rootLines: 1, rootFrom: "own-tweet",
    });
  });

  it("takes a ROOT line that points to another tweet, or else the parent nobody points to", () => {
    expect(parseTwitterTree(text, "999").report.rootFrom).toBe("root-line");
    const orphan = parseTwitterTree("['P', '1', '0.0']->['Q', '1', '1.0']\n['Q', '1', '1.0']->['R', '1', '2.0']\n", "1");
    expect(orphan.report.rootFrom).toBe("orphan");
    expect(Array.from(orphan.tree.parent)).toEqual([-1, 0, 1]);
  });

  it("reads label lines", () => {
    expect([...parseLabels("false:656955120626880512\nnon-rumor:1\n\njunk\n")]).toEqual([["656955120626880512", "false"], ["1", "non-rumor"]]);
  });
});

describe("ksDistance", () => {
  it("is 0 for equal samples and 1 for disjoint ones", () => {
    expect(ksDistance([1, 2, 3], [1, 2, 3])).toBe(0);
    expect(ksDistance([1, 2], [3, 4, 5])).toBe(1);
  });
  it("takes the largest gap between the two distribution functions (real values)", () => {
    // F_a − F_b at 0.1, 0.2, 0.25, 0.3, 0.35, 0.4: 0.25, 0.5, 0, 0.25, −0.25, 0.
    expect(ksDistance([0.1, 0.2, 0.3, 0.4], [0.25, 0.35])).toBe(0.5);
  });
  it("steps over ties in both samples at once", () => {
    // At 1: 2/3 − 1/3; at 2: 1 − 1. Stepping through one sample first would report 2/3.
    expect(ksDistance([1, 1, 2], [1, 2, 2])).toBeCloseTo(1 / 3, 15);
  });
});
