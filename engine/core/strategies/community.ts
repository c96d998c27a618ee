/**
 * communityOps: a group fed with value content (a fresh piece each post) or red envelopes (the same
 * case again and again, so novelty decays and the group falls silent), and testimonials of old
 * customers. Prospect groups recruit from the target circles (by affinity); traffic groups from everyone.
 * Members' reshares of group posts stay in the group (chatter): the group's activity. A budget buys
 * posts and testimonials in the order of their ticks.
 */
import { tieWeights } from "../../../scenarios/schema/network.ts";
import type { StrategyOf } from "../../../scenarios/schema/strategies.ts";
import { topCirclesByAffinity } from "./kols.ts";
import { Draw, type CompileContext } from "./plan.ts";

/**
 * Money in the chat: members grab a red envelope and say thanks, so they answer one about five times
 * as readily as they pass on a post (an assumption, chosen so that the first week's burst is several
 * times a value feed's). The same case every time: novelty decays, and the group falls silent.
 */
const RED_ENVELOPE_REPLIES = 5;

export function compileCommunityOps(ctx: CompileContext, s: StrategyOf<"communityOps">, name: string): void {
  const ch = ctx.channel(name, s.type, s.budget);
  const circles = ctx.scenario.population.circles;
  const prospect = s.group.kind === "prospect";
  const pool = prospect ? (s.group.circles ? ctx.circles(s.group.circles) : topCirclesByAffinity(ctx, 1)) : ctx.circles();
  const members = ctx.drawConsumers(Draw.members, name, s.group.size, pool, (c) => (prospect ? circles[c].productAffinity : 1));
  const group = ctx.group(name, "community", members);
  const w = tieWeights(ctx.scenario.network);
  // Feed posts and testimonials in tick order (a post before a testimonial on the same tick).
  const items: { t: number; k: number; testimonial: boolean }[] = [];
  for (let k = 0; k < s.posts && s.feed !== "none"; k++) items.push({ t: s.start + k * s.every, k, testimonial: false });
  const tm = s.testimonials;
  if (tm) for (let k = 0; k < tm.count; k++) items.push({ t: tm.start + k * tm.every, k, testimonial: true });
  items.sort((a, b) => a.t - b.t || Number(a.testimonial) - Number(b.testimonial));
  const wallet = ctx.wallet(s.budget);
  for (const { t, k, testimonial } of items) {
    const cost = testimonial ? tm!.costEach : s.costPerPost;
    if (!wallet.take(cost)) break;
    const content = testimonial
      ? ctx.content({ id: `${name}/testimonial#${k + 1}`, case: `${name}/testimonials`, quality: 0.7, brandFit: 0.8 }, name)
      : s.feed === "value"
        ? ctx.content({ id: `${name}/value#${k + 1}`, quality: 0.6, brandFit: 0.5 }, name)
        : ctx.add(ctx.resolve({ id: `${name}/red-envelope`, case: "red-envelope", quality: 0.95, brandFit: 0.05 }, name), RED_ENVELOPE_REPLIES);
    const message = ctx.message(ch, content, group, true);
    ctx.publish(t, { kind: "group", channel: ch, message, group, weight: testimonial ? w.strong : w.brand, cost, costPerMember: 0 });
  }
}
