import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ScenarioError } from "../../engine/errors.ts";
import { decode, prepareOptimization, splitTotal, type PreparedOptimization } from "../../engine/experiment/optimize-file.ts";
import { localEvaluator, optimize, type EvalTask, type Evaluator } from "../../engine/experiment/optimize.ts";
import { frontierTable, paretoFlags } from "../../engine/format/optimize-frontier.ts";
import { mainAsync } from "../../engine/node/cli.ts";
import { readOptimization } from "../../engine/node/commands/optimize.ts";
import { optimizeJsonSchemaText } from "../../scenarios/json-schema.ts";

/** Two circles: one that buys (a) and one that never will (b, affinity 0); a plan that splits 1,200 between their opinion leaders. */
const scenario = {
  name: "split",
  horizon: 30,
  replicates: 3,
  seed: 11,
  population: { circles: [{ name: "a", size: 600, productAffinity: 0.9, kols: 3, kolReach: 0.3 }, { name: "b", size: 600, productAffinity: 0, kols: 3, kolReach: 0.3 }] },
  network: { kind: "circles", meanDegree: 8 },
  plans: [
    {
      name: "leaders",
      budget: 1200,
      strategies: [
        { type: "kolSeeding", name: "in-a", circles: ["a"], kolsPerCircle: 2, pricePerPost: 50, budget: 200, at: { start: 0, every: 3 }, content: { quality: 0.8, brandFit: 0.8 } },
        { type: "kolSeeding", name: "in-b", circles: ["b"], kolsPerCircle: 2, pricePerPost: 50, budget: 1000, at: { start: 0, every: 3 }, content: { quality: 0.8, brandFit: 0.8 } },
      ],
    },
  ],
};

const file = (over: Record<string, unknown> = {}) => ({
  name: "split-test",
  scenario,
  variables: [
    { name: "split", shares: ["plans.leaders.strategies.in-a.budget", "plans.leaders.strategies.in-b.budget"] },
    { path: "plans.leaders.strategies.in-a.kolsPerCircle", min: 1, max: 3, integer: true },
    { path: "plans.leaders.strategies.in-a.select", values: ["degree", "spread"] },
  ],
  objective: { metric: "conversions" },
  evaluations: 14,
  replicates: 3,
  confirm: { top: 2, replicates: 5 },
  seed: 3,
  ...over,
});

const issuesOf = (raw: unknown): string[] => {
  try {
    prepareOptimization(raw);
  } catch (e) {
    if (e instanceof ScenarioError) return e.issues.map((i) => `${i.path}: ${i.message}`);
    throw e;
  }
  return [];
};

describe("optimisation file", () => {
  it("optimize.schema.json is generated from the zod schema and up to date (run `npm run schema`)", () => {
    expect(readFileSync("scenarios/optimize.schema.json", "utf8")).toBe(optimizeJsonSchemaText());
  });

  it("starts from the plan as written, and a split always adds up to the total in whole units", () => {
    const prep = prepareOptimization(file());
    expect(prep.dims).toBe(4);
    expect(decode(prep, prep.start)).toEqual([200, 1000, 2, "degree"]);
    const d = prep.decisions[0] as Extract<PreparedOptimization["decisions"][number], { kind: "shares" }>;
    for (const w of [[0.3, 0.7], [1, 0], [0.123, 0.456], [0, 0]]) {
      const a = splitTotal(d, w);
      expect(a.reduce((x, y) => x + y, 0)).toBe(1200);
      for (const v of a) expect(Number.isInteger(v)).toBe(true);
    }
    expect(splitTotal({ ...d, minShare: 0.1 }, [1, 0])).toEqual([1080, 120]);
  });

  it("names the field, the value and the expectation of every mistake", () => {
    const bad = issuesOf(
      file({
        variables: [
          { path: "population.circles[0].size", min: 10, max: 20, integer: true },
          { path: "plans.leaders.strategies.nope.budget", min: 1, max: 2 },
          { path: "plans.leaders.strategies.in-a.kolsPerCircle", min: 0, max: 3, integer: true },
        ],
        objective: { metric: "likes" },
      }),
    );
    expect(bad.join("\n")).toMatch(/variables\[0\]\.path: expected a path into the optimised plan "leaders"/);
    expect(bad.join("\n")).toMatch(/variables\[1\]\.path: expected an element of plans\[0\]\.strategies \(in-a, in-b\), not "nope"/);
    expect(issuesOf(file({ variables: [{ path: "plans.leaders.strategies.in-a.kolsPerCircle", min: 0, max: 3, integer: true }] })).join("\n")).toMatch(/variables\[0\]\.min: expected a value the scenario accepts/);
    expect(issuesOf(file({ objective: { metric: "likes" } })).join("\n")).toMatch(/objective\.metric: expected conversions or a metric the plan reports/);
    expect(issuesOf(file({ objective: { metric: "reach", circle: "c" } })).join("\n")).toMatch(/objective\.circle: expected a circle of the scenario \(a, b\)/);
    expect(issuesOf(file({ variables: [{ path: "plans.leaders.budget", min: 5, max: 1 }] })).join("\n")).toMatch(/variables\[0\]\.max: expected a number > min/);
  });
});

