import { buildWorld } from "./engine/core/world.ts";
import { standardScenario } from "./bench/scenario.ts";
const n = Number(process.argv[2] ?? 1000000);
const s = standardScenario(n);
buildWorld(s, 0);
const ts: number[] = [];
for (let k = 0; k < 4; k++) { const t0 = performance.now(); buildWorld(s, k); ts.push(performance.now() - t0); }
console.log(ts.map((x) => x.toFixed(0)).join(" "));
