/**
 * Trainer mode's data, pure functions: a scaled-down copy of a large scenario (a few thousand
 * consumers, so every one can be drawn), the replay of a trace tick by tick (who is in which state,
 * who saw something, who just bought), the live counters, and a deterministic layout of the dots:
 * circles on a grid, sized by consumers, consumers on a sunflower spiral inside their circle.
 */
import { consumerCount, type AgentTrace, type Scenario } from "../../../engine/viewer.ts";
import { table } from "../../export/csv.ts";

/** Scenarios up to this many consumers are animated as they are. */
export const TRAINER_MAX = 3000;
/** Larger ones are scaled to about this many. */
export const TRAINER_TARGET = 2500;

export type Scaled =
  | { ok: true; raw: Record<string, unknown>; factor: number; from: number; to: number; /** What else was scaled, in words. */ also: string[] }
  | { ok: false; message: string };

const scaleCount = (x: number, f: number, min = 1) => Math.max(min, Math.round(x * f));

/**
 * The scenario to animate: as it is (`given`, the JSON as loaded, when there is one) up to TRAINER_MAX
 * consumers; otherwise a copy of the parsed scenario whose circles are
 * scaled to about TRAINER_TARGET consumers in all, with every other head count scaled alike (big
 * accounts' followers, ad impressions, club recruits, group sizes, crisis sharers, seeds of the
 * classic models, at least 3) so the campaign keeps its intensity per consumer.
 */
export function trainerScenario(s: Scenario, given?: Record<string, unknown>): Scaled {
  const from = consumerCount(s.population);
  if (from <= TRAINER_MAX) return { ok: true, raw: given ?? JSON.parse(JSON.stringify(s)), factor: 1, from, to: from, also: [] };
  const raw = JSON.parse(JSON.stringify(s)) as Record<string, any>;
  if (s.network.kind === "edges" || s.network.kind === "file")
    return { ok: false, message: `Trainer mode draws up to ${TRAINER_MAX.toLocaleString("en-US")} consumers, and this scenario's ${from.toLocaleString("en-US")} consumers come with a given network (${s.network.kind === "file" ? "a network file" : "an edge list"}) that cannot be scaled down.` };
  const f = TRAINER_TARGET / from;
  const also = new Set<string>();
  for (const c of raw.population.circles) c.size = scaleCount(c.size, f);
  if (raw.network.kind === "circles" && raw.network.bigAccounts.count > 0) {
    raw.network.bigAccounts.followers = scaleCount(raw.network.bigAccounts.followers, f, 0);
    also.add("big accounts' followers");
  }
  const m = raw.model;
  if (m.seeds) {
    also.add("initial seeds");
    const to = consumerCount(raw.population);
    if (Array.isArray(m.seeds)) m.seeds = [...new Set((m.seeds as number[]).map((i) => Math.min(to - 1, Math.floor(i * f))))];
    else {
      const k: number = "share" in m.seeds ? Math.round(m.seeds.share * from) : m.seeds.random;
      m.seeds = { random: Math.max(Math.min(k, 3), Math.round(k * f)) }; // a share keeps its share, with at least 3 seeds
    }
  }
  const strategy = (st: Record<string, any>): void => {
    if (st.type === "repeatCase") strategy(st.strategy);
    if (st.type === "creativeContent" && st.promotion) {
      st.promotion.impressions = scaleCount(st.promotion.impressions, f);
      also.add("ad impressions");
    }
    if (st.type === "fanManagement") {
      // Members scale with the population: by count, or, with a budget, by the price of one (the spend stays).
      st.recruitPerEvent = scaleCount(st.recruitPerEvent, f, 0);
      if (st.budget !== undefined) st.costPerRecruit /= f;
      also.add("club recruits");
    }
    if (st.type === "communityOps") {
      st.group.size = scaleCount(st.group.size, f, 2);
      also.add("group sizes");
    }
    if (st.type === "crisis") {
      st.sharers = scaleCount(st.sharers, f);
      also.add("crisis sharers");
    }
    if (st.type === "socialAds") {
      st.budget *= f;
      also.add("ad budgets");
    }
  };
  for (const p of raw.plans) {
    p.strategies.forEach(strategy);
    for (const a of p.actions)
      if (a.type === "ads") {
        a.impressions = scaleCount(a.impressions, f);
        also.add("ad impressions");
      }
  }
  const to = consumerCount(raw.population);
  return { ok: true, raw, factor: f, from, to, also: [...also] };
}

/**
 * A state's label and colour (Okabe–Ito, colour-blind safe): grey, then sky blue, reddish purple and
 * bluish green up the funnel, so that no two neighbouring stages are two blues; customers and fans in
 * orange and vermillion, drawn as large dots (canvas.ts).
 */
