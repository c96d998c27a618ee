/** What a view of a simulation is: a tab mounted once into its own panel and told about every state change. */
import type { AppState, Store } from "../state.ts";

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
