import { describe, expect, it } from "vitest";
import { scenarioJsonSchema } from "../../scenarios/json-schema.ts";
import { scanSchemaSource } from "../../scenarios/schema-docs.ts";

describe("field documentation in the JSON Schema", () => {
  it("reads each documented top-level property of a const zod object, and its spreads, not nested ones", () => {
    const src = `
const budget = {
  /** Money the strategy may spend. */
  budget: NonNegative.optional(),
};
export const Thing = z
  .strictObject({
    /**
     * Ticks simulated;
     * outputs have horizon + 1 rows.
     */
    horizon: PositiveInt.max(100_000),
    label: z.string().default("a { brace } in a string"), // not documented
    /** Nested objects keep their own documentation. */
    trust: z.strictObject({ /** not read */ alpha: z.number() }),
    ...budget,
  })
  .superRefine(() => {});
`;
    const { docs, spreads } = scanSchemaSource(src);
    expect([...docs.get("Thing")!]).toEqual([
      ["horizon", "Ticks simulated; outputs have horizon + 1 rows."],
      ["trust", "Nested objects keep their own documentation."],
    ]);
    expect([...docs.get("budget")!]).toEqual([["budget", "Money the strategy may spend."]]);
    expect(spreads.get("Thing")).toEqual(["budget"]);
  });

  it("gives scenario.schema.json the JSDoc of the zod schema's fields as descriptions", () => {
    const s = scenarioJsonSchema() as { properties: Record<string, any> };
    expect(s.properties.horizon.description).toBe("Ticks simulated; outputs have horizon + 1 rows (tick 0 is the start).");
    expect(s.properties.tickDays.description).toBe("Length of one tick in days (labels and rates only).");
    const product = s.properties.product.properties;
    expect(product.unitMargin.description).toBe("Margin of one purchase, in currency (used for ROI).");
    const text = JSON.stringify(s);
    expect((text.match(/"description"/g) ?? []).length).toBeGreaterThan(120);
  });
});
