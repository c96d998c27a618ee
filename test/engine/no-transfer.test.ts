/**
 * Architecture rule: the engine never transfers an ArrayBuffer out of the thread it runs in. A transfer
 * detaches the buffer, and one detachment in a thread invalidates V8's "array buffer detaching"
 * protector there: from then on every typed-array access in that thread checks for detachment, and the
 * code compiled without the check is thrown away (a gather over 16 MB ran 1.4× as long). Workers'
 * results are copied instead (engine/worker/expose.ts, engine/split/part-server.ts). The files are
 * parsed (Vite's Oxc parser), so comments and strings do not count.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { parseSync } from "vite";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

type Node = { type: string; start: number; [key: string]: unknown };

function* nodes(value: unknown): Generator<Node> {
  if (Array.isArray(value)) for (const v of value) yield* nodes(v);
  else if (value && typeof value === "object") {
    const node = value as Node;
    if (typeof node.type === "string") yield node;
    for (const [k, v] of Object.entries(node)) if (k !== "type" && v && typeof v === "object") yield* nodes(v);
  }
}

/** Calls that detach a buffer: Comlink.transfer, .transfer() / .transferToFixedLength(), postMessage or structuredClone with a transfer list. */
function transfers(file: string, source: string): string[] {
  const { program, errors } = parseSync(file, source);
  if (errors.length) throw new Error(`${file}: ${errors[0].message}`);
  const line = (at: number) => source.slice(0, at).split("\n").length;
  const found: string[] = [];
  for (const node of nodes(program)) {
    if (node.type !== "CallExpression") continue;
    const callee = node.callee as Node & { name?: string; computed?: boolean; property?: { name?: string } };
    const name = callee.type === "Identifier" ? callee.name : callee.type === "MemberExpression" && !callee.computed ? callee.property?.name : undefined;
    const args = (node.arguments as unknown[]).length;
    if (name === "transfer" || name === "transferToFixedLength" || ((name === "postMessage" || name === "structuredClone") && args > 1)) found.push(`${line(node.start)}: ${name}`);
  }
  return found;
}

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? tsFiles(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : []));
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
