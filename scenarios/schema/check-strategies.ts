/** Cross-field checks of a plan's strategies: references to circles and contents, schedules within the horizon. */
import { scheduleTicks, type Schedule } from "./common.ts";
import { hasAccounts, type Network } from "./network.ts";
import type { Circle } from "./population.ts";
import type { BaseStrategy, Calendar, Strategy } from "./strategies.ts";

export type Report = (path: (string | number)[], message: string, input?: unknown) => void;

interface Context {
  horizon: number;
  circles: Circle[];
  contentIds: string[];
  network: Network;
  report: Report;
}

export function checkStrategies(strategies: readonly Strategy[], at: (string | number)[], ctx: Context): void {
  strategies.forEach((s, k) => {
    const path = [...at, k];
    if (s.type === "repeatCase") {
      checkStrategy(s.strategy, [...path, "strategy"], ctx, (s.waves - 1) * s.spacing);
      if ((s.waves - 1) * s.spacing > ctx.horizon)
        ctx.report([...path, "spacing"], `expected the last wave to start within the horizon (${ctx.horizon}); wave ${s.waves} starts at ${(s.waves - 1) * s.spacing}`, s.spacing);
    } else checkStrategy(s, path, ctx, 0);
  });
}

function checkStrategy(s: BaseStrategy, path: (string | number)[], ctx: Context, shift: number): void {
  const names = ctx.circles.map((c) => c.name);
  const circles = (list: string[] | undefined, p: (string | number)[]) =>
    (list ?? []).forEach((c, i) => {
      if (!names.includes(c)) ctx.report([...p, i], `expected a circle name (${names.join(", ")})`, c);
    });
  const content = (ref: Calendar, pieces = 1) => {
    const list = Array.isArray(ref) ? ref : [ref];
    list.forEach((r, k) => {
      if (typeof r === "string" && !ctx.contentIds.includes(r))
        ctx.report(Array.isArray(ref) ? [...path, "content", k] : [...path, "content"], `expected a content id (${ctx.contentIds.join(", ") || "none defined in contents"})`, r);
    });
    if (Array.isArray(ref) && pieces > 1)
      ctx.report([...path, "pieces"], "expected no pieces with a list of contents: the list is the calendar (or give one piece and pieces)", pieces);
  };
  const within = (field: string, last: number, input: unknown) => {
    if (last + shift > ctx.horizon)
      ctx.report([...path, field], `expected a schedule within the horizon (${ctx.horizon}); it reaches tick ${last + shift}`, input);
  };
  const schedule = (field: string, sch: Schedule) => within(field, Math.max(...scheduleTicks(sch)), sch);
  const circlesNet = hasAccounts(ctx.network) ? ctx.network : undefined;

  switch (s.type) {
    case "buyReposts":
      schedule("at", s.at);
      content(s.content, s.pieces);
      if (!circlesNet || circlesNet.bigAccounts.count === 0)
        ctx.report([...path, "type"], "expected big accounts in the network: set network.bigAccounts.count", s.type);
      break;
    case "creativeContent":
      within("every", s.start + (s.pieces - 1) * s.every, { start: s.start, every: s.every, pieces: s.pieces });
      circles(s.promotion?.circles, [...path, "promotion", "circles"]);
      break;
    case "kolSeeding": {
      schedule("at", s.at);
      content(s.content, s.pieces);
      circles(s.circles, [...path, "circles"]);
      if (!circlesNet) ctx.report([...path, "type"], 'expected a "circles" or "file" network: opinion leaders live in circles', s.type);
      const targets = s.circles ?? [];
      targets.forEach((c, i) => {
        if (ctx.circles.find((x) => x.name === c)?.kols === 0)
          ctx.report([...path, "circles", i], `expected a circle with opinion leaders (population.circles "${c}" has kols: 0)`, c);
      });
      break;
    }
    case "fanManagement":
      within("duration", s.start + s.duration - 1, s.duration);
      circles(s.circles, [...path, "circles"]);
      content(s.content, s.pieces);
      break;
    case "crmTiers":
      schedule("at", s.at);
      content(s.content, s.pieces);
      break;
    case "communityOps":
      within("posts", s.start + (s.posts - 1) * s.every, { start: s.start, every: s.every, posts: s.posts });
      if (s.testimonials) within("testimonials", s.testimonials.start + (s.testimonials.count - 1) * s.testimonials.every, s.testimonials);
      circles(s.group.circles, [...path, "group", "circles"]);
      break;
    case "socialAds":
      schedule("at", s.at);
      content(s.content, s.pieces);
      circles(s.circles, [...path, "circles"]);
      break;
    case "crisis":
      within("at", s.at, s.at);
      circles(s.circles, [...path, "circles"]);
      break;
    case "installedBase":
      break;
  }
}
