import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { idAt } from "../../engine/networks/import/ids.ts";
import { importNetwork, type FileAccess } from "../../engine/networks/import/load.ts";
import { FileNetwork } from "../../scenarios/schema/network.ts";
import { readNetworkFile } from "../../engine/node/network-file.ts";
import { readScenario } from "../../engine/node/load.ts";
import { simulate } from "../../engine/experiment/simulate.ts";
import { buildWorld } from "../../engine/core/world.ts";

const dir = mkdtempSync(join(tmpdir(), "circlecast-net-"));
const file = (name: string, content: string | Buffer) => {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
};
const ids = (g: { n: number; ids: Parameters<typeof idAt>[0] }) => Array.from({ length: g.n }, (_, i) => idAt(g.ids, i));
const neighbours = (g: ReturnType<typeof readNetworkFile>, id: string) => {
  const i = ids(g).indexOf(id);
  return Array.from(g.csr.targets.subarray(g.csr.offsets[i], g.csr.offsets[i + 1]), (j) => idAt(g.ids, j)).sort();
};

describe("edge lists", () => {
  it("read SNAP style (comments, tabs, commas, CRLF, string ids); report self-loops and repeats; map ids back", () => {
    const p = file("snap.txt", "# comment\r\n% another\r\nalice\tbob\r\nbob carol\r\ncarol,alice\r\nalice alice\r\nbob alice\r\n\r\ndave carol\r\n");
    const g = readNetworkFile({ path: p, circles: { from: "none" } });
    expect(g.n).toBe(4);
    expect(ids(g)).toEqual(["alice", "bob", "carol", "dave"]);
    expect(neighbours(g, "alice")).toEqual(["bob", "carol"]);
    expect(g.report.selfLoops).toEqual({ count: 1, first: `${p}, line 6` });
    expect(g.report.duplicates.count).toBe(1); // "bob alice" repeats "alice bob" in an undirected file
    expect(g.report.ties).toBe(8);
    expect(g.report.skippedLines).toBe(3);
  });

  it("directed and reversed ties; keep parallel ties when asked", () => {
    const p = file("dir.txt", "1 2\n1 2\n2 3\n");
    const d = readNetworkFile({ path: p, directed: true, circles: { from: "none" } });
    expect(neighbours(d, "1")).toEqual(["2"]);
    expect(neighbours(d, "2")).toEqual(["3"]);
    const r = readNetworkFile({ path: p, directed: true, reverse: true, duplicates: "keep", circles: { from: "none" } });
    expect(neighbours(r, "2")).toEqual(["1", "1"]);
    expect(r.report.duplicates).toMatchObject({ count: 1, policy: "keep" });
  });

  it("never turns ids into floats: 2^53 neighbours and leading zeros stay distinct nodes", () => {
    const p = file("big-ids.txt", "9007199254740993 9007199254740992\n07 7\n18446744073709551616 7\n");
    const g = readNetworkFile({ path: p, circles: { from: "none" } });
    expect(ids(g)).toEqual(["9007199254740993", "9007199254740992", "07", "7", "18446744073709551616"]);
  });

  it("streams: the same graph whatever the chunk size, gzip included", () => {
    const text = Array.from({ length: 2000 }, (_, k) => `${(k * 7919) % 613} node-${(k * 104729) % 997}${k % 3 ? "\r" : ""}`).join("\n");
    const spec = FileNetwork.parse({ kind: "file", path: "g.txt", circles: { from: "none" } });
    const bytes = new TextEncoder().encode(text);
    const access = (size: number): FileAccess => ({
      list: (p) => [p],
      text: () => text,
      chunks: (_p, on) => {
        for (let at = 0; at < bytes.length; at += size) on(bytes.slice(at, at + size));
      },
    });
    const whole = importNetwork(spec, access(bytes.length), 1);
    for (const size of [1, 7, 4096]) {
      const g = importNetwork(spec, access(size), 1);
      expect(ids(g)).toEqual(ids(whole));
      expect(Array.from(g.csr.targets)).toEqual(Array.from(whole.csr.targets));
    }
    const gz = readNetworkFile({ path: file("g.txt.gz", gzipSync(text)), circles: { from: "none" } });
    expect(Array.from(gz.csr.targets)).toEqual(Array.from(whole.csr.targets));
  });

  it("reads a folder of files in name order (cascade trees), counting ROOT lines and self-loops", () => {
    const trees = mkdtempSync(join(dir, "trees-"));
    const edge = (a: string, b: string) => `['${a}', '9', '0.0']->['${b}', '9', '1.5']`;
    writeFileSync(join(trees, "2.txt"), [edge("ROOT", "u1"), edge("u1", "u2"), edge("u2", "u2")].join("\n"));
    writeFileSync(join(trees, "1.txt"), [edge("ROOT", "u3"), edge("u3", "u1")].join("\n"));
    const g = readNetworkFile({ path: trees, format: "twitter-tree", circles: { from: "none" } });
    expect(g.directed).toBe(true);
    expect(ids(g)).toEqual(["u3", "u1", "u2"]);
    expect(neighbours(g, "u1")).toEqual(["u2"]);
    expect(g.report.other.count).toBe(2);
    expect(g.report.selfLoops.count).toBe(1);
  });
});

