// The flagship's planning questions (issue "Decision-grade answers"), lever → direction on paired
// replicates of the library scenarios: the rows of library-levers.ts, the payments-stop lag, the
// crackdown's proportionality and young mothers under a content calendar. 12 pairs per row: the
// check allows t(11) ≈ 4.9 standard errors (paired.ts), and every row clears it by a wide margin
// (bench/levers.ts prints the intervals).
import { describe, expect, it } from "vitest";
import { adRows, mothersByPlan, pairedRow, paymentsStop, threeStagesRows, type Row } from "./library-levers.ts";
import { describe as describeDiff, difference, holds } from "./paired.ts";

const R = 12;

const paired = (row: Row) => pairedRow(row, R).map(difference);

describe("planning questions on the library scenarios, paired replicates", () => {
  for (const row of [...threeStagesRows(), ...adRows()])
    it(`${row.id} (law ${row.law})`, () => {
      paired(row).forEach((d, k) => expect(holds(d, row.metrics[k].expect), `${row.id}: ${describeDiff(row.metrics[k].name, d)}, expected ${row.metrics[k].expect}`).toBe(true));
    });

  it("a crackdown cuts the channel's own conversions at least half as much, relatively, as the real reach it removes (law 16)", () => {
    const row = threeStagesRows().find((r) => r.id.startsWith("platform crackdown"))!;
    const [conv, reach] = paired(row);
    const cut = (d: ReturnType<typeof difference>) => -d.mean / d.meanA;
    expect(cut(reach)).toBeGreaterThan(0.1);
    expect(cut(conv), `conversions cut ${cut(conv).toFixed(2)}, reach cut ${cut(reach).toFixed(2)}`).toBeGreaterThan(0.5 * cut(reach));
  });

  it("payments stop: the repost channel adds no conversion of its own once the purchase lag after its last payment has passed (law 12)", () => {
    const stop = paymentsStop(R);
    expect(stop.last).toBe(63); // ten weekly rounds from day 0: the budget's last
    expect(stop.own.before).toBeGreaterThan(5);
    // Own conversions after the lag, against 1 % of the channel's total (pending purchases drawn past the lag are that rare).
    expect(stop.own.after).toBeLessThanOrEqual(0.01 * stop.own.before + 0.5);
    // Fans' posts keep working, and are counted apart.
    expect(stop.fans).toBeGreaterThanOrEqual(0);
    expect(stop.fanPlan.after).toBeGreaterThan(0.05 * stop.fanPlan.before);
  });

  it("young mothers (6–8 touches) buy when the club's calendar delivers distinct touches, and under no other plan (law 17)", () => {
    const [reposts, creative, fans] = mothersByPlan(R);
    expect(fans.plan).toBe("fan-management");
    expect(fans.share).toBeGreaterThan(0.01);
    expect(Math.max(reposts.share, creative.share)).toBeLessThan(0.001);
  });
});
