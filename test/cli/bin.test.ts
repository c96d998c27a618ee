import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

// bin/circlecast.js as `npx circlecast` runs it: through its shebang, the shell line first, then Node
// (the compiled CLI in dist/, which `npm ci` builds through `prepare`).
const root = join(import.meta.dirname, "../..");
const bin = join(root, "bin/circlecast.js");
const version = (JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { version: string }).version;

/** Run the bin with GLIBC_TUNABLES as given (undefined: unset); Node prints what the variable reads before the CLI starts. */
function launch(tunables: string | undefined, ...args: string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_OPTIONS: "--import=data:text/javascript,console.log('tunables='+process.env.GLIBC_TUNABLES)" };
  delete env.GLIBC_TUNABLES;
  if (tunables !== undefined) env.GLIBC_TUNABLES = tunables;
  return spawnSync(bin, args, { env, encoding: "utf8" });
}

describe.skipIf(process.platform === "win32")("bin/circlecast.js", () => {
  it("runs the CLI in the shell's place, asking glibc for huge pages where GLIBC_TUNABLES is unset", () => {
    const r = launch(undefined, "--version");
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(`tunables=glibc.malloc.hugetlb=1\n${version}\n`);
  });

  it("leaves a GLIBC_TUNABLES the user set alone, the empty one included (the opt-out)", () => {
    expect(launch("glibc.malloc.arena_max=2", "--version").stdout).toBe(`tunables=glibc.malloc.arena_max=2\n${version}\n`);
    expect(launch("", "--version").stdout).toBe(`tunables=\n${version}\n`);
  });

  it("passes every argument through unchanged, and the CLI's exit status back", () => {
    const r = launch(undefined, "validate", "no such file.json");
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain("no such file.json");
  });
});
