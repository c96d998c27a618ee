import { runPlan } from "./engine/core/run.ts";
import { buildWorld } from "./engine/core/world.ts";
import { standardScenario } from "./bench/scenario.ts";
const n = Number(process.argv[2] ?? 1000000), runs = Number(process.argv[3] ?? 5);
const s = standardScenario(n);
const world = buildWorld(s, 0);
runPlan(world, s.plans[0]);
const ts: number[] = [];
for (let k = 0; k < runs; k++) { const t0 = performance.now(); runPlan(world, s.plans[0]); ts.push(performance.now() - t0); }
console.log(process.argv[4] ?? "", ts.map((x) => x.toFixed(0)).join(" "));
