/**
 * A toJSONSchema override that gives each field of the schema's zod objects its JSDoc as `description`
 * (schema-docs.ts reads them from the sources), matching the objects by identity with the modules'
 * exports.
 */
import type { z } from "zod";
import { schemaDocs } from "./schema-docs.ts";
import * as calibrate from "./schema/calibrate.ts";
import * as common from "./schema/common.ts";
import * as content from "./schema/content.ts";
import * as model from "./schema/model.ts";
import * as network from "./schema/network.ts";
import * as optimize from "./schema/optimize.ts";
import * as plans from "./schema/plans.ts";
import * as population from "./schema/population.ts";
import * as scenario from "./schema/scenario.ts";
import * as strategies from "./schema/strategies.ts";
import * as sweep from "./schema/sweep.ts";

const MODULES: readonly Record<string, unknown>[] = [calibrate, common, content, model, network, optimize, plans, population, scenario, strategies, sweep];

type Override = NonNullable<Parameters<typeof z.toJSONSchema>[1]>["override"];

const isObjectSchema = (v: unknown): boolean => (v as { _zod?: { def?: { type?: string } } })?._zod?.def?.type === "object";

export function describeFields(): Override {
  const docs = schemaDocs();
  const byObject = new Map<unknown, Map<string, string>>();
  for (const m of MODULES)
    for (const [name, value] of Object.entries(m)) {
      const d = docs.get(name);
      if (d && d.size > 0 && isObjectSchema(value)) byObject.set(value, d);
    }
  return (ctx) => {
    const d = byObject.get(ctx.zodSchema);
    const props = (ctx.jsonSchema as { properties?: Record<string, { description?: string }> }).properties;
    if (!d || !props) return;
    // A copy per field: fields built from one zod schema (a shared `budget`) share one JSON object.
    for (const [p, text] of d) if (props[p] && props[p].description === undefined) props[p] = { ...props[p], description: text };
  };
}
