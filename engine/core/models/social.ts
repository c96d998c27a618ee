/**
 * The full Circlecast model (docs/model.md §3–5): a compiled plan publishes messages; each delivery
 * runs one exposure (seen → novelty → fatigue → persuasion → funnel → fatigue rise → reshare, one
 * mechanism file each); ready agents buy; customers get a value tier, may repurchase and may become
 * fans, who post unprompted and defend the brand in a crisis. Work per tick is proportional to the
 * deliveries made, not to the population.
 *
 * A run may own only part of the agents (one of W parts, dealt in blocks: social-state.ts): it alone
 * runs their exposures and funnel events, replays what is common to all agents (the schedule, the
 * budget, ad and recruitment draws, group lists), and at the end of each tick trades a Handoff with
 * the runs that own the other parts through one `exchange` callback (engine/split/social-part.ts
 * passes them between threads). The ordinary run owns every agent and gets its own Handoff back.
 */
import type { Plan } from "../../../scenarios/schema/plans.ts";
import { tieWeights } from "../../../scenarios/schema/network.ts";
import { FREQUENCY_BINS, type AgentView, type Dynamics, type RunTables } from "../dynamics.ts";
// One namespace, so that V8 inlines every mechanism call without a binding check (mechanism/index.ts).
import * as mechanism from "../mechanism/index.ts";
import { Flag, FunnelEvent, Stage, STAGES } from "../mechanism/funnel.ts";
import { agentOf, payloadOf, TickQueue } from "../queue.ts";
import { AdAudience } from "./ad-audience.ts";
import { hashString, uniform } from "../rng/hash.ts";
import { Geometric } from "../rng/samplers.ts";
import { deriveKey, Purpose } from "../rng/seed.ts";
import { compilePlan } from "../strategies/compile.ts";
import type { CompiledPlan, Publication } from "../strategies/plan.ts";
import type { World } from "../world.ts";
import type { TieClasses } from "../network/csr.ts";
import { Groups } from "./groups.ts";
import { GROUP_ACTIVITY, SOCIAL_CIRCLE_METRICS, SOCIAL_METRICS, type SocialTally } from "./social-metrics.ts";
import { blockOwners, forOwnedBlocks, heapBuffers, INLINE_CASES, PART_BLOCK_BITS, R, resetState, socialState, type SocialState } from "./social-state.ts";
import { KERNEL_BLOCK, kernelState, leaseKernel, DeliveryKernel, type KernelLease, type KernelMemory } from "./delivery-kernel.ts";
import { Event, exposureBytes } from "./exposure-kernel.ts";

/** Traced agent states: the funnel stages, with "seen" (reached, not yet persuaded) between unaware and aware. */
export const SOCIAL_STATES = ["unaware", "seen", "aware", "interested", "customer", "fan"] as const;

// Sub-purposes of the exposure key: one independent draw per decision.
const D = {
  seen: 1, persuade: 2, brand: 3, share: 4, delay: 5, convert: 6, fan: 7, adTarget: 8,
  crackdown: 9, recruit: 10, perk: 11, tier: 12, repurchase: 13, defend: 14, fanPost: 15,
} as const;
/** Draw namespaces (high bits of the content word): ties, ads, then one per group. */
const NS_TIES = 0, NS_ADS = 1, NS_GROUP = 2;
/** How a delivery came: a publication of the plan, or a reshare. */
const BOUGHT = 0, SHARED = 1;
/** Followers whose step 1 runs before their exposures (deliverToFollowers): their records stay in L1 between the two. */
const SEEN_BLOCK = KERNEL_BLOCK;
/** Deliveries whose sharers' rows are read before any of them is delivered (touchRows). */
const ROW_BATCH = 16;

/** What a run owning part of the agents passes on at the end of a tick, about its own agents. */
export interface Handoff {
  /** Shares its agents have due on the next tick, in canonical order (sharer, message), as queue keys (queue.ts). */
  readonly due: Float64Array;
  /** Its agents' group joins of the tick: pairs (group, agent), in agent order. */
  readonly joins: Int32Array;
  /** Its customers per circle so far. */
  readonly customers: Float64Array;
}

/**
 * The end-of-tick exchange: pass on this part's Handoff for tick t, get every part's, in part order
 * (this one's included). The Handoffs must stay readable through tick t + 1.
 */
export type Exchange = (mine: Handoff, t: number) => readonly Handoff[];

/**
 * Told of every share scheduled by a reader's exposure (reshares and fans' defences; not fans'
 * unprompted posts): reader i will share message m, having seen it from agent `from` (the sharer or
 * the publishing account; −1 for ads) at tick t. Reshare trees are read through it
 * (engine/experiment/reshare-trees.ts); it draws nothing and changes nothing in the run.
 */
export type ShareListener = (i: number, from: number, m: number, t: number) => void;

/** A run that owns part `index` of `parts` only (blockOwners), the state it shares with the runs that own the others, and how it reaches them. */
export interface SocialPart {
  readonly index: number;
  readonly parts: number;
  /** The one part that reports what every part replays (spend, skipped publications). */
  readonly leader: boolean;
  /** Shared agent state; the part resets its own range of it. */
  readonly state: SocialState;
  /** The wasm memory holding the state's records, when deliveries run as wasm (delivery-kernel.ts). */
  readonly kernel?: KernelMemory;
  readonly exchange: Exchange;
}

/**
 * Visit the entries of lists that are each sorted by key, all in key order: f(list, k) for the entry
 * at list[k … k + stride), whose key is list[k + keyAt]. Entries with equal keys come from one list
 * (one part's agent) and keep their order. One list (a run that owns every agent) is read straight.
 */
function inKeyOrder<L extends ArrayLike<number>>(lists: readonly L[], stride: number, keyAt: number, f: (list: L, k: number) => void): void {
  if (lists.length === 1) {
    for (let k = 0; k < lists[0].length; k += stride) f(lists[0], k);
    return;
  }
  const at = new Int32Array(lists.length);
  for (;;) {
    let best = -1, key = Infinity;
    for (let u = 0; u < lists.length; u++) if (at[u] < lists[u].length && lists[u][at[u] + keyAt] < key) (best = u), (key = lists[u][at[u] + keyAt]);
    if (best < 0) return;
    f(lists[best], at[best]);
    at[best] += stride;
  }
}

