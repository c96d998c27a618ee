/**
 * Trainer mode: one plan on one replicate, agent by agent, on a canvas. Every consumer is a dot in its
 * circle, coloured by state (unaware → saw it → persuaded → interested → customer → fan, or a classic
 * model's states); exposures and purchases light up tick by tick, with play / pause / step / speed
 * controls, live counters and the scenario's story beside it. Larger scenarios run as a scaled-down copy
 * (data.ts), and the view says so. The trace is computed when the tab is first shown.
 */
import type { AgentTrace, Scenario } from "../../../engine/viewer.ts";
import { h } from "../../dom.ts";
import { traceRun } from "../../engine.ts";
import { download, slug } from "../../export/download.ts";
import { issueText } from "../../panels/issue-text.ts";
import type { AppState } from "../../state.ts";
import { card } from "../card.ts";
import type { View } from "../view.ts";
import { trainerPainter, type Painter } from "./canvas.ts";
import { counters, replay, stateStyle, statesAt, traceCsv, trainerScenario, type Replay } from "./data.ts";

const SPEEDS = [1, 2, 5, 10, 20, 40];

/** "a, b and c". */
function listed(items: string[]): string {
  return items.length < 2 ? items.join("") : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

export const trainerView: View = {
  id: "trainer",
  label: "Trainer mode",
  available: () => true,
  mount(root) {
    let state: AppState | undefined;
    let tracedRaw: unknown;
    let tracedPlan = "";
    let planIndex = 0;
    let request = 0;
    let r: Replay | undefined;
    let painter: Painter | undefined;
    let agents = new Uint8Array(0);
    let tick = 0;
    let speed = 5;
    let playing = false;
    let frame = 0;
    let last = 0;
    let carry = 0;
    let opened = false;

    const status = h("div", { class: "empty trainer-status", "data-trainer-status": "idle" }, "Trainer mode starts when this tab is opened.");
    const canvas = h("canvas", { class: "trainer-canvas", tabindex: 0, role: "img", "aria-label": "Consumers as dots, grouped by circle, coloured by state" });
    const planSelect = h("select", { "aria-label": "Plan", "data-control": "plan" });
    const btn = (action: string, text: string, label: string, fn: () => void) =>
      h("button", { type: "button", "data-action": action, "aria-label": label, title: label, onclick: fn }, text);
    const play = btn("play", "▶ Play", "Play (Space)", () => (playing ? pause() : start()));
    play.setAttribute("aria-pressed", "false");
    const speedSelect = h("select", { "aria-label": "Speed in ticks per second", "data-control": "speed" },
      SPEEDS.map((v) => h("option", { value: v, selected: v === speed }, `${v} / s`)));
    const slider = h("input", { type: "range", min: 0, max: 0, step: 1, value: 0, "aria-label": "Tick", "data-control": "tick" }) as HTMLInputElement;
    const dayLabel = h("output", { class: "day-label", "data-tick": "0" }, "Day 0");
    const controls = h("div", { class: "timeline trainer-controls", role: "group", "aria-label": "Playback" },
      btn("restart", "« Start", "Back to the start (Home)", () => { pause(); go(0); }),
      btn("back", "◀ Step", "One tick back (←)", () => { pause(); go(tick - 1); }),
      play,
      btn("step", "Step ▶", "One tick forward (→)", () => { pause(); go(tick + 1); }),
      h("label", { class: "inline-label" }, "Speed ", speedSelect),
      slider, dayLabel);
    const pngButton = h("button", { type: "button", class: "export", "data-export": "png", "aria-label": "PNG of the trainer canvas", onclick: () => savePng() }, "PNG");
    const stage = card({
      id: "trainer", title: "Trainer mode", wide: true, formats: ["csv"],
      note: "One plan on one replicate, consumer by consumer. Ringed in black: saw a piece this tick; wide ring: just bought (or became active).",
      controls: [h("label", { class: "inline-label" }, "Plan ", planSelect), pngButton],
      context: () => ({ stem: stem(), caption: "" }),
      csv: () => (r ? traceCsv(r.trace) : ""),
    });
    const scaledNote = h("p", { class: "scaled-note", "data-scaled": "false" });
    stage.body.append(scaledNote, canvas, controls);

    const storyTitle = h("h3", { class: "trainer-title" });
    const story = h("p", { class: "trainer-story-text" });
    const planText = h("p", { class: "trainer-plan" });
    const counterHead = h("h3", {}, "Day 0");
    const stateList = h("ul", { class: "trainer-legend", "aria-label": "Consumers by state" });
    const totalsList = h("dl", { class: "trainer-totals" });
    const side = h("aside", { class: "trainer-side" },
      h("section", { class: "card trainer-story", "data-trainer": "story" }, storyTitle, story, planText),
      h("section", { class: "card trainer-counters", "data-trainer": "counters", "aria-live": "off" }, counterHead, stateList, totalsList));
    const layout = h("div", { class: "trainer" }, h("div", { class: "trainer-main" }, stage.el), side);
    layout.hidden = true;
    root.append(status, layout);

    function stem(): string {
      const tr = r?.trace;
      return tr ? `${tr.scenario}-seed${tr.seed}-${slug(tr.plan)}` : "circlecast";
    }

    function savePng(): void {
      if (!r) return;
      canvas.toBlob((b) => {
        if (b) download(`${stem()}-trainer-day${tick * r!.trace.tickDays}.png`, b);
      }, "image/png");
    }

    function setStatus(kind: string, text: string): void {
      status.dataset.trainerStatus = kind;
      status.textContent = text;
      status.hidden = kind === "ready";
      layout.hidden = kind !== "ready";
    }

    function showStory(s: Scenario): void {
      storyTitle.textContent = s.title ?? s.name;
      story.textContent = s.story ?? "";
      story.hidden = !s.story;
      const p = s.plans[planIndex];
      planText.replaceChildren(h("strong", {}, `Plan: ${p?.name ?? ""}`), p?.description ? ` — ${p.description}` : "");
    }

    /** Trace the scenario on screen (scaled down if large) for the selected plan, unless that is done already. */
    function ensure(): void {
      if (!state || !opened || root.hidden) return;
      const s = state.scenario;
      if (planIndex >= s.plans.length) planIndex = 0;
      const plan = s.plans[planIndex].name;
      if (tracedRaw === state.raw && tracedPlan === plan) return;
      tracedRaw = state.raw;
      tracedPlan = plan;
      planSelect.replaceChildren(...s.plans.map((p, i) => h("option", { value: i }, p.name)));
      planSelect.value = String(planIndex);
      showStory(s);
      pause();
      const scaled = trainerScenario(s, state.raw);
      if (!scaled.ok) return setStatus("unsupported", scaled.message);
      scaledNote.hidden = scaled.factor === 1;
      scaledNote.dataset.scaled = String(scaled.factor !== 1);
      scaledNote.textContent = scaled.factor === 1 ? "" :
        `Scaled-down copy: ${scaled.from.toLocaleString("en-US")} consumers → ${scaled.to.toLocaleString("en-US")} (every circle × ${scaled.factor.toPrecision(2)}${scaled.also.length ? `; ${listed(scaled.also)} scaled alike` : ""}), so that every consumer can be drawn. Same seed; its numbers are not the comparison's.`;
      const mine = ++request;
      setStatus("loading", `Tracing plan “${plan}” agent by agent…`);
      void traceRun({ scenario: scaled.raw, plan: planIndex }).then((o) => {
        if (mine !== request) return;
        if (!o.ok) return setStatus("failed", `Trainer mode cannot run this scenario: ${o.issues.length ? o.issues.map((i) => `${i.path}: ${issueText(i)}`).join("; ") : o.message}`);
        load(o.trace);
      });
    }

    function load(tr: AgentTrace): void {
      r = replay(tr);
      stage.setNote(tr.model === "social"
        ? "One plan on one replicate, consumer by consumer. Black ring: saw a piece this tick; wide ring: bought or became a fan this tick."
        : `One run, consumer by consumer (${tr.model.toUpperCase()} model). Wide ring: became ${tr.states.slice(1).filter((s) => s !== "recovered").map((s) => stateStyle(s).label.toLowerCase()).join(" or ")} this tick.`);
      agents = new Uint8Array(tr.consumers);
      painter = trainerPainter(canvas, r);
      slider.max = String(tr.horizon);
      tick = 0;
      setStatus("ready", "");
      layout.dataset.plan = tr.plan;
      layout.dataset.consumers = String(tr.consumers);
      resize();
      go(0);
    }

    function resize(): void {
      if (!painter) return;
      const w = Math.max(320, Math.floor(stage.body.clientWidth));
      painter.resize(w, Math.round(Math.min(760, Math.max(420, w * 0.75))));
      paint();
    }

    function paint(): void {
      if (!r || !painter) return;
      statesAt(r, tick, agents);
      painter.draw(tick, agents);
    }

    /** Show tick t: canvas, timeline and counters. */
    function go(t: number): void {
      if (!r) return;
      tick = Math.max(0, Math.min(r.ticks - 1, t));
      const tr = r.trace;
      const day = (tick * tr.tickDays).toLocaleString("en-US");
      slider.value = String(tick);
      slider.setAttribute("aria-valuetext", `day ${day}`);
      dayLabel.textContent = `Day ${day}${tr.tickDays !== 1 ? ` (tick ${tick})` : ""} of ${(tr.horizon * tr.tickDays).toLocaleString("en-US")}`;
      dayLabel.dataset.tick = String(tick);
      layout.dataset.tick = String(tick);
      counterHead.textContent = `Day ${day}`;
      const cs = counters(r, tick);
      stateList.replaceChildren(...cs.filter((c) => c.color).map((c) =>
        h("li", { "data-counter": c.key, "data-value": c.value }, h("span", { class: "swatch", style: `--c:${c.color}` }), h("span", { class: "label" }, c.label), h("span", { class: "num" }, c.value.toLocaleString("en-US")))));
      totalsList.replaceChildren(...cs.filter((c) => !c.color).flatMap((c) => [
        h("dt", {}, c.label, c.note ? h("span", { class: "note" }, ` (${c.note})`) : null),
        h("dd", { class: "num", "data-counter": c.key, "data-value": c.value }, c.value.toLocaleString("en-US"))]));
      const reach = cs.find((c) => c.key === "reach");
      canvas.setAttribute("aria-label", `${tr.consumers.toLocaleString("en-US")} consumers on day ${day}: ${cs.filter((c) => c.color).map((c) => `${c.value} ${c.label.toLowerCase()}`).join(", ")}${reach ? `; ${reach.value} reached so far` : ""}`);
      paint();
    }

    function start(): void {
      if (!r || playing) return;
      if (tick >= r.ticks - 1) go(0);
      playing = true;
      play.textContent = "❚❚ Pause";
      play.setAttribute("aria-label", "Pause (Space)");
      play.setAttribute("aria-pressed", "true");
      last = performance.now();
      carry = 0;
      frame = requestAnimationFrame(loop);
    }

    function pause(): void {
      playing = false;
      cancelAnimationFrame(frame);
      play.textContent = "▶ Play";
      play.setAttribute("aria-label", "Play (Space)");
      play.setAttribute("aria-pressed", "false");
    }

    function loop(now: number): void {
      if (!playing || !r) return;
      carry += ((now - last) / 1000) * speed;
      last = now;
      const steps = Math.floor(carry);
      if (steps > 0) {
        carry -= steps;
        go(tick + steps);
      }
      if (tick >= r.ticks - 1) return pause();
      frame = requestAnimationFrame(loop);
    }

    speedSelect.addEventListener("change", () => (speed = Number(speedSelect.value)));
    slider.addEventListener("input", () => {
      pause();
      go(Number(slider.value));
    });
    planSelect.addEventListener("change", () => {
      planIndex = Number(planSelect.value);
      ensure();
    });
    // Keyboard: Space plays / pauses, arrows step, Home / End jump (the timeline keeps its own keys).
    layout.addEventListener("keydown", (e) => {
      const target = e.target as HTMLElement;
      if (target === slider || target.tagName === "SELECT" || (target.tagName === "BUTTON" && (e.key === " " || e.key === "Enter"))) return;
      const keys: Record<string, () => void> = {
        " ": () => (playing ? pause() : start()),
        ArrowRight: () => { pause(); go(tick + 1); },
        ArrowLeft: () => { pause(); go(tick - 1); },
        Home: () => { pause(); go(0); },
        End: () => { pause(); go(Infinity); },
      };
      if (!(e.key in keys)) return;
      e.preventDefault();
      keys[e.key]();
    });

    let resizeTimer: ReturnType<typeof setTimeout> | undefined;
    let lastWidth = 0;
    new ResizeObserver(() => {
      const w = stage.body.clientWidth;
      if (!painter || w === 0 || Math.abs(w - lastWidth) < 2) return;
      lastWidth = w;
      clearTimeout(resizeTimer);
      resizeTimer = setTimeout(resize, 120);
    }).observe(stage.body);

    return {
      update(s: AppState) {
        state = s;
        if (!root.hidden) ensure();
      },
      hidden: pause,
      shown() {
        opened = true;
        ensure();
        if (painter && Math.abs(stage.body.clientWidth - lastWidth) >= 2) {
          lastWidth = stage.body.clientWidth;
          resize();
        }
      },
    };
  },
};
