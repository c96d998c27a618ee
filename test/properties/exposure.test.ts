// MODEL.md laws 11, 13, 17 and 18 on 200 generated scenarios per lever: more of the same never
// lowers results, zombies dilute, distinct pieces beat one repeated piece, and fatigue, repetition and
// skepticism lower response while trust, quality, brand fit and opinion leaders never do (generated.ts).
import { describe, it } from "vitest";
import { LEVERS } from "./levers.ts";
import { checkLever, SCENARIOS } from "./generated.ts";

describe(`levers of exposure and response, on ${SCENARIOS} generated scenarios per lever`, () => {
  for (const lever of LEVERS.filter((l) => !l.law.startsWith("14")))
    it(`${lever.id} → ${lever.metrics.map((m) => `${m.name} ${m.expect}`).join(", ")}`, () => checkLever(lever));
});