/**
 * Add agents [lo, hi)'s seen-exposure counts to the histogram (finish). A function of the module: as a
 * closure made in each run, V8 compiled its loop anew in every run of a sweep.
 */
function countSeen(u8: Uint8Array, lo: number, hi: number, frequency: Float64Array): void {
  for (let i = lo; i < hi; i++) {
    const seen = u8[32 * i + R.seen];
    if (seen > 0) frequency[Math.min(seen, FREQUENCY_BINS) - 1]++;
  }
}

/** The whole run's exchange: nobody else to hear from. */
const alone: Exchange = (mine) => [mine];

/** The plan's community groups, by index: their activity follows SOCIAL_METRICS in a run's columns. */
function communityGroups(plan: CompiledPlan): Int32Array {
  return Int32Array.from(plan.groups.map((g, i) => (g.kind === "community" ? i : -1)).filter((i) => i >= 0));
}

/** A social run's scalar metric columns for a compiled plan (its circle metrics are SOCIAL_CIRCLE_METRICS's). */
export function socialMetrics(plan: CompiledPlan): string[] {
  return [...SOCIAL_METRICS.names, ...Array.from(communityGroups(plan), (g) => GROUP_ACTIVITY.name(plan.groups[g].name))];
}

export function socialDynamics(world: World, plan: Plan | CompiledPlan, planIndex = 0): Dynamics {
  return new SocialRun(world, "messages" in plan ? plan : compilePlan(world, plan, planIndex));
}

export class SocialRun implements Dynamics {
  readonly metrics: readonly string[];
  readonly circleMetrics = SOCIAL_CIRCLE_METRICS.names;
  /** Draw key of each decision, k[D.name]: a typed array, whose reads never wait on an object's shape. */
  private readonly k: Int32Array;
  private readonly C: number;
  private readonly H: number;
  // Content and message columns.
  private readonly contentOf: Int32Array;
  private readonly channelOf: Int32Array;
  private readonly quality: Float64Array;
  private readonly brandFit: Float64Array;
  private readonly paid: Uint8Array;
  private readonly negative: Uint8Array;
  private readonly shareBoost: Float64Array;
  private readonly fit: Float64Array; // fit[x * C + c]
  private readonly caseOf: Int32Array;
  /** Draw word of each content: a hash of its id, so plans that deliver the same piece draw the same numbers. */
  private readonly drawWord: Int32Array;
  // Per-circle constants and lookup tables.
  private readonly phi: Float64Array;
  private readonly eta: Float64Array;
  /** The run's geometric delays, one sampler per p (most draws from a table: samplers.ts's Geometric). */
  private readonly convertDelay: Geometric;
  /**
   * The scenario's constants, copied to fields: its objects may differ in shape from run to run (each
   * point of a sweep parses its own), and reading them through a shape a compiled exposure did not
   * expect throws that code away (V8 deoptimises).
   */
  private readonly lambda: number;
  private readonly fanBoost: number;
  private readonly fanDefense: number;
  private readonly fanProbability: number;
  private readonly fanDelays: Geometric;
  private readonly fanPostRate: number;
  private readonly fanPostGaps: Geometric;
  private readonly shareDelays: Geometric;
  private readonly repurchase: { readonly HV: number; readonly MV: number; readonly LV: number };
  private readonly tierShare: { readonly HV: number; readonly MV: number; readonly LV: number };
  private readonly offsets: Int32Array;
  private readonly targets: Int32Array;
  private readonly tieClass: TieClasses;
  private readonly classWeight: Float32Array;
  private readonly affinity: Float64Array;
  private readonly noveltyTable: Float64Array; // δ_c^m, m < 256
  private readonly fadeTable: Float64Array; // (1 − ρ_c)^Δ, Δ ≤ H
  private readonly recruitWeight: Float64Array;
  // Agent state (one record per agent, social-state.ts); a part writes only the agents it owns: blocks whose owner is `me`.
  private readonly me: number;
  /** The owner of each block of agents (social-state.ts), or undefined when this run owns every agent. */
  private readonly owners: Uint8Array | undefined;
  private readonly leader: boolean;
  private readonly exchange: Exchange;
  /** The Handoffs of the last exchange: every part's shares due on this tick, in part order. */
  private mail: readonly Handoff[] = [];
  /** The parts' due shares merged (deliver), and what touchRows read. */
  private merged = new Float64Array(0);
  private touched = 0;
  /** The agent records (social-state.ts: field k of agent i at f32[8i + k], i32[8i + k], u16[16i + k], u8[32i + k]). */
  private readonly f32: Float32Array;
  private readonly i32: Int32Array;
  private readonly u16: Uint16Array;
  private readonly u8: Uint8Array;
  private readonly touch: Uint16Array;
  private readonly caseSeen: Uint8Array[];
  /** Shares and funnel events of the owned agents. */
  private readonly shares: TickQueue;
  private readonly funnel: TickQueue;
  // Replayed by the run of every range: group lists, club membership. Joins of the owned agents made
  // this tick (pairs g, i) wait in the log for the exchange, after which every run applies every range's.
  private readonly groups: Groups;
  private readonly inClub: Uint8Array;
  private joinLog = new Int32Array(64);
  private joinCount = 0;
  // Counters read by the collector (social-metrics.ts).
  private readonly counts = {
    reported: 0, real: 0, reach: 0, aware: 0, engagements: 0, customers: 0, bought: 0, earned: 0, byFans: 0,
    purchases: 0, shares: 0, harmed: 0, spend: 0, skipped: 0,
  };
  private readonly stageCount = new Float64Array(STAGES);
  private readonly reachByCircle: Float64Array;
  /** The owned agents' customers per circle, and all agents' as of the last exchange (ads target lookalikes with it). */
  private readonly customersByCircle: Float64Array;
  private readonly customersAll: Float64Array;
  private readonly tally: SocialTally;
  private readonly replies: Float64Array; // per group, this tick
  /** The community groups, whose activity follows SOCIAL_METRICS in the columns. */
  private readonly community: Int32Array;
  private readonly byChannel: RunTables["channels"];
  private readonly adCounter: Int32Array;
  /** Per ad strategy: who can still be shown its ads this window (replayed by the run of every range). */
  private readonly audiences: AdAudience[];
  /** The agent whose message is being delivered (for onShare): a sharer, a publishing account, or −1. */
  private sender = -1;
  /**
   * The weight of the tie an exposure comes over, handed to exposeSeen in a field: a double passed as an
   * argument to a call V8 does not inline is boxed, one heap number per exposure to collect.
   */
  private weight = 0.5;
  /** Of a block of followers (deliverToFollowers): the ties to this run's readers, their activities, and the ties whose readers saw the message. */
  private readonly ownTies = new Int32Array(SEEN_BLOCK);
  private readonly seenTies = new Int32Array(SEEN_BLOCK);
  private readonly activityOf = new Float32Array(SEEN_BLOCK);
  /** Deliveries as wasm (delivery-kernel.ts), and the memory this run borrowed for them. */
  private readonly kernel: DeliveryKernel | undefined;
  /** Per content: 1 where the kernel runs steps 2–6 of its deliveries (positive content whose case the record holds). */
  private readonly kernelExposes: Uint8Array;
  private readonly lease: KernelLease | undefined;
  readonly agents: AgentView = {
    states: SOCIAL_STATES,
    state: (out) => {
      for (let i = 0; i < out.length; i++) {
        const st = this.u8[32 * i + R.stage];
        out[i] = st > Stage.unaware ? st + 1 : (this.u8[32 * i + R.flags] & Flag.reached) !== 0 ? 1 : 0;
      }
    },
    seen: (out) => {
      for (let i = 0; i < out.length; i++) out[i] = this.u8[32 * i + R.seen];
    },
  };

