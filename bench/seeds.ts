/**
 * Opinion leaders by degree or by expected spread (kolSeeding `select`), at equal count and price:
 * for each library scenario with a kolSeeding plan, the plan as written against the same plan with
 * `select: "spread"`, on the same worlds (paired replicates); then the same on the real ego-Facebook
 * network when ../shared/data is present (skipped otherwise).
 * `npx tsx bench/seeds.ts [--replicates N]`; prints a table of paired differences (spread − degree).
 */
import "./like-the-cli.ts";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadScenario, pairedDifference, simulate, type Scenario } from "../engine/index.ts";
import { readScenario } from "../engine/node/api.ts";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const at = process.argv.indexOf("--replicates");
const replicates = at < 0 ? 10 : Number(process.argv[at + 1]);

type Json = Record<string, unknown>;
const withSpread = (plan: Json): Json => ({
  ...plan,
  name: `${plan.name}+spread`,
  strategies: (plan.strategies as Json[]).map((s) => (s.type === "kolSeeding" ? { ...s, select: "spread" } : s)),
});

/** The scenario cut to each kolSeeding plan and its spread twin, as parsed input. */
function pairs(s: Scenario): Scenario {
  const raw = JSON.parse(JSON.stringify(s)) as Json;
  const plans = (raw.plans as Json[]).filter((p) => ((p.strategies as Json[] | undefined) ?? []).some((x) => x.type === "kolSeeding"));
  return loadScenario({ ...raw, replicates, plans: plans.flatMap((p) => [p, withSpread(p)]) });
}

const rows: string[][] = [];
function measure(label: string, s: Scenario): void {
  const t0 = performance.now();
  const sim = simulate(s);
  const secs = (performance.now() - t0) / 1000;
  for (let k = 0; k < sim.plans.length; k += 2) {
    const [deg, spr] = [sim.plans[k], sim.plans[k + 1]];
    const cell = (m: string) => {
      const d = pairedDifference(spr, deg, m);
      const base = deg.perReplicate[m].reduce((a, b) => a + b, 0) / deg.perReplicate[m].length;
      return `${base.toFixed(0)} → ${d.mean >= 0 ? "+" : ""}${d.mean.toFixed(1)} [${d.low.toFixed(1)}, ${d.high.toFixed(1)}]`;
    };
    rows.push([label, deg.plan, cell("reach"), cell("customers"), `${(spr.perReplicate.customers.filter((v, r) => v > deg.perReplicate.customers[r]).length / replicates).toFixed(2)}`, secs.toFixed(1)]);
  }
  console.error(`${label}: ${secs.toFixed(1)} s`);
}

for (const name of ["kol-circles", "three-stages", "mothers-threshold", "weak-ties"]) measure(name, pairs(readScenario(join(root, "scenarios/library", `${name}.json`))));

// The real network is read by the loader from a file path: the variant is written to a temporary file.
const facebook = join(root, "../shared/data/ego-facebook/facebook_combined.txt");
if (existsSync(facebook)) {
  const raw = JSON.parse(readFileSync(join(root, "docs/examples/facebook-real.json"), "utf8")) as Json;
  const kol = { type: "kolSeeding", topCircles: 4, kolsPerCircle: 2, pricePerPost: 50, at: { start: 0, every: 14, count: 4 }, content: "story" };
  const plan = { name: "kol-seeding", strategies: [kol] };
  const file = join(mkdtempSync(join(os.tmpdir(), "circlecast-seeds-")), "facebook.json");
  writeFileSync(file, JSON.stringify({ ...raw, replicates, network: { ...(raw.network as Json), path: facebook }, plans: [plan, withSpread(plan)] }));
  measure("ego-Facebook", readScenario(file));
} else console.error(`ego-Facebook: skipped (${facebook} not found)`);

console.log(`\nSpread-selected vs top-degree opinion leaders, same count and price; ${replicates} paired replicates; load ${os.loadavg().map((x) => x.toFixed(2)).join(" ")}`);
console.log("mean of degree → spread − degree [95 % paired interval]\n");
console.log("| scenario | plan | reach | customers | P(spread wins customers) | seconds |");
console.log("|---|---|---|---|---|---|");
for (const r of rows) console.log(`| ${r.join(" | ")} |`);
