/**
 * `circlecast merge DIR... --out DIR`: combine the folders of a sharded sweep (or a parent holding
 * shard-* folders) into the output an unsharded run of the same sweep gives, byte for byte.
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { ScenarioError } from "../../errors.ts";
import { prepareSweep } from "../../experiment/sweep.ts";
import { journalLine, readJournal, type RunRecord } from "../output/journal.ts";
import { FILES, readManifestText, writeData, writeHeader } from "../output/sweep-files.ts";
import { writeAtomic } from "../files.ts";
import { parseJsonText } from "../load.ts";
import { printableLine } from "../../format/printable.ts";
import { checkManifest, checkRecords, damagedIssues } from "./sweep.ts";

const SHARD_DIR = /^shard-\d+-of-\d+$/;

/** Each argument is a sweep folder (it has a manifest) or a folder of shard-* folders. */
function expand(dirs: readonly string[]): string[] {
  return dirs.flatMap((d) => {
    if (readManifestText(d) !== undefined) return [d];
    const shards = existsSync(d) && statSync(d).isDirectory() ? readdirSync(d).filter((n) => SHARD_DIR.test(n)).sort().map((n) => join(d, n)) : [];
    if (shards.length === 0)
      throw new ScenarioError([{ path: "DIR", message: `expected a sweep output folder (with ${FILES.manifest}) or a folder of shard-* folders`, received: JSON.stringify(d) }], "merge", `nothing to merge in ${d}`);
    return shards;
  });
}

export function mergeCommand(dirs: string[], flags: { out: string }): void {
  const inputs = expand(dirs);
  const out = resolve(flags.out);
  if (inputs.some((d) => resolve(d) === out))
    throw new ScenarioError([{ path: "--out", message: "expected a folder other than the inputs", received: JSON.stringify(flags.out) }], "merge", "cannot merge into an input");
  const manifest = readManifestText(inputs[0])!;
  for (const d of inputs.slice(1))
    if (readManifestText(d) !== manifest)
      throw new ScenarioError([{ path: "DIR", message: `expected the same sweep in every folder; ${d}/${FILES.manifest} differs from ${inputs[0]}'s`, received: JSON.stringify(d) }], "merge", "the folders hold different sweeps");
  checkManifest(flags.out, manifest);

  const manifestPath = `${inputs[0]}/${FILES.manifest}`;
  const parsed = parseJsonText(manifest, manifestPath);
  const prep = prepareSweep(parsed !== null && typeof parsed === "object" ? (parsed as { sweep?: unknown }).sweep : undefined, { source: manifestPath });
  // Each folder's lines are checked alone (line numbers name its journal), then all runs together.
  const byRun = new Map<number, RunRecord>();
  for (const d of inputs) {
    const path = join(d, FILES.journal);
    const { byRun: runs, damaged } = checkRecords(prep, readJournal(path));
    if (damaged.length)
      throw new ScenarioError(
        [...damagedIssues(path, damaged), { path: "DIR", message: `expected sound journals: repair ${d} with its sweep command and --repair (which runs the damaged runs again), then merge` }],
        "merge",
        `${path} has ${damaged.length} damaged line(s)`,
      );
    for (const [k, r] of runs) {
      const seen = byRun.get(k);
      if (seen && journalLine(seen) !== journalLine(r))
        throw new ScenarioError([{ path: path, message: `run ${k} is also in another folder, with different results: expected one sweep's shards` }], "merge", "the folders disagree");
      byRun.set(k, r);
    }
  }
  const missing: number[] = [];
  for (let k = 0; k < prep.runs; k++) if (!byRun.has(k)) missing.push(k);
  if (missing.length)
    throw new ScenarioError(
      [{ path: "DIR", message: `expected every run of the sweep; ${missing.length} of ${prep.runs} are missing (runs ${missing.slice(0, 8).join(", ")}${missing.length > 8 ? ", …" : ""}): is a shard unfinished?` }],
      "merge",
      "the shards are incomplete",
    );

  writeHeader(flags.out, manifest, prep);
  const sorted = [...byRun.values()].sort((a, b) => a.run - b.run);
  writeAtomic(join(flags.out, FILES.journal), sorted.map(journalLine).join(""));
  writeData(flags.out, prep, sorted);
  process.stdout.write(`merged ${inputs.length} folder(s): ${prep.runs} run(s) of ${printableLine(prep.sweep.name)}\nwrote ${flags.out}\n`);
}
