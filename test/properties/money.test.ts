// MODEL.md law 14 on 200 generated scenarios per lever: each strategy turns its budget into quantity
// through its unit price, so more budget buys more and a higher price buys less (generated.ts).
import { describe, it } from "vitest";
import { LEVERS } from "./levers.ts";
import { checkLever, SCENARIOS } from "./generated.ts";

describe(`money buys volume, on ${SCENARIOS} generated scenarios per lever`, () => {
  for (const lever of LEVERS.filter((l) => l.law.startsWith("14")))
    it(`${lever.id} → ${lever.metrics.map((m) => `${m.name} ${m.expect}`).join(", ")}`, () => checkLever(lever));
});
