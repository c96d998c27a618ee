/**
 * Views of a simulation, shown as tabs. A view is mounted once into its own panel and told about every
 * state change; new views (a circle map, trainer mode, browser sweeps) register here without touching
 * the others.
 */
import type { AppState, Store } from "../state.ts";
import { compareView } from "./compare/index.ts";
import { circlesView } from "./circles/index.ts";
import { trainerView } from "./trainer/index.ts";
import { sweepView } from "./sweep/index.ts";

export interface ViewInstance {
  /** Called on every state change while mounted (and once right after mounting). */
  update(state: AppState, prev: AppState | undefined): void;
  /** The tab became visible (its size may have changed since it was hidden). */
  shown?(): void;
  /** The tab was hidden: stop anything that animates (it would repaint a panel nobody sees). */
  hidden?(): void;
}

export interface View {
  id: string;
  label: string;
  /** Whether the view has something to show for this state (a hidden tab otherwise). */
  available(state: AppState): boolean;
  mount(el: HTMLElement, store: Store): ViewInstance;
}

export const VIEWS: readonly View[] = [compareView, circlesView, trainerView, sweepView];
