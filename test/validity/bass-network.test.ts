/**
 * Bass with the time-step rules and on networks, against exactly computed curves: Bass's (1969)
 * discrete-time model fully mixed, and the network Bass on rings, whose adoption curve has a closed
 * form (analytic.ts, ringBass) checked against a second derivation.
 */
import { describe, expect, it } from "vitest";
import { column } from "../../engine/core/collect/collector.ts";
import { runReplicates } from "../../engine/experiment/replicates.ts";
import { bassDiscreteRecursion, bassRecursion, fmt, meanSd, ringBass, ringBassByConditioning, scenario, type Edge } from "./analytic.ts";

// Annual coefficients of the kind published for consumer durables (p = 0.03, q = 0.38), one tick a year.
const p = 0.03, q = 0.38;

/** share[t][r]: adopted share of replicate r at tick t. */
function adoptedShare(input: Record<string, unknown>, N: number, H: number, R: number): Float64Array[] {
  const runs = runReplicates(scenario({ horizon: H, replicates: R, ...input }))[0];
  return Array.from({ length: H + 1 }, (_, t) => Float64Array.from(runs, (r) => column(r.series, "adopters")[t] / N));
}

/**
 * Compare each tick's replicate mean with the target. Tolerance 5 SE per tick, the SE from the
 * replicates' sample SD: R replicates are independent, so SD/√R is the mean's SE whatever the
 * dependence between agents within a run; with ≥ 19 degrees of freedom |t| > 5 has probability
 * < 1e-4 per tick, and the ticks of one run are strongly correlated (few independent checks).
 * Returns the worst |z| and, at one tick, the mean ± SE for the report.
 */
function expectCurve(share: Float64Array[], target: Float64Array, at: number): { worst: number; mean: number; se: number } {
  let worst = 0;
  for (let t = 1; t < share.length; t++) {
    const { mean, sd, n } = meanSd(share[t]);
    const se = sd / Math.sqrt(n);
    expect(Math.abs(mean - target[t]), `tick ${t}: mean ${mean} vs ${target[t]} (SE ${se})`).toBeLessThan(5 * se);
    worst = Math.max(worst, Math.abs(mean - target[t]) / se);
  }
  const { mean, sd, n } = meanSd(share[at]);
  return { worst, mean, se: sd / Math.sqrt(n) };
}

describe("Bass fully mixed, timeStep \"discrete\"", () => {
  it("follows Bass's discrete-time model F_t = F_{t−1} + (1 − F_{t−1})(p + q·F_{t−1}), which the poisson rule trails", async ({ annotate }) => {
    const N = 20_000, H = 25, R = 30;
    const model = (timeStep: string) => ({ model: { kind: "bass", p, q, timeStep }, network: { kind: "complete" }, population: { circles: [{ name: "all", size: N }] } });
    const discrete = adoptedShare(model("discrete"), N, H, R);
    const target = bassDiscreteRecursion(p, q, H);
    // The mean field is not the process's exact mean (E[F²] ≠ E[F]²), but the difference is
    // q·Var(F) per tick, Var(F) ≈ 1e-4 at N = 2·10⁴ (per-run SD ≈ 0.01 at the take-off): ≈ 1e-5, far below the SE.
    const d = expectCurve(discrete, target, 10);
    // The poisson rule is another discretisation: 1 − e^{−h} < h per tick. At annual steps the two
    // curves differ by 0.053 at t = 10, dozens of SEs: the rule matters at this tick length.
    const poisson = adoptedShare(model("poisson"), N, H, R);
    const pt = bassRecursion(p, q, H);
    expect(target[10] - pt[10]).toBeGreaterThan(0.05);
    const po = expectCurve(poisson, pt, 10);
    expect(target[10] - po.mean).toBeGreaterThan(20 * po.se);
    await annotate(
      `discrete: t=10 mean ${fmt(d.mean)} ± ${fmt(d.se)} vs ${fmt(target[10])}, worst |z| ${d.worst.toFixed(2)}; ` +
        `poisson: t=10 ${fmt(po.mean)} ± ${fmt(po.se)} vs ${fmt(pt[10])}, worst |z| ${po.worst.toFixed(2)} (R=${R}, N=${N})`,
      "measured",
    );
  });
});

describe("Network Bass on rings (q split over in-ties)", () => {
  // A ring of N = 20,000 > 2H + 1: no adoption path wraps around by tick H, so the infinite-ring
  // curve is exact, not an approximation. Adoptions are correlated only along short stretches of
  // ring, so the per-run SD of the share is small (measured ≈ 0.006 at t = 10) and SE ≈ 0.0015 at R = 20.
  const N = 20_000, H = 30, R = 20;
  const ring = (): Edge[] => Array.from({ length: N }, (_, i) => [i, (i + 1) % N, 1] as Edge);

  it("the closed form is the same curve as conditioning on the neighbour's adoption tick", () => {
    for (const rule of ["poisson", "discrete"] as const) {
      const a = ringBass(p, q, H, rule, 1), b = ringBassByConditioning(p, q, H, rule);
      for (let t = 0; t <= H; t++) expect(a[t]).toBeCloseTo(b[t], 13);
    }
  });

  it("poisson, undirected ring (two in-ties of weight 1/2): F_t = 1 − e^{−pt}·Π_{s<t}(1 − (1 − e^{−q/2})(1 − e^{−ps}))²", async ({ annotate }) => {
    const share = adoptedShare({
      model: { kind: "bass", p, q },
      network: { kind: "edges", nodes: N, edges: ring() },
      population: { circles: [{ name: "ring", size: N }] },
    }, N, H, R);
    const target = ringBass(p, q, H, "poisson", 2);
    const r = expectCurve(share, target, 10);
    // The ring is much slower than the fully mixed market with the same p and q (0.519 vs 0.730 at t = 10):
    // imitation only reaches the two neighbours.
    expect(bassRecursion(p, q, H)[10] - target[10]).toBeGreaterThan(0.2);
    await annotate(`t=10 mean ${fmt(r.mean)} ± ${fmt(r.se)} vs closed form ${fmt(target[10])}; worst |z| over ${H} ticks ${r.worst.toFixed(2)} (R=${R}, N=${N})`, "measured");
  });

  it("discrete, directed ring (one in-tie of weight 1): F_t = 1 − (1 − p)^t·Π_{s<t}(1 − c(1 − (1 − p)^s)), c = q/(1 − p)", async ({ annotate }) => {
    const share = adoptedShare({
      model: { kind: "bass", p, q, timeStep: "discrete" },
      network: { kind: "edges", nodes: N, directed: true, edges: ring() },
      population: { circles: [{ name: "ring", size: N }] },
    }, N, H, R);
    const target = ringBass(p, q, H, "discrete", 1);
    const r = expectCurve(share, target, 10);
    await annotate(`t=10 mean ${fmt(r.mean)} ± ${fmt(r.se)} vs closed form ${fmt(target[10])}; worst |z| over ${H} ticks ${r.worst.toFixed(2)} (R=${R}, N=${N})`, "measured");
  });
});
