/**
 * The bounds a command puts on the work it starts: the cost limits (engine/experiment/cost.ts) from
 * --max-work and --max-memory, and threads or workers at most the cores unless --oversubscribe.
 */
import { availableParallelism, totalmem } from "node:os";
import { ScenarioError } from "../errors.ts";
import { DEFAULT_MAX_WORK, type Limits } from "../experiment/cost.ts";

export interface LimitFlags {
  maxWork?: number;
  /** GiB. */
  maxMemory?: number;
  oversubscribe?: boolean;
}

/** The limits the flags set: --max-work, else the default; --max-memory, else this machine's memory. */
export function limitsOf(flags: LimitFlags): Limits {
  return { work: flags.maxWork ?? DEFAULT_MAX_WORK, memory: flags.maxMemory !== undefined ? flags.maxMemory * 2 ** 30 : totalmem() };
}

/**
 * More threads than cores only adds memory and switching (256 threads on 500 consumers took 53 s and
 * 5 GB); refused unless --oversubscribe.
 */
export function checkThreads(flag: string, n: number, flags: LimitFlags, cores = availableParallelism()): void {
  if (n > cores && !flags.oversubscribe)
    throw new ScenarioError(
      [{ path: flag, message: `expected at most ${cores} (this machine's cores); add --oversubscribe to use ${n} anyway`, received: String(n) }],
      flag,
      `${flag} ${n} is more than the cores`,
    );
}
