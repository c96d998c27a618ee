/**
 * The full Circlecast model (docs/model.md §3–5): a compiled plan publishes messages; each delivery
 * runs one exposure (seen → novelty → persuasion → fatigue → reshare); ready agents buy; customers
 * get a value tier, may repurchase and may become fans, who post unprompted and defend the brand in
 * a crisis. Work per tick is proportional to the deliveries made, not to the population.
 */
import type { Plan } from "../../../scenarios/schema/plans.ts";
import { tieWeights } from "../../../scenarios/schema/network.ts";
import { FREQUENCY_BINS, type AgentView, type Dynamics, type RunTables } from "../dynamics.ts";
import { fatigueAt } from "../mechanism/fatigue.ts";
import { Flag, FunnelEvent, readyToConvert, Stage, STAGES } from "../mechanism/funnel.ts";
import { bumpSeen, novelty } from "../mechanism/novelty.ts";
import { agentOf, payloadOf, TickQueue } from "../queue.ts";
import { hashString, uniform } from "../rng/hash.ts";
import { geometricFromUniform } from "../rng/samplers.ts";
import { deriveKey, Purpose } from "../rng/seed.ts";
import { compilePlan } from "../strategies/compile.ts";
import type { CompiledPlan, Publication } from "../strategies/plan.ts";
import type { World } from "../world.ts";
import { Groups } from "./groups.ts";

export const SOCIAL_METRICS = [
  "reportedImpressions", "realImpressions", "reach", "brandAware", "engagements", "interested",
  "customers", "purchases", "fans", "shares", "harmed", "spend", "skippedForBudget",
] as const;
export const SOCIAL_CIRCLE_METRICS = ["reach", "customers"] as const;
/** Traced agent states: the funnel stages, with "seen" (reached, not yet persuaded) between unaware and aware. */
export const SOCIAL_STATES = ["unaware", "seen", "aware", "interested", "customer", "fan"] as const;

// Sub-purposes of the exposure key: one independent draw per decision.
const D = {
  seen: 1, persuade: 2, brand: 3, share: 4, delay: 5, convert: 6, fan: 7, adTarget: 8,
  crackdown: 9, recruit: 10, perk: 11, tier: 12, repurchase: 13, defend: 14, fanPost: 15,
} as const;
/** Draw namespaces (high bits of the content word): ties, ads, then one per group. */
const NS_TIES = 0, NS_ADS = 1, NS_GROUP = 2;

export function socialDynamics(world: World, plan: Plan | CompiledPlan, planIndex = 0): Dynamics {
  return new SocialRun(world, "messages" in plan ? plan : compilePlan(world, plan, planIndex));
}

class SocialRun implements Dynamics {
  readonly metrics: readonly string[];
  readonly circleMetrics = SOCIAL_CIRCLE_METRICS;
  private readonly k: Record<keyof typeof D, number>;
  private readonly C: number;
  private readonly H: number;
  // Content and message columns.
  private readonly contentOf: Int32Array;
  private readonly channelOf: Int32Array;
  private readonly quality: Float64Array;
  private readonly brandFit: Float64Array;
  private readonly paid: Uint8Array;
  private readonly negative: Uint8Array;
  private readonly fit: Float64Array; // fit[x * C + c]
  private readonly caseOf: Int32Array;
  /** Draw word of each content: a hash of its id, so plans that deliver the same piece draw the same numbers. */
  private readonly drawWord: Int32Array;
  // Per-circle constants and lookup tables.
  private readonly phi: Float64Array;
  private readonly eta: Float64Array;
  private readonly convertP: number;
  private readonly affinity: Float64Array;
  private readonly noveltyTable: Float64Array; // δ_c^m, m < 256
  private readonly fadeTable: Float64Array; // (1 − ρ_c)^Δ, Δ ≤ H
  private readonly recruitWeight: Float64Array;
  // Agent state (struct of arrays).
  private readonly fatigue: Float32Array;
  private readonly fatigueTick: Int32Array;
  private readonly stage: Uint8Array;
  private readonly touches: Uint8Array;
  private readonly flags: Uint8Array;
  private readonly seen: Uint8Array;
  private readonly tier: Uint8Array;
  private readonly firstTouch: Int16Array;
  private readonly lastTouch: Int16Array;
  private readonly caseSeen: Uint8Array[];
  private readonly shares: TickQueue;
  private readonly funnel: TickQueue;
  private readonly groups: Groups;
  // Counters read by the collector.
  private readonly counts = { reported: 0, real: 0, reach: 0, aware: 0, engagements: 0, customers: 0, purchases: 0, shares: 0, harmed: 0, spend: 0, skipped: 0 };
  private readonly stageCount = new Float64Array(STAGES);
  private readonly reachByCircle: Float64Array;
  private readonly customersByCircle: Float64Array;
  private readonly replies: Float64Array; // per group, this tick
  private readonly byChannel: RunTables["channels"];
  private readonly adCounter: Int32Array;
  readonly agents: AgentView = {
    states: SOCIAL_STATES,
    state: (out) => {
      for (let i = 0; i < out.length; i++) {
        const st = this.stage[i];
        out[i] = st > Stage.unaware ? st + 1 : (this.flags[i] & Flag.reached) !== 0 ? 1 : 0;
      }
    },
    seen: (out) => out.set(this.seen.subarray(0, out.length)),
  };

