/**
 * The full Circlecast model (docs/model.md §3): plan actions publish messages; each delivery
 * runs one exposure (seen → novelty → persuasion → fatigue → reshare); ready agents convert;
 * customers may become fans. Work per tick is proportional to the exposures delivered.
 */
import type { Plan } from "../../../scenarios/schema/plans.ts";
import { emptyTables, FREQUENCY_BINS, type Dynamics, type RunTables } from "../dynamics.ts";
import { addFatigue, fatigueAt } from "../mechanism/fatigue.ts";
import { Flag, FunnelEvent, readyToConvert, Stage, STAGES } from "../mechanism/funnel.ts";
import { bumpSeen, novelty } from "../mechanism/novelty.ts";
import { agentOf, payloadOf, PAYLOAD_CAP, TickQueue } from "../queue.ts";
import { uniform } from "../rng/hash.ts";
import { geometricFromUniform } from "../rng/samplers.ts";
import { deriveKey, Purpose } from "../rng/seed.ts";
import type { World } from "../world.ts";
import { compileActions } from "./publish.ts";

export const SOCIAL_METRICS = [
  "reportedImpressions", "realImpressions", "reach", "brandAware", "interested",
  "customers", "fans", "shares", "spend",
] as const;
export const SOCIAL_CIRCLE_METRICS = ["reach", "customers"] as const;

// Sub-purposes of the exposure key: one independent draw per decision.
const D = { seen: 1, persuade: 2, brand: 3, share: 4, delay: 5, convert: 6, fan: 7, adTarget: 8 } as const;

