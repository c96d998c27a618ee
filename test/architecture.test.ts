/**
 * The house's plan, held against its imports (test/architecture/): arrows run down the levels below,
 * never back up and never between peers; the viewer reaches the engine only through its doors; an app
 * takes what the public entries offer from them; no files import each other in a circle (type-only
 * imports count: a type cycle still ties the files together); the browser's code uses no Node module.
 */
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { readHouse, readModule, type Arrow } from "./architecture/imports.ts";
import { cycleLines, cycles, layerViolations, namesPastEntries, nodeModulesReached, type House, type Plan } from "./architecture/rules.ts";

const ROOT = fileURLToPath(new URL("../", import.meta.url));

/** The public entries: the package's API (`circlecast`) and its Node helpers (`circlecast/node`). */
const ENTRIES = ["engine/index.ts", "engine/node/api.ts"];

/** Bottom to top. A file imports its own room and lower levels; rooms on one level know nothing of each other. */
const PLAN: Plan = {
  levels: [
    // Data the viewer bundles as text (the Fit tab's worked example): it imports nothing.
    ["docs/examples/"],
    // Words everyone uses: issue lines, the model version, then the error types that carry issues.
    ["scenarios/issues.ts", "engine/version.ts"],
    ["engine/errors.ts"],
    // The scenario language (zod schemas, parsing, an imported network's shape): the engine runs only a parsed Scenario.
    ["scenarios/"],
    // The tick: deterministic math and where arrays live, random streams, the world's parts, the plan's strategies, the tick's
    // shared tables and metric declarations, the model's mechanisms, the models that compose them, the collectors that read a run, the run.
    ["engine/core/libm/", "engine/core/memory.ts"],
    ["engine/core/rng/"],
    ["engine/core/population.ts"],
    ["engine/core/network/"],
    ["engine/core/world.ts"],
    ["engine/core/strategies/"],
    ["engine/core/dynamics.ts", "engine/core/metrics.ts", "engine/core/queue.ts"],
    ["engine/core/mechanism/"],
    ["engine/core/models/"],
    ["engine/core/collect/"],
    ["engine/core/run.ts"],
    // Over the tick: real networks, experiments over runs, then their formats and split runs side by side.
    ["engine/networks/"],
    ["engine/experiment/"],
    ["engine/format/", "engine/split/"],
    // The worker boundary drives single and split runs.
    ["engine/worker/"],
    // The doors: browser-safe, so they stand below the Node side and never import it.
    ["engine/index.ts", "engine/viewer.ts"],
    // The Node side: CLI, files, thread entries.
    ["engine/node/"],
    // The apps; the benchmarks also reuse the tests' scenario generators, and reach the internals they measure.
    ["viz/", "test/"],
    ["bench/"],
  ],
  doors: {
    // The viewer's door, and the entry of the worker it starts (by URL). Not engine/index.ts: it also carries
    // the network-file readers (graphology, xmldom), which took the page's script from 460 to 635 kB.
    // The Fit tab's example campaign and scenario come in as text (Vite's ?raw), the files the CLI's example reads.
    "viz/": ["engine/viewer.ts", "engine/worker/browser.ts", "docs/examples/bakery-campaign.csv?raw", "docs/examples/bakery-scenario.json?raw"],
  },
};

/** Code that runs in browsers: the page and the workers it starts (found by following the arrows), and the public API. */
const BROWSER = ["viz/main.ts", "engine/index.ts"];

describe("the house keeps its plan", () => {
  const house: House = readHouse(ROOT, ["engine", "scenarios", "viz", "bench"]);

  it("reads the whole house", () => {
    expect(house.size).toBeGreaterThan(200);
    const entry = (from: string, to: string) => house.get(from)!.arrows.some((a) => a.kind === "entry" && a.to === to);
    expect(entry("viz/engine.ts", "engine/worker/browser.ts")).toBe(true);
    expect(entry("engine/split/node-threads.ts", "engine/split/node-part.ts")).toBe(true);
  });

  it("no import runs back up a level or sideways to a peer; the viewer uses its doors", () => {
    expect(layerViolations(PLAN, house)).toEqual([]);
  });

  it("the benchmarks take what the public entries offer from them, and reach inside only for what they measure", () => {
    expect(namesPastEntries(house, ["bench/"], ENTRIES)).toEqual([]);
  });

  it("no files import each other in a circle", () => {
    expect(cycleLines(house)).toEqual([]);
  });

  it("the browser's code (the page, its workers, the public API) imports no Node module", () => {
    expect(nodeModulesReached(house, BROWSER)).toEqual([]);
  });
});

/** A house from sources written inline, parsed as the real one is. */
function fakeHouse(files: Record<string, string>): House {
  return new Map(Object.entries(files).map(([f, src]) => [f, readModule(f, src)]));
}