export const STATE_STYLE: Record<string, { label: string; color: string }> = {
  unaware: { label: "Unaware", color: "#cfd5de" },
  seen: { label: "Saw it", color: "#56B4E9" },
  aware: { label: "Persuaded once", color: "#CC79A7" },
  interested: { label: "Interested", color: "#009E73" },
  customer: { label: "Customer", color: "#E69F00" },
  fan: { label: "Fan", color: "#D55E00" },
  inactive: { label: "Inactive", color: "#cfd5de" },
  active: { label: "Active", color: "#D55E00" },
  potential: { label: "Not yet adopted", color: "#cfd5de" },
  adopter: { label: "Adopter", color: "#D55E00" },
  susceptible: { label: "Susceptible", color: "#cfd5de" },
  infected: { label: "Infected", color: "#D55E00" },
  recovered: { label: "Recovered", color: "#0072B2" },
};

export function stateStyle(name: string): { label: string; color: string } {
  return STATE_STYLE[name] ?? { label: name, color: "#5b6372" };
}

export interface Counter {
  key: string;
  label: string;
  value: number;
  /** A state's colour (state counters only). */
  color?: string;
  note?: string;
}

/** A trace indexed by tick: where each tick's state changes and exposures start, and per-tick totals. */
export interface Replay {
  readonly trace: AgentTrace;
  readonly ticks: number;
  /** Changes of tick t are changes[changeStart[t] … changeStart[t + 1]); the same for exposures. */
  readonly changeStart: Int32Array;
  readonly exposureStart: Int32Array;
  /** occupancy[s][t]: consumers in state s after tick t. */
  readonly occupancy: Int32Array[];
  /** ever[s][t]: consumers whose first tick of state ≥ s is at most t (first.seen for the social model's "seen"). */
  readonly ever: Int32Array[];
  /** Seen exposures during tick t, and so far. */
  readonly exposuresAt: Float64Array;
  readonly exposuresSoFar: Float64Array;
  /** Customers caused by the plan so far (installed customers left out). */
  readonly customers: Int32Array;
}

function starts(ticks: Int32Array, rows: number): Int32Array {
  const out = new Int32Array(rows + 1);
  for (const t of ticks) out[t + 1]++;
  for (let t = 0; t < rows; t++) out[t + 1] += out[t];
  return out;
}

export function replay(trace: AgentTrace): Replay {
  const rows = trace.horizon + 1;
  const S = trace.states.length;
  const changeStart = starts(trace.changes.tick, rows);
  const exposureStart = starts(trace.exposures.tick, rows);
  const occupancy = trace.states.map(() => new Int32Array(rows));
  const now = new Int32Array(S);
  now[0] = trace.consumers;
  const state = new Uint8Array(trace.consumers);
  for (let t = 0; t < rows; t++) {
    for (let k = changeStart[t]; k < changeStart[t + 1]; k++) {
      const i = trace.changes.agent[k];
      now[state[i]]--;
      state[i] = trace.changes.value[k];
      now[state[i]]++;
    }
    for (let s = 0; s < S; s++) occupancy[s][t] = now[s];
  }
  const cumulative = (first: Int32Array, skip?: Set<number>) => {
    const out = new Int32Array(rows);
    first.forEach((t, i) => {
      if (t >= 0 && !skip?.has(i)) out[t]++;
    });
    for (let t = 1; t < rows; t++) out[t] += out[t - 1];
    return out;
  };
  const ever = trace.states.map((name, s) => (s === 0 ? new Int32Array(rows).fill(trace.consumers) : cumulative(trace.first[name])));
  const exposuresAt = new Float64Array(rows);
  trace.exposures.tick.forEach((t, k) => (exposuresAt[t] += trace.exposures.value[k]));
  const exposuresSoFar = new Float64Array(rows);
  for (let t = 0; t < rows; t++) exposuresSoFar[t] = exposuresAt[t] + (t > 0 ? exposuresSoFar[t - 1] : 0);
  const customers = "customer" in trace.first ? cumulative(trace.first.customer, new Set(trace.installed)) : new Int32Array(rows);
  return { trace, ticks: rows, changeStart, exposureStart, occupancy, ever, exposuresAt, exposuresSoFar, customers };
}

/** Every consumer's state after tick t, written into `out` (replayed from the start). */
export function statesAt(r: Replay, t: number, out: Uint8Array): void {
  out.fill(0);
  const end = r.changeStart[Math.min(r.ticks, t + 1)];
  for (let k = 0; k < end; k++) out[r.trace.changes.agent[k]] = r.trace.changes.value[k];
}

