// The real networks of ../shared/data (each folder's README gives the counts checked here). Users of the
// published package do not have that folder: each test is then skipped, and its title says why.
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { readNetworkFile } from "../../engine/node/network-file.ts";
import { compareStats, fitGenerator, simpleView } from "../../engine/networks/fit.ts";
import { averageClustering } from "../../engine/networks/stats.ts";

const DATA = resolve(import.meta.dirname, "../../../shared/data");
const has = (folder: string) => existsSync(join(DATA, folder));
const real = (folder: string, title: string, fn: () => void) =>
  it.skipIf(!has(folder))(has(folder) ? title : `${title} (skipped: ${join(DATA, folder)} not found)`, fn);
const clustering = (g: ReturnType<typeof readNetworkFile>) => averageClustering(simpleView(g).simple);
const sizes = (g: ReturnType<typeof readNetworkFile>) => Array.from({ length: g.circleNames.length }, (_, c) => g.circleStart[c + 1] - g.circleStart[c]);

describe("real networks (../shared/data)", () => {
  real("karate-club", "karate: GML and the CRLF weighted edge list give the same 34 nodes, 78 ties; factions 16/18; clustering 0.5706", () => {
    const gml = readNetworkFile({ path: "karate-club/karate.gml", circles: { from: "file", path: "karate-club/zachary-factions.txt" } }, 1, DATA);
    expect([gml.n, gml.report.ties / 2, gml.report.duplicates.count, gml.report.selfLoops.count]).toEqual([34, 78, 0, 0]);
    expect(gml.circleNames).toEqual(["1", "2"]);
    expect(sizes(gml)).toEqual([16, 18]);
    expect(clustering(gml)).toBeCloseTo(0.5706, 4);
    const txt = readNetworkFile({ path: "karate-club/zachary.txt", circles: { from: "file", path: "karate-club/zachary-factions.txt" } }, 1, DATA);
    expect(txt.report.ties).toBe(gml.report.ties);
    expect(clustering(txt)).toBeCloseTo(0.5706, 4);
    // Louvain on the karate club: the best-known partitions have 3-4 communities, modularity ≈ 0.42.
    const detected = readNetworkFile({ path: "karate-club/karate.gml" }, 1, DATA);
    expect(detected.circleNames.length).toBeGreaterThanOrEqual(3);
    expect(detected.report.circles.louvain!.modularity).toBeGreaterThan(0.38);
  });

  real("dolphins", "dolphins: 62 nodes, 159 ties, clustering 0.2590", () => {
    const g = readNetworkFile({ path: "dolphins/dolphins.gml" }, 1, DATA);
    expect([g.n, g.report.ties / 2]).toEqual([62, 159]);
    expect(clustering(g)).toBeCloseTo(0.259, 3);
  });

  real("les-miserables", "les-miserables: 77 nodes, 254 ties, clustering 0.5731; file weights must be probabilities", () => {
    const g = readNetworkFile({ path: "les-miserables/lesmis.gml" }, 1, DATA);
    expect([g.n, g.report.ties / 2]).toEqual([77, 254]);
    expect(clustering(g)).toBeCloseTo(0.5731, 4);
    expect(() => readNetworkFile({ path: "les-miserables/lesmis.gml", tieWeights: "file" }, 1, DATA)).toThrow(/expected an edge weight in \[0, 1\]/);
  });

  real("college-football", "college-football: 115 teams, 613 games, 12 conferences from the node attribute", () => {
    const g = readNetworkFile({ path: "college-football/football.gml", circles: { from: "attribute", name: "value" } }, 1, DATA);
    expect([g.n, g.report.ties / 2, g.circleNames.length]).toEqual([115, 613, 12]);
    expect(Math.min(...sizes(g))).toBe(5);
    expect(Math.max(...sizes(g))).toBe(13);
  });

  real("email-eu-core", "email-eu-core: 1,005 nodes, 25,571 lines, 642 self-loops reported, 16,064 undirected ties, 42 departments, clustering 0.3994", () => {
    const g = readNetworkFile({ path: "email-eu-core/email-Eu-core.txt", directed: true, circles: { from: "file", path: "email-eu-core/email-Eu-core-department-labels.txt" } }, 1, DATA);
    expect([g.n, g.report.records, g.report.selfLoops.count, g.report.ties]).toEqual([1005, 25571, 642, 25571 - 642]);
    expect(g.circleNames.length).toBe(42);
    expect(g.report.isolated).toBe(19);
    const { simple } = simpleView(g);
    expect(simple.targets.length / 2).toBe(16064);
    expect(averageClustering(simple)).toBeCloseTo(0.3994, 4);
  });

  real("ego-facebook", "ego-facebook: 4,039 nodes, 88,234 ties, clustering 0.6055; the 193 overlapping ego circles", () => {
    const g = readNetworkFile({ path: "ego-facebook/facebook_combined.txt", circles: { from: "none" } }, 1, DATA);
    expect([g.n, g.report.ties / 2, g.report.duplicates.count]).toEqual([4039, 88234, 0]);
    expect(clustering(g)).toBeCloseTo(0.6055, 4);
    const egos = ["0", "107", "348", "414", "686", "698", "1684", "1912", "3437", "3980"];
    const c = readNetworkFile({ path: "ego-facebook/facebook_combined.txt", circles: { from: "file", path: egos.map((e) => `ego-facebook/${e}.circles`) } }, 1, DATA);
    const m = c.memberships!;
    expect(m.names.length).toBe(193);
    expect(m.names[0]).toBe("0/circle0");
    expect(c.report.danglingMembers.count).toBe(0);
    expect(c.report.circles.overlapping).toBeGreaterThan(0);
    // Every node keeps all its listed circles; its primary circle is one of them.
    for (let i = 0; i < c.n; i++) {
      const listed = Array.from(m.circles.subarray(m.offsets[i], m.offsets[i + 1]), (k) => m.names[k]);
      const primary = c.circleNames[sizes(c).findIndex((_, k) => i >= c.circleStart[k] && i < c.circleStart[k + 1])];
      if (listed.length) expect(listed).toContain(primary);
      else expect(primary).toBe("unassigned");
    }
  });

  real("twitter16-propagation-trees", "twitter16: 100 cascade trees, 41,334 edge lines, 84 self-loop lines reported", () => {
    const g = readNetworkFile({ path: "twitter16-propagation-trees/tree", format: "twitter-tree", circles: { from: "none" } }, 1, DATA);
    expect(g.report.records).toBe(41334);
    expect(g.report.selfLoops.count).toBe(84);
    expect(g.report.other.count).toBe(100); // one ROOT line per tree
  });
});

