/**
 * The mechanisms of one exposure, in the order the model runs them (docs/model.md §3):
 * seen → novelty → fatigue now → persuasion → funnel step → fatigue rise → reshare.
 * The social model imports them as one namespace, `mechanism.persuasion(…)`: V8 then inlines each
 * call with no check left behind, where a named import keeps a check per call that the binding is
 * initialised (about 1% of an exposure at 1M agents, bench/kernel.ts).
 */
export * from "./seen.ts";
export * from "./novelty.ts";
export * from "./fatigue.ts";
export * from "./persuasion.ts";
export * from "./funnel.ts";
export * from "./reshare.ts";