describe("circles", () => {
  const edges = file("fr.txt", "a b\nb c\nc a\nc d\nd e\ne f\nf d\n");

  it("SNAP circle files: overlapping circles, primary = the circle holding most ties, all memberships kept, circles contiguous", () => {
    const circles = file("ego.circles", "circle0\ta\tb\tc\td\ncircle1\td\te\tf\tghost\n");
    const g = readNetworkFile({ path: edges, circles: { from: "file", path: circles } });
    expect(g.circleNames).toEqual(["circle0", "circle1"]);
    expect(Array.from(g.circleStart)).toEqual([0, 3, 6]);
    expect(ids(g)).toEqual(["a", "b", "c", "d", "e", "f"]); // d: 1 tie in circle0 (c), 2 in circle1 (e, f)
    const d = ids(g).indexOf("d");
    const m = g.memberships!;
    expect(Array.from(m.circles.subarray(m.offsets[d], m.offsets[d + 1]), (c) => m.names[c])).toEqual(["circle0", "circle1"]);
    expect(g.report.circles.overlapping).toBe(1);
    expect(g.report.danglingMembers).toMatchObject({ count: 1, policy: "drop", first: `${circles}, line 2 (ghost)` });
  });

  it("a member listed twice in one circle counts once, also when circles outnumber the nodes", () => {
    const few = file("few.txt", "a b\nb c\n");
    const circles = file("many.circles", "c0\tb\nc1\tc\nc2\tghost\nc3\tghost\nc4\ta\ta\n");
    const g = readNetworkFile({ path: few, circles: { from: "file", path: circles } });
    expect(g.report.circles.overlapping).toBe(0);
    expect(g.memberships).toBeNull(); // kept only for consumers in several circles
    const a = ids(g).indexOf("a");
    let c = 0;
    while (g.circleStart[c + 1] <= a) c++;
    expect(g.circleNames[c]).toBe("c4");
  });

  it("node tables with a header and named columns; nodes without a circle go to \"unassigned\"", () => {
    const table = file("nodes.csv", 'id,name,community\na,"Alice, A.",x\nb,Bob,y\nc,Carol,x\nf,Fay,y\n');
    const g = readNetworkFile({ path: edges, circles: { from: "file", path: table, id: "id", column: "community" } });
    expect(g.circleNames).toEqual(["x", "y", "unassigned"]);
    expect(ids(g)).toEqual(["a", "c", "b", "f", "d", "e"]);
    expect(g.report.circles.unassigned).toBe(2);
  });

  it("Louvain detection is deterministic for a seed and finds two cliques joined by one tie", () => {
    const lines: string[] = [];
    for (const base of [0, 10]) for (let i = 0; i < 6; i++) for (let j = i + 1; j < 6; j++) lines.push(`${base + i} ${base + j}`);
    lines.push("0 10");
    const p = file("cliques.txt", lines.join("\n"));
    const a = readNetworkFile({ path: p }, 7);
    const b = readNetworkFile({ path: p }, 7);
    expect(a.circleNames).toEqual(["c1", "c2"]);
    expect(ids(a)).toEqual(ids(b));
    const first = new Set(ids(a).slice(0, 6));
    expect(first.has("0") ? ["0", "1", "2", "3", "4", "5"].every((x) => first.has(x)) : ["10", "11", "12", "13", "14", "15"].every((x) => first.has(x))).toBe(true);
    expect(a.report.circles.louvain).toMatchObject({ seed: 7, communities: 2 });
  });
});

