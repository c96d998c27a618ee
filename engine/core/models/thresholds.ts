/**
 * Linear Threshold thresholds θ_i, one per consumer, from the distribution of the consumer's circle
 * (docs/model.md §7). Every θ_i is a pure function of (model key, i): u = MurmurHash3(key; i, 0, 0) / 2³²
 * is inverted through the distribution function (fixed, uniform, truncated normal); a beta draw takes
 * as many words (key; i, 1, k), k = 0, 1, …, as Marsaglia–Tsang needs.
 */
import type { Model, ThresholdDist } from "../../../scenarios/schema/model.ts";
import { uniform } from "../rng/hash.ts";
import { normalCdf, normalQuantile } from "../rng/normal.ts";
import { beta } from "../rng/samplers.ts";
import type { World } from "../world.ts";

/** Kempe, Kleinberg & Tardos' thresholds: uniform on [0, 1). */
export const DEFAULT_THRESHOLD: ThresholdDist = { kind: "uniform", min: 0, max: 1 };

/** θ of consumer i under one distribution. */
export function thresholdSampler(d: ThresholdDist, key: number): (i: number) => number {
  switch (d.kind) {
    case "fixed":
      return () => d.value;
    case "uniform":
      return (i) => d.min + (d.max - d.min) * uniform(key, i, 0, 0);
    case "normal": {
      const lo = d.min ?? 0, hi = d.max ?? Infinity;
      // Invert in the lower tail, where Φ keeps its relative precision: an interval above the mean is mirrored.
      const a = (lo - d.mean) / d.sd, b = (hi - d.mean) / d.sd;
      const flip = a > 0;
      const Fa = normalCdf(flip ? -b : a), Fb = normalCdf(flip ? -a : b);
      return (i) => {
        const z = normalQuantile(Fa + (Fb - Fa) * uniform(key, i, 0, 0));
        const x = d.mean + (flip ? -z : z) * d.sd;
        return Math.min(hi, Math.max(lo, x)); // rounding only: x is in [lo, hi] up to the last bits
      };
    }
    case "beta": {
      const lo = d.min ?? 0, hi = d.max ?? 1;
      let agent = 0, k = 0;
      const draw = beta(() => uniform(key, agent, 1, k++));
      return (i) => {
        agent = i;
        k = 0;
        return lo + (hi - lo) * draw(d.a, d.b);
      };
    }
  }
}

/** θ_i for every consumer i, each from its circle's distribution (`circleThresholds`, else `threshold`, else U[0, 1)). */
export function drawThresholds(world: World, m: Extract<Model, { kind: "lt" }>, key: number): Float64Array {
  const samplers = world.scenario.population.circles.map((c) => thresholdSampler(m.circleThresholds?.[c.name] ?? m.threshold ?? DEFAULT_THRESHOLD, key));
  const { circle } = world.pop;
  const out = new Float64Array(world.pop.consumers);
  for (let i = 0; i < out.length; i++) out[i] = samplers[circle[i]](i);
  return out;
}
