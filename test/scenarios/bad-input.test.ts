import { describe, expect, it } from "vitest";
import { parseScenario } from "../../scenarios/parse.ts";
import { issueLine } from "../../scenarios/issues.ts";

const base = () => ({
  name: "bad",
  horizon: 30,
  population: { circles: [{ name: "a", size: 100 }, { name: "b", size: 50 }] } as Record<string, unknown>,
  contents: [{ id: "c" }] as unknown[],
  plans: [{ name: "p", actions: [{ type: "post", content: "c", from: "brand", at: 0 }] }] as unknown[],
});

/** Every problem of a scenario as the lines the CLI prints. */
function problems(input: unknown): string[] {
  const r = parseScenario(input);
  if (r.ok) throw new Error("expected the scenario to be rejected");
  return r.issues.map(issueLine);
}

describe("malformed scenarios give clear messages naming field, value and expectation", () => {
  it("wrong type", () => {
    expect(problems({ ...base(), horizon: "ten" })).toMatchInlineSnapshot(`
      [
        "horizon: got "ten", expected a number",
      ]
    `);
  });
  it("negative size", () => {
    expect(problems({ ...base(), population: { circles: [{ name: "a", size: -5 }] } })).toMatchInlineSnapshot(`
      [
        "population.circles[0].size: got -5, expected a number ≥ 1",
      ]
    `);
  });
  it("probability out of [0, 1]", () => {
    expect(problems({ ...base(), population: { circles: [{ name: "a", size: 10, fatigueRate: 1.5 }] } })).toMatchInlineSnapshot(`
      [
        "population.circles[0].fatigueRate: got 1.5, expected a number ≤ 1",
      ]
    `);
  });
  it("NaN", () => {
    expect(problems({ ...base(), population: { circles: [{ name: "a", size: 10, sharePropensity: NaN }] } })).toMatchInlineSnapshot(`
      [
        "population.circles[0].sharePropensity: got NaN, expected a number",
      ]
    `);
  });
  it("unknown field (a typo)", () => {
    const { horizon, ...rest } = base();
    expect(problems({ ...rest, horizn: horizon })).toMatchInlineSnapshot(`
      [
        "horizon: missing, expected a number",
        "(root): unknown field "horizn"",
      ]
    `);
  });
  it("empty circles", () => {
    expect(problems({ ...base(), population: { circles: [] } })).toMatchInlineSnapshot(`
      [
        "population.circles: got [], expected at least 1 item(s)",
      ]
    `);
  });
  it("mixing matrix of the wrong shape and rows not summing to 1", () => {
    expect(problems({ ...base(), network: { kind: "circles", mixing: [[0.5, 0.5, 0], [0.2, 0.2]] } })).toMatchInlineSnapshot(`
      [
        "network.mixing[0]: got [0.5,0.5,0], expected 2 entries (one per circle)",
        "network.mixing[1]: got [0.2,0.2], expected a row summing to 1 (sums to 0.4)",
      ]
    `);
  });
  it("closure outside [0, 1), degree distributions of the wrong shape", () => {
    expect(problems({ ...base(), network: { kind: "circles", closure: 1 } })).toMatchInlineSnapshot(`
      [
        "network.closure: got 1, expected a number < 1",
      ]
    `);
    expect(problems({ ...base(), network: { kind: "circles", degrees: { values: [1, 2, 3], weights: [1, 2] } } })).toMatchInlineSnapshot(`
      [
        "network.degrees.weights: got [1,2], expected 3 weights (one per value)",
      ]
    `);
    expect(problems({ ...base(), network: { kind: "circles", degrees: { values: [1, -2] } } })).toMatchInlineSnapshot(`
      [
        "network.degrees.values[1]: got -2, expected a number ≥ 0",
      ]
    `);
    expect(problems({ ...base(), network: { kind: "circles", degrees: { values: [4], weights: [0] } } })).toMatchInlineSnapshot(`
      [
        "network.degrees.weights: got [0], expected at least one positive weight",
      ]
    `);
    expect(problems({ ...base(), network: { kind: "circles", degrees: [{ values: [3] }, { values: [4] }, { values: [5] }] } })).toMatchInlineSnapshot(`
      [
        "network.degrees: got 3, expected 2 degree distributions (one per circle), or one object for all circles",
      ]
    `);
    expect(problems({ ...base(), network: { kind: "circles", degrees: [{ values: [3] }, { value: [4] }] } })).toMatchInlineSnapshot(`
      [
        "network.degrees[1].values: missing, expected an array",
      ]
    `);
  });
  it("a population too large for memory", () => {
    expect(problems({ ...base(), population: { circles: [{ name: "a", size: 70_000_000 }] } })).toMatchInlineSnapshot(`
      [
        "population.circles: got 70000001, expected at most 60000000 agents in all (accounts and zombies included): too large for memory",
      ]
    `);
  });
  it("unknown content and circle in an action, schedule beyond the horizon", () => {
    const plans = [{ name: "p", actions: [{ type: "post", content: "nope", from: "kols", circles: ["z"], at: { start: 10, every: 10, count: 5 } }] }];
    expect(problems({ ...base(), plans })).toMatchInlineSnapshot(`
      [
        "plans[0].actions[0].content: got "nope", expected a content id (c)",
        "plans[0].actions[0].circles[0]: got "z", expected a circle name (a, b)",
        "plans[0].actions[0].at: got {"start":10,"every":10,"count":5}, expected a schedule within the horizon (30); it reaches tick 50",
      ]
    `);
  });
  it("touchesToConvert min above max", () => {
    expect(problems({ ...base(), population: { circles: [{ name: "a", size: 10, touchesToConvert: { min: 8, max: 6 } }] } })).toMatchInlineSnapshot(`
      [
        "population.circles[0].touchesToConvert: got {"min":8,"max":6}, expected min ≤ max",
      ]
    `);
  });
  it("unknown network kind", () => {
    expect(problems({ ...base(), network: { kind: "smallworld" } })).toMatchInlineSnapshot(`
      [
        "network.kind: got "smallworld", expected one of "circles" | "complete" | "edges" | "file"",
      ]
    `);
  });
  it("duplicate names and an unknown circle in a content fit", () => {
    const population = { circles: [{ name: "a", size: 10 }, { name: "a", size: 10 }] };
    expect(problems({ ...base(), population, contents: [{ id: "c", fit: { mums: 0.5 } }] })).toMatchInlineSnapshot(`
      [
        "population.circles[1].name: got "a", expected a unique circle name",
        "contents[0].fit.mums: got "mums", expected a circle name (a, a)",
      ]
    `);
  });
  it("missing required fields", () => {
    expect(problems({ population: { circles: [{ size: 10 }] } })).toMatchInlineSnapshot(`
      [
        "name: missing, expected a string",
        "horizon: missing, expected a number",
        "population.circles[0].name: missing, expected a string",
      ]
    `);
  });
  it("a non-integer seed and a negative replicate count", () => {
    expect(problems({ ...base(), seed: 1.5, replicates: -2 })).toMatchInlineSnapshot(`
      [
        "replicates: got -2, expected a number ≥ 1",
        "seed: got 1.5, expected an integer",
      ]
    `);
  });
  it("edge list with a node id out of range and sizes that do not add up", () => {
    const network = { kind: "edges", nodes: 4, edges: [[0, 1], [2, 9]] };
    expect(problems({ ...base(), network, plans: undefined, contents: undefined })).toMatchInlineSnapshot(`
      [
        "network.nodes: got 4, expected the population's total size 150 (sum of circles[].size)",
        "network.edges[1]: got [2,9], expected node ids below nodes (4)",
      ]
    `);
  });
  it("a classic model on the wrong network", () => {
    expect(problems({ ...base(), network: { kind: "complete" }, model: { kind: "lt", seeds: [0] } })).toMatchInlineSnapshot(`
      [
        "network.kind: got "complete", expected "circles", "edges" or "file": the lt model needs ties",
      ]
    `);
    expect(problems({ ...base(), model: { kind: "sis", beta: 0.2, gamma: 0.1, seeds: [0], timeStep: "poisson" } })).toMatchInlineSnapshot(`
      [
        "model.timeStep: got "poisson", expected "discrete" or no timeStep: on a network β is a per-tie probability per tick, the discrete rule",
      ]
    `);
  });
  it("a discrete time step whose per-tick probability can exceed 1", () => {
    expect(problems({ ...base(), model: { kind: "bass", p: 0.2, q: 0.9, timeStep: "discrete" } })).toMatchInlineSnapshot(`
      [
        "model.q: got 0.9, expected p + q ≤ 1 with timeStep "discrete", where p + q·F is a probability per tick (p + q = 1.1); use "poisson" or shorter ticks (smaller p and q)",
      ]
    `);
    expect(problems({ ...base(), network: { kind: "complete" }, model: { kind: "sir", beta: 1.5, gamma: 0.5, seeds: [0], timeStep: "discrete" } })).toMatchInlineSnapshot(`
      [
        "model.beta: got 1.5, expected β ≤ 1 with timeStep "discrete", where β·I/N is a probability per tick",
      ]
    `);
  });
  it("threshold distributions with an empty range, no mass, an unknown circle; seeds that select nobody", () => {
    const lt = (model: Record<string, unknown>) => problems({ ...base(), model: { kind: "lt", seeds: [0], ...model } });
    expect(lt({ threshold: { kind: "uniform", min: 0.6, max: 0.2 }, circleThresholds: { c: { kind: "fixed", value: 0.1 }, b: { kind: "beta", a: 2, b: 2, min: 3 } } })).toMatchInlineSnapshot(`
      [
        "model.threshold.max: got 0.2, expected max > min (0.6)",
        "model.circleThresholds.b.max: missing, expected max > min (3); max defaults to 1",
        "model.circleThresholds.c: got "c", expected a circle name (a, b)",
      ]
    `);
    expect(lt({ threshold: { kind: "normal", mean: 50, sd: 1, max: 1 } })).toMatchInlineSnapshot(`
      [
        "model.threshold: got {"kind":"normal","mean":50,"sd":1,"max":1}, expected [min, max] = [0, 1] within 30 standard deviations of the mean (50): the truncated normal would have no mass there",
      ]
    `);
    expect(lt({ threshold: { kind: "lognormal" }, thresholdUnit: "percent" })).toMatchInlineSnapshot(`
      [
        "model.threshold.kind: got "lognormal", expected one of "fixed" | "uniform" | "normal" | "beta"",
        "model.thresholdUnit: got "percent", expected one of "fraction", "count"",
      ]
    `);
    expect(lt({ seeds: { share: 0.001 } })).toMatchInlineSnapshot(`
      [
        "model.seeds.share: got 0.001, expected a share that selects at least one of the 150 consumers",
      ]
    `);
  });
  it("not an object at all", () => {
    expect(problems([1, 2, 3])).toMatchInlineSnapshot(`
      [
        "(root): got [1,2,3], expected an object",
      ]
    `);
  });
});