describe("GEXF, GraphML and GML", () => {
  const gexf = `<?xml version="1.0" encoding="UTF-8"?>
<gexf xmlns="http://gexf.net/1.3" version="1.3">
  <graph defaultedgetype="undirected">
    <attributes class="node"><attribute id="0" title="community" type="string"/></attributes>
    <nodes>
      <node id="a"><attvalues><attvalue for="0" value="red"/></attvalues></node>
      <node id="b"><attvalues><attvalue for="0" value="blue"/></attvalues></node>
      <node id="c"><attvalues><attvalue for="0" value="red"/></attvalues></node>
    </nodes>
    <edges>
      <edge source="a" target="b"/>
      <edge source="b" target="c"/>
      <edge source="a" target="c"/>
      <edge source="a" target="zed"/>
      <edge source="a" target="b"/>
    </edges>
  </graph>
</gexf>`;

  it("GEXF through graphology-gexf: attribute circles, dangling edge dropped with its line, parallel edge merged", () => {
    const g = readNetworkFile({ path: file("g.gexf", gexf), circles: { from: "attribute", name: "community" } });
    expect(g.circleNames).toEqual(["red", "blue"]);
    expect(ids(g)).toEqual(["a", "c", "b"]);
    expect(g.report.danglingEdges).toMatchObject({ count: 1, first: expect.stringContaining("line 14 (zed)") });
    expect(g.report.duplicates.count).toBe(1);
    expect(g.report.ties).toBe(6);
  });

  it("GraphML through graphology-graphml: directed, dangling ids added when asked", () => {
    const xml = `<?xml version="1.0"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
  <key id="d0" for="node" attr.name="group" attr.type="string"/>
  <graph edgedefault="directed">
    <node id="n0"><data key="d0">g1</data></node>
    <node id="n1"><data key="d0">g1</data></node>
    <edge source="n0" target="n1"/>
    <edge source="n1" target="n2"/>
  </graph>
</graphml>`;
    const g = readNetworkFile({ path: file("g.graphml", xml), dangling: "add", circles: { from: "attribute", name: "group" } });
    expect(g.directed).toBe(true);
    expect(g.n).toBe(3);
    expect(g.circleNames).toEqual(["g1", "unassigned"]);
    expect(neighbours(g, "n1")).toEqual(["n2"]);
  });

  it("GML (Newman's format) with a node attribute as circles", () => {
    const gml = 'Creator "test"\ngraph\n[\n  node [ id 1 value 0 ]\n  node [ id 2 value 1 ]\n  node [ id 3 value 0 ]\n  edge [ source 1 target 2 ]\n  edge [ source 3 target 1 ]\n]\n';
    const g = readNetworkFile({ path: file("g.gml", gml), circles: { from: "attribute", name: "value" } });
    expect(g.circleNames).toEqual(["0", "1"]);
    expect(neighbours(g, "1")).toEqual(["2", "3"]);
  });

  it("GML ids are their text: 2^53 and 2^53 + 1 are two nodes (docs/networks.md)", () => {
    const gml = "graph [\n node [ id 9007199254740992 ]\n node [ id 9007199254740993 ]\n node [ id 3 ]\n edge [ source 9007199254740993 target 3 ]\n]\n";
    const g = readNetworkFile({ path: file("big-ids.gml", gml), circles: { from: "none" } });
    expect(ids(g).sort()).toEqual(["3", "9007199254740992", "9007199254740993"]);
    expect(neighbours(g, "9007199254740993")).toEqual(["3"]);
    expect(neighbours(g, "9007199254740992")).toEqual([]);
  });

  it("GML lists nested 100,000 deep are read (no recursion)", () => {
    const depth = 100_000;
    const gml = `graph [ node [ id 1 ] node [ id 2 ] edge [ source 1 target 2 ] extra ${"[ x ".repeat(depth)}1${" ]".repeat(depth)} ]`;
    const g = readNetworkFile({ path: file("deep.gml", gml), circles: { from: "none" } });
    expect(neighbours(g, "1")).toEqual(["2"]);
  });
});

