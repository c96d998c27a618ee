import { describe, expect, it } from "vitest";
import { resolveShard, shardDirName, shardRuns } from "../../engine/node/shard.ts";
import { scenarioErrorOf as err } from "../helpers.ts";

describe("shards", () => {
  it("--shard i/n wins over the environment; no shard is 0/1", () => {
    expect(resolveShard("2/5", undefined, { SLURM_ARRAY_TASK_ID: "1", SLURM_ARRAY_TASK_COUNT: "3" })).toEqual({ index: 2, count: 5, from: "--shard" });
    expect(resolveShard(undefined, undefined, {})).toEqual({ index: 0, count: 1, from: "none" });
  });

  it("reads Slurm job arrays, 0- or 1-based", () => {
    expect(resolveShard(undefined, undefined, { SLURM_ARRAY_TASK_ID: "3", SLURM_ARRAY_TASK_MIN: "0", SLURM_ARRAY_TASK_MAX: "7", SLURM_ARRAY_TASK_COUNT: "8" }))
      .toEqual({ index: 3, count: 8, from: "SLURM_ARRAY_TASK_ID" });
    expect(resolveShard(undefined, undefined, { SLURM_ARRAY_TASK_ID: "8", SLURM_ARRAY_TASK_MIN: "1", SLURM_ARRAY_TASK_MAX: "8", SLURM_ARRAY_TASK_COUNT: "8" }))
      .toEqual({ index: 7, count: 8, from: "SLURM_ARRAY_TASK_ID" });
    expect(err(() => resolveShard(undefined, undefined, { SLURM_ARRAY_TASK_ID: "3", SLURM_ARRAY_TASK_MIN: "1", SLURM_ARRAY_TASK_MAX: "9", SLURM_ARRAY_TASK_COUNT: "3" })))
      .toMatchInlineSnapshot(`
        "cannot tell which shard to run:
          - SLURM_ARRAY_TASK_ID: expected a contiguous array such as --array=0-15 (or pass --shard i/n yourself)"
      `);
  });

  it("reads Kubernetes Indexed Jobs with the count from a flag or CIRCLECAST_SHARD_COUNT", () => {
    expect(resolveShard(undefined, 4, { JOB_COMPLETION_INDEX: "2" })).toEqual({ index: 2, count: 4, from: "JOB_COMPLETION_INDEX" });
    expect(resolveShard(undefined, undefined, { JOB_COMPLETION_INDEX: "0", CIRCLECAST_SHARD_COUNT: "16" })).toEqual({ index: 0, count: 16, from: "JOB_COMPLETION_INDEX" });
    expect(err(() => resolveShard(undefined, undefined, { JOB_COMPLETION_INDEX: "2" }))).toMatchInlineSnapshot(`
      "cannot tell which shard to run:
        - CIRCLECAST_SHARD_COUNT: expected the number of shards (the Job's completions) with --shard-count or CIRCLECAST_SHARD_COUNT, since JOB_COMPLETION_INDEX is set"
    `);
    expect(err(() => resolveShard(undefined, 2, { JOB_COMPLETION_INDEX: "2" }))).toContain("JOB_COMPLETION_INDEX: got 2, expected a shard index below the shard count 2");
  });

  it("rejects malformed values", () => {
    expect(err(() => resolveShard("1of3", undefined, {}))).toContain('--shard: got "1of3", expected i/n, e.g. 0/8 (shard i of n, from 0)');
    expect(err(() => resolveShard("0/0", undefined, {}))).toContain("--shard: got 0, expected at least 1 shard");
    expect(err(() => resolveShard(undefined, undefined, { JOB_COMPLETION_INDEX: "x" }))).toContain('JOB_COMPLETION_INDEX: got "x", expected a whole number');
  });

  it("shard i of n takes the runs k with k mod n = i; folders sort by index", () => {
    expect(shardRuns(10, { index: 1, count: 3 })).toEqual([1, 4, 7]);
    expect([0, 1, 2].flatMap((index) => shardRuns(10, { index, count: 3 })).sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(shardDirName({ index: 3, count: 16 })).toBe("shard-03-of-16");
    expect(shardDirName({ index: 0, count: 2 })).toBe("shard-0-of-2");
  });
});
