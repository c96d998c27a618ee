/**
 * The views of a simulation, shown as tabs in this order. New views (a circle map, trainer mode,
 * browser sweeps) register here without touching the others; what a view is, is in view.ts.
 */
import { compareView } from "./compare/index.ts";
import { circlesView } from "./circles/index.ts";
import { trainerView } from "./trainer/index.ts";
import { builderView } from "./builder/index.ts";
import { optimiseView } from "./optimise/index.ts";
import { sweepView } from "./sweep/index.ts";
import { fitView } from "./fit/index.ts";
import type { View } from "./view.ts";

export const VIEWS: readonly View[] = [compareView, circlesView, trainerView, sweepView, optimiseView, fitView, builderView];
