/** The real `circlecast` CLI as a child process, for comparing the viewer's exports with its output. */
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

export function circlecast(...args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ["--import", "tsx", "engine/node/cli.ts", ...args], { cwd: ROOT, maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`circlecast ${args.join(" ")} failed: ${stderr || err.message}`));
      else resolve(stdout);
    });
  });
}

/** `circlecast run <ref> --out series.csv …`: the per-tick CSV file's text. */
export async function cliSeriesCsv(ref: string, ...flags: string[]): Promise<string> {
  const out = join(mkdtempSync(join(tmpdir(), "circlecast-e2e-")), "series.csv");
  await circlecast("run", ref, ...flags, "--out", out);
  return readFileSync(out, "utf8");
}
