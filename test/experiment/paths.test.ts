import { describe, expect, it } from "vitest";
import { getPath, parsePath, resolvePath, setPath, PathError } from "../../engine/experiment/paths.ts";
import { smallScenario } from "../helpers.ts";

const s = smallScenario({
  plans: [
    { name: "brand", actions: [{ type: "post", content: "piece", from: "brand", at: 0, cost: 10 }] },
    {
      name: "fans",
      budget: 5000,
      strategies: [
        { type: "kolSeeding", pricePerPost: 100, at: 3 },
        { type: "kolSeeding", pricePerPost: 200, at: 9 },
        { type: "socialAds", name: "push", budget: 300, at: 0 },
      ],
    },
  ],
});

const msg = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    if (e instanceof PathError) return e.message;
    throw e;
  }
  throw new Error("no PathError");
};

describe("parsePath", () => {
  it("reads keys, indices, [*] and quoted names", () => {
    expect(parsePath('circles[2].touchesToConvert.min')).toEqual([
      { kind: "key", key: "circles" }, { kind: "index", index: 2 }, { kind: "key", key: "touchesToConvert" }, { kind: "key", key: "min" },
    ]);
    expect(parsePath('plans["a.b"][*].x')).toEqual([{ kind: "key", key: "plans" }, { kind: "key", key: "a.b" }, { kind: "all" }, { kind: "key", key: "x" }]);
    expect(parsePath("circles.office-workers.trust")[1]).toEqual({ kind: "key", key: "office-workers" });
  });

  it("rejects malformed paths with the position", () => {
    expect(msg(() => parsePath(""))).toMatchInlineSnapshot(`"expected a path like circles[0].trust or plans.NAME.budget (empty path at character 1)"`);
    expect(msg(() => parsePath("a[x]"))).toMatchInlineSnapshot(`"expected a path like circles[0].trust or plans.NAME.budget ("[x]" is not an index, [*] or a quoted name at character 2)"`);
    expect(msg(() => parsePath("a..b"))).toMatchInlineSnapshot(`"expected a path like circles[0].trust or plans.NAME.budget (empty name at character 3)"`);
    expect(msg(() => parsePath("a[1"))).toMatchInlineSnapshot(`"expected a path like circles[0].trust or plans.NAME.budget (unclosed [ at character 2)"`);
  });
});

describe("get and set by path", () => {
  it("circles is population.circles; names pick list elements", () => {
    expect(getPath(s, "circles[1].touchesToConvert")).toEqual({ min: 1, max: 2 });
    expect(getPath(s, "circles.b.touchesToConvert.max")).toBe(2);
    expect(getPath(s, "population.circles[0].name")).toBe("a");
    expect(getPath(s, "plans.fans.budget")).toBe(5000);
    expect(getPath(s, "contents.paid.quality")).toBe(0.7);
  });

  it("strategies are named as their channels: name, else type, numbered from the second use", () => {
    expect(getPath(s, "plans.fans.strategies.kolSeeding.pricePerPost")).toBe(100);
    expect(getPath(s, "plans.fans.strategies.kolSeeding-2.pricePerPost")).toBe(200);
    expect(getPath(s, "plans.fans.strategies.push.budget")).toBe(300);
    expect(getPath(s, "plans[1].strategies[1].at")).toBe(9);
  });

  it("[*] sets every element; setPath copies and leaves the input alone", () => {
    const t = setPath(s, "circles[*].fatigueRate", 0.3);
    expect(t.population.circles.map((c) => c.fatigueRate)).toEqual([0.3, 0.3]);
    expect(s.population.circles.map((c) => c.fatigueRate)).toEqual([0.1, 0.1]);
    expect(resolvePath(s, parsePath("circles[*].trust.alpha")).locations).toEqual([
      ["population", "circles", 0, "trust", "alpha"],
      ["population", "circles", 1, "trust", "alpha"],
    ]);
  });

  it("a missing last key is an addition (judged later by the scenario schema); a missing middle key is an error", () => {
    expect(resolvePath(s, parsePath("plans.brand.budget"))).toEqual({ locations: [["plans", 0, "budget"]], adds: true });
    expect(msg(() => resolvePath(s, parsePath("circles[0].trusst.alpha")))).toMatchInlineSnapshot(
      `"expected a field of population.circles[0] (name, size, productAffinity, trust, skepticism, activity, fatigueRate, fatigueRecovery, touchesToConvert, sharePropensity, repetitionDecay, kols, kolReach), not "trusst""`,
    );
  });

  it("explains where a path stops", () => {
    expect(msg(() => getPath(s, "circles[5].size"))).toMatchInlineSnapshot(`"expected an index below 2: population.circles has 2 item(s)"`);
    expect(msg(() => getPath(s, "plans.nope.budget"))).toMatchInlineSnapshot(`"expected an element of plans (brand, fans), not "nope""`);
    expect(msg(() => getPath(s, "horizon.x"))).toMatchInlineSnapshot(`"expected an object at horizon for "x", found a number"`);
    expect(msg(() => getPath(s, "horizon[0]"))).toMatchInlineSnapshot(`"expected a list at horizon for [0], found a number"`);
    expect(msg(() => getPath({ xs: [{ name: "a" }, { name: "a" }] }, "xs.a"))).toMatchInlineSnapshot(`"expected a unique name: xs has 2 elements named "a"; use an index"`);
  });
});

describe("paths cannot reach the prototype machinery", () => {
  it("refuses __proto__, prototype and constructor by name, and leaves Object.prototype alone", () => {
    for (const path of ["__proto__.polluted", "product.__proto__.polluted", 'product["__proto__"].polluted', "constructor.prototype.polluted", "circles[0].prototype"])
      expect(msg(() => setPath(s, path, 1))).toMatch(/is not a scenario field/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("reads own fields only: an inherited name is an unknown field, not a function", () => {
    expect(msg(() => getPath(s, "product.toString.x"))).toMatch(/^expected a field of product \(/);
    expect(resolvePath(s, parsePath("product.hasOwnProperty")).adds).toBe(true);
  });
});
