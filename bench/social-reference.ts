/**
 * The social model against its C reference (bench/reference/social.c): the standard campaign
 * (bench/scenario.ts) at each size, one world and one compiled plan, written to a file the C kernel
 * reads. Rounds alternate [engine run, C run] so load on a shared machine hits both alike. Both time the
 * tick loop alone (generation, plan compilation and the per-tick collection excluded), each in a process
 * that has run it before (the C kernel's second run: referenceRun); every C run must give the engine's
 * counts exactly, or the script stops. Needs gcc; prints a table (and writes --out).
 *
 *   npx tsx bench/social-reference.ts [--sizes 100000,1000000] [--rounds 5] [--out bench/out/social-reference.md]
 */
import "./like-the-cli.ts";
import { loadavg } from "node:os";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { SOCIAL_METRICS } from "../engine/core/models/social-metrics.ts";
import { compileSocialReference, engineRun, referenceRun, standardInput } from "./reference/social-kernel.ts";
import { arg, machineInfo, mdTable, median, ms } from "./util.ts";

const here = path.dirname(fileURLToPath(import.meta.url));
const outDir = path.join(here, "out");
const sizes = (arg("--sizes") ?? "100000,1000000").split(",").map(Number);
const rounds = Number(arg("--rounds") ?? 5);
const out = arg("--out") ?? path.join(outDir, "social-reference.md");

async function main() {
  const exe = compileSocialReference(outDir);
  if (!exe) {
    console.log("gcc was not found: no C reference to compare with.");
    return;
  }
  const load0 = loadavg();
  const rows: string[][] = [];
  for (const n of sizes) {
    const { world, plan, file } = standardInput(n, outDir);
    const js: number[] = [], c: number[] = [];
    let deliveries = 0;
    for (let r = 0; r < rounds; r++) {
      const a = engineRun(world, plan);
      const b = referenceRun(exe, file);
      for (const name of SOCIAL_METRICS.names)
        if (!Object.is(a.metrics[name], b.metrics[name])) throw new Error(`${n} consumers: ${name} is ${a.metrics[name]} in the engine, ${b.metrics[name]} in C`);
      js.push(a.ms);
      c.push(b.ms);
      deliveries = a.metrics.reportedImpressions;
      process.stderr.write(`${n}: round ${r + 1}/${rounds}: engine ${ms(a.ms)}, C ${ms(b.ms)}\n`);
    }
    const ns = (t: number) => `${((t * 1e6) / deliveries).toFixed(0)} ns`;
    rows.push([n.toLocaleString("en-US"), deliveries.toLocaleString("en-US"), ms(median(js)), ns(median(js)), ms(median(c)), ns(median(c)),
      `${(median(js) / median(c)).toFixed(2)}×`, `${Math.min(...js.map((t, k) => t / c[k])).toFixed(2)}–${Math.max(...js.map((t, k) => t / c[k])).toFixed(2)}×`]);
  }
  const load1 = loadavg();
  const m = machineInfo();
  const text = [
    `# Social model vs its C reference`,
    ``,
    `${m.cpu}, ${m.cores} cores, Node ${process.versions.node}; load average ${load0[0].toFixed(2)} at start, ${load1[0].toFixed(2)} at end; ${rounds} rounds, alternating.`,
    `Counts equal in every round (all ${SOCIAL_METRICS.names.length} metrics, bit for bit). Time = the tick loop alone; per delivery = ÷ reported impressions.`,
    ``,
    mdTable(["Consumers", "Deliveries", "Engine", "per delivery", "C (gcc -O2)", "per delivery", "Engine ÷ C (medians)", "per round"], rows),
  ].join("\n");
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, text + "\n");
  console.log(text);
}

await main();
