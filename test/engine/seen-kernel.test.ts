// Step 1 of a delivery as WebAssembly (engine/core/models/seen-kernel.ts) computes what the TypeScript
// step 1 computes: the module against the draw it replaces, and whole runs with it and without it.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { kernelFits, kernelMemory, kernelState, leaseKernel, SeenKernel, setKernel, KERNEL_BLOCK } from "../../engine/core/models/seen-kernel.ts";
import { heapBuffers, R } from "../../engine/core/models/social-state.ts";
import { socialDynamics } from "../../engine/core/models/social.ts";
import { runPlan, type RunResult } from "../../engine/core/run.ts";
import { uniform } from "../../engine/core/rng/hash.ts";
import { stream } from "../../engine/core/rng/stream.ts";
import { buildWorld, type World } from "../../engine/core/world.ts";
import { libraryNames } from "../../engine/node/load.ts";
import { LIBRARY_DIR } from "../../engine/node/package-info.ts";
import { loadScenario } from "../../scenarios/parse.ts";
import type { Scenario } from "../../scenarios/schema/scenario.ts";
import { generateScenario } from "../properties/generate.ts";
import { smallScenario } from "../helpers.ts";

afterEach(() => setKernel(true));

/** A world-free memory: n agents with random activities (a tenth 0, a tenth 1), `ties` random targets. */
function randomMemory(n: number, ties: number, parts: number, seed: number) {
  const rng = stream(seed);
  const targets = Int32Array.from({ length: ties }, () => Math.floor(rng() * n));
  const k = kernelMemory(targets, n, parts, parts > 1)!;
  const state = kernelState(k, 0, heapBuffers);
  for (let i = 0; i < n; i++) {
    const v = rng();
    state.f32[8 * i + R.activity] = v < 0.1 ? 0 : v > 0.9 ? 1 : rng();
  }
  return { targets, k, activity: (i: number) => state.f32[8 * i + R.activity] };
}

describe("the wasm step 1", () => {
  it("lists the ties whose readers saw the message, as uniform(key, t, e, xk) < activity decides", () => {
    const { targets, k, activity } = randomMemory(5000, 40_000, 1, 1);
    const kernel = new SeenKernel(k);
    const rng = stream(2);
    let drawn = 0, seenTotal = 0;
    for (let call = 0; call < 400; call++) {
      const from = Math.floor(rng() * (targets.length - KERNEL_BLOCK));
      const stop = from + Math.floor(rng() * (KERNEL_BLOCK + 1)); // 0 … 256 ties
      const key = (rng() * 2 ** 32) | 0, t = Math.floor(rng() * 400), xk = (rng() * 2 ** 32) | 0;
      const want: number[] = [];
      for (let e = from; e < stop; e++) if (uniform(key, t, e, xk) < activity(targets[e])) want.push(e);
      const seen = kernel.seenAll(from, stop, key, t, xk);
      expect(Array.from(kernel.seenTies.subarray(0, seen))).toEqual(want);
      drawn += stop - from;
      seenTotal += seen;
    }
    // Not all or nothing: the draws really decide (activities average about 0.5).
    expect(seenTotal / drawn).toBeGreaterThan(0.4);
    expect(seenTotal / drawn).toBeLessThan(0.6);
  });

  it("gives a part of a split run its own readers only (blocks of 64 dealt round the parts)", () => {
    const parts = 3;
    const { targets, k, activity } = randomMemory(7000, 30_000, parts, 3);
    const rng = stream(4);
    for (let me = 0; me < parts; me++) {
      const kernel = new SeenKernel(k, me);
      for (let call = 0; call < 200; call++) {
        const from = Math.floor(rng() * (targets.length - KERNEL_BLOCK));
        const stop = from + Math.floor(rng() * (KERNEL_BLOCK + 1));
        const key = (rng() * 2 ** 32) | 0, t = Math.floor(rng() * 400), xk = (rng() * 2 ** 32) | 0;
        let mine = 0;
        const want: number[] = [];
        for (let e = from; e < stop; e++) {
          if ((targets[e] >>> 6) % parts !== me) continue;
          mine++;
          if (uniform(key, t, e, xk) < activity(targets[e])) want.push(e);
        }
        const r = kernel.seenOwn(from, stop, key, t, xk);
        expect(r >>> 9).toBe(mine);
        expect(Array.from(kernel.seenTies.subarray(0, r & 511))).toEqual(want);
      }
    }
  });

  it("is not used where its memory would not fit (over 2 GiB) or when switched off", () => {
    expect(kernelFits(1000, 10_000)).toBe(true);
    expect(kernelFits(50_000_000, 1_000_000_000)).toBe(false);
    setKernel(false);
    expect(kernelFits(1000, 10_000)).toBe(false);
    expect(leaseKernel(new Int32Array(10), 5)).toBeUndefined();
  });
});

