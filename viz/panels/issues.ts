/**
 * Every problem of a rejected scenario, one line per field (path, what was found, what was expected).
 * Shown above the results; the results and the form stay as they were.
 */
import { h } from "../dom.ts";
import type { Store } from "../state.ts";
import { issueText } from "./issue-text.ts";

export function issuesPanel(store: Store): HTMLElement {
  const el = h("section", { class: "issues", role: "alert", "aria-live": "assertive", hidden: true, "data-panel": "issues" });
  const render = () => {
    const r = store.get().rejected;
    el.hidden = !r || r.source === "form";
    if (!r || r.source === "form") return el.replaceChildren();
    const n = r.issues.length;
    const what = r.source === "run" ? "The engine rejected this scenario" : r.source === "link" ? "The shared link holds an invalid scenario" : `${r.source} is not a valid scenario`;
    el.replaceChildren(
      h("header", {},
        h("h2", {}, `${what}: ${n} problem${n === 1 ? "" : "s"}`),
        h("button", { type: "button", class: "dismiss", "aria-label": "Dismiss the problems", onclick: () => store.dismiss() }, "Dismiss")),
      h("p", {}, r.source === "run" ? "Fix the fields below and run again." : "Nothing was loaded; the scenario on screen is unchanged."),
      h("ul", { "data-source": r.source }, r.issues.map((i) => h("li", { "data-path": i.path }, h("code", { class: "path" }, i.path), h("span", { class: "msg" }, issueText(i))))),
    );
  };
  store.subscribe((s, prev) => {
    if (s.rejected !== prev.rejected) render();
  });
  render();
  return el;
}
