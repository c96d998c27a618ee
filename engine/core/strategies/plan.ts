/**
 * A compiled plan: what the social model executes. Strategies (one file each) add contents,
 * messages, groups and per-tick publications to it through a CompileContext.
 */
import type { Content } from "../../../scenarios/schema/content.ts";
import type { Calendar, ContentRef, FrequencyCap } from "../../../scenarios/schema/strategies.ts";
import { Content as ContentSchema } from "../../../scenarios/schema/content.ts";
import { scheduleTicks, type Schedule } from "../../../scenarios/schema/common.ts";
import { hashString, uniform } from "../rng/hash.ts";
import { deriveKey, Purpose } from "../rng/seed.ts";
import { Beta } from "../rng/samplers.ts";
import { Sfc32 } from "../rng/stream.ts";
import type { World } from "../world.ts";

export interface PlanContent {
  readonly id: string;
  readonly caseIndex: number;
  /** q, drawn per replicate from the content id, so every plan sees the same draw (common random numbers). */
  readonly quality: number;
  readonly brandFit: number;
  readonly paid: boolean;
  readonly negative: boolean;
  /** Reshare multiplier of the piece itself: a red envelope invites grabbing and thanks (1 for every other piece). */
  readonly shareBoost: number;
  /** fit per circle. */
  readonly fit: Float64Array;
}

export interface Channel {
  readonly name: string;
  readonly type: string;
  /** What the strategy may spend (Infinity: no budget of its own; the plan's budget still caps it). */
  readonly budget: number;
}

export interface Message {
  readonly content: number;
  readonly channel: number;
  /** Group whose members receive the message (−1: the publisher's followers over the network). */
  readonly group: number;
  /** Reshares go back to the group (community chatter) rather than to the resharer's followers. */
  readonly chatter: boolean;
}

export interface GroupSpec {
  readonly name: string;
  readonly kind: "club" | "tier" | "community";
  readonly members: Int32Array;
}

/**
 * One scheduled action. `cost` is what it costs as planned; ads, recruitment and group pushes cost what
 * they deliver (impressions a frequency cap leaves undeliverable, recruits not found, members pushed).
 */
export type Publication =
  | { kind: "post"; channel: number; message: number; accounts: Int32Array; cost: number; reach: number }
  | { kind: "ads"; channel: number; message: number; impressions: number; audience: number; lookalike: boolean; weight: number; cost: number }
  | { kind: "group"; channel: number; message: number; group: number; weight: number; cost: number; costPerMember: number }
  | { kind: "recruit"; channel: number; group: number; circles: Int32Array; count: number; cost: number; costPerRecruit: number }
  | { kind: "perk"; channel: number; group: number; fanRate: number; cost: number };

/** Who an ad strategy can reach: its target circles under its frequency cap (one per ad strategy). */
export interface AudienceSpec {
  readonly circles: Int32Array;
  readonly cap: FrequencyCap;
}

export interface Wave {
  readonly strategy: string;
  readonly starts: number[];
  readonly spacing: number;
}

export interface CompiledPlan {
  readonly name: string;
  readonly budget: number;
  readonly contents: PlanContent[];
  readonly caseCount: number;
  readonly messages: Message[];
  readonly channels: Channel[];
  /** Money each channel was allotted: its budget, or its planned cost (what its schedule buys). */
  readonly allotted: Float64Array;
  readonly audiences: AudienceSpec[];
  readonly groups: GroupSpec[];
  /** Fan club fed by fanManagement: customers join it at purchase until `clubUntil`. */
  readonly club: number;
  readonly clubUntil: number;
  /** Customer lists of the tiers HV, MV, LV (−1 where no strategy pushes to that tier). */
  readonly tierGroups: Int32Array;
  /** The channel of fans' unprompted posts and crisis defences, and their messages. */
  readonly organic: number;
  readonly fanPostMessage: number;
  readonly defenseMessage: number;
  /** Consumers who are customers (and fans) at tick 0. */
  readonly installedCustomers: Int32Array;
  readonly installedFans: Int32Array;
  readonly waves: Wave[];
  /** Spend planned at compile time (variable costs such as CRM messages excluded). */
  readonly plannedCost: number;
  at(t: number): readonly Publication[];
}