  constructor(private readonly world: World, private readonly plan: CompiledPlan, part?: SocialPart, private readonly onShare?: ShareListener) {
    const s = world.scenario;
    const { pop } = world;
    const n = pop.n;
    const C = (this.C = pop.circleCount);
    const H = (this.H = s.horizon);
    const circles = s.population.circles;
    if (plan.messages.length > 32767) throw new RangeError("a plan may publish at most 32767 distinct messages");
    const base = deriveKey(world.key, Purpose.exposure);
    this.k = new Int32Array(16);
    for (const d of Object.values(D)) this.k[d] = deriveKey(base, d);

    const cs = plan.contents;
    this.contentOf = Int32Array.from(plan.messages, (m) => m.content);
    this.channelOf = Int32Array.from(plan.messages, (m) => m.channel);
    this.quality = Float64Array.from(cs, (c) => c.quality);
    this.brandFit = Float64Array.from(cs, (c) => c.brandFit);
    this.paid = Uint8Array.from(cs, (c) => (c.paid ? 1 : 0));
    this.negative = Uint8Array.from(cs, (c) => (c.negative ? 1 : 0));
    this.shareBoost = Float64Array.from(cs, (c) => c.shareBoost);
    this.caseOf = Int32Array.from(cs, (c) => c.caseIndex);
    this.drawWord = Int32Array.from(cs, (c) => hashString(0, c.id));
    this.fit = new Float64Array(cs.length * C);
    cs.forEach((c, x) => this.fit.set(c.fit, x * C));

    this.phi = Float64Array.from(circles, (c) => c.fatigueRate);
    this.eta = Float64Array.from(circles, (c) => c.sharePropensity);
    this.convertDelay = new Geometric(s.product.conversionRate);
    this.lambda = s.dynamics.persuasion;
    this.fanBoost = s.product.fanBoost;
    this.fanDefense = s.product.fanDefense;
    this.fanProbability = s.product.fanProbability;
    this.fanDelays = new Geometric(1 / s.product.fanDelay);
    this.fanPostRate = s.product.fanPostRate;
    this.fanPostGaps = new Geometric(s.product.fanPostRate);
    this.shareDelays = mechanism.delayDraws(s.dynamics.shareDelay);
    const { repurchase: r, share: sh } = s.product.tiers;
    this.repurchase = { HV: r.HV, MV: r.MV, LV: r.LV };
    this.tierShare = { HV: sh.HV, MV: sh.MV, LV: sh.LV };
    ({ offsets: this.offsets, targets: this.targets, tieClass: this.tieClass, classWeight: this.classWeight } = world.net.csr);
    this.affinity = Float64Array.from(circles, (c) => c.productAffinity);
    this.recruitWeight = Float64Array.from(circles, (c) => c.size * c.productAffinity);
    this.noveltyTable = mechanism.noveltyTable(circles.map((c) => c.repetitionDecay));
    this.fadeTable = mechanism.fadeTable(circles.map((c) => c.fatigueRecovery), H);

    this.me = part?.index ?? 0;
    this.owners = part && part.parts > 1 ? blockOwners(n, part.parts) : undefined;
    this.leader = part?.leader ?? true;
    this.exchange = part?.exchange ?? alone;
    // Deliveries run as wasm over records in the kernel's memory where one fits (delivery-kernel.ts); a run
    // in one thread borrows its thread's spare memory until it finishes.
    let state = part?.state;
    let kernel = part?.kernel;
    if (state === undefined) {
      this.lease = leaseKernel(world.net.csr, n, exposureBytes(C, H, cs.length));
      kernel = this.lease?.memory;
      state = kernel ? kernelState(kernel, plan.caseCount, heapBuffers) : socialState(n, plan.caseCount);
    }
    this.kernel = kernel && new DeliveryKernel(kernel, this.me);
    const exposes =
      this.kernel?.writeConstants(
        {
          lambda: this.lambda, fanBoost: this.fanBoost, keyPersuade: this.k[D.persuade], keyShare: this.k[D.share], horizon: H,
          novelty: this.noveltyTable, fade: this.fadeTable, phi: this.phi, eta: this.eta, classWeight: this.classWeight,
          quality: this.quality, shareBoost: this.shareBoost, paid: this.paid, caseOf: this.caseOf, fit: this.fit,
        }) === true;
    this.kernelExposes = Uint8Array.from(cs, (c) => +(exposes && !c.negative && c.caseIndex < INLINE_CASES));
    const cases = INLINE_CASES + state.caseSeen.length;
    if (state.n !== n || cases < plan.caseCount) throw new RangeError(`social run: state for ${state.n} agents and ${cases} cases, expected ${n} and at least ${plan.caseCount}`);
    this.forOwned(n, (lo, hi) => resetState(state, pop, lo, hi));
    ({ f32: this.f32, i32: this.i32, u16: this.u16, u8: this.u8, touch: this.touch, caseSeen: this.caseSeen } = state);
    this.shares = new TickQueue(H);
    this.funnel = new TickQueue(H);
    this.groups = new Groups(plan.groups);
    this.inClub = new Uint8Array(plan.club >= 0 ? n : 0); // only a fan club recruits
    this.forOwned(pop.consumers, (lo, hi) => (this.stageCount[Stage.unaware] += hi - lo));
    this.reachByCircle = new Float64Array(C);
    this.customersByCircle = new Float64Array(C);
    this.customersAll = new Float64Array(C);
    // What the metric declarations read (social-metrics.ts): live views of this run's counts.
    this.tally = { counts: this.counts, stageCount: this.stageCount, leader: this.leader, reachByCircle: this.reachByCircle, customersByCircle: this.customersByCircle };
    this.replies = new Float64Array(plan.groups.length);
    const K = plan.channels.length;
    this.byChannel = {
      names: plan.channels.map((c) => c.name),
      spend: new Float64Array(K), reported: new Float64Array(K), real: new Float64Array(K),
      firstTouch: new Float64Array(K), lastTouch: new Float64Array(K), earned: new Float64Array(K), allotted: plan.allotted,
    };
    this.adCounter = new Int32Array(cs.length);
    this.audiences = plan.audiences.map((a) => new AdAudience(pop, a.circles, a.cap));
    this.community = communityGroups(plan);
    this.metrics = socialMetrics(plan);
  }

