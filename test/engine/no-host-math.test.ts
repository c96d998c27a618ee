/**
 * Architecture rule (docs/model.md §8): the simulation and the experiment layer use only the
 * operations that every JavaScript engine rounds the same way. Math.exp, Math.log, Math.pow, Math.sin,
 * Math.cos and the other transcendental functions, and the ** operator (Math.pow), are not specified
 * to the last bit and differ between Node and Chromium; engine/core/libm replaces them. Only the
 * members of Math whose results are exact pass (Math.random is banned from the engine anyway). The
 * files are parsed (Vite's Oxc parser), so comments and strings do not count and aliases do.
 */
import { readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parsedProgram, syntaxNodes, tsFiles } from "../architecture/syntax.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const DIRS = ["engine/core", "engine/experiment"];

/** The members of Math whose results the specification fixes exactly (IEEE operations, rounding, constants). */
const EXACT = new Set(["abs", "ceil", "clz32", "floor", "fround", "imul", "max", "min", "round", "sign", "sqrt", "trunc", "E", "LN10", "LN2", "LOG10E", "LOG2E", "PI", "SQRT1_2", "SQRT2"]);

/** Every use of Math outside EXACT and every ** in `source`, as "line: what". */
function hostMathUses(file: string, source: string): string[] {
  const program = parsedProgram(file, source);
  const line = (at: number) => source.slice(0, at).split("\n").length;
  const found: string[] = [];
  for (const [node, parent] of syntaxNodes(program)) {
    if ((node.type === "BinaryExpression" || node.type === "AssignmentExpression") && (node.operator === "**" || node.operator === "**=")) found.push(`${line(node.start)}: ${node.operator}`);
    if (node.type !== "Identifier" || node.name !== "Math") continue;
    const member = parent?.type === "MemberExpression" && parent.object === node ? parent : undefined;
    const property = member && !member.computed ? (member.property as { name?: string }).name : undefined;
    if (property !== undefined && EXACT.has(property)) continue;
    found.push(`${line(node.start)}: Math${property ? `.${property}` : member ? "[…]" : " (aliased)"}`);
  }
  return found;
}

describe("engine/core and engine/experiment use no host transcendental math", () => {
  it("the rule sees calls, computed access, aliases and ** but not comments or strings", () => {
    const src = [
      "// Math.exp(1) in a comment", // 1
      "const s = 'Math.log(2)';", // 2
      "const a = Math.floor(2.5) + Math.sqrt(2) * Math.PI;", // 3
      "const b = Math.exp(1);", // 4
      "const c = Math['cos'](1);", // 5
      "const { pow } = Math;", // 6
      "let d = 2 ** 3; d **= 2;", // 7
      "const e = Math.hypot(3, 4) + Math.random();", // 8
    ].join("\n");
    expect(hostMathUses("sample.ts", src)).toEqual(["4: Math.exp", "5: Math[…]", "6: Math (aliased)", "7: **", "7: **=", "8: Math.hypot", "8: Math.random"]);
  });

  it("no file calls Math.exp, log, pow, sin, cos, … or uses ** (engine/core/libm has the deterministic ones)", () => {
    const files = DIRS.flatMap((d) => tsFiles(join(ROOT, d)));
    expect(files.length).toBeGreaterThan(50);
    const uses = files.flatMap((f) => hostMathUses(f, readFileSync(f, "utf8")).map((u) => `${relative(ROOT, f)}:${u}`));
    expect(uses).toEqual([]);
  });
});
