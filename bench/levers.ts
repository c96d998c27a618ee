/**
 * The planner's questions on the flagship scenario, with paired intervals: what the closing notes of
 * model changes quote (`npx tsx bench/levers.ts`, R replicates, default 20). Rows are the ones
 * test/properties/library.test.ts checks.
 */
import { difference } from "../test/properties/paired.ts";
import { adRows, pairedRow, paymentsStop, threeStagesRows, mothersByPlan } from "../test/properties/library-levers.ts";

const R = Number(process.env.R ?? 20);
const f = (x: number) => (Math.abs(x) >= 100 ? x.toFixed(0) : Math.abs(x) >= 10 ? x.toFixed(1) : x.toFixed(2));

console.log(`| lever (library three-stages, ${R} paired replicates) | metric | a → b (means) | paired b − a [95 % CI] |`);
console.log("|---|---|---|---|");
for (const row of [...threeStagesRows(), ...adRows()]) {
  const pairs = pairedRow(row, R);
  row.metrics.forEach((m, k) => {
    const d = difference(pairs[k]);
    console.log(`| ${row.id} | ${m.name} (expect ${m.expect}) | ${f(d.meanA)} → ${f(d.meanB)} | ${f(d.mean)} [${f(d.low)}, ${f(d.high)}] |`);
  });
}
const stop = paymentsStop(R);
console.log(`| payments stop (last repost day ${stop.last}) | own conversions after day ${stop.from} | ${f(stop.own.before)} by day ${stop.from} → +${f(stop.own.after)} after | fans' posts after: +${f(stop.fans)} |`);
console.log(`| fan management after its spend stops (day 180) | conversions | ${f(stop.fanPlan.before)} → +${f(stop.fanPlan.after)} | |`);
console.log(`| young mothers buying, by plan | | ${mothersByPlan(R).map((m) => `${m.plan} ${(100 * m.share).toFixed(2)} %`).join(", ")} | |`);
