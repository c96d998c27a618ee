// A run's replicates on several workers, put together on the page (viz/engine.ts spreadRun), with
// stand-in workers that compute real replicates in this thread and answer in their own time.
import { describe, expect, it } from "vitest";
import { simulate, simulatePieces, type Simulation } from "../../engine/experiment/simulate.ts";
import type { EngineApi } from "../../engine/worker/api.ts";
import { loadScenario } from "../../scenarios/parse.ts";
import { spreadRun, type SpreadWorker } from "../../viz/engine.ts";
import { tinySweepBase } from "../helpers.ts";

const json = (s: Simulation) => JSON.stringify(s, (_, v) => (ArrayBuffer.isView(v) ? Array.from(v as Float64Array) : v));
const never = new Promise<never>(() => {});
const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("spreadRun", () => {
  const s = loadScenario({ ...tinySweepBase, replicates: 9 });
  /** A worker answering replicate r after delay(r) ms; `dies` makes it fail instead of answering replicate `dies`. */
  const worker = (delay: (r: number) => number, opts: { ready?: Promise<unknown>; dies?: number } = {}): SpreadWorker => {
    let die!: (why: string) => void;
    const died = new Promise<never>((_, reject) => (die = (why) => reject(new Error(why))));
    died.catch(() => undefined);
    const api = {
      async replicates(req: { indices: readonly number[] }) {
        const [r] = req.indices;
        await tick(delay(r));
        if (r === opts.dies) {
          die("worker crashed");
          return never;
        }
        return { ok: true as const, pieces: simulatePieces(s, {}, [r]) };
      },
    } as unknown as SpreadWorker["api"];
    return { api, ready: opts.ready, died };
  };

  it("gives one worker's numbers whatever order the replicates come in, and the first 1, 2, 4, 8 on the way", async () => {
    const partials: Simulation[] = [];
    const done: number[] = [];
    const o = await spreadRun([worker((r) => 9 - r), worker((r) => (r % 3) * 4), worker(() => 1)], s, s, (p) => done.push(p.done), (p) => partials.push(p), () => false);
    if (!o.ok) throw new Error(o.message);
    expect(json(o.simulation)).toBe(json(simulate(s)));
    expect(o.workers).toBe(3);
    const ks = partials.map((p) => p.provenance.replicates);
    expect(ks.length).toBeGreaterThan(0);
    ks.forEach((k, i) => {
      expect([1, 2, 4, 8]).toContain(k);
      if (i > 0) expect(k).toBeGreaterThan(ks[i - 1]);
    });
    for (const p of partials) expect(json(p)).toBe(json(simulate(s, { replicates: p.provenance.replicates })));
    expect(done).toEqual(Array.from({ length: 9 }, (_, k) => (k + 1) * s.plans.length));
  });

  it("finishes without a helper that never starts, and fails, without hanging, when a worker dies with a replicate", async () => {
    const alone = await spreadRun([worker(() => 0), worker(() => 0, { ready: never })], s, s, () => {}, undefined, () => false);
    expect(alone.ok && json(alone.simulation)).toBe(json(simulate(s)));
    const died = await spreadRun([worker(() => 2), worker(() => 0, { dies: 1 })], s, s, () => {}, undefined, () => false);
    expect(died).toMatchObject({ ok: false, cancelled: false, message: "the engine failed: worker crashed" });
  });

  it("stops handing out replicates once stopped", async () => {
    let stop = false;
    let asked = 0;
    const w = worker(() => 1);
    const counting = { ...w, api: { replicates: (req: { indices: readonly number[] }) => ((asked++, stop = asked >= 3), w.api.replicates(req as Parameters<EngineApi["replicates"]>[0])) } as unknown as SpreadWorker["api"] };
    const o = await spreadRun([counting], s, s, () => {}, undefined, () => stop);
    expect(o).toMatchObject({ ok: false, cancelled: true });
    expect(asked).toBe(3);
  });
});