  constructor(private readonly world: World, private readonly plan: CompiledPlan) {
    const s = world.scenario;
    const { pop } = world;
    const n = pop.n;
    const C = (this.C = pop.circleCount);
    const H = (this.H = s.horizon);
    const circles = s.population.circles;
    if (plan.messages.length > 32767) throw new RangeError("a plan may publish at most 32767 distinct messages");
    const base = deriveKey(world.key, Purpose.exposure);
    this.k = Object.fromEntries(Object.entries(D).map(([name, d]) => [name, deriveKey(base, d)])) as Record<keyof typeof D, number>;

    const cs = plan.contents;
    this.contentOf = Int32Array.from(plan.messages, (m) => m.content);
    this.channelOf = Int32Array.from(plan.messages, (m) => m.channel);
    this.quality = Float64Array.from(cs, (c) => c.quality);
    this.brandFit = Float64Array.from(cs, (c) => c.brandFit);
    this.paid = Uint8Array.from(cs, (c) => (c.paid ? 1 : 0));
    this.negative = Uint8Array.from(cs, (c) => (c.negative ? 1 : 0));
    this.caseOf = Int32Array.from(cs, (c) => c.caseIndex);
    this.drawWord = Int32Array.from(cs, (c) => hashString(0, c.id));
    this.fit = new Float64Array(cs.length * C);
    cs.forEach((c, x) => this.fit.set(c.fit, x * C));

    this.phi = Float64Array.from(circles, (c) => c.fatigueRate);
    this.eta = Float64Array.from(circles, (c) => c.sharePropensity);
    this.convertP = s.product.conversionRate;
    this.affinity = Float64Array.from(circles, (c) => c.productAffinity);
    this.recruitWeight = Float64Array.from(circles, (c) => c.size * c.productAffinity);
    this.noveltyTable = new Float64Array(C << 8);
    this.fadeTable = new Float64Array(C * (H + 1));
    for (let c = 0; c < C; c++) {
      for (let m = 0; m < 256; m++) this.noveltyTable[(c << 8) | m] = novelty(circles[c].repetitionDecay, m);
      for (let d = 0; d <= H; d++) this.fadeTable[c * (H + 1) + d] = fatigueAt(1, 0, circles[c].fatigueRecovery, d);
    }

    this.fatigue = new Float32Array(n);
    this.fatigueTick = new Int32Array(n);
    this.stage = new Uint8Array(n);
    this.touches = new Uint8Array(n);
    this.flags = new Uint8Array(n);
    this.seen = new Uint8Array(n);
    this.tier = new Uint8Array(n);
    this.firstTouch = new Int16Array(n).fill(-1);
    this.lastTouch = new Int16Array(n).fill(-1);
    this.caseSeen = Array.from({ length: plan.caseCount }, () => new Uint8Array(n));
    this.shares = new TickQueue(H);
    this.funnel = new TickQueue(H);
    this.groups = new Groups(plan.groups);
    this.stageCount[Stage.unaware] = pop.consumers;
    this.reachByCircle = new Float64Array(C);
    this.customersByCircle = new Float64Array(C);
    this.replies = new Float64Array(plan.groups.length);
    const K = plan.channels.length;
    this.byChannel = {
      names: plan.channels.map((c) => c.name),
      spend: new Float64Array(K), reported: new Float64Array(K), real: new Float64Array(K),
      firstTouch: new Float64Array(K), lastTouch: new Float64Array(K),
    };
    this.adCounter = new Int32Array(cs.length);
    const community = plan.groups.map((g, i) => (g.kind === "community" ? i : -1)).filter((i) => i >= 0);
    this.metrics = [...SOCIAL_METRICS, ...community.map((g) => `activity:${plan.groups[g].name}`)];
  }

