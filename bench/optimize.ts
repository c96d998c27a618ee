/**
 * Does the optimiser find the grid's best plan for a tenth of the work? A small problem (two circles,
 * 6,000 consumers, 60 ticks) whose plan splits 1,200 between the opinion leaders of two circles and
 * sets the first circle's leader count, posting interval and leader choice: an exhaustive grid of
 * 11 splits × 5 counts × 9 intervals × 2 choices = 990 plans, each on the same 4 replicates, against
 * the optimiser with 80 plans on 4 replicates and 5 confirmed on 16 (under 10 % of the grid's runs) for several seeds. Both winners are then scored on the
 * same 24 replicates (the grid's 4 and 20 more), so the grid's winner's curse is not counted in its favour.
 * `npx tsx bench/optimize.ts [--seeds N]`; prints a table.
 */
import "./like-the-cli.ts";
import os from "node:os";
import { localEvaluator, optimize, prepareOptimization, type PreparedOptimization } from "../engine/index.ts";
import { candidateScenario } from "../engine/experiment/optimize-file.ts";

const at = process.argv.indexOf("--seeds");
const seeds = at < 0 ? 5 : Number(process.argv[at + 1]);
const R = 4;
const HELD = 24;

const scenario = {
  name: "two-circles",
  horizon: 60,
  replicates: R,
  seed: 5,
  population: {
    circles: [
      { name: "a", size: 3000, productAffinity: 0.8, kols: 5, kolReach: 0.2, touchesToConvert: { min: 1, max: 2 } },
      { name: "b", size: 3000, productAffinity: 0.45, kols: 5, kolReach: 0.2, touchesToConvert: { min: 1, max: 2 } },
    ],
  },
  network: { kind: "circles", meanDegree: 12 },
  plans: [
    {
      name: "leaders",
      budget: 1200,
      strategies: [
        { type: "kolSeeding", name: "in-a", circles: ["a"], kolsPerCircle: 2, pricePerPost: 40, budget: 600, at: { start: 0, every: 6 }, content: { quality: 0.7, brandFit: 0.8 } },
        { type: "kolSeeding", name: "in-b", circles: ["b"], kolsPerCircle: 2, pricePerPost: 40, budget: 600, at: { start: 0, every: 6 }, content: { quality: 0.7, brandFit: 0.8 } },
      ],
    },
  ],
};

const file = (seed: number, evaluations: number) => ({
  name: "grid-check",
  scenario,
  variables: [
    { name: "split", shares: ["plans.leaders.strategies.in-a.budget", "plans.leaders.strategies.in-b.budget"] },
    { name: "kols", path: "plans.leaders.strategies.in-a.kolsPerCircle", min: 1, max: 5, integer: true },
    { name: "every", path: "plans.leaders.strategies.in-a.at.every", min: 2, max: 10, integer: true },
    { name: "select", path: "plans.leaders.strategies.in-a.select", values: ["degree", "spread"] },
  ],
  objective: { metric: "conversions" },
  evaluations,
  replicates: R,
  confirm: { top: 4, replicates: 16 },
  seed,
});

type Values = (number | string)[];

/** Mean conversions of plans on replicates [from, to) (every plan on the same worlds). */
async function score(prep: PreparedOptimization, plans: Values[], from: number, to: number): Promise<number[]> {
  const evaluate = localEvaluator(prep);
  const out: number[] = [];
  for (const [id, v] of plans.entries()) {
    const scenarioJson = candidateScenario(prep, v);
    const finals = await evaluate(Array.from({ length: to - from }, (_, k) => ({ id, replicate: from + k, scenario: scenarioJson })));
    out.push(finals.reduce((a, f) => a + f.customers, 0) / finals.length);
  }
  return out;
}

const prep0 = prepareOptimization(file(1, 99));
const grid: Values[] = [];
for (let s = 0; s <= 10; s++) for (let k = 1; k <= 5; k++) for (let e = 2; e <= 10; e++) for (const sel of ["degree", "spread"]) grid.push([120 * s, 1200 - 120 * s, k, e, sel]);
let t0 = performance.now();
const gridScores = await score(prep0, grid, 0, R);
const gridSecs = (performance.now() - t0) / 1000;
const gi = gridScores.reduce((b, x, i) => (x > gridScores[b] ? i : b), 0);
const [gridHeld] = await score(prep0, [grid[gi]], 0, HELD);
console.error(`grid: ${grid.length} plans in ${gridSecs.toFixed(1)} s; best ${JSON.stringify(grid[gi])}: ${gridScores[gi].toFixed(1)} on ${R}, ${gridHeld.toFixed(1)} on ${HELD}`);

const rows: string[] = [];
for (let seed = 1; seed <= seeds; seed++) {
  // 80 plans × 4 replicates and the confirmation (5 plans to 16) stay under 10 % of the grid's runs.
  const prep = prepareOptimization(file(seed, 80));
  t0 = performance.now();
  const r = await optimize(prep, localEvaluator(prep));
  const secs = (performance.now() - t0) / 1000;
  const best = r.best.candidate.values as Values;
  const [onR] = await score(prep, [best], 0, R);
  const [held] = await score(prep, [best], 0, HELD);
  const gap = (100 * (held - gridHeld)) / gridHeld;
  rows.push(`| ${seed} | ${r.searched.length} (${((100 * r.searched.length) / grid.length).toFixed(1)} %) | ${r.runs} (${((100 * r.runs) / (grid.length * R)).toFixed(1)} %) | ${JSON.stringify(best)} | ${onR.toFixed(1)} | ${held.toFixed(1)} | ${gap >= 0 ? "+" : ""}${gap.toFixed(2)} % | ${Math.abs(gap) <= 2 || gap > 0 ? "yes" : "no"} | ${secs.toFixed(1)} |`);
  console.error(rows[rows.length - 1]);
}

console.log(`\nGrid (${grid.length} plans × ${R} replicates, ${gridSecs.toFixed(0)} s) vs optimiser (≤ 10 % of the plans), load ${os.loadavg().map((x) => x.toFixed(2)).join(" ")}`);
console.log(`grid best ${JSON.stringify(grid[gi])} [in-a budget, in-b budget, kols, every, select]: ${gridScores[gi].toFixed(1)} conversions on its ${R} replicates, ${gridHeld.toFixed(1)} on ${HELD}\n`);
console.log(`| seed | plans evaluated (of the grid's) | runs with confirmation (of the grid's ${grid.length * R}) | optimiser's best | on the ${R} | on ${HELD} | vs grid best on ${HELD} | within 2 % | seconds |`);
console.log("|---|---|---|---|---|---|---|---|---|");
for (const r of rows) console.log(r);