  // ── exposure ──────────────────────────────────────────────────────────────

  /**
   * One delivery of message m to reader i over a tie of weight w (docs/model.md §3). `e` and the
   * namespace `ns` key the draws: tie index for ties, impression number for ads, member slot for
   * groups; `via`: BOUGHT or SHARED, for attribution.
   */
  private expose(i: number, w: number, m: number, t: number, e: number, ns: number, via: number): void {
    const x = this.contentOf[m];
    const xk = (this.drawWord[x] + Math.imul(ns, 0x9e3779b1)) | 0;
    if (mechanism.seen(uniform(this.k[D.seen], t, e, xk), this.f32[8 * i + R.activity])) {
      this.weight = w;
      this.exposeSeen(i, m, x, t, e, xk, via);
    }
  }

  /**
   * Steps 2–6 of a delivery whose reader saw it (step 1), for content x = contentOf[m] keyed by xk.
   * Deliveries test step 1 before the call: most are not seen, and then cost no call. Everything
   * read of the reader but its sightings of the case is in its record (one cache line).
   */
  private exposeSeen(i: number, m: number, x: number, t: number, e: number, xk: number, via: number): void {
    const { k, f32, i32, u8 } = this;
    const w = this.weight;
    const r = 8 * i, b = 32 * i;
    this.counts.real++;
    this.byChannel.real[this.channelOf[m]]++;
    const c = this.u16[16 * i + R.circle];
    if ((u8[b + R.flags] & Flag.reached) === 0) {
      u8[b + R.flags] |= Flag.reached;
      this.counts.reach++;
      this.reachByCircle[c]++;
    }
    u8[b + R.seen] = mechanism.bumpSeen(u8[b + R.seen]);
    // 2. Novelty of the case, then one more sighting of it.
    const cx = this.caseOf[x];
    const cs = cx < INLINE_CASES ? u8 : this.caseSeen[cx - INLINE_CASES];
    const at = cx < INLINE_CASES ? b + R.cases + cx : i;
    const nov = mechanism.noveltyAt(this.noveltyTable, c, cs[at]);
    cs[at] = mechanism.bumpSeen(cs[at]);
    // 3. Fatigue now.
    let f = mechanism.fatigueNow(this.fadeTable, this.H, c, f32[r + R.fatigue], i32[r + R.fatigueTick], t);
    const fan = u8[b + R.stage] === Stage.fan; // persuasion and harm never make or unmake a fan
    const negative = this.negative[x] !== 0;
    const q = this.quality[x];
    // 4. Persuasion, and the funnel step it brings. Fans do not believe negative content and do not
    // pass it on; some post a defence.
    if (negative && fan) {
      if (uniform(k[D.defend], t, e, xk) < this.fanDefense) this.scheduleShare(i, this.plan.defenseMessage, t, e, xk);
    } else {
      const p = mechanism.persuasion(this.lambda, w, f32[r + R.trust], q, nov, f, this.paid[x] !== 0, f32, r + R.skepticism, this.fit[x * this.C + c]);
      if (uniform(k[D.persuade], t, e, xk) < p) {
        if (negative) this.harm(i);
        else this.persuade(i, m, x, t, e, xk, via);
      }
    }
    // 5. Fatigue rises; the reshare sees the risen f.
    f = mechanism.addFatigue(f, this.phi[c]);
    f32[r + R.fatigue] = f;
    i32[r + R.fatigueTick] = t;
    // 6. Reshare.
    if (negative && fan) return;
    if (uniform(k[D.share], t, e, xk) < mechanism.reshare(this.eta[c], q, nov, f, this.shareBoost[x], fan, this.fanBoost)) this.reshares(i, m, t, e, xk);
  }