describe("the search", () => {
  it("moves the money to the circle that buys, deterministically, within its budget, on common random numbers", async () => {
    const prep = prepareOptimization(file());
    const tasks: EvalTask[] = [];
    const local = localEvaluator(prep);
    const counting: Evaluator = (ts) => {
      tasks.push(...ts);
      return local(ts);
    };
    const r = await optimize(prep, counting);
    expect(r.searched.length).toBeLessThanOrEqual(14);
    // Every plan ran on replicates 0 … R − 1 only (the same worlds), each run once.
    const keys = tasks.map((t) => `${t.id}/${t.replicate}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const s of r.searched) expect(s.replicates).toBe(3);
    const asWritten = r.asWritten.candidate.values[0] as number;
    expect(asWritten).toBe(200);
    expect(r.best.candidate.values[0] as number).toBeGreaterThan(600);
    expect(r.best.objective).toBeGreaterThan(r.asWritten.objective);
    expect(r.versusAsWritten.objectiveLow).toBeGreaterThan(0);
    expect(r.best.replicates).toBe(5);
    const again = await optimize(prepareOptimization(file()), localEvaluator(prep));
    expect(again.searched.map((s) => [s.candidate.values, s.objective])).toEqual(r.searched.map((s) => [s.candidate.values, s.objective]));
    expect(again.versusRunnerUp).toEqual(r.versusRunnerUp);
    const other = await optimize(prepareOptimization(file({ seed: 4 })), localEvaluator(prep));
    expect(other.searched.map((s) => s.candidate.values)).not.toEqual(r.searched.map((s) => s.candidate.values));
    // The frontier: the table has a row per plan; the best is on the conversions-vs-spend frontier or beaten by a cheaper plan.
    const t = frontierTable(prep, r);
    expect(t.rows).toBe(r.searched.length);
  });

  it("risk objectives read the 10th percentile and mean − λ·sd", async () => {
    const prep = prepareOptimization(file({ objective: { metric: "conversions", risk: "p10" }, evaluations: 3 }));
    const r = await optimize(prep, localEvaluator(prep));
    const v = [...r.asWritten.candidate.perReplicate.customers.slice(0, 5)].sort((a, b) => a - b);
    expect(r.asWritten.objective).toBeCloseTo(v[0] + 0.4 * (v[1] - v[0]), 9);
    const sd = prepareOptimization(file({ objective: { metric: "conversions", risk: "meanMinusSd", lambda: 2 }, evaluations: 3 }));
    const q = await optimize(sd, localEvaluator(sd));
    const w = q.asWritten.candidate.perReplicate.customers.slice(0, 5);
    const m = w.reduce((a, b) => a + b, 0) / 5;
    expect(q.asWritten.objective).toBeCloseTo(m - 2 * Math.sqrt(w.reduce((a, x) => a + (x - m) * (x - m), 0) / 4), 9);
  });

  it("a plan over its budget is infeasible: ranked last, never the winner, and the search goes on", async () => {
    const over = structuredClone(scenario);
    over.plans[0].budget = 600;
    over.plans[0].strategies = [{ type: "kolSeeding", name: "in-a", circles: ["a"], kolsPerCircle: 2, pricePerPost: 90, at: { start: 0, every: 3, count: 3 }, content: { quality: 0.8, brandFit: 0.8 } }] as never;
    const prep = prepareOptimization(
      file({
        scenario: over,
        variables: [
          { path: "plans.leaders.strategies.in-a.pricePerPost", min: 10, max: 100 },
          { path: "plans.leaders.strategies.in-a.at.count", min: 1, max: 10, integer: true },
        ],
        evaluations: 24,
      }),
    );
    const r = await optimize(prep, localEvaluator(prep));
    // Two leaders × count posts at the price must fit the plan's 600; conversions grow with the count.
    const fits = (v: unknown[]) => 2 * (v[0] as number) * (v[1] as number) <= 600 + 1e-9;
    expect(r.infeasible).toBeGreaterThan(0);
    for (const s of r.searched) expect(Number.isFinite(s.objective)).toBe(fits(s.candidate.values));
    expect(fits(r.best.candidate.values)).toBe(true);
    expect(r.searched.length).toBe(24);
  });

  it("a circle's reach is an objective: runs report it per circle", async () => {
    const prep = prepareOptimization(file({ objective: { metric: "reach", circle: "b" }, evaluations: 2 }));
    expect(prep.metric).toBe("reach@b");
    const r = await optimize(prep, localEvaluator(prep));
    const b = r.asWritten.candidate.perReplicate["reach@b"];
    expect(b.every((x) => x > 0 && x <= 600)).toBe(true);
    // Circle b's reach is part of the whole reach, and its leaders hold most of the money as written.
    r.asWritten.candidate.perReplicate.reach.forEach((all, k) => expect(all).toBeGreaterThan(b[k]));
  });

  it("pareto flags keep only undominated points", () => {
    expect(paretoFlags([1, 2, 3, 2], [5, 6, 4, 7], true)).toEqual([true, false, false, true]);
    expect(paretoFlags([1, 2, 3], [3, 2, 1], false)).toEqual([true, true, true]);
  });
});

describe("circlecast optimize", () => {
  const dir = mkdtempSync(join(os.tmpdir(), "circlecast-optimize-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const quiet = async (argv: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const o = process.stdout.write.bind(process.stdout);
    const e = process.stderr.write.bind(process.stderr);
    process.stdout.write = ((s: string) => (out.push(String(s)), true)) as typeof process.stdout.write;
    process.stderr.write = ((s: string) => (err.push(String(s)), true)) as typeof process.stderr.write;
    try {
      return { code: await mainAsync(argv), out: out.join(""), err: err.join("") };
    } finally {
      process.stdout.write = o;
      process.stderr.write = e;
    }
  };

  it("writes the best plan for compare, the frontier and the journal; a cut journal resumes to the same result", async () => {
    const f = join(dir, "opt.json");
    writeFileSync(f, JSON.stringify(file({ evaluations: 8 })));
    const out = join(dir, "out");
    const first = await quiet(["optimize", f, "--out", out, "--workers", "0"]);
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/best vs the plan as written: objective \+/);
    const result = readFileSync(join(out, "result.json"), "utf8");
    const best = JSON.parse(readFileSync(join(out, "best.json"), "utf8"));
    expect(best.plans.map((p: { name: string }) => p.name)).toEqual(["leaders", "leaders-optimised", "leaders-runner-up"]);
    expect(readFileSync(join(out, "frontier.csv"), "utf8").split("\n")[0]).toMatch(/^plan,generation,split:.*,objective,mean_customers/);
    const journal = readFileSync(join(out, "journal.jsonl"), "utf8").split("\n").filter(Boolean);
    // Cut the journal as a kill would (a torn last line included): the rerun runs only what is missing.
    writeFileSync(join(out, "journal.jsonl"), journal.slice(0, 10).join("\n") + "\n" + journal[10].slice(0, 20));
    const again = await quiet(["optimize", f, "--out", out, "--workers", "0"]);
    expect(again.code).toBe(0);
    expect(again.out).toMatch(new RegExp(`${journal.length} run\\(s\\) \\(${journal.length - 10} new, 10 from the journal\\)`));
    expect(readFileSync(join(out, "result.json"), "utf8")).toBe(result);
    const compare = await quiet(["compare", join(out, "best.json"), "--replicates", "2"]);
    expect(compare.code).toBe(0);
    expect(compare.out).toMatch(/leaders-optimised/);
  });

  it("a bad file exits 2 naming the field, and another optimisation's folder is refused", async () => {
    const f = join(dir, "bad.json");
    writeFileSync(f, JSON.stringify(file({ objective: { metric: "likes" } })));
    const bad = await quiet(["optimize", f, "--out", join(dir, "bad")]);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/objective\.metric: expected conversions or a metric the plan reports .* got "likes"|objective\.metric.*likes/);
    const g = join(dir, "other.json");
    writeFileSync(g, JSON.stringify(file({ evaluations: 8, seed: 9 })));
    const refused = await quiet(["optimize", g, "--out", join(dir, "out"), "--workers", "0"]);
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(/holds the results of a different optimisation/);
  });

  it("the shipped example is valid and starts from the plan as written", () => {
    const prep = readOptimization("scenarios/optimize/three-stages-fans.json");
    expect(prep.decisions).toHaveLength(6);
    expect(decode(prep, prep.start)).toEqual([3600, 2400, 2, 2, "degree", 30, 3]);
  });
});