export const TIERS = ["HV", "MV", "LV"] as const;

// Labels of the compile-time draws (under the world's content key).
export const Draw = { quality: 1, members: 2, installed: 3, sharers: 4, seeds: 5 } as const;

export class CompileContext {
  readonly contents: PlanContent[] = [];
  readonly messages: Message[] = [];
  readonly channels: Channel[] = [];
  readonly audiences: AudienceSpec[] = [];
  readonly groups: GroupSpec[] = [];
  /** Planned cost per channel. */
  readonly planned: number[] = [];
  readonly waves: Wave[] = [];
  readonly byTick = new Map<number, Publication[]>();
  readonly cases: string[] = [];
  readonly key: number;
  plannedCost = 0;
  club = -1;
  clubUntil = -1;
  installedCustomers: Int32Array = new Int32Array(0);
  installedFans: Int32Array = new Int32Array(0);
  readonly tierGroups = new Int32Array([-1, -1, -1]);
  /** Tick offset applied to every publication, and suffix of channel names (repeatCase waves). */
  shift = 0;
  channelSuffix = "";

  constructor(readonly world: World) {
    this.key = deriveKey(world.key, Purpose.content);
  }

  get scenario() {
    return this.world.scenario;
  }

  circleIndex(name: string): number {
    return this.scenario.population.circles.findIndex((c) => c.name === name);
  }

  /** Circle indices for names, or all circles. */
  circles(names?: string[]): Int32Array {
    return names ? Int32Array.from(names, (n) => this.circleIndex(n)) : Int32Array.from(this.scenario.population.circles, (_, c) => c);
  }

  channel(name: string, type: string, budget = Infinity): number {
    this.planned.push(0);
    return this.channels.push({ name: name + this.channelSuffix, type, budget }) - 1;
  }

  /** An ad strategy's audience: its target circles (each once) under its frequency cap. */
  audience(circles: Int32Array, cap: FrequencyCap): number {
    return this.audiences.push({ circles: Int32Array.from(new Set(circles)), cap }) - 1;
  }

  /** A strategy's schedule; with a budget, a schedule without a count runs to the horizon (the budget decides). */
  ticks(at: Schedule, budget: number | undefined): number[] {
    return scheduleTicks(at, budget === undefined ? undefined : this.scenario.horizon - this.shift);
  }

  /**
   * A calendar's pieces as content indices, in publication order: the listed pieces, or one piece
   * turned into `pieces` distinct ones (`id#k`, each its own case). Inline pieces of a list without
   * an id are named `name#k`. `adapt` may rewrite each piece (e.g. a copy per circle).
   */
  calendar(ref: Calendar, pieces: number, name: string, adapt: (c: Content) => Content = (c) => c): number[] {
    if (Array.isArray(ref)) return ref.map((r, k) => this.add(adapt(this.resolve(r, `${name}#${k + 1}`))));
    const base = this.resolve(ref, name);
    if (pieces === 1) return [this.add(adapt(base))];
    return Array.from({ length: pieces }, (_, k) => this.add(adapt({ ...base, id: `${base.id}#${k + 1}`, case: `${base.case ?? base.id}#${k + 1}` })));
  }

  /** Spending in order out of `budget` (Infinity: no budget): take(cost) is false once the budget cannot cover it. */
  wallet(budget = Infinity): { take(cost: number): boolean; readonly left: number } {
    let left = budget;
    return {
      take: (cost) => (cost <= left + 1e-9 ? ((left -= cost), true) : false),
      get left() {
        return left;
      },
    };
  }

  /** A content reference as a piece: an id from the scenario's contents, or an inline spec with defaults. */
  resolve(ref: ContentRef, fallbackId: string): Content {
    return typeof ref === "string" ? this.scenario.contents.find((c) => c.id === ref)! : ContentSchema.parse({ id: ref.id ?? fallbackId, ...ref });
  }

