/**
 * kolSeeding: circle → KOL → content. Target the most relevant circles first (by product affinity),
 * have their opinion leaders post, with the piece adapted to each circle's language. A budget buys
 * posts in schedule order: round by round, circle by circle, leader by leader.
 */
import type { StrategyOf } from "../../../scenarios/schema/strategies.ts";
import { deriveKey } from "../rng/seed.ts";
import type { World } from "../world.ts";
import { Draw, type CompileContext } from "./plan.ts";
import { greedySeeds } from "./seed-spread.ts";

/** The n circles with the highest product affinity (ties broken by order in the scenario). */
export function topCirclesByAffinity(ctx: CompileContext, n: number): Int32Array {
  const circles = ctx.scenario.population.circles.map((c, k) => ({ k, a: c.productAffinity }));
  circles.sort((x, y) => y.a - x.a || x.k - y.k);
  return Int32Array.from(circles.slice(0, n), (c) => c.k);
}

export function compileKolSeeding(ctx: CompileContext, s: StrategyOf<"kolSeeding">, name: string): void {
  const ch = ctx.channel(name, s.type, s.budget);
  const targets = s.circles ? ctx.circles(s.circles) : topCirclesByAffinity(ctx, s.topCircles);
  const circles = ctx.scenario.population.circles;
  // The calendar's pieces per target circle; adapted, each is a copy in the circle's language (same case).
  const pieces = Array.from(targets, (c) =>
    ctx.calendar(s.content, s.pieces, name, (x) =>
      s.adaptFit ? { ...x, id: `${x.id}@${circles[c].name}`, case: x.case ?? x.id, fit: { ...x.fit, [circles[c].name]: 1 } } : x),
  );
  const leaders = Array.from(targets, (c, j) =>
    s.select === "spread"
      ? spreadLeaders(ctx.world, c, s.kolsPerCircle, ctx.contents[pieces[j][0]].quality, ctx.key)
      : (ctx.world.net.accounts.kolsByCircle[c] ?? new Int32Array(0)).subarray(0, s.kolsPerCircle),
  );
  const adapted = new Uint8Array(targets.length);
  const wallet = ctx.wallet(s.budget);
  ctx.ticks(s.at, s.budget).forEach((t, k) => {
    targets.forEach((_, j) => {
      const adaptation = s.adaptFit && !adapted[j] ? s.adaptationCost : 0;
      let paid = 0;
      while (paid < leaders[j].length && wallet.take(s.pricePerPost + (paid === 0 ? adaptation : 0))) paid++;
      if (paid === 0) return;
      adapted[j] = 1;
      const message = ctx.message(ch, pieces[j][k % pieces[j].length]);
      ctx.publish(t, { kind: "post", channel: ch, message, accounts: leaders[j].subarray(0, paid), cost: s.pricePerPost * paid + adaptation, reach: 1 });
    });
  });
}

/** Live-edge samples per selection: enough to rank members whose reach differs by a few percent. */
const SPREAD_SAMPLES = 64;
/**
 * Members greedy considers per circle: those with the largest expected direct audience (Σ a_i over
 * their ties). Cascades are subcritical on the default networks, so a post's reach is mostly its
 * direct audience and the best sets lie among these; it keeps selection to milliseconds.
 */
const SPREAD_POOL = 200;
/** Ties the first pass may look at (a fraction of a second): a supercritical network's cascades cover most of it, so fewer candidates are weighed there. */
const SPREAD_WORK = 1e7;

function likelyCandidates(world: World, c: number, m: number): Int32Array {
  const { pop, net } = world;
  const { offsets, targets } = net.csr;
  const lo = pop.circleStart[c], hi = pop.circleStart[c + 1];
  if (hi - lo <= m) return Int32Array.from({ length: hi - lo }, (_, j) => lo + j);
  const audience = new Float64Array(hi - lo);
  for (let j = lo; j < hi; j++) for (let e = offsets[j]; e < offsets[j + 1]; e++) audience[j - lo] += pop.activity[targets[e]];
  const order = Int32Array.from({ length: hi - lo }, (_, j) => j).sort((a, b) => audience[b] - audience[a] || a - b);
  return Int32Array.from(order.subarray(0, m), (j) => lo + j);
}
// Plans on one network often ask the same question (same circle, count and quality): answer it once.
const spreadCache = new WeakMap<object, Map<string, Int32Array>>();

/**
 * The k members of circle c with the largest expected reach of one post of quality q, by lazy greedy
 * (seed-spread.ts). A delivery to i is seen with probability a_i and passed on with a_i·η·q: the
 * exposure model's seen and reshare steps on a fresh, unfatigued reader (docs/strategies.md).
 */
export function spreadLeaders(world: World, c: number, k: number, q: number, contentKey: number): Int32Array {
  // Keyed by the network: a world cache hands out copies of a world that share it (world-cache.ts).
  const memo = spreadCache.get(world.net) ?? new Map<string, Int32Array>();
  spreadCache.set(world.net, memo);
  const id = `${c}:${k}:${q}`;
  const hit = memo.get(id);
  if (hit) return hit;
  const { pop, net, scenario } = world;
  const eta = Float64Array.from(scenario.population.circles, (x) => x.sharePropensity);
  const seen = pop.activity;
  const share = new Float32Array(pop.n);
  for (let i = 0; i < pop.consumers; i++) share[i] = seen[i] * eta[pop.circle[i]] * q;
  const candidates = likelyCandidates(world, c, Math.max(SPREAD_POOL, 4 * k));
  const { seeds } = greedySeeds(net.csr, { seen, share }, candidates, k, { key: deriveKey(contentKey, Draw.seeds, c), samples: SPREAD_SAMPLES, maxWork: SPREAD_WORK });
  memo.set(id, seeds);
  return seeds;
}
