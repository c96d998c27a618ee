/** Network generators: circles (degree-corrected SBM with accounts), fully mixed, an explicit edge list, or a network file. */
import { z } from "zod";
import { NonNegativeInt, PositiveInt, Probability } from "./common.ts";
import type { ImportedGraph } from "./imported-graph.ts";

export const TieWeights = z.strictObject({
  /** Tie inside a circle (strong tie). */
  strong: Probability.default(0.6),
  /** Tie across circles (weak tie). */
  weak: Probability.default(0.3),
  /** Follower tie from an opinion leader. */
  kol: Probability.default(0.5),
  /** Follower tie from a grassroots big account. */
  bigAccount: Probability.default(0.25),
  /** Follower tie from the brand account. */
  brand: Probability.default(0.4),
  /** Weight of a paid ad impression. */
  ad: Probability.default(0.3),
});

/** Grassroots big accounts with cross-circle follower pools, part of them zombies. */
const BigAccounts = z
  .strictObject({
    count: NonNegativeInt.default(0),
    /** Reported followers of each account. */
    followers: NonNegativeInt.default(5000),
    /** Share of those followers that are zombie accounts. */
    zombieShare: Probability.default(0.5),
  })
  .default({ count: 0, followers: 5000, zombieShare: 0.5 });

const BrandAccount = z
  .strictObject({
    /** Share of consumers that follow the brand account at the start. */
    followerShare: Probability.default(0.01),
  })
  .default({ followerShare: 0.01 });

/**
 * An empirical distribution of degree propensities: `values` (degrees, ≥ 0) with `weights` (counts or
 * shares, default equal). It gives the shape; the circle's mean degree gives the scale.
 */
export const DegreeDistribution = z
  .strictObject({
    values: z.array(z.number().min(0).max(1e7)).min(1).max(100_000),
    weights: z.array(z.number().min(0)).optional(),
  })
  .superRefine((d, ctx) => {
    if (d.weights && d.weights.length !== d.values.length)
      ctx.addIssue({ code: "custom", path: ["weights"], message: `expected ${d.values.length} weights (one per value)`, input: d.weights });
    else if (d.weights && !d.weights.some((w) => w > 0))
      ctx.addIssue({ code: "custom", path: ["weights"], message: "expected at least one positive weight", input: d.weights });
  });
export type DegreeDistribution = z.infer<typeof DegreeDistribution>;

export const CirclesNetwork = z.strictObject({
  kind: z.literal("circles"),
  /** Mean number of friendship ties per consumer (each tie is mutual: two directed entries). */
  meanDegree: z.number().min(0).max(10000).default(20),
  /** Per-circle mean degree (one per circle, in population order), replacing meanDegree for the ties each circle draws (fitted networks: docs/networks.md). */
  meanDegrees: z.array(z.number().min(0).max(10000)).optional(),
  /** Exponent γ of the degree density's tail, P(k) ∝ k^-γ; larger is more even. */
  degreeExponent: z.number().gt(2).max(50).default(2.5),
  /** Cap on a consumer's expected degree (keeps hubs finite in small circles). */
  maxDegree: PositiveInt.default(1000),
  /** Share of a consumer's ties inside the own circle, when `mixing` is not given. */
  inCircleShare: Probability.default(0.9),
  /** Circle-to-circle mixing: row a gives the shares of circle a's ties going to each circle (rows sum to 1). */
  mixing: z.array(z.array(Probability)).optional(),
  /**
   * Empirical degree distribution replacing the Pareto propensities (degreeExponent, maxDegree): one for
   * every circle, or a list with one per circle. Degrees are then matched exactly (docs/model.md §2.1).
   */
  degrees: z.union([DegreeDistribution, z.array(DegreeDistribution).min(1)]).optional(),
  /**
   * Triadic closure: the share of in-circle ties formed by linking a node to a neighbour's neighbour in
   * its circle, after the other ties are drawn (0: none; degrees are kept; docs/model.md §2.1).
   */
  closure: z.number().min(0).lt(1).optional(),
  weights: TieWeights.default(TieWeights.parse({})),
  /** Grassroots big accounts with cross-circle follower pools, part of them zombies. */
  bigAccounts: BigAccounts,
  brand: BrandAccount,
});

export const CompleteNetwork = z.strictObject({
  /** Fully mixed population: contacts are drawn uniformly at random (Bass, mean-field SIR). */
  kind: z.literal("complete"),
});

export const EdgeListNetwork = z.strictObject({
  kind: z.literal("edges"),
  /** Node count; ids are 0 … nodes-1 and the population's circle sizes must add up to it. */
  nodes: PositiveInt,
  directed: z.boolean().default(false),
  /** [from, to] or [from, to, weight]: "to hears from from". */
  edges: z.array(z.union([z.tuple([NonNegativeInt, NonNegativeInt]), z.tuple([NonNegativeInt, NonNegativeInt, Probability])])),
});

const Paths = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]);

