/**
 * The same Independent Cascade in four styles, each idiomatic for its library: Circlecast (the
 * engine's IC model on its CSR), plain objects with neighbour arrays, graphology's adjacency
 * iteration, and AgentScript turtles and links. Each builds its own graph from the shared case
 * (build time and memory measured separately) and runs R cascades with its own random source.
 */
import graphologyLib from "graphology";
import { column, replicateKey, runPlan } from "../../engine/index.ts";
import type { CascadeCase, CascadeRun } from "./graph.ts";
import { peerRng } from "./graph.ts";

export interface Peer {
  name: string;
  /** Build the peer's own graph; returns a runner for replicate r. */
  build(c: CascadeCase): (r: number) => CascadeRun;
}

export const circlecast: Peer = {
  name: "Circlecast (engine IC model, CSR)",
  build(c) {
    return (r) => {
      // Same graph, replicate r's draws: the IC draws are keyed by the world key.
      const world = { ...c.world, replicate: r, key: replicateKey(c.scenario.seed, r) };
      const t0 = performance.now();
      const res = runPlan(world, c.scenario.plans[0]);
      const ms = performance.now() - t0;
      const last = (m: string) => column(res.series, m)[res.series.rows - 1];
      return { spread: last("active"), attempts: last("attempts"), ms };
    };
  },
};

class Person {
  active = false;
  readonly friends: Person[] = [];
}

export const objects: Peer = {
  name: "objects (agents with neighbour arrays)",
  build(c) {
    const people = Array.from({ length: c.n }, () => new Person());
    for (let i = 0; i < c.n; i++) for (let e = c.offsets[i]; e < c.offsets[i + 1]; e++) people[i].friends.push(people[c.targets[e]]);
    return (r) => {
      const rng = peerRng(1000 + r);
      for (const p of people) p.active = false;
      const t0 = performance.now();
      let frontier = c.seeds.map((s) => people[s]);
      for (const p of frontier) p.active = true;
      let spread = frontier.length, attempts = 0;
      while (frontier.length) {
        const next: Person[] = [];
        for (const p of frontier)
          for (const f of p.friends) {
            attempts++;
            if (!f.active && rng() < c.p) {
              f.active = true;
              spread++;
              next.push(f);
            }
          }
        frontier = next;
      }
      return { spread, attempts, ms: performance.now() - t0 };
    };
  },
};

export const graphology: Peer = {
  name: "graphology (forEachOutEdge)",
  build(c) {
    const g = new graphologyLib.MultiDirectedGraph();
    for (let i = 0; i < c.n; i++) g.addNode(i);
    for (let i = 0; i < c.n; i++) for (let e = c.offsets[i]; e < c.offsets[i + 1]; e++) g.addDirectedEdge(i, c.targets[e]);
    return (r) => {
      const rng = peerRng(2000 + r);
      const active = new Set<string>();
      const t0 = performance.now();
      let frontier = c.seeds.map(String);
      for (const s of frontier) active.add(s);
      let attempts = 0;
      while (frontier.length) {
        const next: string[] = [];
        // forEachOutEdge, not forEachOutNeighbor: in a multigraph the latter visits a neighbour once
        // however many ties lead to it, which is a different (weaker) cascade.
        for (const node of frontier)
          g.forEachOutEdge(node, (_edge: string, _attr: unknown, _source: string, nb: string) => {
            attempts++;
            if (!active.has(nb) && rng() < c.p) {
              active.add(nb);
              next.push(nb);
            }
          });
        frontier = next;
      }
      return { spread: active.size, attempts, ms: performance.now() - t0 };
    };
  },
};
