/**
 * The cascade in AgentScript's idiom: a Model with turtles and undirected links; each newly
 * active turtle tries its link neighbours with probability p. The shared network is mutual, so
 * one link per tie pair is the same graph.
 *
 * AgentScript's bundle builds a 1×1 canvas when it loads (to parse CSS colours), which Node does
 * not have: a minimal OffscreenCanvas stand-in is installed first. Nothing of the cascade draws.
 */
import type { CascadeCase } from "./graph.ts";
import { peerRng } from "./graph.ts";
import type { Peer } from "./implementations.ts";

interface Turtle {
  active: boolean;
  linkNeighbors(): { forEach(f: (t: Turtle) => void): void };
}

async function loadModel(): Promise<new () => { turtles: { create(n: number, init: (t: Turtle) => void): void }; links: { create(a: Turtle, b: Turtle): void } }> {
  const g = globalThis as Record<string, unknown>;
  g.OffscreenCanvas ??= class {
    constructor(public width: number, public height: number) {}
    getContext() {
      return { fillStyle: "", fillRect() {}, clearRect() {}, getImageData: () => ({ data: new Uint8ClampedArray(4) }) };
    }
  };
  const lib = await import("agentscript/dist/agentscript.js" as string);
  return lib.Model;
}

export async function agentscriptPeer(): Promise<Peer> {
  const Model = await loadModel();
  return {
    name: "AgentScript (turtles and links)",
    build(c: CascadeCase) {
      const model = new Model();
      const turtles: Turtle[] = [];
      model.turtles.create(c.n, (t) => {
        t.active = false;
        turtles.push(t);
      });
      for (let i = 0; i < c.n; i++)
        for (let e = c.offsets[i]; e < c.offsets[i + 1]; e++) if (i < c.targets[e]) model.links.create(turtles[i], turtles[c.targets[e]]);
      return (r) => {
        const rng = peerRng(3000 + r);
        for (const t of turtles) t.active = false;
        const t0 = performance.now();
        let frontier = c.seeds.map((s) => turtles[s]);
        for (const t of frontier) t.active = true;
        let spread = frontier.length, attempts = 0;
        while (frontier.length) {
          const next: Turtle[] = [];
          for (const t of frontier)
            t.linkNeighbors().forEach((nb) => {
              attempts++;
              if (!nb.active && rng() < c.p) {
                nb.active = true;
                spread++;
                next.push(nb);
              }
            });
          frontier = next;
        }
        return { spread, attempts, ms: performance.now() - t0 };
      };
    },
  };
}
