// The story of library:crackdown: a crackdown on paid reposts (from day 7, one follower in five) cuts
// the reposts' own sales roughly in proportion to the reach it removes, while the money keeps going;
// switching the rest of the budget to opinion leaders at the crackdown recovers the loss. 20 paired
// replicates. Measured at model 2.0.0 on seed 88 (means): the channel's own conversions 329 → 221
// (−33 %) with its real impressions −55 %; plan conversions 343 / 233 / 473. On seeds 88, 1 and 2 every
// paired share below was 1.0, and the asserted cuts (medians) were 0.55 for real impressions and
// 0.32–0.34 for own conversions against the 0.27 asked: a margin of about 1.2, not two, on a cut that
// moves by ±0.01 between seeds.
import { beforeAll, describe, expect, it } from "vitest";
import type { RunResult } from "../../engine/core/run.ts";
import { runReplicates } from "../../engine/experiment/replicates.ts";
import { readScenario } from "../../engine/node/load.ts";
import { at, median, shareBeats } from "./helpers.ts";

const s = readScenario("library:crackdown");
let none: RunResult[], carry: RunResult[], sw: RunResult[];
const own = (r: RunResult, key: "lastTouch" | "real" | "spend") => r.tables.channels[key][r.tables.channels.names.indexOf("reposts")];

beforeAll(() => {
  [none, carry, sw] = runReplicates(s);
});

describe("library:crackdown", () => {
  it("the crackdown cuts the reposts' own sales, at least half as much (relatively) as their real impressions, for the same spend", () => {
    const cut = (f: (r: RunResult) => number) => 1 - median(carry.map(f)) / median(none.map(f));
    expect(cut((r) => own(r, "real"))).toBeGreaterThan(0.3);
    expect(cut((r) => own(r, "lastTouch"))).toBeGreaterThan(0.5 * cut((r) => own(r, "real")));
    expect(carry.map((r) => own(r, "spend"))).toEqual(none.map((r) => own(r, "spend")));
    expect(shareBeats(none.map((r) => own(r, "lastTouch")), carry.map((r) => own(r, "lastTouch")))).toBeGreaterThanOrEqual(0.9);
  });
  it("switching to opinion leaders at the crackdown sells more than carrying on, and more than the world without a crackdown", () => {
    const H = s.horizon;
    expect(shareBeats(at(sw, "customers", H), at(carry, "customers", H))).toBeGreaterThanOrEqual(0.9);
    expect(median(at(sw, "customers", H))).toBeGreaterThan(median(at(none, "customers", H)));
  });
});
