/**
 * The scenario schema's field documentation, read from the JSDoc comments of its zod objects, for the
 * JSON Schema's `description`s (json-schema.ts): an editor shows them on hover over a scenario file,
 * and the viewer's forms show them as help. The comments stay the one place a field is explained.
 *
 * A small scanner, not a TypeScript parser: in each schema file it finds the object literals of
 * `const Name = z.strictObject({ … })` (or `z.object`, or a plain `const name = { … }` spread into
 * them) and, at their top level, each `/** … *\/` comment and the property it precedes; a spread
 * `...name` brings in that object's documented properties.
 */
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** Per const name (in any schema file): property → its JSDoc text, one paragraph. */
export type SchemaDocs = Map<string, Map<string, string>>;

const SCHEMA_DIR = fileURLToPath(new URL("./schema/", import.meta.url));

/** The text of a JSDoc comment: no delimiters or leading stars, lines joined by spaces. */
function jsDocText(comment: string): string {
  return comment
    .replace(/^\/\*\*|\*\/$/g, "")
    .split("\n")
    .map((l) => l.replace(/^\s*\*\s?/, "").trim())
    .filter((l) => l.length > 0)
    .join(" ");
}

/** The documented top-level properties of each object literal bound to a const in `source`, and its spreads. */
export function scanSchemaSource(source: string): { docs: SchemaDocs; spreads: Map<string, string[]> } {
  const docs: SchemaDocs = new Map();
  const spreads = new Map<string, string[]>();
  // Stack of open braces: the const whose object literal each opened, if it is one we read.
  const stack: (string | undefined)[] = [];
  let pending: string | undefined; // a JSDoc comment waiting for its property
  let i = 0;
  const n = source.length;
  while (i < n) {
    const ch = source[i];
    const owner = stack.length > 0 ? stack[stack.length - 1] : undefined;
    if (ch === "/" && source[i + 1] === "/") {
      i = source.indexOf("\n", i);
      if (i < 0) break;
      continue;
    }
    if (ch === "/" && source[i + 1] === "*") {
      const end = source.indexOf("*/", i + 2) + 2;
      if (source[i + 2] === "*" && owner) pending = jsDocText(source.slice(i, end));
      i = end;
      continue;
    }
    if (ch === '"' || ch === "'" || ch === "`") {
      let j = i + 1;
      while (j < n && source[j] !== ch) j += source[j] === "\\" ? 2 : 1;
      i = j + 1;
      continue;
    }
    if (ch === "{") {
      // An object literal of `const Name = … (z.strictObject|z.object)({` or `const name = {`, at the top level of the file.
      const before = source.slice(Math.max(0, i - 300), i);
      const bound = stack.length === 0 ? /(?:^|\n)(?:export\s+)?const\s+(\w+)\s*=\s*(?:z\s*\.\s*(?:strictObject|object)\s*\(\s*)?$/.exec(before) : null;
      stack.push(bound ? bound[1] : undefined);
      if (bound && !docs.has(bound[1])) docs.set(bound[1], new Map());
      pending = undefined;
      i++;
      continue;
    }
    if (ch === "}") {
      stack.pop();
      pending = undefined;
      i++;
      continue;
    }
    if (owner && stack.length === 1) {
      const rest = /^(?:\.\.\.(\w+)|(\w+)\s*:)/.exec(source.slice(i, i + 120));
      if (rest && /[\s,{(]/.test(source[i - 1] ?? " ")) {
        if (rest[1]) spreads.set(owner, [...(spreads.get(owner) ?? []), rest[1]]);
        else if (pending) docs.get(owner)!.set(rest[2], pending);
        pending = undefined;
        i += rest[0].length;
        continue;
      }
    }
    i++;
  }
  return { docs, spreads };
}

/** The documented properties of every const object in scenarios/schema/, spreads merged in. */
export function schemaDocs(dir = SCHEMA_DIR): SchemaDocs {
  const all: SchemaDocs = new Map();
  const spreads = new Map<string, string[]>();
  for (const f of readdirSync(dir).filter((f) => f.endsWith(".ts")).sort()) {
    const scanned = scanSchemaSource(readFileSync(`${dir}/${f}`, "utf8"));
    for (const [k, v] of scanned.docs) all.set(k, new Map([...(all.get(k) ?? []), ...v]));
    for (const [k, v] of scanned.spreads) spreads.set(k, [...(spreads.get(k) ?? []), ...v]);
  }
  for (const [owner, names] of spreads)
    for (const s of names) for (const [p, d] of all.get(s) ?? []) if (!all.get(owner)!.has(p)) all.get(owner)!.set(p, d);
  return all;
}