/** Where the circles of a network file come from (docs/networks.md). */
export const FileCircles = z.discriminatedUnion("from", [
  z.strictObject({
    /** Louvain communities, seeded from the scenario's seed. */
    from: z.literal("detect"),
    /** Modularity resolution: above 1 gives more, smaller circles. */
    resolution: z.number().positive().max(100).default(1),
    /** Beyond this many communities, the smallest are pooled in one circle "other". */
    maxCircles: PositiveInt.max(1000).default(50),
  }),
  z.strictObject({
    /** Circle files: SNAP circles (a name, then member ids, per line) or a node table (id and circle columns). */
    from: z.literal("file"),
    /** File(s) or folder(s), relative to the scenario file; with several files, circle names are prefixed "<file stem>/". */
    path: Paths,
    format: z.enum(["auto", "snap-circles", "table"]).default("auto"),
    /** Node table: the id column (0-based index or header name). */
    id: z.union([NonNegativeInt, z.string().min(1)]).default(0),
    /** Node table: the circle column (0-based index or header name). */
    column: z.union([NonNegativeInt, z.string().min(1)]).default(1),
    /** Node table: the first line is a header (default: when a column is given by name). */
    header: z.boolean().optional(),
  }),
  z.strictObject({
    /** A node attribute of the network file (GEXF, GraphML, GML), e.g. "community" or "value". */
    from: z.literal("attribute"),
    name: z.string().min(1),
  }),
  z.strictObject({
    /** Everyone in one circle named "all". */
    from: z.literal("none"),
  }),
]);
export type FileCircles = z.infer<typeof FileCircles>;

/** An ImportedGraph, as the Node loader (or an API caller) attaches it to a file network. */
const LoadedGraph = z.custom<ImportedGraph>(
  (v) => typeof v === "object" && v !== null && (v as ImportedGraph).circleStart instanceof Int32Array && typeof (v as ImportedGraph).n === "number",
  { message: "expected a loaded network (filled in by the loader; do not write it in a file)" },
);

export const FileNetwork = z.strictObject({
  /** A real network read from a file (docs/networks.md); its circles become the population's circles. */
  kind: z.literal("file"),
  /** The network file(s) or a folder of them, relative to the scenario file; .gz files are decompressed. */
  path: Paths,
  /** auto: by extension (.gexf, .graphml, .gml; anything else is an edge list). */
  format: z.enum(["auto", "edgelist", "gexf", "graphml", "gml", "twitter-tree"]).default("auto"),
  /** Ties have a direction ("u v": v hears from u). Default: what the file says (GEXF, GraphML, GML; cascade trees are directed), else false. */
  directed: z.boolean().optional(),
  /** "u v" means u hears from v (follower lists, retweets): the tie is stored v → u. */
  reverse: z.boolean().default(false),
  /** Edge lists: skip the first non-comment line of each file. */
  header: z.boolean().default(false),
  /** Tie weights: "circles" (weights.strong inside a circle, weights.weak across) or "file" (column 3, or the weight attribute; a probability). */
  tieWeights: z.enum(["circles", "file"]).default("circles"),
  /** Repeated ties: merged into one (counted), or kept as parallel ties (counted). */
  duplicates: z.enum(["merge", "keep"]).default("merge"),
  /** Edges to undeclared nodes and circle members that are not in the network: dropped (counted) or added as nodes (counted). */
  dangling: z.enum(["drop", "add"]).default("drop"),
  circles: FileCircles.default({ from: "detect", resolution: 1, maxCircles: 50 }),
  weights: TieWeights.default(TieWeights.parse({})),
  /** Big accounts and the brand account are added on top of the file's ties, as in a circles network. */
  bigAccounts: BigAccounts,
  brand: BrandAccount,
  /** Filled in by the loader: the network read from `path`. */
  graph: LoadedGraph.optional(),
});

export const Network = z.discriminatedUnion("kind", [CirclesNetwork, CompleteNetwork, EdgeListNetwork, FileNetwork]);
export type Network = z.infer<typeof Network>;
export type CirclesNetwork = z.infer<typeof CirclesNetwork>;
export type FileNetwork = z.infer<typeof FileNetwork>;
export type TieWeights = z.infer<typeof TieWeights>;

/** Networks that carry accounts (opinion leaders, big accounts, the brand account) on top of friendship ties. */
export type AccountNetwork = CirclesNetwork | FileNetwork;
export function hasAccounts(net: Network): net is AccountNetwork {
  return net.kind === "circles" || net.kind === "file";
}

/** Zombie accounts shared by the big accounts' pools (half again as many as one account needs when there are several, so pools overlap only partly). */
export function zombiePoolSize(net: Pick<AccountNetwork, "bigAccounts">): number {
  const b = net.bigAccounts;
  return b.count > 0 ? Math.ceil(b.followers * b.zombieShare * (b.count > 1 ? 1.5 : 1)) : 0;
}

const DEFAULT_WEIGHTS = TieWeights.parse({});

/** The tie weights a network declares (circles and file networks), or the defaults. */
export function tieWeights(net: Network): TieWeights {
  return net.kind === "circles" || net.kind === "file" ? net.weights : DEFAULT_WEIGHTS;
}

/**
 * Agents (consumers, accounts, zombies) and expected directed ties of a network over circles of the
 * given sizes, from the parameters alone (nothing is built): the schema's memory limits and the cost
 * estimate (engine/experiment/cost.ts) read it.
 */
export function networkSize(circles: readonly { size: number; kols: number; kolReach: number }[], net: Network): { agents: number; ties: number } {
  const consumers = circles.reduce((a, c) => a + c.size, 0);
  const kolTies = circles.reduce((a, c) => a + c.kols * c.kolReach * c.size, 0);
  if (net.kind === "edges") return { agents: consumers, ties: net.edges.length * (net.directed ? 1 : 2) };
  if (net.kind === "complete") return { agents: consumers, ties: 0 };
  const b = net.bigAccounts;
  const accounts = b.count + 1 + zombiePoolSize(net);
  const extra = b.count * b.followers + consumers * net.brand.followerShare + kolTies;
  if (net.kind === "file") return { agents: consumers + accounts, ties: (net.graph?.csr.targets.length ?? 0) + extra };
  const C = circles.length;
  const friendships = net.meanDegrees?.length === C ? circles.reduce((a, c, i) => a + c.size * net.meanDegrees![i], 0) : consumers * net.meanDegree;
  return { agents: consumers + accounts, ties: friendships + extra };
}
