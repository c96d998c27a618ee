/**
 * Parsed source for the rules that read code (Vite's Oxc parser), so that comments and strings do not
 * count: a depth-first walk of the syntax tree, and the TypeScript files a rule reads.
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { parseSync } from "vite";

export type SyntaxNode = { type: string; start: number; [key: string]: unknown };

/** Every node under `value`, depth first, each with its parent node. */
export function* syntaxNodes(value: unknown, parent?: SyntaxNode): Generator<[SyntaxNode, SyntaxNode | undefined]> {
  if (Array.isArray(value)) for (const v of value) yield* syntaxNodes(v, parent);
  else if (value && typeof value === "object") {
    const node = value as SyntaxNode;
    const isNode = typeof node.type === "string";
    if (isNode) yield [node, parent];
    for (const [k, v] of Object.entries(node)) if (k !== "type" && v && typeof v === "object") yield* syntaxNodes(v, isNode ? node : parent);
  }
}

/** The program of `source`; a syntax error names the file. */
export function parsedProgram(file: string, source: string): unknown {
  const { program, errors } = parseSync(file, source);
  if (errors.length) throw new Error(`${file}: ${errors[0].message}`);
  return program;
}

/** The .ts files under `dir`, its folders included. */
export function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? tsFiles(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : []));
}