// The fit and its twin (docs/networks.md §2): the rows of the side-by-side table that have a tolerance.
const misses = (g: ReturnType<typeof readNetworkFile>) => {
  const { fit, real, twin } = fitGenerator(g, { seed: 1 });
  return { fit, real, twin, missed: compareStats(real, twin).filter((r) => r.ok === false).map((r) => r.measure) };
};

describe("generator fit on the real networks (../shared/data)", () => {
  real("karate-club", "karate (factions): the twin meets every tolerance, clustering included", () => {
    const g = readNetworkFile({ path: "karate-club/karate.gml", circles: { from: "file", path: "karate-club/zachary-factions.txt" } }, 1, DATA);
    const { fit, missed } = misses(g);
    expect(missed).toEqual([]);
    expect(fit.closureFrom).toBe("calibrated");
  });

  real("dolphins", "dolphins (Louvain circles): the twin meets every tolerance", () => {
    expect(misses(readNetworkFile({ path: "dolphins/dolphins.gml" }, 1, DATA)).missed).toEqual([]);
  });

  real("email-eu-core", "email-eu-core (departments): every tolerance but clustering, which sits on its edge", () => {
    const g = readNetworkFile({ path: "email-eu-core/email-Eu-core.txt", directed: true, circles: { from: "file", path: "email-eu-core/email-Eu-core-department-labels.txt" } }, 1, DATA);
    const { fit, real: r, twin, missed } = misses(g);
    // Two thirds of its ties cross departments and closure makes in-circle ties only: the departments'
    // near-cliques bring the twin to 0.345 ± 0.004 over seeds 1–10 (0.399 real, tolerance ±0.05; docs/networks.md §4).
    expect(missed.filter((m) => m !== "avg clustering")).toEqual([]);
    expect(Math.abs(twin.clustering - r.clustering)).toBeLessThan(0.06);
    expect(fit.closureFrom).toBe("calibrated");
  });
});