describe("scenarios on a network file", () => {
  const net = file("s-net.txt", "a b\nb c\nc a\nc d\nd e\ne f\nf d\n");
  file("s-circles.circles", "left\ta\tb\tc\nright\td\te\tf\n");

  it("circles come from the file: named entries keep their parameters, the others take the template; seeds are file ids", () => {
    const p = file("s.json", JSON.stringify({
      name: "file-net",
      horizon: 5,
      replicates: 2,
      model: { kind: "ic", seeds: ["a"], probability: 1 },
      population: { template: { productAffinity: 0.3, kols: 0 }, circles: [{ name: "right", productAffinity: 0.8 }] },
      network: { kind: "file", path: "s-net.txt", circles: { from: "file", path: "s-circles.circles" }, brand: { followerShare: 0 } },
    }));
    const s = readScenario(p);
    expect(s.population.circles.map((c) => [c.name, c.size, c.productAffinity])).toEqual([["left", 3, 0.3], ["right", 3, 0.8]]);
    const sim = simulate(s);
    expect(sim.plans[0].final.active.mean).toBe(6); // probability 1 from "a" reaches everyone
    expect(sim.provenance.network).toMatchObject({ nodes: 6, circles: { origin: "file", count: 2 } });
    const w = buildWorld(s, 0);
    expect(w.pop.consumers).toBe(6);
  });

  it("the world's friendship ties weigh what the file says (tieWeights \"file\"), else strong inside a circle and weak across", () => {
    file("w-net.txt", "a b 0.25\nb c 0.5\nc d 0.75\n");
    file("w-circles.circles", "left\ta\tb\nright\tc\td\n");
    const worldOf = (tieWeights: string) => {
      const p = file(`w-${tieWeights}.json`, JSON.stringify({
        name: "weights", horizon: 1, model: { kind: "ic", seeds: ["a"], probability: 1 },
        population: { template: { kols: 0 }, circles: [] },
        network: { kind: "file", path: "w-net.txt", tieWeights, circles: { from: "file", path: "w-circles.circles" }, weights: { strong: 0.9, weak: 0.1 }, brand: { followerShare: 0 } },
      }));
      const w = buildWorld(readScenario(p), 0);
      // Each tie of the consumers (a, b, c, d are 0 … 3) as "from-to weight", in CSR order.
      const ties: string[] = [];
      for (let i = 0; i < w.pop.consumers; i++)
        for (let e = w.net.csr.offsets[i]; e < w.net.csr.offsets[i + 1]; e++) if (w.net.csr.targets[e] < w.pop.consumers) ties.push(`${i}-${w.net.csr.targets[e]} ${w.net.csr.classWeight[w.net.csr.tieClass[e]]}`);
      return ties;
    };
    const f = Math.fround;
    expect(worldOf("file")).toEqual(["0-1 0.25", "1-0 0.25", "1-2 0.5", "2-1 0.5", "2-3 0.75", "3-2 0.75"]);
    expect(worldOf("circles")).toEqual([`0-1 ${f(0.9)}`, `1-0 ${f(0.9)}`, `1-2 ${f(0.1)}`, `2-1 ${f(0.1)}`, `2-3 ${f(0.9)}`, `3-2 ${f(0.9)}`]);
  });

  it("a file with more than 256 distinct weights gets two bytes per tie class, and every tie keeps its weight", () => {
    const lines = Array.from({ length: 300 }, (_, k) => `n${k} n${k + 1} ${(k + 1) / 1000}`);
    file("many-weights.txt", lines.join("\n") + "\n");
    const p = file("many-weights.json", JSON.stringify({
      name: "many-weights", horizon: 1, model: { kind: "ic", seeds: ["n0"], probability: 1 },
      population: { template: { kols: 0 }, circles: [] },
      network: { kind: "file", path: "many-weights.txt", tieWeights: "file", circles: { from: "none" }, brand: { followerShare: 0 } },
    }));
    const s = readScenario(p);
    const w = buildWorld(s, 0);
    const { offsets, targets, tieClass, classWeight } = w.net.csr;
    expect(tieClass).toBeInstanceOf(Uint16Array);
    expect(classWeight.length).toBeGreaterThan(300); // the file's 300, then the accounts' follow weights
    // The tie between n_k and n_(k+1) weighs (k + 1) / 1000 in both directions.
    const weightOf = new Map<string, number>();
    for (let i = 0; i < w.pop.consumers; i++)
      for (let e = offsets[i]; e < offsets[i + 1]; e++) if (targets[e] < w.pop.consumers) weightOf.set(`${i}-${targets[e]}`, classWeight[tieClass[e]]);
    const names = ids((s.network as FileNetwork).graph!);
    for (let k = 0; k < 300; k++) {
      const [a, b] = [names.indexOf(`n${k}`), names.indexOf(`n${k + 1}`)];
      expect(weightOf.get(`${a}-${b}`)).toBe(Math.fround((k + 1) / 1000));
      expect(weightOf.get(`${b}-${a}`)).toBe(Math.fround((k + 1) / 1000));
    }
  });

  it("unknown circle names, wrong sizes and unknown seed ids are scenario errors", () => {
    const p = file("s-bad.json", JSON.stringify({
      name: "bad", horizon: 5,
      model: { kind: "ic", seeds: ["zz"] },
      population: { circles: [{ name: "middle" }, { name: "left", size: 4 }] },
      network: { kind: "file", path: "s-net.txt", circles: { from: "file", path: "s-circles.circles" } },
    }));
    expect(() => readScenario(p)).toThrowErrorMatchingInlineSnapshot(`
      [ScenarioError: ${p} is invalid:
        - population.circles[0].name: got "middle", expected a circle of the network file (left, right)
        - population.circles[1].size: got 4, expected 3 (the file's circle "left" has 3 members), or leave it out
        - model.seeds[0]: got "zz", expected a node id of the network file]
    `);
  });
});

