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

/**
 * A view instance that follows the store only while its tab is shown: `sync` on every state change while
 * visible and once each time the tab is shown, then `onShown` (a redraw at the panel's new size).
 */
export function whileShown(store: Store, sync: (s: AppState) => void, onShown?: () => void): ViewInstance {
  let visible = false;
  return {
    update(s) {
      if (visible) sync(s);
    },
    shown() {
      visible = true;
      sync(store.get());
      onShown?.();
    },
    hidden: () => void (visible = false),
  };
}
