// docs/api.md's example runs as written (with `circlecast` and `circlecast/node` pointing at the
// sources), and prints what the page says it prints.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const page = readFileSync(join(ROOT, "docs/api.md"), "utf8");

/** The page's fenced blocks of a language, in order. */
const blocks = (lang: string) => [...page.matchAll(new RegExp("```" + lang + "\\n([\\s\\S]*?)```", "g"))].map((m) => m[1]);

describe("docs/api.md", () => {
  it("runs its example and prints the output it shows", () => {
    const [code] = blocks("ts");
    const file = join(mkdtempSync(join(tmpdir(), "circlecast-api-")), "example.ts");
    writeFileSync(file, code.replaceAll('from "circlecast/node"', `from ${JSON.stringify(join(ROOT, "engine/node/api.ts"))}`).replaceAll('from "circlecast"', `from ${JSON.stringify(join(ROOT, "engine/index.ts"))}`));
    const out = execFileSync(process.execPath, ["--import", "tsx", file], { cwd: ROOT, encoding: "utf8" });
    expect(out).toBe(blocks("text")[0]);
  });
});