  /** Reader i reshares message m (step 6), which it saw over tie or slot e. */
  private reshares(i: number, m: number, t: number, e: number, xk: number): void {
    this.scheduleShare(i, m, t, e, xk);
    const g = this.plan.messages[m].group;
    if (this.plan.messages[m].chatter) this.replies[g]++;
  }

  /**
   * What follows the wasm exposures of a block (exposure-kernel.ts) for those with an event, in tie
   * order: the counts of a first sighting, the funnel step of a persuasion, the reshare.
   */
  private afterExposures(kernel: DeliveryKernel, events: number, m: number, x: number, t: number, xk: number, via: number): void {
    const { eventTies, eventCodes } = kernel;
    for (let k = 0; k < events; k++) {
      const e = eventTies[k], code = eventCodes[k];
      const i = this.targets[e];
      if ((code & Event.reached) !== 0) {
        this.counts.reach++;
        this.reachByCircle[this.u16[16 * i + R.circle]]++;
      }
      if ((code & Event.persuaded) !== 0) this.persuade(i, m, x, t, e, xk, via);
      if ((code & Event.shares) !== 0) this.reshares(i, m, t, e, xk);
    }
  }

  /** The funnel step of a persuasive positive exposure (docs/model.md §3 step 4, §4). */
  private persuade(i: number, m: number, x: number, t: number, e: number, xk: number, via: number): void {
    const { k, counts, u8, touch } = this;
    const b = 32 * i;
    counts.engagements++;
    if ((u8[b + R.flags] & Flag.brandAware) === 0 && uniform(k[D.brand], t, e, xk) < this.brandFit[x]) {
      u8[b + R.flags] |= Flag.brandAware;
      counts.aware++;
    }
    const stage = u8[b + R.stage];
    // Only a consumer who remembers the brand is moved toward buying it: a piece that does not name
    // the brand leaves its fans aware of the campaign (stage "aware"), with no touch toward a purchase.
    if ((u8[b + R.flags] & Flag.brandAware) === 0) {
      if (stage === Stage.unaware) this.setStage(i, Stage.aware);
      return;
    }
    const touches = (u8[b + R.touches] = mechanism.addTouch(u8[b + R.touches]));
    if (touch[2 * i] === 0) touch[2 * i] = m + 1; // first and last touch, as message + 1
    touch[2 * i + 1] = m + 1;
    u8[b + R.flags] = via === SHARED ? u8[b + R.flags] | Flag.viaShare : u8[b + R.flags] & ~Flag.viaShare;
    const threshold = u8[b + R.threshold];
    const to = mechanism.stageAfterTouch(stage, touches, threshold);
    if (to !== stage) this.setStage(i, to);
    if (stage >= Stage.customer && uniform(k[D.repurchase], t, e, xk) < mechanism.repurchaseChance(u8[b + R.tier], this.repurchase)) counts.purchases++;
    // A ready consumer considers buying: yes with probability A_c (product affinity), then waits
    // Geometric(γ) ticks; no, and the next persuasive touch brings the question back.
    if ((u8[b + R.flags] & Flag.pending) === 0 && mechanism.readyToConvert(u8[b + R.stage], u8[b + R.flags], touches, threshold)) {
      if (uniform(k[D.convert], t, i, 1) < this.affinity[this.u16[16 * i + R.circle]]) {
        u8[b + R.flags] |= Flag.pending;
        this.funnel.push(t + this.convertDelay.of(uniform(k[D.convert], t, i, 0)), i, FunnelEvent.convert);
      }
    }
  }

  /** The funnel step of a persuasive negative exposure: one touch undone, an interested agent cooled. */
  private harm(i: number): void {
    const b = 32 * i;
    this.counts.harmed++;
    this.u8[b + R.touches] = mechanism.removeTouch(this.u8[b + R.touches]);
    const to = mechanism.stageAfterHarm(this.u8[b + R.stage]);
    if (to !== this.u8[b + R.stage]) this.setStage(i, to);
  }

  private scheduleShare(i: number, m: number, t: number, e: number, xk: number): void {
    this.counts.shares++;
    if (this.onShare !== undefined) this.onShare(i, this.sender, m, t);
    this.shares.push(t + mechanism.reshareDelay(uniform(this.k[D.delay], t, e, xk), this.shareDelays), i, m);
  }

  private get pop() {
    return this.world.pop;
  }

  private stageOf(i: number): number {
    return this.u8[32 * i + R.stage];
  }

  private setStage(i: number, to: number): void {
    this.stageCount[this.u8[32 * i + R.stage]]--;
    this.stageCount[to]++;
    this.u8[32 * i + R.stage] = to;
  }

  // ── delivery ──────────────────────────────────────────────────────────────

  /** Message m from j to its followers; with reach < 1 (crackdown) each follower is kept with that probability. */
  private toFollowers(j: number, m: number, t: number, reach: number, via: number): void {
    // The loop is a method of its own, so that the code V8 compiles while in the loop (on-stack
    // replacement, before the first call returns) has nothing after it: compiled with no feedback for
    // this accounting, it bailed out at the end of every long call of the first runs (about 1,700 times).
    const reported = this.deliverToFollowers(j, m, t, reach, via);
    this.counts.reported += reported;
    this.byChannel.reported[this.channelOf[m]] += reported;
  }

