/**
 * Reshare trees of a social run: who reshared which message, having seen it from whom. The run is
 * runPlan's (same world, same draws: SocialRun's share listener only listens), so the trees belong to the run
 * whose metrics runPlan reports. A message's tree hangs from its publishing account; a reader who
 * reshares the same message twice keeps the parent of the first share (the earlier tick, then the
 * canonical delivery order).
 */
import type { Scenario } from "../../scenarios/schema/scenario.ts";
import { compilePlan } from "../core/strategies/compile.ts";
import { SocialRun } from "../core/models/social.ts";
import type { World } from "../core/world.ts";
import { treeFromLinks, type CascadeTree } from "../networks/cascade-trees.ts";
import { EngineError } from "../errors.ts";

/** Shares in the order the run scheduled them: reader `sharer[k]` shares `message[k]` seen from `from[k]` at `tick[k]`. */
export interface ShareLog {
  readonly sharer: Int32Array;
  readonly from: Int32Array;
  readonly message: Int32Array;
  readonly tick: Int32Array;
}

/** Run plan `planIndex` of the world's scenario to its horizon and log every share a reader scheduled. */
export function runWithShareLog(world: World, planIndex = 0): ShareLog {
  const s: Scenario = world.scenario;
  if (s.model.kind !== "social") throw new EngineError(`reshare trees need the social model (got ${s.model.kind})`);
  const sharer: number[] = [], from: number[] = [], message: number[] = [], tick: number[] = [];
  const listen = (i: number, j: number, m: number, t: number) => (sharer.push(i), from.push(j), message.push(m), tick.push(t));
  const run = new SocialRun(world, compilePlan(world, s.plans[planIndex], planIndex), undefined, listen);
  for (let t = 0; t <= s.horizon; t++) run.tick(t);
  return { sharer: Int32Array.from(sharer), from: Int32Array.from(from), message: Int32Array.from(message), tick: Int32Array.from(tick) };
}

/**
 * The reshare tree of message m from account `root`: the root and every reader who reshared m and is
 * linked to the root through earlier sharers. Returns the tree and the agent of each node.
 */
export function reshareTree(log: ShareLog, m: number, root: number): { tree: CascadeTree; agents: Int32Array } {
  const links: [string, string][] = [];
  for (let k = 0; k < log.sharer.length; k++) if (log.message[k] === m) links.push([String(log.from[k]), String(log.sharer[k])]);
  const { tree, ids } = treeFromLinks(String(root), links);
  return { tree, agents: Int32Array.from(ids, Number) };
}
