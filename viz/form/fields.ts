/**
 * Which parameters the form edits: run settings, circles and their purchase thresholds, each plan's
 * budget and each strategy's schedule. Bounds here are input hints only; the zod schema decides.
 */
import type { Scenario } from "../../engine/viewer.ts";

export interface Field {
  path: string;
  label: string;
  unit?: string;
  min?: number;
  max?: number;
  step: number;
  /** Empty means "not set" (e.g. no budget cap). */
  optional?: boolean;
  hint?: string;
  /** Accessible name when the visible label is terse. */
  aria?: string;
}

export interface FieldGroup {
  title: string;
  subtitle?: string;
  fields: Field[];
}

const tick = (path: string, label: string): Field => ({ path, label, unit: "tick", min: 0, step: 1 });
const ticks = (path: string, label: string): Field => ({ path, label, unit: "ticks", min: 1, step: 1 });
const count = (path: string, label: string, unit = ""): Field => ({ path, label, unit, min: 1, step: 1 });

type AnyStrategy = Scenario["plans"][number]["strategies"][number];

/** Schedule fields of one strategy at `base` (e.g. `plans[0].strategies[1]`). */
export function scheduleFields(s: AnyStrategy | { type: string }, base: string): Field[] {
  switch (s.type) {
    case "buyReposts":
    case "kolSeeding":
    case "crmTiers":
    case "socialAds":
      return [tick(`${base}.at.start`, "first"), ticks(`${base}.at.every`, "every"), count(`${base}.at.count`, "times")];
    case "creativeContent":
      return [tick(`${base}.start`, "first"), ticks(`${base}.every`, "every"), count(`${base}.pieces`, "pieces")];
    case "fanManagement":
      return [tick(`${base}.start`, "start"), ticks(`${base}.duration`, "duration"), ticks(`${base}.eventsEvery`, "event every")];
    case "communityOps":
      return [tick(`${base}.start`, "first post"), ticks(`${base}.every`, "every"), count(`${base}.posts`, "posts")];
    case "crisis":
      return [tick(`${base}.at`, "breaks at")];
    case "repeatCase": {
      const inner = (s as Extract<AnyStrategy, { type: "repeatCase" }>).strategy;
      return [count(`${base}.waves`, "waves"), ticks(`${base}.spacing`, "wave spacing"), ...scheduleFields(inner, `${base}.strategy`)];
    }
    default:
      return [];
  }
}

export function strategyTitle(s: AnyStrategy, i: number): string {
  const type = s.type === "repeatCase" ? `repeatCase(${s.strategy.type})` : s.type;
  return s.name ? `${s.name} (${type})` : `${i + 1}. ${type}`;
}

export function runFields(): Field[] {
  return [
    { path: "seed", label: "Seed", min: 0, max: 2 ** 32 - 1, step: 1 },
    { path: "replicates", label: "Replicates", min: 1, max: 100_000, step: 1 },
    { path: "horizon", label: "Horizon", unit: "ticks", min: 1, step: 1 },
  ];
}

/** A circle's size, and for the social model its product affinity and purchase threshold. */
export function circleFields(i: number, social: boolean): Field[] {
  const b = `population.circles[${i}]`;
  if (!social) return [{ path: `${b}.size`, label: "size", unit: "people", min: 1, step: 100 }];
  return [
    { path: `${b}.size`, label: "size", min: 1, step: 100 },
    { path: `${b}.productAffinity`, label: "affinity", min: 0, max: 1, step: 0.05 },
    { path: `${b}.touchesToConvert.min`, label: "min", aria: "touches to convert, min", min: 1, max: 255, step: 1 },
    { path: `${b}.touchesToConvert.max`, label: "max", aria: "touches to convert, max", min: 1, max: 255, step: 1 },
  ];
}

export interface PlanGroup extends FieldGroup {
  /** One group per strategy (or low-level action) with a schedule. */
  parts: FieldGroup[];
}

export function planGroups(s: Scenario): PlanGroup[] {
  return s.plans.map((p, pi) => {
    const base = `plans[${pi}]`;
    const fields: Field[] = s.model.kind === "social" ? [{ path: `${base}.budget`, label: "Budget", unit: "currency", min: 0, step: 100, optional: true, hint: "empty: no cap" }] : [];
    const strategies = p.strategies.map((st, si) => ({ title: strategyTitle(st, si), fields: scheduleFields(st, `${base}.strategies[${si}]`) }));
    const actions = p.actions.map((a, ai) => ({ title: `${a.type} ${a.content}`, fields: scheduleFields({ type: "buyReposts" }, `${base}.actions[${ai}]`) }));
    return { title: p.name, subtitle: p.description, fields, parts: [...strategies, ...actions].filter((g) => g.fields.length > 0) };
  });
}