  // ── exposure ──────────────────────────────────────────────────────────────

  /**
   * One delivery of message m to reader i over a tie of weight w. `e` and the namespace `ns` key
   * the draws: tie index for ties, impression number for ads, member slot for groups.
   */
  private expose(i: number, w: number, m: number, t: number, e: number, ns: number): void {
    const { k, world } = this;
    const pop = world.pop;
    const x = this.contentOf[m];
    const xk = (this.drawWord[x] + Math.imul(ns, 0x9e3779b1)) | 0;
    if (uniform(k.seen, t, e, xk) >= pop.activity[i]) return;
    this.counts.real++;
    this.byChannel.real[this.channelOf[m]]++;
    const c = pop.circle[i];
    if ((this.flags[i] & Flag.reached) === 0) {
      this.flags[i] |= Flag.reached;
      this.counts.reach++;
      this.reachByCircle[c]++;
    }
    this.seen[i] = bumpSeen(this.seen[i]);
    const cs = this.caseSeen[this.caseOf[x]];
    const nov = this.noveltyTable[(c << 8) | cs[i]];
    cs[i] = bumpSeen(cs[i]);
    let f = this.fatigue[i] * this.fadeTable[c * (this.H + 1) + t - this.fatigueTick[i]];
    const stage = this.stage[i];
    const q = this.quality[x];

    if (this.negative[x] && stage === Stage.fan) {
      // Fans do not believe it and do not pass it on; some post a defence.
      if (uniform(k.defend, t, e, xk) < world.scenario.product.fanDefense) this.scheduleShare(i, this.plan.defenseMessage, t, e, xk);
    } else {
      const p = world.scenario.dynamics.persuasion * w * pop.trust[i] * q * nov * (1 - f) *
        (this.paid[x] ? 1 - pop.skepticism[i] : 1) * this.fit[x * this.C + c];
      if (uniform(k.persuade, t, e, xk) < p) {
        if (this.negative[x]) this.harm(i);
        else this.persuade(i, m, x, t, e, xk);
      }
    }
    f = Math.min(1, f + this.phi[c]);
    this.fatigue[i] = f;
    this.fatigueTick[i] = t;

    if (this.negative[x] && this.stage[i] === Stage.fan) return;
    const sp = this.eta[c] * q * nov * (1 - f) * (this.stage[i] === Stage.fan ? world.scenario.product.fanBoost : 1);
    if (uniform(k.share, t, e, xk) < sp) {
      this.scheduleShare(i, m, t, e, xk);
      const g = this.plan.messages[m].group;
      if (this.plan.messages[m].chatter) this.replies[g]++;
    }
  }

