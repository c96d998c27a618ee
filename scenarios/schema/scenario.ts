/**
 * The scenario file: the single source of truth for scenario types. Parsing fills every default;
 * cross-field rules (references, matrix shapes, memory) are checked here, never in the engine.
 */
import { z } from "zod";
import { lastTick, NonNegativeInt, PositiveInt } from "./common.ts";
import { Content, Dynamics, Product } from "./content.ts";
import { Model, type ThresholdDist } from "./model.ts";
import { CirclesNetwork, hasAccounts, Network, networkSize } from "./network.ts";
import { Plan } from "./plans.ts";
import { consumerCount, Population } from "./population.ts";
import { checkStrategies, ENGINE_CONTENT_IDS } from "./check-strategies.ts";
import { shortList } from "../issues.ts";

/**
 * Largest population the engine accepts: a city-scale campaign of 50 M consumers (with their accounts
 * and zombies). Engine state is 57 B per agent plus 5 B per tie (bench/results.md), and 4 B more per tie
 * where a run's wasm deliveries copy the ties (worlds within 2 GiB: models/delivery-kernel.ts): 50 M agents
 * with 20 ties each is about 8 GB, measured in bench/ceiling.md. The cost guard (--max-memory; the viewer's
 * own limits) refuses what the machine at hand cannot hold.
 */
export const MAX_AGENTS = 60_000_000;
/** CSR offsets are Int32: directed ties must stay below 2^31. */
export const MAX_TIES = 2 ** 31 - 1;
/** Longest story: a few pages of text (the viewer shows it beside every run). */
export const MAX_STORY = 20_000;