  /** Resolve a content reference and add it to the plan's contents (once per id). */
  content(ref: ContentRef, fallbackId: string, override: Partial<Content> = {}): number {
    return this.add({ ...this.resolve(ref, fallbackId), ...override });
  }

  /** Add a piece to the plan's contents, or find it by id; its case gets a repetition counter. */
  add(c: Content, shareBoost = 1): number {
    const existing = this.contents.findIndex((x) => x.id === c.id);
    if (existing >= 0) return existing;
    const caseName = c.case ?? c.id;
    let caseIndex = this.cases.indexOf(caseName);
    if (caseIndex < 0) caseIndex = this.cases.push(caseName) - 1;
    const q = typeof c.quality === "number" ? c.quality : new Beta(new Sfc32(hashString(deriveKey(this.key, Draw.quality), c.id))).sample(c.quality.alpha, c.quality.beta);
    const fit = Float64Array.from(this.scenario.population.circles, (ci) => (Object.hasOwn(c.fit, ci.name) ? c.fit[ci.name] : c.fitDefault));
    return this.contents.push({ id: c.id, caseIndex, quality: q, brandFit: c.brandFit, paid: c.paid, negative: c.valence === "negative", fit, shareBoost }) - 1;
  }

  message(channel: number, content: number, group = -1, chatter = false): number {
    const k = this.messages.findIndex((m) => m.channel === channel && m.content === content && m.group === group && m.chatter === chatter);
    return k >= 0 ? k : this.messages.push({ content, channel, group, chatter }) - 1;
  }

  /** The list of customers of a value tier (0 HV, 1 MV, 2 LV), created on first use. */
  tierGroup(tier: "HV" | "MV" | "LV"): number {
    const k = TIERS.indexOf(tier);
    if (this.tierGroups[k] < 0) this.tierGroups[k] = this.group(`tier ${tier}`, "tier");
    return this.tierGroups[k];
  }

  group(name: string, kind: GroupSpec["kind"], members: Int32Array = new Int32Array(0)): number {
    return this.groups.push({ name, kind, members }) - 1;
  }

  publish(t: number, p: Publication): void {
    const at = t + this.shift;
    if (at > this.scenario.horizon) return;
    this.plannedCost += p.cost;
    this.planned[p.channel] += p.cost;
    const list = this.byTick.get(at);
    if (list) list.push(p);
    else this.byTick.set(at, [p]);
  }

  /**
   * k distinct consumers drawn in proportion to weight(circle) (uniform within a circle), keyed by
   * (label, name) so plans that draw the same named set get the same people.
   */
  drawConsumers(label: number, name: string, k: number, circles: Int32Array, weight: (c: number) => number): Int32Array {
    const pop = this.world.pop;
    const w = Array.from(circles, (c) => weight(c) * (pop.circleStart[c + 1] - pop.circleStart[c]));
    const total = w.reduce((a, b) => a + b, 0);
    const capacity = circles.reduce((a, c, k) => a + (w[k] > 0 ? pop.circleStart[c + 1] - pop.circleStart[c] : 0), 0);
    const want = Math.min(k, capacity);
    const key = hashString(deriveKey(this.key, label), name);
    const chosen = new Set<number>();
    const out: number[] = [];
    for (let j = 0; out.length < want && total > 0; j++) {
      let u = uniform(key, j, 0, 0) * total;
      let ci = 0;
      while (ci < w.length - 1 && u >= w[ci]) u -= w[ci++];
      const c = circles[ci];
      const size = pop.circleStart[c + 1] - pop.circleStart[c];
      const i = pop.circleStart[c] + Math.min(size - 1, Math.floor(uniform(key, j, 1, 0) * size));
      if (!chosen.has(i)) {
        chosen.add(i);
        out.push(i);
      }
    }
    return Int32Array.from(out);
  }
}