describe("invalid strategy parameters give clear errors", () => {
  const withStrategies = (strategies: unknown[], budget?: number) => ({ ...base(), plans: [{ name: "p", budget, strategies }] });
  it("negative budget and price", () => {
    expect(problems(withStrategies([{ type: "buyReposts", pricePerRepost: -5, at: 0 }], -100))).toMatchInlineSnapshot(`
      [
        "plans[0].budget: got -100, expected a number ≥ 0",
        "plans[0].strategies[0].pricePerRepost: got -5, expected a number ≥ 0",
        "plans[0].strategies[0].type: got "buyReposts", expected big accounts in the network: set network.bigAccounts.count",
      ]
    `);
  });
  it("schedule beyond the horizon, in a strategy and in a repeated case", () => {
    expect(problems(withStrategies([
      { type: "kolSeeding", at: { start: 0, every: 10, count: 5 } },
      { type: "repeatCase", spacing: 20, waves: 3, strategy: { type: "crisis", at: 5 } },
    ]))).toMatchInlineSnapshot(`
      [
        "plans[0].strategies[0].at: got {"start":0,"every":10,"count":5}, expected a schedule within the horizon (30); it reaches tick 40",
        "plans[0].strategies[1].strategy.at: got 5, expected a schedule within the horizon (30); it reaches tick 45",
        "plans[0].strategies[1].spacing: got 20, expected the last wave to start within the horizon (30); wave 3 starts at 40",
      ]
    `);
  });
  it("unknown circle and unknown content id", () => {
    expect(problems(withStrategies([
      { type: "kolSeeding", circles: ["mums"], at: 0, content: "nope" },
      { type: "socialAds", budget: 100, at: 0, circles: ["b", "x"] },
    ]))).toMatchInlineSnapshot(`
      [
        "plans[0].strategies[0].content: got "nope", expected a content id (c)",
        "plans[0].strategies[0].circles[0]: got "mums", expected a circle name (a, b)",
        "plans[0].strategies[1].circles[1]: got "x", expected a circle name (a, b)",
      ]
    `);
  });
  it("an unknown strategy type and a misspelt field", () => {
    expect(problems(withStrategies([{ type: "influencers", at: 0 }, { type: "crisis", at: 3, sharer: 10 }]))).toMatchInlineSnapshot(`
      [
        "plans[0].strategies[0].type: got "influencers", expected one of "buyReposts" | "creativeContent" | "kolSeeding" | "fanManagement" | "crmTiers" | "communityOps" | "socialAds" | "crisis" | "installedBase" | "repeatCase"",
        "plans[0].strategies[1]: unknown field "sharer"",
      ]
    `);
  });
  it("reposts without big accounts", () => {
    expect(problems(withStrategies([{ type: "buyReposts", at: 0 }]))).toMatchInlineSnapshot(`
      [
        "plans[0].strategies[0].type: got "buyReposts", expected big accounts in the network: set network.bigAccounts.count",
      ]
    `);
  });
});

