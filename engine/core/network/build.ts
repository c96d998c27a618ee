/** buildNetwork: the scenario's network kind → CSR ties plus the accounts that can publish. */
import type { Scenario } from "../../../scenarios/schema/scenario.ts";
import type { Population } from "../population.ts";
import type { Accounts } from "./accounts.ts";
import { buildCirclesNetwork } from "./circles.ts";
import { buildCsr, type Csr } from "./csr.ts";
import type { Allocator } from "../memory.ts";
import { buildFileNetwork } from "./file.ts";

export interface Network {
  readonly csr: Csr;
  readonly accounts: Accounts;
  /** Fully mixed: contacts are drawn uniformly, the CSR is empty. */
  readonly complete: boolean;
}

/** `alloc` decides where the CSR arrays live (default: ordinary typed arrays). */
export function buildNetwork(s: Scenario, pop: Population, key: number, alloc?: Allocator): Network {
  const net = s.network;
  const none: Accounts = { brand: pop.brand, kolsByCircle: [], bigAccounts: new Int32Array(0) };
  switch (net.kind) {
    case "circles":
      return { ...buildCirclesNetwork(s, net, pop, key, alloc), complete: false };
    case "complete":
      return { csr: buildCsr(pop.n, () => {}, alloc), accounts: none, complete: true };
    case "edges": {
      const csr = buildCsr(pop.n, (out) => {
        for (const [a, b, w = 1] of net.edges) {
          const cls = out.classOf(w);
          out.add(a, b, cls);
          if (!net.directed) out.add(b, a, cls);
        }
      }, alloc);
      return { csr, accounts: none, complete: false };
    }
    case "file":
      return { ...buildFileNetwork(s, net, pop, alloc)(key), complete: false };
  }
}