  private persuade(i: number, m: number, x: number, t: number, e: number, xk: number): void {
    const { k, counts, pop } = this;
    counts.engagements++;
    if (this.touches[i] < 255) this.touches[i]++;
    if (this.firstTouch[i] < 0) this.firstTouch[i] = m;
    this.lastTouch[i] = m;
    const stage = this.stage[i];
    // Unaware → aware on the first touch; interested from the second, or at once if one touch is enough (k_i = 1).
    if (stage < Stage.interested) this.setStage(i, stage === Stage.aware || pop.threshold[i] <= this.touches[i] ? Stage.interested : Stage.aware);
    else if (stage >= Stage.customer) {
      const r = this.world.scenario.product.tiers.repurchase;
      const tier = this.tier[i];
      if (uniform(k.repurchase, t, e, xk) < (tier === 1 ? r.HV : tier === 2 ? r.MV : r.LV)) counts.purchases++;
    }
    if ((this.flags[i] & Flag.brandAware) === 0 && uniform(k.brand, t, e, xk) < this.brandFit[x]) {
      this.flags[i] |= Flag.brandAware;
      counts.aware++;
    }
    // A ready consumer considers buying: yes with probability A_c (product affinity), then waits
    // Geometric(γ) ticks; no, and the next persuasive touch brings the question back.
    if ((this.flags[i] & Flag.pending) === 0 && readyToConvert(this.stage[i], this.flags[i], this.touches[i], pop.threshold[i])) {
      const c = pop.circle[i];
      if (uniform(k.convert, t, i, 1) < this.affinity[c]) {
        this.flags[i] |= Flag.pending;
        this.funnel.push(t + geometricFromUniform(uniform(k.convert, t, i, 0), this.convertP), i, FunnelEvent.convert);
      }
    }
  }

  /** A persuasive negative exposure undoes one touch and cools an interested agent. */
  private harm(i: number): void {
    this.counts.harmed++;
    if (this.touches[i] > 0) this.touches[i]--;
    if (this.stage[i] === Stage.interested) this.setStage(i, Stage.aware);
  }

  private scheduleShare(i: number, m: number, t: number, e: number, xk: number): void {
    this.counts.shares++;
    const delay = 1 + geometricFromUniform(uniform(this.k.delay, t, e, xk), 1 / this.world.scenario.dynamics.shareDelay);
    this.shares.push(t + delay, i, m);
  }

  private get pop() {
    return this.world.pop;
  }

  private setStage(i: number, to: number): void {
    this.stageCount[this.stage[i]]--;
    this.stageCount[to]++;
    this.stage[i] = to;
  }

  // ── delivery ──────────────────────────────────────────────────────────────

  /** Message m from j to its followers; with reach < 1 (crackdown) each follower is kept with that probability. */
  private toFollowers(j: number, m: number, t: number, reach: number): void {
    const { offsets, targets, weights } = this.world.net.csr;
    const activity = this.pop.activity;
    const ch = this.channelOf[m];
    const end = offsets[j + 1];
    if (reach >= 1) {
      this.counts.reported += end - offsets[j];
      this.byChannel.reported[ch] += end - offsets[j];
    }
    const x = this.contentOf[m];
    for (let e = offsets[j]; e < end; e++) {
      const i = targets[e];
      if (reach < 1) {
        if (uniform(this.k.crackdown, t, e, this.drawWord[x]) >= reach) continue;
        this.counts.reported++;
        this.byChannel.reported[ch]++;
      }
      if (activity[i] > 0) this.expose(i, weights[e], m, t, e, NS_TIES); // zombies and accounts never read
    }
  }

  /** Message m to every member of group g (but the sender), with tie weight w. */
  private toGroup(g: number, m: number, t: number, w: number, sender: number): void {
    const members = this.groups.members(g);
    const size = this.groups.size(g);
    const ch = this.channelOf[m];
    for (let slot = 0; slot < size; slot++) {
      const i = members[slot];
      if (i === sender) continue;
      this.counts.reported++;
      this.byChannel.reported[ch]++;
      if (this.pop.activity[i] > 0) this.expose(i, w, m, t, slot, NS_GROUP + g);
    }
  }