  /**
   * toFollowers's deliveries; returns the followers reached (this part's, kept by the crackdown). Step 1
   * runs over a block of followers first: a tight loop gathers their activity (a cache miss each in a
   * large world, so as many as possible should be in flight at once), then a loop with no branch on it
   * decides who saw the message; a branch on the record, wrong half the time, had held the next readers'
   * loads back until each miss came in. The block's readers who saw it are then exposed in tie order, as
   * before: step 1 reads only activity, which no exposure changes. The kernel (delivery-kernel.ts) runs
   * all of it as wasm where it can, and steps 2–6 too for content it takes (kernelExposes).
   */
  private deliverToFollowers(j: number, m: number, t: number, reach: number, via: number): number {
    const { offsets, targets, tieClass, classWeight, owners, me, f32, ownTies, activityOf, kernel } = this;
    const end = offsets[j + 1];
    const x = this.contentOf[m];
    const xk = this.drawWord[x]; // the draw word of namespace NS_TIES
    const kSeen = this.k[D.seen];
    this.sender = j;
    let reported = 0;
    for (let from = offsets[j]; from < end; from += SEEN_BLOCK) {
      const stop = Math.min(end, from + SEEN_BLOCK);
      let seen = 0;
      let seenTies: Int32Array = this.seenTies;
      if (kernel !== undefined && reach >= 1) {
        if (this.kernelExposes[x] !== 0) {
          // Steps 1–6 in wasm; the events that touch the run's own tallies here.
          const r = owners === undefined ? kernel.deliverAll(from, stop, kSeen, t, xk, x) : kernel.deliverOwn(from, stop, kSeen, t, xk, x);
          seen = r & 511;
          reported += (r >>> 9) & 511;
          this.counts.real += seen;
          this.byChannel.real[this.channelOf[m]] += seen;
          this.afterExposures(kernel, r >>> 18, m, x, t, xk, via);
          continue;
        }
        const r = owners === undefined ? kernel.seenAll(from, stop, kSeen, t, xk) : kernel.seenOwn(from, stop, kSeen, t, xk);
        seen = r & 511;
        reported += (r >>> 9) & 511;
        seenTies = kernel.seenTies;
      } else {
        // This run's readers in the block, with their activity. A part of a split run gathers only its own
        // readers' records: the others' are another thread's to write, and reading them costs misses twice.
        let mine = 0;
        if (owners === undefined) {
          for (let e = from; e < stop; e++) {
            ownTies[mine] = e;
            activityOf[mine++] = f32[8 * targets[e] + R.activity];
          }
        } else {
          // The ties to this part's readers first, with no branch on the owner (random: a branch on it
          // is wrong half the time, and each wrong guess cut short the misses in flight), then their
          // records in a loop of nothing but loads.
          for (let e = from; e < stop; e++) {
            ownTies[mine] = e;
            mine += +(owners[targets[e] >>> PART_BLOCK_BITS] === me);
          }
          for (let k = 0; k < mine; k++) activityOf[k] = f32[8 * targets[ownTies[k]] + R.activity];
        }
        for (let k = 0; k < mine; k++) {
          const e = ownTies[k];
          if (reach < 1 && uniform(this.k[D.crackdown], t, e, xk) >= reach) continue;
          reported++;
          // Zombies and accounts (activity 0) never read: u < 0 is never true.
          seenTies[seen] = e;
          seen += +mechanism.seen(uniform(kSeen, t, e, xk), activityOf[k]);
        }
      }
      for (let s = 0; s < seen; s++) {
        const e = seenTies[s];
        this.weight = classWeight[tieClass[e]];
        this.exposeSeen(targets[e], m, x, t, e, xk, via);
      }
    }
    return reported;
  }

  /** Message m to every member of group g (but the sender), with tie weight w. */
  private toGroup(g: number, m: number, t: number, w: number, sender: number, via: number): void {
    const members = this.groups.members(g);
    const size = this.groups.size(g);
    const ch = this.channelOf[m];
    this.sender = sender;
    for (let slot = 0; slot < size; slot++) {
      const i = members[slot];
      if (i === sender || !this.owns(i)) continue;
      this.counts.reported++;
      this.byChannel.reported[ch]++;
      if (this.f32[8 * i + R.activity] > 0) this.expose(i, w, m, t, slot, NS_GROUP + g, via);
    }
  }

  /**
   * Up to p.impressions ads, each to a consumer drawn among those of the audience not yet at the
   * frequency cap: uniformly over the target circles' consumers, or for lookalike ads by circle in
   * proportion to customers so far (size × affinity until there is a customer). Returns the
   * impressions delivered: fewer when the cap leaves nobody to show them to.
   */
  private ads(p: Extract<Publication, { kind: "ads" }>, t: number): number {
    const pop = this.pop;
    const x = this.contentOf[p.message];
    const audience = this.audiences[p.audience];
    const circles = audience.circles;
    audience.at(t);
    let weights = Array.from(circles, (c) => (p.lookalike ? this.customersAll[c] : pop.circleStart[c + 1] - pop.circleStart[c]));
    if (weights.every((w) => w === 0)) weights = Array.from(circles, (c) => this.recruitWeight[c]);
    audience.aim(weights);
    let delivered = 0;
    this.sender = -1;
    for (; delivered < p.impressions; delivered++) {
      const kk = this.adCounter[x]++;
      const i = audience.pick(this.k[D.adTarget], t, kk, this.drawWord[x]);
      if (i < 0) break; // everyone in the audience has seen it as often as the cap allows
      if (!this.owns(i)) continue; // every part draws every impression, so the draws stay in step
      this.counts.reported++;
      this.byChannel.reported[p.channel]++;
      if (this.f32[8 * i + R.activity] > 0) this.expose(i, p.weight, p.message, t, kk, NS_ADS, BOUGHT);
    }
    return delivered;
  }

  // ── funnel events ─────────────────────────────────────────────────────────

  /** A pending purchase of owned agent i comes due: it buys if it is still ready. */
  private convert(i: number, t: number): void {
    const { u8, u16 } = this;
    const b = 32 * i, h = 16 * i;
    u8[b + R.flags] &= ~Flag.pending;
    if (!mechanism.readyToConvert(u8[b + R.stage], u8[b + R.flags], u8[b + R.touches], u8[b + R.threshold])) return;
    this.setStage(i, Stage.customer);
    const tier = (u8[b + R.tier] = this.tierOf(i, t));
    this.joinGroups(i, t, tier, (g) => this.logJoin(g, i));
    this.counts.customers++;
    this.counts.purchases++;
    this.customersByCircle[u16[h + R.circle]]++;
    if (this.touch[2 * i] > 0) this.byChannel.firstTouch[this.channelOf[this.touch[2 * i] - 1]]++;
    this.attribute(i);
    if (uniform(this.k[D.fan], t, i, 0) < this.fanProbability)
      this.funnel.push(t + 1 + this.fanDelays.of(uniform(this.k[D.fan], t, i, 1)), i, FunnelEvent.fan);
  }

