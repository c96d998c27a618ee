/** Network generators: circles (degree-corrected SBM with accounts), fully mixed, or an explicit edge list. */
import { z } from "zod";
import { NonNegativeInt, PositiveInt, Probability } from "./common.ts";

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

export const CirclesNetwork = z.strictObject({
  kind: z.literal("circles"),
  /** Mean number of friendship ties per consumer (each tie is mutual: two directed entries). */
  meanDegree: z.number().min(0).max(10000).default(20),
  /** Exponent γ of the degree density's tail, P(k) ∝ k^-γ; larger is more even. */
  degreeExponent: z.number().gt(2).max(50).default(2.5),
  /** Cap on a consumer's expected degree (keeps hubs finite in small circles). */
  maxDegree: PositiveInt.default(1000),
  /** Share of a consumer's ties inside the own circle, when `mixing` is not given. */
  inCircleShare: Probability.default(0.9),
  /** Circle-to-circle mixing: row a gives the shares of circle a's ties going to each circle (rows sum to 1). */
  mixing: z.array(z.array(Probability)).optional(),
  weights: TieWeights.default(TieWeights.parse({})),
  /** Grassroots big accounts with cross-circle follower pools, part of them zombies. */
  bigAccounts: z
    .strictObject({
      count: NonNegativeInt.default(0),
      /** Reported followers of each account. */
      followers: NonNegativeInt.default(5000),
      /** Share of those followers that are zombie accounts. */
      zombieShare: Probability.default(0.5),
    })
    .default({ count: 0, followers: 5000, zombieShare: 0.5 }),
  brand: z
    .strictObject({
      /** Share of consumers that follow the brand account at the start. */
      followerShare: Probability.default(0.01),
    })
    .default({ followerShare: 0.01 }),
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

export const Network = z.discriminatedUnion("kind", [CirclesNetwork, CompleteNetwork, EdgeListNetwork]);
export type Network = z.infer<typeof Network>;
export type CirclesNetwork = z.infer<typeof CirclesNetwork>;
export type TieWeights = z.infer<typeof TieWeights>;

/** Zombie accounts shared by the big accounts' pools (half again as many as one account needs when there are several, so pools overlap only partly). */
export function zombiePoolSize(net: CirclesNetwork): number {
  const b = net.bigAccounts;
  return b.count > 0 ? Math.ceil(b.followers * b.zombieShare * (b.count > 1 ? 1.5 : 1)) : 0;
}
