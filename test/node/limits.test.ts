import { describe, expect, it } from "vitest";
import { checkThreads, limitsOf } from "../../engine/node/limits.ts";
import { DEFAULT_MAX_WORK } from "../../engine/experiment/cost.ts";

describe("command limits", () => {
  it("threads or workers beyond the cores are refused unless --oversubscribe", () => {
    expect(() => checkThreads("--threads", 256, {}, 16)).toThrowErrorMatchingInlineSnapshot(`
      [ScenarioError: --threads 256 is more than the cores:
        - --threads: got 256, expected at most 16 (this machine's cores); add --oversubscribe to use 256 anyway]
    `);
    expect(() => checkThreads("--workers", 16, {}, 16)).not.toThrow();
    expect(() => checkThreads("--workers", 64, { oversubscribe: true }, 16)).not.toThrow();
  });

  it("--max-work and --max-memory (GiB) replace the defaults", () => {
    expect(limitsOf({}).work).toBe(DEFAULT_MAX_WORK);
    expect(limitsOf({ maxWork: 1e15, maxMemory: 2 })).toEqual({ work: 1e15, memory: 2 * 2 ** 30 });
  });
});
