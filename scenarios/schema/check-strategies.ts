/** Cross-field checks of a plan's strategies: references to circles and contents, schedules within the horizon. */
import { typeNamer } from "./names.ts";
import { lastTick, type Schedule } from "./common.ts";
import { hasAccounts, type Network } from "./network.ts";
import type { Circle } from "./population.ts";
import type { BaseStrategy, Calendar, ContentRef, Strategy } from "./strategies.ts";
import { formatPath, shortList } from "../issues.ts";

export type Report = (path: (string | number)[], message: string, input?: unknown) => void;

interface Context {
  horizon: number;
  circles: Circle[];
  contentIds: string[];
  network: Network;
  report: Report;
}

/** Ids of the contents the engine adds to every plan (fans' own posts and defences). */
export const ENGINE_CONTENT_IDS: readonly string[] = ["fan-word-of-mouth", "fan-defense"];

/** An inline content seen in the plan: where, and its fields (the same id must mean the same content). */
type InlineSeen = Map<string, { path: (string | number)[]; text: string }>;

export function checkStrategies(strategies: readonly Strategy[], at: (string | number)[], ctx: Context): void {
  const namer = typeNamer(); // strategies are named as the compiler names them (compile.ts strategyNames)
  const inline: InlineSeen = new Map();
  strategies.forEach((s, k) => {
    const path = [...at, k];
    const name = s.name || namer(s.type);
    if (s.type === "repeatCase") {
      checkStrategy(s.strategy, [...path, "strategy"], ctx, (s.waves - 1) * s.spacing, name, inline);
      if ((s.waves - 1) * s.spacing > ctx.horizon)
        ctx.report([...path, "spacing"], `expected the last wave to start within the horizon (${ctx.horizon}); wave ${s.waves} starts at ${(s.waves - 1) * s.spacing}`, s.spacing);
    } else checkStrategy(s, path, ctx, 0, name, inline);
  });
}

/**
 * An inline content's id (its `id`, else the strategy's name) must not name another content of the
 * plan: the compiler would silently use one for both.
 */
function checkInlineId(ref: Exclude<ContentRef, string>, fallbackId: string, where: (string | number)[], ctx: Context, inline: InlineSeen): void {
  const id = ref.id ?? fallbackId;
  const at = ref.id === undefined ? where : [...where, "id"];
  const whose = ref.id === undefined ? `this inline content takes the id "${id}" from the strategy's name` : `id "${id}"`;
  const fix = ref.id === undefined ? "set content.id" : "choose another id";
  const top = ctx.contentIds.indexOf(id);
  if (top >= 0) return ctx.report(at, `expected a content id of its own: ${whose}, which contents[${top}] already uses (${fix})`, ref.id ?? ref);
  if (ENGINE_CONTENT_IDS.includes(id)) return ctx.report(at, `expected a content id of its own: ${whose}, which the engine uses for fans' posts (${fix})`, ref.id ?? ref);
  const text = JSON.stringify({ ...ref, id }, sortedKeys);
  const seen = inline.get(id);
  if (!seen) inline.set(id, { path: at, text });
  else if (seen.text !== text)
    ctx.report(at, `expected a content id of its own: ${whose}, which ${formatPath(seen.path)} already uses with other fields (${fix})`, ref.id ?? ref);
}

/** JSON.stringify replacer: objects with their keys sorted, so equal contents give equal text. */
function sortedKeys(_key: string, v: unknown): unknown {
  if (v === null || typeof v !== "object" || Array.isArray(v)) return v;
  return Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Circles by name, built once per circle list (sets, so that long lists stay linear). */
const byNameCache = new WeakMap<readonly Circle[], Map<string, Circle>>();
function circlesByName(circles: readonly Circle[]): Map<string, Circle> {
  let m = byNameCache.get(circles);
  if (!m) byNameCache.set(circles, (m = new Map(circles.map((c) => [c.name, c]))));
  return m;
}

function checkStrategy(s: BaseStrategy, path: (string | number)[], ctx: Context, shift: number, name: string, inline: InlineSeen): void {
  const byName = circlesByName(ctx.circles);
  const circles = (list: string[] | undefined, p: (string | number)[]) =>
    (list ?? []).forEach((c, i) => {
      if (!byName.has(c)) ctx.report([...p, i], `expected a circle name (${shortList([...byName.keys()])})`, c);
    });
  const content = (ref: Calendar, pieces = 1) => {
    // A calendar's inline pieces without an id are named as the compiler names them: name#k.
    const list = Array.isArray(ref) ? ref : [ref];
    list.forEach((r, k) => {
      const at = Array.isArray(ref) ? [...path, "content", k] : [...path, "content"];
      if (typeof r !== "string") checkInlineId(r, Array.isArray(ref) ? `${name}#${k + 1}` : name, at, ctx, inline);
      else if (!ctx.contentIds.includes(r)) ctx.report(at, `expected a content id (${shortList(ctx.contentIds) || "none defined in contents"})`, r);
    });
    if (Array.isArray(ref) && pieces > 1)
      ctx.report([...path, "pieces"], "expected no pieces with a list of contents: the list is the calendar (or give one piece and pieces)", pieces);
  };
  const within = (field: string, last: number, input: unknown) => {
    if (last + shift > ctx.horizon)
      ctx.report([...path, field], `expected a schedule within the horizon (${ctx.horizon}); it reaches tick ${last + shift}`, input);
  };
  const schedule = (field: string, sch: Schedule) => within(field, lastTick(sch), sch);
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
        if (byName.get(c)?.kols === 0)
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
