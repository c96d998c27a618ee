/**
 * The comparison view: plans side by side. Over time (reach reported and real, awareness,
 * conversions), the funnel, money (spend, cost per conversion, ROI), case-repetition decay, per-circle
 * penetration, final values and paired differences. It redraws when results arrive or its width changes.
 */
import type { Simulation, WAVE_METRICS } from "../../../engine/viewer.ts";
import { barChart } from "../../charts/bars.ts";
import { decayChart } from "../../charts/decay.ts";
import { funnelChart } from "../../charts/funnel.ts";
import { heatmapChart } from "../../charts/heatmap.ts";
import { stackedAreaChart } from "../../charts/stacked-area.ts";
import { timeSeriesChart } from "../../charts/time-series.ts";
import { fmtExact } from "../../charts/format.ts";
import { hideTooltip } from "../../charts/tooltip.ts";
import { h } from "../../dom.ts";
import { atTick } from "../../time.ts";
import { VERSION } from "../../export/csv.ts";
import { staleResults, type AppState } from "../../state.ts";
import { card, switcher, type Card } from "../card.ts";
import type { View } from "../view.ts";
import * as D from "./data.ts";
import { finalTable, moneyTable, pairsTable } from "./tables.ts";
import { GOALS, goalsOf, verdict, type Goal } from "./verdict.ts";

interface Drawn {
  card: Card;
  draw(width: number): void;
}