  private ads(p: Extract<Publication, { kind: "ads" }>, t: number): void {
    const pop = this.pop;
    const x = this.contentOf[p.message];
    // Uniform over the target circles' consumers; lookalike: circles in proportion to customers so far
    // (size × affinity until there is a customer).
    let weights = Array.from(p.circles, (c) => (p.lookalike ? this.customersByCircle[c] : pop.circleStart[c + 1] - pop.circleStart[c]));
    if (weights.every((w) => w === 0)) weights = Array.from(p.circles, (c) => this.recruitWeight[c]);
    const total = weights.reduce((a, b) => a + b, 0);
    for (let j = 0; j < p.impressions; j++) {
      const kk = this.adCounter[x]++;
      let u = uniform(this.k.adTarget, t, kk, this.drawWord[x]) * total;
      let ci = 0;
      while (ci < weights.length - 1 && u >= weights[ci]) u -= weights[ci++];
      const c = p.circles[ci];
      const size = pop.circleStart[c + 1] - pop.circleStart[c];
      const i = pop.circleStart[c] + Math.min(size - 1, Math.floor(uniform(this.k.adTarget, t, kk, ~this.drawWord[x]) * size));
      this.counts.reported++;
      this.byChannel.reported[p.channel]++;
      if (pop.activity[i] > 0) this.expose(i, p.weight, p.message, t, kk, NS_ADS);
    }
  }

  // ── funnel events ─────────────────────────────────────────────────────────

  private convert(i: number, t: number, installed = false): void {
    this.flags[i] &= ~Flag.pending;
    if (!installed && !readyToConvert(this.stage[i], this.flags[i], this.touches[i], this.pop.threshold[i])) return;
    this.setStage(i, Stage.customer);
    const share = this.world.scenario.product.tiers.share;
    const u = uniform(this.k.tier, t, i, 0) * (share.HV + share.MV + share.LV);
    const tier = u < share.HV ? 1 : u < share.HV + share.MV ? 2 : 3;
    this.tier[i] = tier;
    const tg = this.plan.tierGroups[tier - 1];
    if (tg >= 0) this.groups.add(tg, i);
    if (this.plan.club >= 0 && t <= this.plan.clubUntil && (this.flags[i] & Flag.club) === 0) {
      this.flags[i] |= Flag.club;
      this.groups.add(this.plan.club, i);
    }
    if (installed) return;
    this.counts.customers++;
    this.counts.purchases++;
    this.customersByCircle[this.pop.circle[i]]++;
    if (this.firstTouch[i] >= 0) this.byChannel.firstTouch[this.channelOf[this.firstTouch[i]]]++;
    if (this.lastTouch[i] >= 0) this.byChannel.lastTouch[this.channelOf[this.lastTouch[i]]]++;
    const product = this.world.scenario.product;
    if (uniform(this.k.fan, t, i, 0) < product.fanProbability)
      this.funnel.push(t + 1 + geometricFromUniform(uniform(this.k.fan, t, i, 1), 1 / product.fanDelay), i, FunnelEvent.fan);
  }

  private becomeFan(i: number, t: number): void {
    if (this.stage[i] !== Stage.customer) return;
    this.setStage(i, Stage.fan);
    this.scheduleFanPost(i, t);
  }

  private scheduleFanPost(i: number, t: number): void {
    const rate = this.world.scenario.product.fanPostRate;
    if (rate > 0) this.funnel.push(t + 1 + geometricFromUniform(uniform(this.k.fanPost, t, i, 0), rate), i, FunnelEvent.fanPost);
  }

  // ── the tick ──────────────────────────────────────────────────────────────

  tick(t: number): void {
    this.replies.fill(0);
    this.adCounter.fill(0);
    if (t === 0) this.install();
    this.publish(t);
    // Deliver: every share due at t, in canonical order (sharer, message).
    const due = this.shares.take(t);
    for (let q = 0; q < due.length; q++) {
      const j = agentOf(due[q]);
      const m = payloadOf(due[q]);
      const msg = this.plan.messages[m];
      if (msg.chatter) this.toGroup(msg.group, m, t, this.peerWeight(), j);
      else this.toFollowers(j, m, t, 1);
    }
    // Update: purchases, new fans, fans' unprompted posts.
    const events = this.funnel.take(t);
    for (let q = 0; q < events.length; q++) {
      const i = agentOf(events[q]);
      const ev = payloadOf(events[q]);
      if (ev === FunnelEvent.convert) this.convert(i, t);
      else if (ev === FunnelEvent.fan) this.becomeFan(i, t);
      else if (this.stage[i] === Stage.fan) {
        this.counts.shares++;
        this.shares.push(t + 1, i, this.plan.fanPostMessage);
        this.scheduleFanPost(i, t);
      }
    }
  }

