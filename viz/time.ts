/**
 * Time in the scenario's own words: a scenario says how long a tick is (`tickDays`), so the viewer
 * speaks of days when a tick is a day and of weeks when it is seven, and of ticks (with their days)
 * otherwise. The scenario file itself always counts ticks.
 */

/** The name of `n` ticks: "days" (tickDays 1), "weeks" (7), else "ticks of N days". */
export function tickUnit(plural: boolean, tickDays: number): string {
  if (tickDays === 1) return plural ? "days" : "day";
  if (tickDays === 7) return plural ? "weeks" : "week";
  return `${plural ? "ticks" : "tick"} of ${tickDays} days`;
}

/** Tick t as a moment: "day 240", "week 12", or "tick 30 (day 45)". */
export function atTick(t: number, tickDays: number): string {
  if (tickDays === 1) return `day ${t}`;
  if (tickDays === 7) return `week ${t}`;
  return `tick ${t} (day ${+(t * tickDays).toFixed(2)})`;
}