  /** Credit a conversion to its last persuasive touch: fans' own posts, else word of mouth (a reshare), else the bought publication. */
  private attribute(i: number): void {
    const m = this.touch[2 * i + 1] - 1;
    if (m < 0) return;
    const ch = this.channelOf[m];
    this.byChannel.lastTouch[ch]++;
    if (ch === this.plan.organic) this.counts.byFans++;
    else if ((this.u8[32 * i + R.flags] & Flag.viaShare) !== 0) {
      this.counts.earned++;
      this.byChannel.earned[ch]++;
    } else this.counts.bought++;
  }

  /** The value tier a customer gets when it buys: 1 HV, 2 MV, 3 LV. */
  private tierOf(i: number, t: number): number {
    const share = this.tierShare;
    const u = uniform(this.k[D.tier], t, i, 0) * (share.HV + share.MV + share.LV);
    return u < share.HV ? 1 : u < share.HV + share.MV ? 2 : 3;
  }

  /** A new customer joins its tier's group and, while the club recruits, the fan club. */
  private joinGroups(i: number, t: number, tier: number, join: (g: number) => void): void {
    const tg = this.plan.tierGroups[tier - 1];
    if (tg >= 0) join(tg);
    if (this.plan.club >= 0 && t <= this.plan.clubUntil && this.inClub[i] === 0) {
      this.inClub[i] = 1;
      join(this.plan.club);
    }
  }

  /** Joins made during the tick wait for the exchange at its end (handOff). */
  private logJoin(g: number, i: number): void {
    if (this.joinCount + 2 > this.joinLog.length) {
      const grown = new Int32Array(this.joinLog.length * 2);
      grown.set(this.joinLog);
      this.joinLog = grown;
    }
    this.joinLog[this.joinCount++] = g;
    this.joinLog[this.joinCount++] = i;
  }

  private owns(i: number): boolean {
    return this.owners === undefined || this.owners[i >>> PART_BLOCK_BITS] === this.me;
  }

  /** f(lo, hi) for each block of owned agents below `end`, in agent order. */
  private forOwned(end: number, f: (lo: number, hi: number) => void): void {
    if (this.owners === undefined) f(0, end);
    else forOwnedBlocks(this.owners, this.me, end, f);
  }

  private becomeFan(i: number, t: number): void {
    if (this.stageOf(i) !== Stage.customer) return;
    this.setStage(i, Stage.fan);
    this.scheduleFanPost(i, t);
  }

  private scheduleFanPost(i: number, t: number): void {
    const rate = this.fanPostRate;
    if (rate > 0) this.funnel.push(t + 1 + this.fanPostGaps.of(uniform(this.k[D.fanPost], t, i, 0)), i, FunnelEvent.fanPost);
  }

  // ── the tick ──────────────────────────────────────────────────────────────

  /**
   * Tick t: the installed base (t = 0) and the plan's publications of the tick; the shares due at t;
   * the funnel events due at t; then the exchange with the runs that own the other agents.
   */
  tick(t: number): void {
    this.replies.fill(0);
    this.adCounter.fill(0);
    if (t === 0) this.install();
    this.publish(t);
    this.deliver(t);
    this.update(t);
    this.handOff(t);
  }

  /**
   * Deliver the shares due at t, every part's, merged in the canonical order (sharer, message) of
   * all the shares of the tick: each part's list is in that order, and no two share a sharer.
   */
  private deliver(t: number): void {
    const due = this.dueInOrder();
    for (let b = 0; b < due.length; b += ROW_BATCH) {
      const end = Math.min(due.length, b + ROW_BATCH);
      this.touchRows(due, b, end);
      for (let q = b; q < end; q++) {
        const j = agentOf(due[q]);
        const m = payloadOf(due[q]);
        const msg = this.plan.messages[m];
        if (msg.chatter) this.toGroup(msg.group, m, t, this.peerWeight(), j, SHARED);
        else this.toFollowers(j, m, t, 1, SHARED);
      }
    }
  }

  /** Every part's shares due this tick, merged in canonical order (one run's own list as it is). */
  private dueInOrder(): Float64Array {
    if (this.mail.length === 1) return this.mail[0].due;
    let size = 0;
    for (const h of this.mail) size += h.due.length;
    if (this.merged.length < size) this.merged = new Float64Array(Math.max(size, 2 * this.merged.length));
    let n = 0;
    inKeyOrder(this.mail.map((h) => h.due), 1, 0, (due, q) => (this.merged[n++] = due[q]));
    return this.merged.subarray(0, n);
  }

  /**
   * Read the first follower of sharers due[b … end) before delivering any of them: each sharer's row
   * start (offsets), first ties (targets) and their classes (tieClass, read only once a follower has
   * seen the message) are cache misses in a large world, one after the other within a delivery, and the
   * next delivery's wait until this one's followers are done. Read first, a batch's misses overlap (the
   * kernel at 1 M: 0.97× the time with offsets and targets, 0.93× more with the classes; each part of a
   * split run walks every sharer's row, so it gains there too). What is read is kept in a field, so the
   * loads are not dropped; nothing else changes (bit for bit).
   */
  private touchRows(due: Float64Array, b: number, end: number): void {
    const { offsets, targets, tieClass, kernel } = this;
    const last = targets.length - 1;
    if (last < 0) return;
    let x = 0;
    if (kernel !== undefined) {
      // The kernel reads its copy of the ties (reader and class in one word), not the network's arrays.
      const ties = kernel.ties;
      for (let q = b; q < end; q++) x ^= ties[Math.min(offsets[agentOf(due[q])], last)];
    } else
      for (let q = b; q < end; q++) {
        const e = Math.min(offsets[agentOf(due[q])], last);
        x ^= targets[e] ^ tieClass[e];
      }
    this.touched = x;
  }