export function socialDynamics(world: World, plan: Plan): Dynamics {
  const s = world.scenario;
  const { pop, net } = world;
  const { offsets, targets, weights } = net.csr;
  const n = pop.n;
  const C = pop.circleCount;
  const circles = s.population.circles;
  const phi = Float64Array.from(circles, (c) => c.fatigueRate);
  const rho = Float64Array.from(circles, (c) => c.fatigueRecovery);
  const eta = Float64Array.from(circles, (c) => c.sharePropensity);
  const delta = Float64Array.from(circles, (c) => c.repetitionDecay);
  const convertP = Float64Array.from(circles, (c) => s.product.conversionRate * c.productAffinity);
  const lambda = s.dynamics.persuasion;
  const H = s.horizon;
  const activity = pop.activity;
  // Lookup tables: novelty δ_c^m for m < 256, and fatigue fade (1 − ρ_c)^Δ for Δ ≤ H.
  const noveltyTable = new Float64Array(C << 8);
  const fadeTable = new Float64Array(C * (H + 1));
  for (let c = 0; c < C; c++) {
    for (let m = 0; m < 256; m++) noveltyTable[(c << 8) | m] = novelty(delta[c], m);
    for (let d = 0; d <= H; d++) fadeTable[c * (H + 1) + d] = fatigueAt(1, 0, rho[c], d);
  }
  const shareP = 1 / s.dynamics.shareDelay;
  const fanP = 1 / s.product.fanDelay;
  const { fanProbability, fanBoost } = s.product;

  const actions = compileActions(world, plan);
  const M = actions.messages.length;
  if (M > PAYLOAD_CAP) throw new RangeError(`a plan may hold at most ${PAYLOAD_CAP} actions`);
  const contentOf = Int32Array.from(actions.messages, (a) => a.content);
  const paid = Uint8Array.from(s.contents, (c) => (c.paid ? 1 : 0));
  const negative = Uint8Array.from(s.contents, (c) => (c.valence === "negative" ? 1 : 0));
  const brandFit = Float64Array.from(s.contents, (c) => c.brandFit);
  // fit[x * C + c]: language fit of content x in circle c.
  const fit = new Float64Array(s.contents.length * C);
  s.contents.forEach((c, x) => circles.forEach((ci, k) => (fit[x * C + k] = c.fit[ci.name] ?? c.fitDefault)));

  // Per-run agent state (struct of arrays).
  const fatigue = new Float32Array(n);
  const fatigueTick = new Int32Array(n);
  const stage = new Uint8Array(n);
  const touches = new Uint8Array(n);
  const flags = new Uint8Array(n);
  const seen = new Uint8Array(n);
  const firstTouch = new Int16Array(n).fill(-1);
  const lastTouch = new Int16Array(n).fill(-1);
  const caseSeen = Array.from({ length: world.caseCount }, () => new Uint8Array(n));

  const shares = new TickQueue(s.horizon);
  const funnel = new TickQueue(s.horizon);
  const k = deriveKey(world.key, Purpose.exposure);
  const key = Object.fromEntries(Object.entries(D).map(([name, d]) => [name, deriveKey(k, d)])) as Record<keyof typeof D, number>;

  let reported = 0, real = 0, reach = 0, aware = 0, customers = 0, sharesN = 0, spend = 0;
  const stageCount = new Float64Array(STAGES);
  stageCount[Stage.unaware] = pop.consumers;
  const reachByCircle = new Float64Array(C);
  const customersByCircle = new Float64Array(C);
  const tables = emptyTables(M);
  const byMsg = tables.byMessage;

  function setStage(i: number, to: number): void {
    stageCount[stage[i]]--;
    stageCount[to]++;
    stage[i] = to;
  }

  /**
   * One delivery of message m to agent i over a tie of weight w; e keys the draws (tie index, or
   * negative for ads). The caller has counted the reported impression and skipped non-readers.
   */
  function expose(i: number, w: number, m: number, t: number, e: number): void {
    const x = contentOf[m];
    if (uniform(key.seen, t, e, x) >= activity[i]) return;
    real++;
    byMsg.real[m]++;
    const c = pop.circle[i];
    if ((flags[i] & Flag.reached) === 0) {
      flags[i] |= Flag.reached;
      reach++;
      reachByCircle[c]++;
    }
    seen[i] = bumpSeen(seen[i]);
    const cs = caseSeen[world.caseOf[x]];
    const nov = noveltyTable[(c << 8) | cs[i]];
    cs[i] = bumpSeen(cs[i]);
    let f = fatigue[i] * fadeTable[c * (H + 1) + t - fatigueTick[i]];

    const p = lambda * w * pop.trust[i] * world.quality[x] * nov * (1 - f) * (paid[x] ? 1 - pop.skepticism[i] : 1) * fit[x * C + c];
    if (uniform(key.persuade, t, e, x) < p) {
      if (negative[x]) {
        if (touches[i] > 0) touches[i]--;
        if (stage[i] === Stage.interested) setStage(i, Stage.aware);
      } else {
        if (touches[i] < 255) touches[i]++;
        if (firstTouch[i] < 0) firstTouch[i] = m;
        lastTouch[i] = m;
        if (stage[i] < Stage.interested) setStage(i, stage[i] + 1);
        if ((flags[i] & Flag.brandAware) === 0 && uniform(key.brand, t, e, x) < brandFit[x]) {
          flags[i] |= Flag.brandAware;
          aware++;
        }
        if ((flags[i] & Flag.pending) === 0 && readyToConvert(stage[i], flags[i], touches[i], pop.threshold[i])) {
          flags[i] |= Flag.pending;
          funnel.push(t + geometricFromUniform(uniform(key.convert, t, i, 0), convertP[c]), i, FunnelEvent.convert);
        }
      }
    }
    f = addFatigue(f, phi[c]);
    fatigue[i] = f;
    fatigueTick[i] = t;

    const sp = eta[c] * world.quality[x] * nov * (1 - f) * (stage[i] === Stage.fan ? fanBoost : 1);
    if (uniform(key.share, t, e, x) < sp) {
      sharesN++;
      shares.push(t + 1 + geometricFromUniform(uniform(key.delay, t, e, x), shareP), i, m);
    }
  }

  function convert(i: number, t: number): void {
    flags[i] &= ~Flag.pending;
    if (!readyToConvert(stage[i], flags[i], touches[i], pop.threshold[i])) return; // undone by negative content
    setStage(i, Stage.customer);
    customers++;
    customersByCircle[pop.circle[i]]++;
    if (firstTouch[i] >= 0) byMsg.firstTouch[firstTouch[i]]++;
    if (lastTouch[i] >= 0) byMsg.lastTouch[lastTouch[i]]++;
    if (uniform(key.fan, t, i, 0) < fanProbability)
      funnel.push(t + 1 + geometricFromUniform(uniform(key.fan, t, i, 1), fanP), i, FunnelEvent.fan);
  }

  const adCounter = new Int32Array(s.contents.length);

  return {
    metrics: SOCIAL_METRICS,
    circleMetrics: SOCIAL_CIRCLE_METRICS,
    tick(t) {
      // Publish: posts become shares of tick t; ads are delivered at once to drawn consumers.
      adCounter.fill(0);
      for (const a of actions.at(t)) {
        spend += a.cost;
        if (a.kind === "post") for (const acc of a.accounts) shares.push(t, acc, a.message);
        else {
          const x = contentOf[a.message];
          for (let j = 0; j < a.impressions; j++) {
            const k = adCounter[x]++;
            const u = uniform(key.adTarget, t, k, x);
            const i = a.pool[Math.min(a.pool.length - 1, Math.floor(u * a.pool.length))];
            reported++;
            byMsg.reported[a.message]++;
            if (activity[i] > 0) expose(i, a.weight, a.message, t, -1 - k);
          }
        }
      }
      // Deliver: every share of tick t reaches the sharer's followers, in canonical order.
      const due = shares.take(t);
      for (let q = 0; q < due.length; q++) {
        const j = agentOf(due[q]);
        const m = payloadOf(due[q]);
        const end = offsets[j + 1];
        reported += end - offsets[j];
        byMsg.reported[m] += end - offsets[j];
        for (let e = offsets[j]; e < end; e++) {
          const i = targets[e];
          if (activity[i] > 0) expose(i, weights[e], m, t, e); // zombies and accounts never read
        }
      }
      // Update: conversions and new fans.
      const events = funnel.take(t);
      for (let q = 0; q < events.length; q++) {
        const i = agentOf(events[q]);
        if (payloadOf(events[q]) === FunnelEvent.convert) convert(i, t);
        else if (stage[i] === Stage.customer) setStage(i, Stage.fan);
      }
    },
    read(out) {
      out[0] = reported;
      out[1] = real;
      out[2] = reach;
      out[3] = aware;
      out[4] = stageCount[Stage.interested];
      out[5] = customers;
      out[6] = stageCount[Stage.fan];
      out[7] = sharesN;
      out[8] = spend;
    },
    readCircles(out) {
      out.set(reachByCircle, 0);
      out.set(customersByCircle, C);
    },
    finish(): RunTables {
      for (let i = 0; i < pop.consumers; i++) if (seen[i] > 0) tables.frequency[Math.min(seen[i], FREQUENCY_BINS) - 1]++;
      return tables;
    },
  };
}

