/**
 * The circle map view: circles as discs (area ∝ consumers) linked by the ties between them, coloured
 * by a plan's penetration (reach, conversions, or a classic model's state) and animated over the
 * horizon with play / pause and a timeline; below it, the table of ties between circles.
 */
import type { Simulation } from "../../../engine/viewer.ts";
import { circleMapChart, type CircleMapHandle } from "../../charts/circle-map.ts";
import { fmtExact, fmtShort } from "../../charts/format.ts";
import { hideTooltip } from "../../charts/tooltip.ts";
import { h } from "../../dom.ts";
import { VERSION } from "../../export/csv.ts";
import { staleResults, type AppState } from "../../state.ts";
import { card, switcher, type Card } from "../card.ts";
import type { View } from "../view.ts";
import { circleMap, circleMetricLabel, circleMetrics, mapCsv, tiesCsv } from "./data.ts";

/** Frames per second of playback; a full horizon plays in about PLAY_SECONDS. */
const FPS = 20;
const PLAY_SECONDS = 12;

export const circlesView: View = {
  id: "circles",
  label: "Circle map",
  available: () => true,
  mount(root) {
    const empty = h("div", { class: "empty" }, "The circle map appears here when the first run finishes.");
    const sections = h("div", { class: "sections" });
    root.append(empty, sections);
    let sim: Simulation | undefined;
    let planIndex = 0;
    let metric = "";
    let tick = 0;
    let handle: CircleMapHandle | undefined;
    let timer: ReturnType<typeof setInterval> | undefined;
    let mapCard: Card | undefined;
    let lastWidth = 0;

    const planSelect = h("select", { class: "plan-select", "aria-label": "Plan", "data-control": "plan" });
    const metricSlot = h("span", { class: "metric-slot" });
    const play = h("button", { type: "button", class: "play", "data-action": "play", "aria-pressed": "false" }, "▶ Play");
    const slider = h("input", { type: "range", min: 0, max: 0, step: 1, value: 0, "data-control": "tick", "aria-label": "Day on the timeline" }) as HTMLInputElement;
    const dayLabel = h("output", { class: "day-label", "data-day": "0" }, "Day 0");
    const timeline = h("div", { class: "timeline", role: "group", "aria-label": "Timeline" }, play, slider, dayLabel);
    const mapBox = h("div", { class: "map-box" });

    const context = () => {
      const p = sim!.provenance;
      const d = tick * sim!.scenario.tickDays;
      return {
        stem: `${sim!.scenario.name}-seed${p.seed}`,
        caption: `${sim!.scenario.title ?? sim!.scenario.name} · plan ${sim!.plans[planIndex].plan} · ${circleMetricLabel(metric).toLowerCase()} on day ${d} · mean over ${p.replicates} replicates · seed ${p.seed} · circlecast ${VERSION}, model ${p.modelVersion}`,
      };
    };

    const setTick = (t: number) => {
      if (!sim) return;
      const H = sim.scenario.horizon;
      tick = Math.max(0, Math.min(H, t));
      slider.value = String(tick);
      const day = tick * sim.scenario.tickDays;
      dayLabel.textContent = `Day ${day.toLocaleString("en-US")}${sim.scenario.tickDays !== 1 ? ` (tick ${tick})` : ""} of ${(H * sim.scenario.tickDays).toLocaleString("en-US")}`;
      dayLabel.setAttribute("data-day", String(day));
      slider.setAttribute("aria-valuetext", `day ${day}`);
      handle?.setTick(tick);
    };

    const stop = () => {
      if (timer !== undefined) clearInterval(timer);
      timer = undefined;
      play.textContent = "▶ Play";
      play.setAttribute("aria-pressed", "false");
    };
    const start = () => {
      if (!sim) return;
      const H = sim.scenario.horizon;
      if (tick >= H) setTick(0);
      const step = Math.max(1, Math.round(H / (FPS * PLAY_SECONDS)));
      play.textContent = "❚❚ Pause";
      play.setAttribute("aria-pressed", "true");
      timer = setInterval(() => {
        setTick(tick + step);
        if (tick >= H) stop();
      }, 1000 / FPS);
    };
    play.addEventListener("click", () => (timer === undefined ? start() : stop()));
    slider.addEventListener("input", () => {
      stop();
      setTick(Number(slider.value));
    });

    const draw = () => {
      if (!sim || !mapCard) return;
      const w = Math.max(320, Math.floor(mapBox.clientWidth || mapCard.body.clientWidth));
      const hgt = Math.round(Math.min(680, Math.max(420, w * 0.58)));
      const data = circleMap(sim, planIndex, metric);
      const chart = circleMapChart().id("circle-map").width(w).height(hgt)
        .label(`Circle map: ${data.nodes.length} circles sized by consumers, linked by ties, coloured by ${data.metricLabel.toLowerCase()} for plan ${data.plan}`);
      handle = chart(mapBox, data, tick);
      lastWidth = sections.clientWidth;
    };

    function build(s: Simulation) {
      stop();
      hideTooltip();
      // The same scenario (re-run or edited) keeps its plan and day; another opens on its first plan's last day.
      const same = sim !== undefined && sim.scenario.name === s.scenario.name;
      const keep = same ? sim!.plans[planIndex]?.plan : undefined;
      sim = s;
      const metrics = circleMetrics(s);
      planIndex = Math.max(0, s.plans.findIndex((p) => p.plan === keep));
      if (!metrics.includes(metric)) metric = metrics[0];
      tick = same ? Math.min(tick, s.scenario.horizon) : s.scenario.horizon;
      slider.max = String(s.scenario.horizon);
      planSelect.replaceChildren(...s.plans.map((p, i) => h("option", { value: i }, p.plan)));
      planSelect.value = String(planIndex);
      metricSlot.replaceChildren(metrics.length > 1 ? switcher("Circle metric", metrics.map((m) => ({ value: m, label: circleMetricLabel(m) })), metric, (v) => {
        metric = v;
        draw();
      }) : h("span", {}));

      const C = s.plans[0].circles.length;
      mapCard = card({
        id: "circle-map", title: "Circle map", wide: true, context, csv: () => mapCsv(s),
        note: C > 1
          ? `Disc area ∝ consumers; colour: share of the circle (mean over ${s.provenance.replicates} replicates, viridis); line width ∝ consumer ties between two circles (both ways, mean over the replicates' networks). Press Play or drag the timeline.`
          : "This scenario has a single circle, so there are no ties between circles to draw; the colour still follows its penetration over time.",
        controls: [h("label", { class: "inline-label" }, "Plan ", planSelect), metricSlot],
      });
      mapCard.body.append(mapBox, timeline);

      const tieCard = card({
        id: "circle-ties", title: "Ties between circles", wide: true, formats: ["csv"], context, csv: () => tiesCsv(s),
        note: `Directed consumer-to-consumer ties (row: who posts, column: who hears), mean over ${s.circleTies?.replicates ?? 0} replicates' networks; replicate 0 in the tooltip. Accounts and zombies are left out.`,
      });
      tieCard.body.append(tiesTable(s));
      sections.replaceChildren(
        h("section", { class: "view-section", "data-section": "circle-map" }, h("div", { class: "grid" }, mapCard.el)),
        h("section", { class: "view-section", "data-section": "circle-ties" }, h("div", { class: "grid" }, tieCard.el)),
      );
      empty.hidden = true;
      draw();
      setTick(tick);
    }

    planSelect.addEventListener("change", () => {
      planIndex = Number(planSelect.value);
      draw();
    });

    let resize: ReturnType<typeof setTimeout> | undefined;
    new ResizeObserver(() => {
      if (!sim || Math.abs(sections.clientWidth - lastWidth) < 2 || sections.clientWidth === 0) return;
      clearTimeout(resize);
      resize = setTimeout(draw, 120);
    }).observe(sections);

    return {
      update(state: AppState, prev: AppState | undefined) {
        if (state.simulation && state.simulation !== prev?.simulation) build(state.simulation);
        root.classList.toggle("stale", staleResults(state));
      },
      hidden: stop,
      shown() {
        if (sim && Math.abs(sections.clientWidth - lastWidth) >= 2) draw();
      },
    };
  },
};

function tiesTable(s: Simulation): HTMLElement {
  const t = s.circleTies;
  if (!t) return h("p", {}, "No tie counts in these results.");
  const C = t.circles.length;
  return h("div", { class: "table-wrap" }, h("table", { class: "data", "data-table": "circle-ties" },
    h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "from ↓ / to →"), t.circles.map((c) => h("th", { scope: "col", class: "num" }, c)))),
    h("tbody", {}, t.circles.map((a, i) => h("tr", { "data-circle": a }, h("th", { scope: "row" }, a),
      t.circles.map((_, j) => h("td", { class: i === j ? "num diagonal" : "num", title: `${a} → ${t.circles[j]}: mean ${fmtExact(t.mean[i * C + j])}, replicate 0: ${fmtExact(t.first[i * C + j])}`, "data-mean": t.mean[i * C + j] },
        fmtShort(t.mean[i * C + j])))))),
  ));
}