export const Scenario = z
  .strictObject({
    $schema: z.string().optional(),
    name: z.string().min(1),
    title: z.string().optional(),
    story: z.string().max(MAX_STORY).optional(),
    model: Model.default({ kind: "social" }),
    /** Ticks simulated; outputs have horizon + 1 rows (tick 0 is the start). */
    horizon: PositiveInt.max(100_000),
    /** Length of one tick in days (labels and rates only). */
    tickDays: z.number().positive().default(1),
    /** Currency of every money amount (prices, margins, costs, budgets): a code or symbol such as CNY, EUR or ¥, shown with money in the tables and charts. Labels only. */
    currency: z.string().trim().min(1).max(12).optional(),
    replicates: PositiveInt.max(100_000).default(20),
    seed: NonNegativeInt.max(2 ** 32 - 1).default(1),
    population: Population,
    network: Network.default(CirclesNetwork.parse({ kind: "circles" })),
    product: Product.default(Product.parse({})),
    dynamics: Dynamics.default(Dynamics.parse({})),
    contents: z.array(Content).default([]),
    plans: z.array(Plan).min(1).default([{ name: "baseline", strategies: [], actions: [] }]),
  })
  .superRefine((s, ctx) => {
    const issue = (path: (string | number)[], message: string, input?: unknown) =>
      ctx.addIssue({ code: "custom", path, message, input });
    const circleNames = s.population.circles.map((c) => c.name);
    const circleSet = new Set(circleNames);
    unique(circleNames, (i) => issue(["population", "circles", i, "name"], "expected a unique circle name", circleNames[i]));
    const contentIds = s.contents.map((c) => c.id);
    unique(contentIds, (i) => issue(["contents", i, "id"], "expected a unique content id", contentIds[i]));
    contentIds.forEach((id, i) => {
      if (ENGINE_CONTENT_IDS.includes(id)) issue(["contents", i, "id"], `expected an id other than ${ENGINE_CONTENT_IDS.join(", ")} (the engine's contents for fans' posts)`, id);
    });
    unique(s.plans.map((p) => p.name), (i) => issue(["plans", i, "name"], "expected a unique plan name", s.plans[i].name));

    s.contents.forEach((c, i) => {
      for (const name of Object.keys(c.fit).sort())
        if (!circleSet.has(name)) issue(["contents", i, "fit", name], `expected a circle name (${shortList(circleNames)})`, name);
    });

    const consumers = consumerCount(s.population);
    const net = s.network;
    const { agents, ties } = networkSize(s.population.circles, net);
    if (net.kind === "circles") {
      const C = circleNames.length;
      if (net.mixing) {
        if (net.mixing.length !== C) issue(["network", "mixing"], `expected a ${C}×${C} matrix (one row per circle), got ${net.mixing.length} rows`, net.mixing);
        net.mixing.forEach((row, a) => {
          if (row.length !== C) issue(["network", "mixing", a], `expected ${C} entries (one per circle)`, row);
          const sum = row.reduce((x, y) => x + y, 0);
          if (Math.abs(sum - 1) > 1e-6) issue(["network", "mixing", a], `expected a row summing to 1 (sums to ${sum})`, row);
        });
      }
      if (net.meanDegrees && net.meanDegrees.length !== C)
        issue(["network", "meanDegrees"], `expected ${C} entries (one per circle)`, net.meanDegrees);
      if (Array.isArray(net.degrees) && net.degrees.length !== C)
        issue(["network", "degrees"], `expected ${C} degree distributions (one per circle), or one object for all circles`, net.degrees.length);
    } else if (net.kind === "file") {
      const g = net.graph;
      if (g) {
        const sizes = Array.from({ length: g.circleNames.length }, (_, c) => g.circleStart[c + 1] - g.circleStart[c]);
        const same = circleNames.length === g.circleNames.length &&
          s.population.circles.every((c, i) => c.name === g.circleNames[i] && c.size === sizes[i]);
        if (!same)
          issue(["population", "circles"], `expected the network file's circles in its order (${g.circleNames.slice(0, 5).map((n, i) => `${n}: ${sizes[i]}`).join(", ")}${g.circleNames.length > 5 ? ", …" : ""})`, circleNames);
      }
    } else if (net.kind === "edges") {
      if (net.nodes !== consumers)
        issue(["network", "nodes"], `expected the population's total size ${consumers} (sum of circles[].size)`, net.nodes);
      net.edges.forEach((e, k) => {
        if (e[0] >= net.nodes || e[1] >= net.nodes)
          issue(["network", "edges", k], `expected node ids below nodes (${net.nodes})`, e);
      });
    }
    if (s.population.template && net.kind !== "file")
      issue(["population", "template"], 'expected no template: it gives the parameters of a network file\'s circles (network.kind "file")');
    if (agents > MAX_AGENTS)
      issue(["population", "circles"], `expected at most ${MAX_AGENTS} agents in all (accounts and zombies included): too large for memory`, agents);
    if (ties > MAX_TIES)
      issue(["network"], `expected at most ${MAX_TIES} ties (about ${Math.round(ties)} requested): too large for memory`, Math.round(ties));

    const m = s.model;
    if (m.kind !== "social" && m.kind !== "bass" && Array.isArray(m.seeds))
      m.seeds.forEach((id, k) => {
        if (id >= consumers) issue(["model", "seeds", k], `expected a node id below ${consumers}`, id);
      });
    if (m.kind !== "social" && m.kind !== "bass" && !Array.isArray(m.seeds) && "share" in m.seeds && Math.round(m.seeds.share * consumers) < 1)
      issue(["model", "seeds", "share"], `expected a share that selects at least one of the ${consumers} consumers`, m.seeds.share);
    if (m.kind === "bass" && m.timeStep === "discrete" && m.p + m.q > 1)
      issue(["model", "q"], `expected p + q ≤ 1 with timeStep "discrete", where p + q·F is a probability per tick (p + q = ${m.p + m.q}); use "poisson" or shorter ticks (smaller p and q)`, m.q);
    if ((m.kind === "sir" || m.kind === "sis") && net.kind !== "complete") {
      if (m.beta > 1) issue(["model", "beta"], "expected a per-tie probability ≤ 1 on a network", m.beta);
      if (m.timeStep === "poisson")
        issue(["model", "timeStep"], 'expected "discrete" or no timeStep: on a network β is a per-tie probability per tick, the discrete rule', m.timeStep);
    }
    if ((m.kind === "sir" || m.kind === "sis") && net.kind === "complete" && m.timeStep === "discrete" && m.beta > 1)
      issue(["model", "beta"], 'expected β ≤ 1 with timeStep "discrete", where β·I/N is a probability per tick', m.beta);
    if (m.kind === "lt") {
      if (m.threshold) checkThreshold(m.threshold, ["model", "threshold"], issue);
      for (const name of Object.keys(m.circleThresholds ?? {}).sort()) {
        if (!circleSet.has(name)) issue(["model", "circleThresholds", name], `expected a circle name (${circleNames.join(", ")})`, name);
        else checkThreshold(m.circleThresholds![name], ["model", "circleThresholds", name], issue);
      }
    }
    if ((m.kind === "ic" || m.kind === "lt") && net.kind === "complete")
      issue(["network", "kind"], `expected "circles", "edges" or "file": the ${m.kind} model needs ties`, net.kind);

    s.plans.forEach((p, pi) =>
      checkStrategies(p.strategies, ["plans", pi, "strategies"], {
        horizon: s.horizon, circles: s.population.circles, contentIds, network: net, report: issue,
      }),
    );
    s.plans.forEach((p, pi) =>
      p.actions.forEach((a, ai) => {
        const at = ["plans", pi, "actions", ai];
        if (!contentIds.includes(a.content))
          issue([...at, "content"], `expected a content id (${shortList(contentIds) || "none defined in contents"})`, a.content);
        (a.circles ?? []).forEach((c, ci) => {
          if (!circleSet.has(c)) issue([...at, "circles", ci], `expected a circle name (${shortList(circleNames)})`, c);
        });
        const last = lastTick(a.at);
        if (last > s.horizon) issue([...at, "at"], `expected a schedule within the horizon (${s.horizon}); it reaches tick ${last}`, a.at);
        if (a.type === "post" && a.from !== "brand" && !hasAccounts(net))
          issue([...at, "from"], `expected "brand": posts from ${a.from} need a "circles" or "file" network`, a.from);
        if (a.type === "post" && a.from === "bigAccounts" && hasAccounts(net) && net.bigAccounts.count === 0)
          issue([...at, "from"], "expected big accounts in the network: set network.bigAccounts.count", a.from);
      }),
    );
  });

/** A threshold distribution needs a non-empty range, and a truncated normal some mass in it. */
function checkThreshold(d: ThresholdDist, at: (string | number)[], issue: (path: (string | number)[], message: string, input?: unknown) => void): void {
  if (d.kind === "fixed") return;
  const lo = d.min ?? 0, hi = d.max ?? (d.kind === "beta" ? 1 : Infinity);
  if (!(lo < hi)) issue([...at, "max"], `expected max > min (${lo})${d.max === undefined ? `; max defaults to ${hi}` : ""}`, d.max);
  else if (d.kind === "normal" && ((lo - d.mean) / d.sd > 30 || (hi - d.mean) / d.sd < -30))
    issue(at, `expected [min, max] = [${lo}, ${hi}] within 30 standard deviations of the mean (${d.mean}): the truncated normal would have no mass there`, d);
}

function unique(values: string[], onDuplicate: (index: number) => void): void {
  const seen = new Set<string>();
  values.forEach((v, i) => (seen.has(v) ? onDuplicate(i) : seen.add(v)));
}

export type Scenario = z.infer<typeof Scenario>;
export type ScenarioInput = z.input<typeof Scenario>;
