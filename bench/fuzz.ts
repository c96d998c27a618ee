/**
 * The fuzz and fault suite at length (the short version runs in `npm test`: test/fuzz/fuzz.test.ts):
 * seeded bad scenarios, sweep files, network files, journals and file-system faults, each under a
 * time bound, counted by outcome. `npx tsx bench/fuzz.ts [--seed N] [--per N] [--bound S]`
 * (defaults: seed 17, 200 cases per category, 30 s per case); writes bench/out/fuzz.md.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { fuzzCases, JOURNAL_SWEEP } from "../test/fuzz/generate.ts";
import { classify, failures, runCases, table, type CaseResult } from "../test/fuzz/harness.ts";
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
results.push(...diskFaults());
const secs = (performance.now() - started) / 1000;
const slowest = [...results].filter((r) => r.ms !== undefined).sort((a, b) => b.ms! - a.ms!).slice(0, 5);
const report = [
  `# Fuzz and fault suite (seed ${seed}, ${per} cases per category, ${bound} s bound per case)`,
  "",
  `\`npx tsx bench/fuzz.ts --seed ${seed} --per ${per} --bound ${bound}\` · ${results.length} cases in ${secs.toFixed(0)} s · ${machine.date} · ${machine.cpu} × ${machine.cores} · node ${machine.node} · load ${machine.loadAverage.map((l) => l.toFixed(2)).join(" ")} at start · commit ${machine.commit}`,
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

/**
 * A full disk and a read-only file system, on a small tmpfs (root only; skipped otherwise): a sweep
 * that fills the disk must stop with exit 2 naming its journal, and once there is room the same
 * command must finish with the uninterrupted sweep's runs.csv; a read-only folder must be refused.
 */
function diskFaults(): CaseResult[] {
  if (process.getuid?.() !== 0) return [];
  const work = mkdtempSync(join(tmpdir(), "circlecast-fuzz-disk-"));
  const mnt = join(work, "mnt");
  const sh = (...args: string[]) => spawnSync(args[0], args.slice(1), { encoding: "utf8" });
  if (sh("mkdir", "-p", mnt).status !== 0 || sh("mount", "-t", "tmpfs", "-o", "size=16k", "tmpfs", mnt).status !== 0) return [];
  const sweep = join(work, "sweep.json");
  writeFileSync(sweep, JSON.stringify({ ...JOURNAL_SWEEP, parameters: [{ path: "circles.a.fatigueRate", min: 0.05, max: 0.5, steps: 40 }] }));
  const cli = (...args: string[]) => {
    const r = spawnSync(process.execPath, ["--import", "tsx", join(root, "engine/node/cli.ts"), ...args], { cwd: root, encoding: "utf8" });
    return { i: 0, code: r.status ?? -1, err: r.stderr, ms: 0, polluted: false };
  };
  const out: CaseResult[] = [];
  const add = (what: string, expect: "reject" | "accept", r: ReturnType<typeof cli>, same?: boolean) => {
    const c = { category: "fault" as const, what, files: {}, argv: [], expect };
    out.push({ case: c, ...classify(c, { ...r, same }) });
  };
  try {
    const reference = join(work, "reference");
    cli("sweep", sweep, "--out", reference, "--workers", "0");
    add("sweep onto a full disk (16 KiB tmpfs)", "reject", cli("sweep", sweep, "--out", join(mnt, "s"), "--workers", "0"));
    sh("mount", "-o", "remount,size=4m", mnt);
    const resumed = cli("sweep", sweep, "--out", join(mnt, "s"), "--workers", "0");
    const same = existsSync(join(mnt, "s/runs.csv")) && readFileSync(join(mnt, "s/runs.csv")).equals(readFileSync(join(reference, "runs.csv")));
    add("the same sweep once there is room: runs.csv equals the uninterrupted sweep's", "accept", resumed, same);
    sh("mount", "-o", "remount,ro", mnt);
    add("sweep into a read-only file system (a new folder)", "reject", cli("sweep", sweep, "--out", join(mnt, "t"), "--workers", "0"));
    add("sweep into a read-only file system (the finished folder)", "reject", cli("sweep", sweep, "--out", join(mnt, "s"), "--workers", "0"));
    add("run --out into a read-only file system", "reject", cli("run", "library:sir", "--replicates", "1", "--out", join(mnt, "x.csv")));
  } finally {
    sh("umount", mnt);
  }
  return out;
}
