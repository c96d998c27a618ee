/** Groups of agents that receive messages together (fan club, tier lists, communities); members only join. */
import type { GroupSpec } from "../strategies/plan.ts";

export class Groups {
  private readonly lists: Int32Array[];
  private readonly sizes: Int32Array;

  constructor(specs: readonly GroupSpec[]) {
    this.lists = specs.map((g) => {
      const a = new Int32Array(Math.max(16, g.members.length));
      a.set(g.members);
      return a;
    });
    this.sizes = Int32Array.from(specs, (g) => g.members.length);
  }

  add(g: number, agent: number): void {
    let a = this.lists[g];
    const n = this.sizes[g];
    if (n === a.length) {
      const grown = new Int32Array(n * 2);
      grown.set(a);
      this.lists[g] = a = grown;
    }
    a[n] = agent;
    this.sizes[g] = n + 1;
  }

  /** Members in joining order (valid up to size(g)). */
  members(g: number): Int32Array {
    return this.lists[g];
  }

  size(g: number): number {
    return this.sizes[g];
  }
}