  private peerWeight(): number {
    return tieWeights(this.world.scenario.network).strong;
  }

  /** The installed base: customers and fans the brand has at tick 0. */
  private install(): void {
    const { installedCustomers, installedFans } = this.plan;
    for (const i of installedCustomers) {
      this.flags[i] |= Flag.brandAware;
      this.touches[i] = this.pop.threshold[i];
      this.convert(i, 0, true);
    }
    for (const i of installedFans) this.becomeFan(i, 0);
  }

  private publish(t: number): void {
    for (const p of this.plan.at(t)) {
      const cost = p.cost + (p.kind === "group" ? p.costPerMember * this.groups.size(p.group) : 0);
      if (this.counts.spend + cost > this.plan.budget + 1e-9) {
        this.counts.skipped++;
        continue;
      }
      this.counts.spend += cost;
      this.byChannel.spend[p.channel] += cost;
      switch (p.kind) {
        case "post":
          for (const a of p.accounts) this.toFollowers(a, p.message, t, p.reach);
          break;
        case "ads":
          this.ads(p, t);
          break;
        case "group":
          this.toGroup(p.group, p.message, t, p.weight, -1);
          break;
        case "recruit":
          this.recruit(p.group, p.count, t);
          break;
        case "perk": {
          const members = this.groups.members(p.group);
          for (let s = 0, size = this.groups.size(p.group); s < size; s++) {
            const i = members[s];
            if (this.stage[i] === Stage.customer && uniform(this.k.perk, t, i, p.group) < p.fanRate) this.becomeFan(i, t);
          }
          break;
        }
      }
    }
  }

  /** Up to `count` new club members, drawn by circle in proportion to size × affinity. */
  private recruit(g: number, count: number, t: number): void {
    const pop = this.pop;
    const w = this.recruitWeight;
    let total = 0;
    for (let c = 0; c < this.C; c++) total += w[c];
    for (let j = 0; j < count && total > 0; j++) {
      let u = uniform(this.k.recruit, t, j, g) * total;
      let c = 0;
      while (c < this.C - 1 && u >= w[c]) u -= w[c++];
      const size = pop.circleStart[c + 1] - pop.circleStart[c];
      const i = pop.circleStart[c] + Math.min(size - 1, Math.floor(uniform(this.k.recruit, t, j, g | (1 << 16)) * size));
      if ((this.flags[i] & Flag.club) !== 0) continue;
      this.flags[i] |= Flag.club;
      this.groups.add(g, i);
    }
  }

  // ── collection ────────────────────────────────────────────────────────────

  read(out: Float64Array): void {
    const c = this.counts;
    const values = [c.reported, c.real, c.reach, c.aware, c.engagements, this.stageCount[Stage.interested],
      c.customers, c.purchases, this.stageCount[Stage.fan], c.shares, c.harmed, c.spend, c.skipped];
    out.set(values);
    let k = values.length;
    this.plan.groups.forEach((g, i) => {
      if (g.kind === "community") out[k++] = this.replies[i];
    });
  }

  readCircles(out: Float64Array): void {
    out.set(this.reachByCircle, 0);
    out.set(this.customersByCircle, this.C);
  }

  finish(): RunTables {
    const frequency = new Float64Array(FREQUENCY_BINS);
    for (let i = 0; i < this.pop.consumers; i++) if (this.seen[i] > 0) frequency[Math.min(this.seen[i], FREQUENCY_BINS) - 1]++;
    return { frequency, channels: this.byChannel, waves: this.plan.waves };
  }
}