describe("the rules fail where they should", () => {
  it("reads every kind of import, type-only included, and not comments or strings", () => {
    const src = [
      'import type { A } from "./a.ts";', // 1
      'import { b, type C } from "../up/b.ts";', // 2
      'export { d, type E } from "./d.ts";', // 3
      'export type { F } from "./f.ts";', // 4
      'export * from "./star.ts";', // 5
      'import "./side.css";', // 6
      'const m = await import("./lazy.ts");', // 7
      'new Worker(new URL("./part.ts", import.meta.url));', // 8
      'startThread(entryUrl("../node/thread.ts", import.meta.url));', // 9
      'type T = import("./t.ts").T;', // 10
      '// import { x } from "./comment.ts";', // 11
      'const s = \'import { y } from "./string.ts"\';', // 12
      'import { readFileSync } from "node:fs";', // 13
      'const schema = new URL("./data.json", import.meta.url);', // 14
    ].join("\n");
    const { arrows, exports } = readModule("pkg/x/main.ts", src);
    const brief = (a: Arrow) => `${a.line} ${a.kind} ${a.to}${a.typeOnly ? " type" : ""}${a.names.length ? ` [${a.names.join(" ")}]` : ""}`;
    expect(arrows.map(brief).sort((p, q) => parseInt(p) - parseInt(q))).toEqual([
      "1 import pkg/x/a.ts type [A]",
      "2 import pkg/up/b.ts [b C]",
      "3 export pkg/x/d.ts [d E]",
      "4 export pkg/x/f.ts type [F]",
      "5 export pkg/x/star.ts [*]",
      "6 import pkg/x/side.css",
      "7 dynamic pkg/x/lazy.ts",
      "8 entry pkg/x/part.ts",
      "9 entry pkg/node/thread.ts",
      "10 dynamic pkg/x/t.ts type",
      "13 import node:fs [readFileSync]",
    ]);
    expect(exports.map((e) => `${e.name} <- ${e.re?.from}#${e.re?.name}`)).toEqual(["d <- pkg/x/d.ts#d", "E <- pkg/x/d.ts#E", "F <- pkg/x/f.ts#F", "* <- pkg/x/star.ts#*"]);
  });

  const plan: Plan = { levels: [["low/"], ["mid/a.ts", "mid/b.ts"], ["top/"], ["app/"]], doors: { "app/": ["top/door.ts"] } };

  it("names an import that runs back up, one between peers, one past the doors, and a file in no room", () => {
    const house = fakeHouse({
      "low/base.ts": 'import type { Up } from "../top/door.ts";\nexport const base = 1;',
      "mid/a.ts": 'import { base } from "../low/base.ts";\nimport { b } from "./b.ts";',
      "mid/b.ts": 'import { base } from "../low/base.ts";\nexport const b = base;',
      "top/door.ts": 'export { b } from "../mid/b.ts";\nexport type Up = number;',
      "app/main.ts": 'import { b } from "../top/door.ts";\nimport { base } from "../low/base.ts";',
      "stray/loose.ts": "export {};",
    });
    expect(layerViolations(plan, house)).toEqual([
      "low/base.ts:1 -> top/door.ts (type Up): runs back up, from low/ (level 1) to top/ (level 3)",
      "mid/a.ts:2 -> mid/b.ts (b): runs sideways, mid/a.ts and mid/b.ts are peers on level 2",
      "app/main.ts:2 -> low/base.ts (base): app/ reaches past itself only through top/door.ts",
      "stray/loose.ts: in no room of the plan (place it on a level)",
    ]);
  });

  it("names a name taken from deep inside when a public entry offers it", () => {
    const house = fakeHouse({
      "lib/run.ts": "export const run = 1, inner = 2;",
      "lib/index.ts": 'export { run } from "./run.ts";',
      "app/bench.ts": 'import { run, inner } from "../lib/run.ts";\nimport { run as r } from "../lib/index.ts";',
    });
    expect(namesPastEntries(house, ["app/"], ["lib/index.ts"])).toEqual(["app/bench.ts:1 takes run from lib/run.ts: lib/index.ts offers it"]);
  });

  it("finds a circle closed by a type-only import, and prints its arrows", () => {
    const house = fakeHouse({
      "v/registry.ts": 'import { one } from "./one.ts";\nimport { two } from "./two.ts";',
      "v/one.ts": 'import type { View } from "./registry.ts";\nimport { two } from "./two.ts";',
      "v/two.ts": 'import { leaf } from "./leaf.ts";',
      "v/leaf.ts": "export const leaf = 1;",
    });
    expect(cycles(house)).toEqual([["v/one.ts", "v/registry.ts"]]);
    expect(cycleLines(house)).toEqual([
      "circle of 2 files: v/one.ts, v/registry.ts\n    a shortest loop: v/one.ts:1 -> v/registry.ts (type View)\n                   v/registry.ts:1 -> v/one.ts (one)",
    ]);
  });

  it("follows the browser's code into its workers to a Node module, and lets a type-only import of one pass", () => {
    const house = fakeHouse({
      "web/main.ts": 'import type { Stats } from "node:fs";\nnew Worker(new URL("./worker.ts", import.meta.url));',
      "web/worker.ts": 'import { run } from "../lib/run.ts";',
      "lib/run.ts": 'import { cpus } from "node:os";\nexport const run = cpus;',
    });
    expect(nodeModulesReached(house, ["web/main.ts"])).toEqual(["web/main.ts -> web/worker.ts -> lib/run.ts imports node:os (line 1)"]);
  });
});