/** The live counters after tick t: consumers in each state, then the running totals. */
export function counters(r: Replay, t: number): Counter[] {
  const tr = r.trace;
  const out: Counter[] = tr.states.map((name, s) => ({ key: `state:${name}`, label: stateStyle(name).label, value: r.occupancy[s][t], color: stateStyle(name).color }));
  if (tr.model === "social") {
    out.push(
      { key: "reach", label: "Reached so far", value: r.ever[1][t], note: "saw at least one piece" },
      { key: "customers", label: "Customers won by the plan", value: r.customers[t], note: tr.installed.length ? `plus ${tr.installed.length.toLocaleString("en-US")} who were customers at the start` : undefined },
      { key: "fans", label: "Fans", value: r.occupancy[tr.states.indexOf("fan")][t] },
      { key: "exposures-now", label: "Exposures seen this tick", value: r.exposuresAt[t] },
      { key: "exposures", label: "Exposures seen so far", value: r.exposuresSoFar[t] },
    );
  } else
    tr.states.slice(1).forEach((name, k) => out.push({ key: `ever:${name}`, label: `Ever ${stateStyle(name).label.toLowerCase()}`, value: r.ever[k + 1][t] }));
  return out;
}

export interface TrainerLayout {
  /** Dot centres, per consumer. */
  x: Float32Array;
  y: Float32Array;
  /** Dot radius. */
  dot: number;
  /** Height the layout uses (at most the height it was given). */
  height: number;
  clusters: { name: string; size: number; x: number; y: number; r: number }[];
}

const GOLDEN_ANGLE = Math.PI * (3 - Math.sqrt(5));
/** Height of a circle's two-line label (name, consumers) above it. */
export const LABEL_ROOM = 46;

/**
 * Circles on a grid of cells (the column count that gives the largest circles, with room for each
 * label), radius ∝ √consumers so every dot gets the same room; consumers on a sunflower spiral inside
 * their circle, in index order. Pure and deterministic.
 */
export function trainerLayout(tr: Pick<AgentTrace, "circles" | "consumers">, width: number, height: number): TrainerLayout {
  const C = tr.circles.length;
  const pad = 10;
  const maxSize = Math.max(1, ...tr.circles.map((c) => c.size));
  const nameW = Math.max(...tr.circles.map((c) => c.name.length * 9.5)) + 12;
  let best = { cols: 1, rows: C, rMax: -Infinity, score: -Infinity };
  for (let cols = 1; cols <= C; cols++) {
    const rows = Math.ceil(C / cols);
    const cellW = (width - 2 * pad) / cols;
    const cellH = (height - 2 * pad) / rows - LABEL_ROOM;
    const rMax = Math.min(cellW - 16, cellH - 8) / 2;
    // Prefer the largest circles; a cell narrower than the longest name costs its overlap.
    const score = rMax - Math.max(0, nameW - cellW);
    if (score > best.score) best = { cols, rows, rMax, score };
  }
  const { cols, rows } = best;
  const rMax = Math.max(4, best.rMax);
  const cellW = (width - 2 * pad) / cols;
  const cellH = Math.min((height - 2 * pad) / rows, 2 * rMax + 8 + LABEL_ROOM);
  const clusters = tr.circles.map((c, k) => {
    const row = Math.floor(k / cols), col = k % cols;
    const inRow = Math.min(cols, C - row * cols);
    return {
      name: c.name, size: c.size,
      x: pad + (col + 0.5 + (cols - inRow) / 2) * cellW,
      y: pad + row * cellH + LABEL_ROOM + (cellH - LABEL_ROOM) / 2,
      r: rMax * Math.sqrt(c.size / maxSize),
    };
  });
  const x = new Float32Array(tr.consumers);
  const y = new Float32Array(tr.consumers);
  tr.circles.forEach((c, k) => {
    const { x: cx, y: cy, r } = clusters[k];
    for (let j = 0; j < c.size; j++) {
      const rad = r * Math.sqrt((j + 0.5) / c.size);
      x[c.start + j] = cx + rad * Math.cos(j * GOLDEN_ANGLE);
      y[c.start + j] = cy + rad * Math.sin(j * GOLDEN_ANGLE);
    }
  });
  // Each consumer has π r² / size of room: a dot of 0.42 × its spacing leaves gaps between dots.
  const dot = 0.42 * rMax * Math.sqrt(Math.PI / maxSize);
  return { x, y, dot: Math.max(1.2, Math.min(7, dot)), clusters, height: Math.ceil(2 * pad + rows * cellH) };
}

/** The trace per consumer: circle and first tick of each state (−1: never). */
export function traceCsv(tr: AgentTrace): string {
  const names = tr.states.slice(1);
  const installed = new Set(tr.installed);
  const rows: (string | number)[][] = [];
  for (let i = 0; i < tr.consumers; i++)
    rows.push([i, tr.circles[tr.circle[i]].name, ...names.map((n) => tr.first[n][i]), installed.has(i) ? 1 : 0]);
  return table(["agent", "circle", ...names.map((n) => `first_${n}_tick`), "installed_customer"], rows);
}
