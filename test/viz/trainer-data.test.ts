import { readFileSync, readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { traceRun } from "../../engine/experiment/trace.ts";
import { loadScenario, parseScenario } from "../../scenarios/parse.ts";
import { counters, replay, statesAt, traceCsv, trainerLayout, trainerScenario, TRAINER_MAX } from "../../viz/views/trainer/data.ts";
import { smallScenario } from "../helpers.ts";

const dir = new URL("../../scenarios/library/", import.meta.url);
const library = (name: string) => loadScenario(JSON.parse(readFileSync(new URL(`${name}.json`, dir), "utf8")));

describe("trainer mode: the scaled-down scenario", () => {
  it("keeps a small scenario as it is", () => {
    const s = smallScenario();
    const r = trainerScenario(s);
    expect(r.ok && r.factor).toBe(1);
    expect(r.ok && r.to).toBe(2500);
    expect(r.ok && loadScenario(r.raw)).toEqual(s);
    const given = { name: "as loaded" };
    const same = trainerScenario(s, given);
    expect(same.ok && same.raw).toBe(given);
  });

  it("scales three-stages to 2,500 consumers with the head counts of its strategies", () => {
    const r = trainerScenario(library("three-stages"));
    if (!r.ok) throw new Error(r.message);
    expect([r.from, r.to, r.factor]).toEqual([25000, 2500, 0.1]);
    const s = loadScenario(r.raw);
    expect(s.population.circles.map((c) => c.size)).toEqual([800, 500, 700, 500]);
    expect(s.network.kind === "circles" && s.network.bigAccounts.followers).toBe(2000);
    const fan = s.plans[2].strategies.find((x) => x.type === "fanManagement");
    expect(fan && fan.type === "fanManagement" && fan.recruitPerEvent).toBe(4);
    expect(s.seed).toBe(2026);
  });

  it("gives a valid scenario of at most 3,000 consumers for every built-in scenario", () => {
    const names = readdirSync(dir).filter((f) => f.endsWith(".json")).map((f) => f.replace(/\.json$/, ""));
    expect(names.length).toBeGreaterThanOrEqual(13);
    for (const name of names) {
      const r = trainerScenario(library(name));
      if (!r.ok) throw new Error(`${name}: ${r.message}`);
      const p = parseScenario(r.raw);
      expect(p.ok, name).toBe(true);
      if (p.ok) expect(p.scenario.population.circles.reduce((a, c) => a + c.size, 0), name).toBeLessThanOrEqual(TRAINER_MAX);
    }
  });

  it("scales seeds given as a share like a seed count, keeping at least 3", () => {
    const lt = (share: number) => loadScenario({ ...JSON.parse(readFileSync(new URL("lt.json", dir), "utf8")), model: { kind: "lt", seeds: { share } } });
    for (const [share, seeds] of [[0.02, 50], [0.0004, 3]] as const) { // 300 seeds → 50; 6 → 1, raised to 3
      const r = trainerScenario(lt(share)); // 15,000 consumers → 2,500
      if (!r.ok) throw new Error(r.message);
      expect(loadScenario(r.raw).model).toMatchObject({ seeds: { random: seeds } });
    }
  });

  it("explains why a large scenario with a given edge list cannot be scaled", () => {
    const edges = Array.from({ length: 4000 }, (_, i) => [i, (i + 1) % 4000] as [number, number]);
    const s = loadScenario({ name: "ring", horizon: 5, model: { kind: "ic", seeds: [0] }, population: { circles: [{ name: "all", size: 4000 }] }, network: { kind: "edges", nodes: 4000, edges } });
    const r = trainerScenario(s);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/up to 3,000 consumers.*an edge list/);
  });
});

describe("trainer mode: replay and counters", () => {
  const scaled = trainerScenario(library("three-stages"));
  if (!scaled.ok) throw new Error(scaled.message);
  const tr = traceRun(loadScenario(scaled.raw), { plan: "fan-management" });
  const r = replay(tr);

  it("counts what the collector counted, tick by tick", () => {
    for (const t of [0, 10, 60, 120, 240]) {
      const c = Object.fromEntries(counters(r, t).map((x) => [x.key, x.value]));
      expect(c.reach, `reach ${t}`).toBe(tr.series.reach[t]);
      expect(c.customers, `customers ${t}`).toBe(tr.series.customers[t]);
      expect(c.fans, `fans ${t}`).toBe(tr.series.fans[t]);
      expect(c["state:interested"], `interested ${t}`).toBe(tr.series.interested[t]);
      expect(c.exposures, `exposures ${t}`).toBe(tr.series.realImpressions[t]);
      expect(tr.states.reduce((a, s) => a + c[`state:${s}`], 0)).toBe(tr.consumers);
    }
    expect(tr.series.customers[240]).toBeGreaterThan(10);
  });

  it("replays every consumer's state at any tick", () => {
    const state = new Uint8Array(tr.consumers);
    for (const t of [0, 37, 240]) {
      statesAt(r, t, state);
      const count = tr.states.map(() => 0);
      state.forEach((s) => count[s]++);
      expect(count).toEqual(tr.states.map((_, s) => r.occupancy[s][t]));
    }
  });

  it("counts a classic model's states", () => {
    const ic = replay(traceRun(library("ic")));
    const c = counters(ic, 40);
    expect(c.map((x) => x.key)).toEqual(["state:inactive", "state:active", "ever:active"]);
    expect(c[1].value).toBe(ic.trace.series.active[40]);
  });

  it("lays out every consumer inside its circle, deterministically", () => {
    const L = trainerLayout(tr, 900, 560);
    expect(trainerLayout(tr, 900, 560)).toEqual(L);
    tr.circles.forEach((c, k) => {
      const cl = L.clusters[k];
      expect(cl.name).toBe(c.name);
      for (let i = c.start; i < c.start + c.size; i++) expect(Math.hypot(L.x[i] - cl.x, L.y[i] - cl.y)).toBeLessThanOrEqual(cl.r);
      expect(cl.y - cl.r).toBeGreaterThanOrEqual(20); // room for the label
      expect(cl.x + cl.r).toBeLessThanOrEqual(900);
    });
    expect(L.dot).toBeGreaterThan(1.5);
  });

  it("exports one row per consumer", () => {
    const lines = traceCsv(tr).trim().split("\n");
    expect(lines[0]).toBe("agent,circle,first_seen_tick,first_aware_tick,first_interested_tick,first_customer_tick,first_fan_tick,installed_customer");
    expect(lines).toHaveLength(1 + tr.consumers);
  });
});
