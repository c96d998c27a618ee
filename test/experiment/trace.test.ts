import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { runPlan } from "../../engine/core/run.ts";
import { buildWorld } from "../../engine/core/world.ts";
import { traceRun, type AgentTrace } from "../../engine/experiment/trace.ts";
import { loadScenario } from "../../scenarios/parse.ts";
import type { Scenario } from "../../scenarios/schema/scenario.ts";
import { smallScenario } from "../helpers.ts";

const library = (name: string, over: Record<string, unknown> = {}): Scenario =>
  loadScenario({ ...JSON.parse(readFileSync(new URL(`../../scenarios/library/${name}.json`, import.meta.url), "utf8")), ...over });

/** Consumers whose first-tick of `state` is at most t, per tick. */
function cumulative(first: Int32Array, rows: number, skip?: Set<number>): number[] {
  const out = new Array<number>(rows).fill(0);
  first.forEach((t, i) => {
    if (t >= 0 && !skip?.has(i)) out[t]++;
  });
  for (let t = 1; t < rows; t++) out[t] += out[t - 1];
  return out;
}

/** Consumers in each state after each tick, replayed from the state changes. */
function occupancy(tr: AgentTrace): number[][] {
  const rows = tr.horizon + 1;
  const state = new Uint8Array(tr.consumers);
  const count = tr.states.map((_, s) => new Array<number>(rows).fill(s === 0 ? tr.consumers : 0));
  const now = tr.states.map((_, s) => (s === 0 ? tr.consumers : 0));
  let k = 0;
  for (let t = 0; t < rows; t++) {
    for (; k < tr.changes.tick.length && tr.changes.tick[k] === t; k++) {
      const i = tr.changes.agent[k];
      now[state[i]]--;
      state[i] = tr.changes.value[k];
      now[state[i]]++;
    }
    now.forEach((c, s) => (count[s][t] = c));
  }
  return count;
}

