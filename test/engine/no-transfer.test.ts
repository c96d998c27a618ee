/**
 * Architecture rule: the engine never transfers an ArrayBuffer out of the thread it runs in. A transfer
 * detaches the buffer, and one detachment in a thread invalidates V8's "array buffer detaching"
 * protector there: from then on every typed-array access in that thread checks for detachment, and the
 * code compiled without the check is thrown away (a gather over 16 MB ran 1.4× as long). Workers'
 * results are copied instead (engine/worker/expose.ts, engine/split/part-server.ts). The files are
 * parsed (Vite's Oxc parser), so comments and strings do not count.
 */
import { readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parsedProgram, syntaxNodes, tsFiles, type SyntaxNode } from "../architecture/syntax.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** Calls that detach a buffer: Comlink.transfer, .transfer() / .transferToFixedLength(), postMessage or structuredClone with a transfer list. */
function transfers(file: string, source: string): string[] {
  const program = parsedProgram(file, source);
  const line = (at: number) => source.slice(0, at).split("\n").length;
  const found: string[] = [];
  for (const [node] of syntaxNodes(program)) {
    if (node.type !== "CallExpression") continue;
    const callee = node.callee as SyntaxNode & { name?: string; computed?: boolean; property?: { name?: string } };
    const name = callee.type === "Identifier" ? callee.name : callee.type === "MemberExpression" && !callee.computed ? callee.property?.name : undefined;
    const args = (node.arguments as unknown[]).length;
    if (name === "transfer" || name === "transferToFixedLength" || ((name === "postMessage" || name === "structuredClone") && args > 1)) found.push(`${line(node.start)}: ${name}`);
  }
  return found;
}

describe("the engine copies what it sends between threads", () => {
  it("the rule sees transfers but not plain posts, comments or strings", () => {
    const src = [
      "// port.postMessage(m, [b]) in a comment", // 1
      "port.postMessage(m);", // 2
      "port.postMessage(m, [b]);", // 3
      "const r = Comlink.transfer(x, [b]);", // 4
      "const c = structuredClone(x, { transfer: [b] }); structuredClone(x);", // 5
      "const d = b.transfer(); const s = 'b.transfer()';", // 6
    ].join("\n");
    expect(transfers("sample.ts", src)).toEqual(["3: postMessage", "4: transfer", "5: structuredClone", "6: transfer"]);
  });

  it("no engine file transfers a buffer", () => {
    const files = tsFiles(join(ROOT, "engine"));
    expect(files.length).toBeGreaterThan(50);
    const found = files.flatMap((f) => transfers(f, readFileSync(f, "utf8")).map((u) => `${relative(ROOT, f)}:${u}`));
    expect(found).toEqual([]);
  });
});