/** Everything a run gives, for comparing two runs exactly. */
const everything = (r: RunResult) => ({ series: r.series, tables: r.tables });

function withAndWithout(world: World, plan: number) {
  setKernel(true);
  const wasm = everything(runPlan(world, world.scenario.plans[plan], { planIndex: plan }));
  setKernel(false);
  const ts = everything(runPlan(world, world.scenario.plans[plan], { planIndex: plan }));
  setKernel(true);
  return { wasm, ts };
}

const library = (name: string): Scenario => loadScenario(JSON.parse(readFileSync(join(LIBRARY_DIR, `${name}.json`), "utf8")));

describe("runs with the wasm step 1 and without it", () => {
  const social = libraryNames().map(library).filter((s) => s.model.kind === "social");

  it("give the same results, bit for bit, on every social preset (every plan, replicate 0)", () => {
    expect(social.length).toBeGreaterThan(5);
    for (const s of social) {
      const world = buildWorld(s, 0);
      for (let p = 0; p < s.plans.length; p++) {
        const { wasm, ts } = withAndWithout(world, p);
        expect(wasm, `${s.name}, plan ${s.plans[p].name}`).toEqual(ts);
      }
    }
  });

  it("give the same results on generated scenarios", () => {
    for (let k = 0; k < 8; k++) {
      const s = loadScenario(generateScenario("seen-kernel", k));
      const world = buildWorld(s, 1);
      const { wasm, ts } = withAndWithout(world, 0);
      expect(wasm, `generated scenario ${k}`).toEqual(ts);
    }
  });
});

describe("the memory a run borrows", () => {
  it("is not shared by two runs at once: runs stepped together give what runs one after the other give", () => {
    const s = smallScenario();
    const world = buildWorld(s, 0);
    const alone = s.plans.map((plan, p) => everything(runPlan(world, plan, { planIndex: p })));
    const a = socialDynamics(world, s.plans[0], 0), b = socialDynamics(world, s.plans[1], 1);
    const out = [new Float64Array(a.metrics.length), new Float64Array(b.metrics.length)];
    for (let t = 0; t <= s.horizon; t++) {
      a.tick(t);
      b.tick(t);
    }
    a.read(out[0]);
    b.read(out[1]);
    expect(a.finish()).toEqual(alone[0].tables);
    expect(b.finish()).toEqual(alone[1].tables);
    const last = (r: (typeof alone)[number]) => Array.from({ length: r.series.metrics.length }, (_, m) => r.series.values[(m + 1) * r.series.rows - 1]);
    expect(Array.from(out[0])).toEqual(last(alone[0]));
    expect(Array.from(out[1])).toEqual(last(alone[1]));
  });

  it("passes from world to world: a run after another world's run (a larger and a smaller) gives what it gives first", () => {
    const small = smallScenario(), large = smallScenario({ population: { circles: [{ name: "a", size: 4000 }, { name: "b", size: 2500 }] } });
    const first = everything(runPlan(buildWorld(small, 1), small.plans[0]));
    runPlan(buildWorld(large, 0), large.plans[1]);
    const again = everything(runPlan(buildWorld(small, 1), small.plans[0]));
    runPlan(buildWorld(small, 2), small.plans[1]);
    const third = everything(runPlan(buildWorld(small, 1), small.plans[0]));
    expect(again).toEqual(first);
    expect(third).toEqual(first);
  });
});
