/**
 * A network read from a file: its ties among the consumers (already relabelled so that circles are
 * contiguous), weighted weights.strong inside a circle and weights.weak across (or the file's own
 * weights), plus the same accounts as a circles network: opinion leaders are each circle's members
 * with the most followers in the file (ties by index).
 */
import type { Scenario } from "../../../scenarios/schema/scenario.ts";
import type { FileNetwork } from "../../../scenarios/schema/network.ts";
import { EngineError } from "../../errors.ts";
import type { Population } from "../population.ts";
import { accountOverlay, type Accounts } from "./accounts.ts";
import { buildCsrInParts, emitterPart, rowsPart, type Csr } from "./csr.ts";
import type { Allocator } from "../memory.ts";

export function buildFileNetwork(s: Scenario, net: FileNetwork, pop: Population, alloc?: Allocator): (key: number) => { csr: Csr; accounts: Accounts } {
  const g = net.graph;
  if (!g) throw new EngineError(`network file ${JSON.stringify(net.path)} is not loaded: read the scenario with the Node loader (readScenario) or attach network.graph`);
  if (g.n !== pop.consumers) throw new EngineError(`network file has ${g.n} nodes, the population ${pop.consumers} consumers`);
  return (key) => {
    const { offsets, targets } = g.csr;
    const score = new Float64Array(pop.consumers);
    for (let i = 0; i < g.n; i++) score[i] = offsets[i + 1] - offsets[i];
    const overlay = accountOverlay(s, net, pop, key, score);
    // The file's CSR read as full rows: row i is targets[offsets[i] … offsets[i + 1]).
    const rows = { rowOff: offsets, fill: offsets.subarray(1), slot: targets };
    const friends = rowsPart(rows, pop.circleStart, net.weights.strong, net.weights.weak, net.tieWeights === "file" ? g.csr : undefined);
    const csr = buildCsrInParts(pop.n, [friends, emitterPart(overlay.emit)], alloc);
    return { csr, accounts: overlay.accounts };
  };
}
