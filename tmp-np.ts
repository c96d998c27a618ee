import { standardScenario } from "./bench/scenario.ts";
import { buildPopulation } from "./engine/core/population.ts";
import { friendshipBlocks } from "./engine/core/network/circles.ts";
import { planFriendships, placeFriendships } from "./engine/core/network/friendships.ts";
import { Purpose, deriveKey, replicateKey } from "./engine/core/rng/seed.ts";
import { uniform } from "./engine/core/rng/hash.ts";
import { pow } from "./engine/core/libm/pow.ts";
const n = Number(process.argv[2] ?? 1e6);
const s = standardScenario(n);
const key = replicateKey(s.seed, 0);
const pop = buildPopulation(s, deriveKey(key, Purpose.population));
for (let r = 0; r < 3; r++) {
  let t = performance.now(); const lap = (l: string) => { const x = performance.now(); process.stdout.write(`${l} ${(x - t).toFixed(0)}  `); t = x; };
  const theta = new Float64Array(pop.consumers); for (let i = 0; i < pop.consumers; i++) theta[i] = pow(1 - uniform(key, 7, i, 0), -1 / 1.5); lap("theta");
  const f = planFriendships(theta, pop.circleStart, friendshipBlocks(s, s.network as any), 5); lap("plan");
  const C = f.chunkStart[f.chunkStart.length - 1];
  const cnt = new Int32Array(pop.n); placeFriendships(f, 0, C, cnt); lap("count");
  const off = new Int32Array(pop.n + 1); for (let i = 0; i < pop.n; i++) off[i + 1] = off[i] + cnt[i]; const cur = off.slice(0, pop.n); lap("prefix");
  const tg = new Int32Array(off[pop.n]), w = new Float32Array(off[pop.n]); lap("alloc");
  placeFriendships(f, 0, C, cur, tg, w); lap("fill");
  console.log(tg.length);
}
