/**
 * Which slice of a sweep this process runs: `--shard i/n`, else a Slurm job array
 * (SLURM_ARRAY_TASK_ID, _MIN, _COUNT), else a Kubernetes Indexed Job (JOB_COMPLETION_INDEX with
 * the count from --shard-count or CIRCLECAST_SHARD_COUNT). Shard i of n runs the runs k with
 * k mod n = i: a strided slice, so costly regions of a grid spread over all shards.
 */
import { ScenarioError } from "../errors.ts";

export interface Shard {
  index: number;
  count: number;
  /** Where it came from, for the log line: "--shard", "SLURM_ARRAY_TASK_ID", "JOB_COMPLETION_INDEX" or "none". */
  from: string;
}

const bad = (path: string, message: string, received?: string): never => {
  throw new ScenarioError([{ path, message, received }], "shard", "cannot tell which shard to run");
};

function int(name: string, text: string | undefined): number | undefined {
  if (text === undefined || text === "") return undefined;
  if (!/^\d+$/.test(text.trim())) bad(name, "expected a whole number", JSON.stringify(text));
  return Number(text);
}

export function resolveShard(flag: string | undefined, countFlag: number | undefined, env: Record<string, string | undefined>): Shard {
  const check = (index: number, count: number, from: string): Shard => {
    if (count < 1) bad(from, "expected at least 1 shard", String(count));
    if (index >= count) bad(from, `expected a shard index below the shard count ${count} (indices start at 0)`, String(index));
    return { index, count, from };
  };
  if (flag !== undefined) {
    const m = /^(\d+)\/(\d+)$/.exec(flag.trim());
    if (!m) return bad("--shard", "expected i/n, e.g. 0/8 (shard i of n, from 0)", JSON.stringify(flag));
    return check(Number(m[1]), Number(m[2]), "--shard");
  }
  const slurm = int("SLURM_ARRAY_TASK_ID", env.SLURM_ARRAY_TASK_ID);
  if (slurm !== undefined) {
    const min = int("SLURM_ARRAY_TASK_MIN", env.SLURM_ARRAY_TASK_MIN) ?? 0;
    const max = int("SLURM_ARRAY_TASK_MAX", env.SLURM_ARRAY_TASK_MAX);
    const count = countFlag ?? int("SLURM_ARRAY_TASK_COUNT", env.SLURM_ARRAY_TASK_COUNT);
    if (count === undefined) return bad("SLURM_ARRAY_TASK_COUNT", "expected the array size (or give --shard-count)");
    if ((int("SLURM_ARRAY_TASK_STEP", env.SLURM_ARRAY_TASK_STEP) ?? 1) !== 1 || (max !== undefined && countFlag === undefined && max - min + 1 !== count))
      bad("SLURM_ARRAY_TASK_ID", "expected a contiguous array such as --array=0-15 (or pass --shard i/n yourself)");
    return check(slurm - min, count, "SLURM_ARRAY_TASK_ID");
  }
  const k8s = int("JOB_COMPLETION_INDEX", env.JOB_COMPLETION_INDEX);
  if (k8s !== undefined) {
    const count = countFlag ?? int("CIRCLECAST_SHARD_COUNT", env.CIRCLECAST_SHARD_COUNT);
    if (count === undefined) return bad("CIRCLECAST_SHARD_COUNT", "expected the number of shards (the Job's completions) with --shard-count or CIRCLECAST_SHARD_COUNT, since JOB_COMPLETION_INDEX is set");
    return check(k8s, count, "JOB_COMPLETION_INDEX");
  }
  if (countFlag !== undefined && countFlag !== 1) bad("--shard-count", "expected --shard-count only with --shard, a Slurm array or a Kubernetes Indexed Job");
  return { index: 0, count: 1, from: "none" };
}

/** The runs of a shard, in index order. */
export function shardRuns(runs: number, shard: Pick<Shard, "index" | "count">): number[] {
  const out: number[] = [];
  for (let k = shard.index; k < runs; k += shard.count) out.push(k);
  return out;
}

/** Folder of shard i of n under the output folder: shard-03-of-16 (zero-padded so they sort). */
export function shardDirName(shard: Pick<Shard, "index" | "count">): string {
  const w = String(shard.count - 1).length;
  return `shard-${String(shard.index).padStart(w, "0")}-of-${shard.count}`;
}