describe("traceRun: one plan of one replicate, agent by agent", () => {
  it("runs exactly runPlan's run: the same per-tick series", () => {
    const s = smallScenario();
    const tr = traceRun(s, { plan: "reposts", replicate: 1 });
    const run = runPlan(buildWorld(s, 1), s.plans[1]);
    expect(tr.plan).toBe("reposts");
    run.series.metrics.forEach((m, k) => expect(Array.from(tr.series[m]), m).toEqual(Array.from(run.series.values.subarray(k * run.series.rows, (k + 1) * run.series.rows))));
  });

  it("has per-agent totals equal to the collector's series (three-stages, scaled down)", () => {
    const base = library("three-stages");
    // A tenth of the size: circles, followers, and club members (a member costs ten times as much; the spend stays).
    const s = { ...base, population: { circles: base.population.circles.map((c) => ({ ...c, size: Math.round(c.size / 10) })) },
      network: { ...base.network, bigAccounts: { count: 6, followers: 2000, zombieShare: 0.6 } },
      plans: base.plans.map((p) => ({ ...p, strategies: p.strategies.map((st) => (st.type === "fanManagement" ? { ...st, costPerRecruit: 10 * st.costPerRecruit } : st)) })) } as Scenario;
    for (const plan of ["repost-buying", "fan-management"]) {
      const tr = traceRun(s, { plan });
      const rows = tr.horizon + 1;
      expect(tr.states).toEqual(["unaware", "seen", "aware", "interested", "customer", "fan"]);
      expect(tr.consumers).toBe(2500);
      const installed = new Set(tr.installed);
      expect(cumulative(tr.first.seen, rows), `${plan} reach`).toEqual(Array.from(tr.series.reach));
      expect(cumulative(tr.first.customer, rows, installed), `${plan} customers`).toEqual(Array.from(tr.series.customers));
      expect(cumulative(tr.first.fan, rows), `${plan} fans`).toEqual(Array.from(tr.series.fans));
      const occ = occupancy(tr);
      expect(occ[3], `${plan} interested`).toEqual(Array.from(tr.series.interested));
      expect(occ[5], `${plan} fans (occupancy)`).toEqual(Array.from(tr.series.fans));
      let real = 0;
      tr.exposures.value.forEach((v) => (real += v));
      expect(real, `${plan} real impressions`).toBe(tr.series.realImpressions[rows - 1]);
      // Per circle: reach of each circle from the agents' circles.
      tr.circles.forEach((c, ci) => {
        let reached = 0;
        for (let i = c.start; i < c.start + c.size; i++) if (tr.first.seen[i] >= 0) reached++;
        expect(tr.circle[c.start]).toBe(ci);
        expect(reached).toBe(tr.circleSeries.reach[ci][rows - 1]);
      });
      // The fan plan converts even at a tenth of the size, so the customer totals are really compared.
      if (plan === "fan-management") expect(tr.series.customers[rows - 1]).toBeGreaterThan(0);
    }
  });

  it("records first ticks in stage order and changes in (tick, agent) order", () => {
    const tr = traceRun(smallScenario(), { plan: 0 });
    const { seen, aware, interested, customer } = tr.first;
    for (let i = 0; i < tr.consumers; i++) {
      if (aware[i] >= 0) expect(seen[i]).toBeGreaterThanOrEqual(0);
      if (interested[i] >= 0) expect(aware[i]).toBeLessThanOrEqual(interested[i]);
      if (customer[i] >= 0) expect(interested[i]).toBeLessThanOrEqual(customer[i]);
    }
    const { tick, agent } = tr.changes;
    for (let k = 1; k < tick.length; k++) expect(tick[k] > tick[k - 1] || (tick[k] === tick[k - 1] && agent[k] > agent[k - 1])).toBe(true);
  });

  it("samples consumer ties evenly and deterministically", () => {
    const s = smallScenario();
    const a = traceRun(s, { maxTies: 500 });
    const b = traceRun(s, { maxTies: 500 });
    expect(a.ties.from.length).toBe(500);
    expect(a.ties.total).toBeGreaterThan(5000);
    for (let k = 0; k < a.ties.from.length; k++) {
      expect(a.ties.from[k]).toBeLessThan(a.consumers);
      expect(a.ties.to[k]).toBeLessThan(a.consumers);
    }
    expect(Array.from(b.ties.to)).toEqual(Array.from(a.ties.to));
    expect(Array.from(b.changes.agent)).toEqual(Array.from(a.changes.agent));
  });

  it("traces the classic models' states", () => {
    const sir = traceRun(library("sir", { population: { circles: [{ name: "everyone", size: 2000 }] } }));
    expect(sir.states).toEqual(["susceptible", "infected", "recovered"]);
    const rows = sir.horizon + 1;
    expect(cumulative(sir.first.infected, rows)).toEqual(Array.from(sir.series.everInfected));
    expect(occupancy(sir)[1]).toEqual(Array.from(sir.series.infected));
    expect(sir.exposures.tick.length).toBe(0);

    const ic = traceRun(library("ic"));
    expect(ic.states).toEqual(["inactive", "active"]);
    expect(cumulative(ic.first.active, ic.horizon + 1)).toEqual(Array.from(ic.series.active));

    const sis = traceRun(library("sis"));
    const occ = occupancy(sis);
    expect(occ[1]).toEqual(Array.from(sis.series.infected));
    let infections = 0;
    sis.changes.value.forEach((v) => (infections += v === 1 ? 1 : 0));
    expect(infections).toBe(sis.series.everInfected[sis.horizon]);

    const bass = traceRun(library("bass", { population: { circles: [{ name: "market", size: 2000 }] } }));
    expect(cumulative(bass.first.adopter, bass.horizon + 1)).toEqual(Array.from(bass.series.adopters));
  });

  it("rejects an unknown plan", () => {
    expect(() => traceRun(smallScenario(), { plan: "nope" })).toThrow(/no plan "nope" \(plans: brand, reposts\)/);
  });
});
