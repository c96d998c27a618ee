/**
 * The social model's C reference (bench/reference/social.c), built, fed and run: compile it with gcc,
 * write a world and a compiled plan in the binary layout it reads, and run it or the engine on them,
 * the tick loop timed. Used by bench/social-reference.ts (timing) and test/validity/social-reference.test.ts
 * (every count equal, bit for bit).
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { buildWorld, type World } from "../../engine/index.ts";
import * as mechanism from "../../engine/core/mechanism/index.ts";
import { tieWeights } from "../../engine/core/network/csr.ts";
import { SocialRun } from "../../engine/core/models/social.ts";
import { SOCIAL_METRICS } from "../../engine/core/models/social-metrics.ts";
import { hashString } from "../../engine/core/rng/hash.ts";
import { deriveKey, Purpose } from "../../engine/core/rng/seed.ts";
import type { CompiledPlan } from "../../engine/core/strategies/plan.ts";
import { compilePlan } from "../../engine/core/strategies/compile.ts";
import { standardScenario } from "../scenario.ts";

const here = path.dirname(fileURLToPath(import.meta.url));

/** The exposure draw keys in the order of social.c's K_* (social.ts's D: seen = 1 … fanPost = 15). */
const KEYS = 15;

/** Compile the C reference into `outDir` with -ffp-contract=off (a fused multiply-add would change the bits); null without gcc. */
export function compileSocialReference(outDir: string): string | null {
  if (spawnSync("gcc", ["--version"]).status !== 0) return null;
  mkdirSync(outDir, { recursive: true });
  const exe = path.join(outDir, "social-reference");
  const r = spawnSync("gcc", ["-O2", "-ffp-contract=off", "-o", exe, path.join(here, "social.c"), "-lm"], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`gcc failed on bench/reference/social.c:\n${r.stderr}`);
  return exe;
}

/** What the C kernel leaves out; a plan that uses any of it cannot be compared. */
function checkCovered(plan: CompiledPlan, horizon: number): void {
  const missing: string[] = [];
  if (plan.groups.length > 0) missing.push("groups");
  if (plan.audiences.length > 0) missing.push("ads");
  if (plan.installedCustomers.length + plan.installedFans.length > 0) missing.push("an installed base");
  if (plan.messages.some((m) => m.chatter || m.group >= 0)) missing.push("group messages");
  for (let t = 0; t <= horizon; t++) for (const p of plan.at(t)) if (p.kind !== "post") missing.push(`a ${p.kind} at tick ${t}`);
  if (missing.length) throw new Error(`the C reference covers posts and reshares only; this plan has ${missing.join(", ")}`);
}

const f64 = (xs: ArrayLike<number>) => Buffer.from(Float64Array.from(xs).buffer);
const i32 = (xs: ArrayLike<number>) => Buffer.from(Int32Array.from(xs).buffer);
const u8 = (xs: ArrayLike<number>) => Buffer.from(Uint8Array.from(xs).buffer);
const bytes = (a: ArrayBufferView) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