export const compareView: View = {
  id: "compare",
  label: "Compare plans",
  available: () => true,
  mount(root) {
    const sections = h("div", { class: "sections" });
    const empty = h("div", { class: "empty" }, "The comparison appears here when the first replicate finishes.");
    const partial = h("p", { class: "partial-note", "data-partial": "", role: "status" });
    partial.hidden = true;
    root.append(empty, partial, sections);
    let sim: Simulation | undefined;
    let drawn: Drawn[] = [];
    let lastWidth = 0;
    let goal: Goal = "customers";

    const context = () => {
      const p = sim!.provenance;
      return {
        stem: `${sim!.scenario.name}-seed${p.seed}`,
        caption: `${sim!.scenario.title ?? sim!.scenario.name} · seed ${p.seed} · ${p.replicates} replicates · mean and p5–p95 · circlecast ${VERSION}, model ${p.modelVersion}`,
      };
    };

    const drawAll = () => {
      for (const d of drawn) {
        const w = Math.max(280, Math.floor(d.card.body.clientWidth));
        d.draw(w);
      }
      lastWidth = sections.clientWidth;
    };

    const section = (id: string, title: string, ...cards: (Card | HTMLElement)[]) =>
      h("section", { class: "view-section", "data-section": id }, h("h2", {}, title), h("div", { class: id === "money" ? "grid thirds" : "grid" }, cards.map((c) => ("el" in c ? c.el : c))));

    function build(s: Simulation) {
      sim = s;
      hideTooltip();
      drawn = [];
      const out: HTMLElement[] = [];

      const goals = goalsOf(s);
      if (goals.length) {
        if (!goals.includes(goal)) goal = goals[0];
        const body = h("div", { class: "verdict", "data-verdict": "" });
        const show = () => {
          const v = verdict(s, goal);
          body.replaceChildren(
            h("p", { class: `verdict-headline ${v.clear ? "clear" : "unclear"}` }, v.headline),
            ...v.lines.map((l) => h("p", { class: "verdict-line" }, l)),
            h("ol", { class: "verdict-ranking", "aria-label": "Plans, best first" }, v.ranking.map((r) => h("li", {}, `${r.plan}: ${fmtExact(r.mean, D.metricUnit(goal))}`))),
          );
        };
        const c = card({
          id: "verdict", title: "The answer", wide: true, formats: ["csv"], context, csv: () => D.pairsCsv(s),
          note: `Computed from this run: ${s.provenance.replicates} matched worlds (replicates), every plan on the same ones. The lead is the paired difference with its 95 % interval.`,
          controls: [switcher("Goal", GOALS.filter((g) => goals.includes(g.value)).map((g) => ({ value: g.value, label: g.label })), goal, (v) => {
            goal = v as Goal;
            show();
          })],
        });
        c.body.append(body);
        show();
        out.push(section("verdict", "Verdict", c));
      }

      const specs = D.overTime(s);
      const timeCards = specs.map((spec) => {
        const c = card({ id: spec.id, title: spec.title, note: spec.note, context, csv: () => D.overTimeCsv(spec.data) });
        const chart = timeSeriesChart().id(spec.id).label(`${spec.title} over time, one line per plan`);
        drawn.push({ card: c, draw: (w) => chart.width(w).height(Math.round(Math.min(380, Math.max(300, w * 0.55))))(c.body, spec.data) });
        return c;
      });
      out.push(section("over-time", "Over time", ...timeCards));

      const src = D.sources(s);
      if (src) {
        const c = card({ id: "sources", title: "Where conversions come from", wide: true, context, csv: () => D.sourcesCsv(src),
          note: "Cumulative conversions by their last persuasive touch: a publication the plan bought, word of mouth about its content, or fans' own posts. Mean over replicates; one panel per plan, one scale. Bought conversions stop soon after the payments stop; the tail belongs to word of mouth and fans." });
        const chart = stackedAreaChart().id("sources").label("Conversions by source over time, one panel per plan");
        drawn.push({ card: c, draw: (w) => chart.width(w).height(Math.round(Math.min(360, Math.max(280, w * 0.3))))(c.body, src) });
        out.push(section("sources", "Sources", c));
      }

      const f = D.funnel(s);
      if (f) {
        const c = card({ id: "funnel", title: "Funnel per plan", wide: true, context, csv: () => D.funnelCsv(f),
          note: "Final values, mean over replicates. Bar length on a log scale (the stages span orders of magnitude); ↓ is the share of the stage above." });
        const chart = funnelChart().id("funnel").label("Funnel per plan: impressions, real reach, aware, interested, customers, fans");
        drawn.push({ card: c, draw: (w) => chart.width(w)(c.body, f) });
        out.push(section("funnel", "Funnel", c));
      }

      const bars = D.money(s);
      if (bars) {
        const tableCard = card({ id: "money-table", title: "Spend, cost and return", wide: true, formats: ["csv"], context, csv: () => D.moneyCsv(s),
          note: "Mean [p5–p95] over replicates. ROI = (purchases × unit margin − spend) / spend." });
        tableCard.body.append(moneyTable(s));
        const barCards = bars.map((b) => {
          const c = card({ id: `money-${b.metric}`, title: b.label, context, csv: () => D.moneyCsv(s), note: "Bar: mean; whisker: p5–p95." });
          const chart = barChart().id(`money-${b.metric}`).label(`${b.label} per plan`);
          drawn.push({ card: c, draw: (w) => chart.width(w)(c.body, b) });
          return c;
        });
        out.push(section("money", "Money", tableCard, ...barCards));
      }

      if (D.hasWaves(s)) {
        let metric: (typeof WAVE_METRICS)[number] = "engagements";
        const c = card({
          id: "decay", title: "Case-repetition decay per wave", wide: true, context, csv: () => D.decayCsv(s),
          note: "What each wave of a repeated case adds; above waves 2… the decay ratio wave k / wave 1 (median over replicates). Whiskers: p5–p95.",
          controls: [switcher("Decay metric", D.DECAY_METRICS, metric, (v) => {
            metric = v as typeof metric;
            draw(Math.floor(c.body.clientWidth));
          })],
        });
        const chart = decayChart().id("decay").label("Per-wave results of repeated cases");
        const draw = (w: number) => chart.width(w).height(Math.round(Math.min(420, Math.max(320, w * 0.4))))(c.body, D.decay(s, metric));
        drawn.push({ card: c, draw });
        out.push(section("decay", "Repeated cases", c));
      }

      const cm = D.circleMetrics(s);
      if (cm.length) {
        let metric = cm[0];
        const c = card({
          id: "heatmap", title: "Penetration by circle over time", wide: true, context, csv: () => D.heatmapCsv(s),
          note: "Share of each circle's consumers, mean over replicates. Colour: viridis (colour-blind safe).",
          controls: cm.length > 1 ? [switcher("Penetration metric", cm.map((m) => ({ value: m, label: D.circleMetricLabel(m) })), metric, (v) => {
            metric = v;
            draw(Math.floor(c.body.clientWidth));
          })] : [],
        });
        const chart = heatmapChart().id("heatmap").label("Per-circle penetration over time, one block per plan");
        const draw = (w: number) => chart.width(w)(c.body, D.heatmap(s, metric));
        drawn.push({ card: c, draw });
        out.push(section("circles", "Circles", c));
      }

      const finals = card({ id: "final-values", title: `Final values at ${atTick(s.scenario.horizon, s.scenario.tickDays)}`, wide: true, formats: ["csv"], context,
        csv: () => D.finalCsv(s), note: `Mean [p5–p95] over ${s.provenance.replicates} replicates.` });
      finals.body.append(finalTable(s));
      const parts: (Card | HTMLElement)[] = [finals];
      if (s.pairs.length) {
        const pairs = card({ id: "pairs", title: "Paired differences", wide: true, formats: ["csv"], context, csv: () => D.pairsCsv(s),
          note: "Same worlds, common random numbers: mean a − b with its 95% interval, and the share of replicates where a beats b." });
        pairs.body.append(pairsTable(s));
        parts.push(pairs);
      }
      out.push(section("tables", "Tables", ...parts));

      sections.replaceChildren(...out);
      empty.hidden = true;
      drawAll();
    }

    let timer: ReturnType<typeof setTimeout> | undefined;
    new ResizeObserver(() => {
      if (!sim || Math.abs(sections.clientWidth - lastWidth) < 2 || sections.clientWidth === 0) return;
      clearTimeout(timer);
      timer = setTimeout(drawAll, 120);
    }).observe(sections);

    return {
      update(state: AppState, prev: AppState | undefined) {
        if (state.simulation && state.simulation !== prev?.simulation) build(state.simulation);
        // Results of another scenario (or of the same one before an edit) are dimmed until the new run finishes.
        root.classList.toggle("stale", staleResults(state));
        const sim = state.simulation;
        partial.hidden = !(sim && state.simulationPartial);
        if (sim && state.simulationPartial)
          partial.textContent = `Preliminary: the first ${sim.provenance.replicates} of ${state.scenario.replicates} replicates${state.run.status === "running" ? "; the numbers tighten as more arrive" : " (the run stopped there)"}.`;
      },
      shown() {
        if (sim && Math.abs(sections.clientWidth - lastWidth) >= 2) drawAll();
      },
    };
  },
};
