/**
 * The fuzz and fault suite at length (the short version runs in `npm test`: test/fuzz/fuzz.test.ts):
 * seeded bad scenarios, sweep files, network files, journals and file-system faults, each under a
 * time bound, counted by outcome. `npx tsx bench/fuzz.ts [--seed N] [--per N] [--bound S]`
 * (defaults: seed 17, 200 cases per category, 30 s per case); writes bench/out/fuzz.md.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { fuzzCases } from "../test/fuzz/generate.ts";
import { failures, runCases, table } from "../test/fuzz/harness.ts";
import { machineInfo } from "./util.ts";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const arg = (name: string, fallback: number): number => {
  const at = process.argv.indexOf(name);
  if (at < 0) return fallback;
  const v = Number(process.argv[at + 1]);
  if (!Number.isInteger(v) || v < 1) throw new Error(`${name}: got ${process.argv[at + 1]}, expected a whole number ≥ 1`);
  return v;
};
const seed = arg("--seed", 17);
const per = arg("--per", 200);
const bound = arg("--bound", 30);

const cases = fuzzCases(seed, { scenario: per, sweep: per, network: per, journal: per, fault: per });
const machine = machineInfo();
const started = performance.now();
let done = 0;
const results = await runCases(cases, {
  boundMs: bound * 1000,
  onResult: () => {
    if (++done % 50 === 0) process.stderr.write(`\r${done}/${cases.length} cases`);
  },
});
const secs = (performance.now() - started) / 1000;
const slowest = [...results].filter((r) => r.ms !== undefined).sort((a, b) => b.ms! - a.ms!).slice(0, 5);
const report = [
  `# Fuzz and fault suite (seed ${seed}, ${per} cases per category, ${bound} s bound per case)`,
  "",
  `\`npx tsx bench/fuzz.ts --seed ${seed} --per ${per} --bound ${bound}\` · ${cases.length} cases in ${secs.toFixed(0)} s · ${machine.date} · ${machine.cpu} × ${machine.cores} · node ${machine.node} · load ${machine.loadAverage.map((l) => l.toFixed(2)).join(" ")} at start · commit ${machine.commit}`,
  "",
  table(results),
  "",
  "Not clean (or a valid input refused):",
  "",
  ...(failures(results).map((f) => `- ${f}`).concat(failures(results).length ? [] : ["- none"])),
  "",
  "Slowest cases:",
  "",
  ...slowest.map((r) => `- ${(r.ms! / 1000).toFixed(1)} s: ${r.case.category}: ${r.case.what.slice(0, 100)}`),
  "",
].join("\n");
mkdirSync(join(root, "bench/out"), { recursive: true });
writeFileSync(join(root, "bench/out/fuzz.md"), report);
process.stderr.write("\n");
process.stdout.write(report);