/** Write the world and the compiled plan in social.c's input layout; returns its path. */
export function writeSocialInput(world: World, plan: CompiledPlan, file: string): string {
  const s = world.scenario;
  const { pop } = world;
  const { offsets, targets } = world.net.csr;
  const weights = tieWeights(world.net.csr); // social.c reads a float per tie
  const circles = s.population.circles;
  const product = s.product;
  checkCovered(plan, s.horizon);
  const base = deriveKey(world.key, Purpose.exposure);
  const posts: Buffer[] = [];
  let count = 0;
  for (let t = 0; t <= s.horizon; t++)
    for (const p of plan.at(t)) {
      if (p.kind !== "post") continue;
      posts.push(i32([t, p.channel, p.message, p.accounts.length]), f64([p.cost, p.reach]), i32(p.accounts));
      count++;
    }
  const parts = [
    i32([pop.n, pop.consumers, pop.circleCount, s.horizon, plan.messages.length, plan.contents.length, plan.caseCount, count,
      plan.fanPostMessage, plan.defenseMessage, plan.organic, plan.channels.length]),
    f64([s.dynamics.persuasion, product.fanBoost, product.conversionRate, s.dynamics.shareDelay, product.fanDefense, product.fanProbability,
      product.fanDelay, product.fanPostRate, plan.budget, product.tiers.share.HV, product.tiers.share.MV, product.tiers.share.LV,
      product.tiers.repurchase.HV, product.tiers.repurchase.MV, product.tiers.repurchase.LV, 0, 0]),
    i32(Array.from({ length: KEYS }, (_, d) => deriveKey(base, d + 1))),
    bytes(offsets), bytes(targets), bytes(weights),
    bytes(pop.activity), bytes(pop.trust), bytes(pop.skepticism), bytes(pop.circle), bytes(pop.threshold),
    f64(circles.map((c) => c.fatigueRate)), f64(circles.map((c) => c.sharePropensity)), f64(circles.map((c) => c.productAffinity)),
    bytes(mechanism.noveltyTable(circles.map((c) => c.repetitionDecay))), bytes(mechanism.fadeTable(circles.map((c) => c.fatigueRecovery), s.horizon)),
    f64(plan.contents.map((c) => c.quality)), f64(plan.contents.map((c) => c.brandFit)), f64(plan.contents.map((c) => c.shareBoost)),
    u8(plan.contents.map((c) => +c.paid)), u8(plan.contents.map((c) => +c.negative)),
    i32(plan.contents.map((c) => c.caseIndex)), i32(plan.contents.map((c) => hashString(0, c.id))),
    f64(plan.contents.flatMap((c) => Array.from(c.fit))),
    i32(plan.messages.map((m) => m.content)), i32(plan.messages.map((m) => m.channel)), f64(plan.channels.map((c) => c.budget)),
    ...posts,
  ];
  writeFileSync(file, Buffer.concat(parts));
  return file;
}

/** The standard campaign at n consumers: replicate 0's world, its first plan compiled, and the input file the C kernel reads (in outDir). */
export function standardInput(n: number, outDir: string): { world: World; plan: CompiledPlan; file: string } {
  const s = standardScenario(n);
  const world = buildWorld(s, 0);
  const plan = compilePlan(world, s.plans[0], 0);
  return { world, plan, file: writeSocialInput(world, plan, path.join(outDir, `social-${n}.bin`)) };
}

/** One engine run of the compiled plan, the tick loop timed; the final metrics by name. */
export function engineRun(world: World, plan: CompiledPlan): { ms: number; metrics: Record<string, number> } {
  const run = new SocialRun(world, plan);
  const t0 = performance.now();
  for (let t = 0; t <= world.scenario.horizon; t++) run.tick(t);
  const time = performance.now() - t0;
  const values = new Float64Array(run.metrics.length);
  run.read(values);
  run.finish(); // gives back the memory the run borrowed (models/delivery-kernel.ts), as every run does
  return { ms: time, metrics: Object.fromEntries(SOCIAL_METRICS.names.map((name, k) => [name, values[k]])) };
}

/**
 * The C kernel's counts and the time of its last of `runs` runs in one process. Its first run pays for
 * touching fresh memory (the queues' buckets, the caseSeen columns: on a VM that faults a 4 KiB page in
 * at 11 µs, 0.45 s against 0.22 s for a later run at 1 M), which the engine, timed in a process that has
 * run before, does not; so the benches time a later one. Every run must give the same counts.
 */
export function referenceRun(exe: string, file: string, runs = 2): { ms: number; metrics: Record<string, number> } {
  return lastOfEqualRuns("C reference", execFileSync(exe, [file, String(runs)], { encoding: "utf8" }));
}

/** The last run printed by social.c (one JSON line per run, among other lines), after checking that every run gave the same counts. */
export function lastOfEqualRuns(what: string, stdout: string): { ms: number; metrics: Record<string, number> } {
  const all = stdout.trim().split("\n").filter((l) => l.startsWith("{")).map((l) => JSON.parse(l) as Record<string, number>);
  const { ms: time, ...metrics } = all[all.length - 1];
  for (const other of all) for (const [name, v] of Object.entries(metrics)) if (!Object.is(other[name], v)) throw new Error(`${what}: ${name} is ${other[name]} in one run and ${v} in another`);
  return { ms: time, metrics };
}