describe("content ids name one content across the scenario (inline strategy contents included)", () => {
  const social = () => ({ ...base(), network: { kind: "circles", bigAccounts: { count: 1, followers: 20 } } });
  it("an inline content reusing a scenario content's id is refused, naming both", () => {
    const plans = [{ name: "p", strategies: [{ type: "buyReposts", at: 1, content: { id: "c", quality: 0.1 } }], actions: [{ type: "post", content: "c", from: "brand", at: 2 }] }];
    expect(problems({ ...social(), plans })).toMatchInlineSnapshot(`
      [
        "plans[0].strategies[0].content.id: got "c", expected a content id of its own: id "c", which contents[0] already uses (choose another id)",
      ]
    `);
  });
  it("an inline content without an id takes the strategy's name: that name must not be a content id", () => {
    const plans = [{ name: "p", strategies: [{ type: "kolSeeding", name: "c", at: 1 }] }];
    expect(problems({ ...social(), plans })[0]).toMatch(/^plans\[0\]\.strategies\[0\]\.content: .*takes the id "c" from the strategy's name, which contents\[0\] already uses \(set content\.id\)$/);
  });
  it("two different inline contents of one plan may not share an id; the same content twice may", () => {
    const two = (q: number) => [{ name: "p", strategies: [{ type: "buyReposts", at: 1, content: { id: "z", quality: 0.1 } }, { type: "socialAds", budget: 10, at: 1, content: { quality: q, id: "z" } }] }];
    expect(problems({ ...social(), plans: two(0.2) })).toMatchInlineSnapshot(`
      [
        "plans[0].strategies[1].content.id: got "z", expected a content id of its own: id "z", which plans[0].strategies[0].content.id already uses with other fields (choose another id)",
      ]
    `);
    expect(parseScenario({ ...social(), plans: two(0.1) }).ok).toBe(true);
  });
  it("the engine's own content ids (fans' posts) are reserved", () => {
    expect(problems({ ...base(), contents: [{ id: "fan-word-of-mouth" }], plans: [{ name: "p", actions: [{ type: "post", content: "fan-word-of-mouth", from: "brand", at: 0 }] }] })).toMatchInlineSnapshot(`
      [
        "contents[0].id: got "fan-word-of-mouth", expected an id other than fan-word-of-mouth, fan-defense (the engine's contents for fans' posts)",
      ]
    `);
  });
  it("a schedule of a billion ticks is judged by its last tick, without listing them", () => {
    const plans = [{ name: "p", actions: [{ type: "post", content: "c", from: "brand", at: { start: 0, count: 1e9 } }] }];
    expect(problems({ ...base(), plans })).toMatchInlineSnapshot(`
      [
        "plans[0].actions[0].at: got {"start":0,"every":1,"count":1000000000}, expected a schedule within the horizon (30); it reaches tick 999999999",
      ]
    `);
  });
});