  /** Update the owned agents at t: purchases, new fans, fans' unprompted posts. */
  private update(t: number): void {
    const events = this.funnel.take(t);
    for (let q = 0; q < events.length; q++) {
      const i = agentOf(events[q]);
      const ev = payloadOf(events[q]);
      if (ev === FunnelEvent.convert) this.convert(i, t);
      else if (ev === FunnelEvent.fan) this.becomeFan(i, t);
      else if (this.stageOf(i) === Stage.fan) {
        this.counts.shares++;
        this.shares.push(t + 1, i, this.plan.fanPostMessage);
        this.scheduleFanPost(i, t);
      }
    }
  }

  /**
   * End of tick t: pass on the owned agents' joins, customers and shares due at t + 1 (every share is
   * scheduled at least a tick ahead, so the list is complete now); apply every part's joins merged in
   * agent order (the order one run makes them in: purchases come due agent by agent), and add up
   * customers per circle.
   */
  private handOff(t: number): void {
    this.mail = this.exchange({ due: this.shares.take(t + 1), joins: this.joinLog.subarray(0, this.joinCount), customers: this.customersByCircle }, t);
    this.joinCount = 0;
    inKeyOrder(this.mail.map((h) => h.joins), 2, 1, (joins, k) => this.join(joins[k], joins[k + 1]));
    this.customersAll.fill(0);
    for (const { customers } of this.mail) for (let c = 0; c < this.C; c++) this.customersAll[c] += customers[c];
  }

  /** Agent i joins group g (every part, in the one order: handOff). */
  private join(g: number, i: number): void {
    if (g === this.plan.club) this.inClub[i] = 1;
    this.groups.add(g, i);
  }

  private peerWeight(): number {
    return tieWeights(this.world.scenario.network).strong;
  }

  /** The installed base: customers and fans the brand has at tick 0. */
  private install(): void {
    const { installedCustomers, installedFans } = this.plan;
    // Every part replays the group joins, in list order; the owner sets the agent's state.
    for (const i of installedCustomers) {
      const tier = this.tierOf(i, 0);
      if (this.owns(i)) {
        const b = 32 * i;
        this.u8[b + R.flags] = (this.u8[b + R.flags] | Flag.brandAware) & ~Flag.pending;
        this.u8[b + R.touches] = this.u8[b + R.threshold];
        this.setStage(i, Stage.customer);
        this.u8[b + R.tier] = tier;
      }
      this.joinGroups(i, 0, tier, (g) => this.groups.add(g, i));
    }
    for (const i of installedFans) if (this.owns(i)) this.becomeFan(i, 0);
  }

  /**
   * The plan's publications due at t, in plan order. One runs only if its planned cost fits what is
   * left of the plan's budget and of its strategy's; it is charged what it delivered (ads a cap left
   * undeliverable and recruits not found are not bought).
   */
  private publish(t: number): void {
    const { counts, byChannel } = this;
    for (const p of this.plan.at(t)) {
      const cost = p.cost + (p.kind === "group" ? p.costPerMember * this.groups.size(p.group) : 0);
      if (counts.spend + cost > this.plan.budget + 1e-9 || byChannel.spend[p.channel] + cost > this.plan.channels[p.channel].budget + 1e-9) {
        counts.skipped++;
        continue;
      }
      let charged = cost;
      switch (p.kind) {
        case "post":
          for (const a of p.accounts) this.toFollowers(a, p.message, t, p.reach, BOUGHT);
          break;
        case "ads": {
          const delivered = this.ads(p, t);
          if (delivered < p.impressions) charged = (cost * delivered) / p.impressions;
          break;
        }
        case "group":
          this.toGroup(p.group, p.message, t, p.weight, -1, BOUGHT);
          break;
        case "recruit":
          charged = cost - (p.count - this.recruit(p.group, p.circles, p.count, t)) * p.costPerRecruit;
          break;
        case "perk": {
          const members = this.groups.members(p.group);
          for (let s = 0, size = this.groups.size(p.group); s < size; s++) {
            const i = members[s];
            if (this.owns(i) && this.stageOf(i) === Stage.customer && uniform(this.k[D.perk], t, i, p.group) < p.fanRate) this.becomeFan(i, t);
          }
          break;
        }
      }
      counts.spend += charged;
      byChannel.spend[p.channel] += charged;
    }
  }

  /**
   * Up to `count` new club members from `circles`, drawn by circle in proportion to size × affinity; a
   * draw that finds a member already in the club is redrawn (at most 4 · count draws in all). Returns
   * how many joined.
   */
  private recruit(g: number, circles: Int32Array, count: number, t: number): number {
    const pop = this.pop;
    const w = this.recruitWeight;
    let total = 0;
    for (const c of circles) total += w[c];
    let joined = 0;
    for (let j = 0; joined < count && j < 4 * count && total > 0; j++) {
      let u = uniform(this.k[D.recruit], t, j, g) * total;
      let k = 0;
      while (k < circles.length - 1 && u >= w[circles[k]]) u -= w[circles[k++]];
      const c = circles[k];
      const size = pop.circleStart[c + 1] - pop.circleStart[c];
      const i = pop.circleStart[c] + Math.min(size - 1, Math.floor(uniform(this.k[D.recruit], t, j, g | (1 << 16)) * size));
      if (this.inClub[i] !== 0) continue;
      this.inClub[i] = 1;
      this.groups.add(g, i);
      joined++;
    }
    return joined;
  }

  // ── collection ────────────────────────────────────────────────────────────

  read(out: Float64Array): void {
    SOCIAL_METRICS.read(this.tally, out);
    const at = SOCIAL_METRICS.names.length;
    for (let k = 0; k < this.community.length; k++) out[at + k] = this.replies[this.community[k]];
  }

  readCircles(out: Float64Array): void {
    SOCIAL_CIRCLE_METRICS.read(this.tally, out);
  }

  finish(): RunTables {
    const frequency = new Float64Array(FREQUENCY_BINS);
    this.forOwned(this.pop.consumers, (lo, hi) => countSeen(this.u8, lo, hi, frequency));
    if (!this.leader) this.byChannel.spend.fill(0);
    this.lease?.release();
    return { frequency, channels: this.byChannel, waves: this.plan.waves };
  }
}
