// Golden digests (digest.ts): every library scenario, and every scenario of ./scenarios/, at two seeds
// must give exactly the recorded numbers. They change only with a model-version bump (`npm run golden` refuses otherwise).
import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { MODEL_VERSION } from "../../engine/version.ts";
import { digest, digestPath, goldenNames, labelOf, seedsOf, type Digest } from "./digest.ts";

const HOW = "if the model changed on purpose: bump MODEL_VERSION (engine/version.ts), add its changelog line to docs/model.md and run `npm run golden`; if not, a change altered numbers it should not have";

describe("golden digests", () => {
  for (const name of goldenNames())
    for (const seed of seedsOf(name))
      it(`${labelOf(name)}, seed ${seed}`, () => {
        const path = digestPath(name, seed);
        expect(existsSync(path), `no golden digest for ${labelOf(name)} seed ${seed}: run \`npm run golden\``).toBe(true);
        const golden = JSON.parse(readFileSync(path, "utf8")) as Digest;
        expect(golden.modelVersion, `digest recorded for model ${golden.modelVersion}, engine is ${MODEL_VERSION}: run \`npm run golden\``).toBe(MODEL_VERSION);
        const now = digest(name, seed);
        expect(now.plans, `${labelOf(name)} seed ${seed}: final values or series differ from the golden digest; ${HOW}`).toEqual(golden.plans);
        expect(now.sha256, `${labelOf(name)} seed ${seed}: some number differs from the golden digest; ${HOW}`).toBe(golden.sha256);
      });
});
