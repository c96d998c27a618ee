/**
 * Trainer mode: plans on one replicate, agent by agent, on canvases. Every consumer is a dot in its
 * circle, coloured by state (unaware → saw it → persuaded → interested → customer → fan, or a classic
 * model's states); exposures and purchases light up tick by tick, with play / pause / step / speed
 * controls, live counters and the scenario's story beside it. "One plan" shows one plan large; "Race"
 * runs every plan side by side on the same world against one clock, with each plan's paid actions
 * marked on the timeline and a prediction asked before the start and answered at the end (race.ts).
 * Larger scenarios run as a scaled-down copy (data.ts), and the view says so. The traces are computed
 * when the tab is first shown. Full screen (F) fits a 1024×768 projector.
 */
import type { AgentTrace, Scenario } from "../../../engine/viewer.ts";
import { planColor } from "../../charts/palette.ts";
import { h } from "../../dom.ts";
import { traceRun } from "../../engine.ts";
import { download, slug } from "../../export/download.ts";
import { issueText } from "../../panels/issue-text.ts";
import type { AppState } from "../../state.ts";
import { card, switcher } from "../card.ts";
import type { View } from "../view.ts";
import { trainerPainter, type Painter } from "./canvas.ts";
import { counters, replay, stateStyle, statesAt, traceCsv, trainerScenario, type Replay } from "./data.ts";
import { paidTicks, raceCsv, standings, verdictOf } from "./race.ts";

const SPEEDS = [1, 2, 5, 10, 20, 40];

/** "a, b and c". */
function listed(items: string[]): string {
  return items.length < 2 ? items.join("") : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

/** One plan on its own canvas. */
interface Lane {
  plan: string;
  color: string;
  r: Replay;
  painter: Painter;
  canvas: HTMLCanvasElement;
  agents: Uint8Array;
  /** The race's lane (heading, live line and canvas); the one-plan view draws its canvas in the stage. */
  el: HTMLElement;
  live: HTMLElement;
  paid: Set<number>;
}

type Mode = "one" | "race";

export const trainerView: View = {
  id: "trainer",
  label: "Trainer mode",
  available: () => true,
  mount(root) {
    let state: AppState | undefined;
    let traced = "";
    let planIndex = 0;
    let mode: Mode = "one";
    let request = 0;
    let lanes: Lane[] = [];
    let tick = 0;
    let speed = 5;
    let playing = false;
    let frame = 0;
    let last = 0;
    let carry = 0;
    let opened = false;
    let pick: string | undefined;

    const status = h("div", { class: "empty trainer-status", "data-trainer-status": "idle" }, "Trainer mode starts when this tab is opened.");
    const canvas = h("canvas", { class: "trainer-canvas", tabindex: 0, role: "img", "aria-label": "Consumers as dots, grouped by circle, coloured by state" });
    const planSelect = h("select", { "aria-label": "Plan", "data-control": "plan" });
    const planLabel = h("label", { class: "inline-label" }, "Plan ", planSelect);
    const btn = (action: string, text: string, label: string, fn: () => void) =>
      h("button", { type: "button", "data-action": action, "aria-label": label, title: label, onclick: fn }, text);
    const play = btn("play", "▶ Play", "Play (Space)", () => (playing ? pause() : start()));
    play.setAttribute("aria-pressed", "false");
    const speedSelect = h("select", { "aria-label": "Speed in ticks per second", "data-control": "speed" },
      SPEEDS.map((v) => h("option", { value: v, selected: v === speed }, `${v} / s`)));
    const slider = h("input", { type: "range", min: 0, max: 0, step: 1, value: 0, "aria-label": "Tick", "data-control": "tick" }) as HTMLInputElement;
    const dayLabel = h("output", { class: "day-label", "data-tick": "0" }, "Day 0");
    // The race's timeline: the slider over one track per plan that marks its paid actions, aligned.
    const sliderRow = h("div", { class: "race-marker-row race-slider-row" }, h("span", { class: "race-marker-name" }, "Day"));
    const markers = h("div", { class: "race-markers", "aria-label": "Paid actions per plan on the timeline" });
    const raceTimeline = h("div", { class: "race-timeline" }, sliderRow, markers);
    const controls = h("div", { class: "timeline trainer-controls", role: "group", "aria-label": "Playback" },
      btn("restart", "« Start", "Back to the start (Home)", () => { pause(); go(0); }),
      btn("back", "◀ Step", "One tick back (←)", () => { pause(); go(tick - 1); }),
      play,
      btn("step", "Step ▶", "One tick forward (→)", () => { pause(); go(tick + 1); }),
      h("label", { class: "inline-label" }, "Speed ", speedSelect),
      slider, dayLabel,
      btn("fullscreen", "Full screen", "Full screen (F)", () => void toggleFullscreen()));
    const pngButton = h("button", { type: "button", class: "export", "data-export": "png", "aria-label": "PNG of the trainer canvas", onclick: () => savePng() }, "PNG");
    const modeSwitch = switcher("Trainer view", [{ value: "one", label: "One plan" }, { value: "race", label: "Race: all plans" }], mode, (v) => {
      mode = v as Mode;
      ensure();
    });
    const stage = card({
      id: "trainer", title: "Trainer mode", wide: true, formats: ["csv"],
      note: "One plan on one replicate, consumer by consumer. Ringed in black: saw a piece this tick; wide ring: just bought (or became active).",
      controls: [modeSwitch, planLabel, pngButton],
      context: () => ({ stem: stem(), caption: "" }),
      csv: () => (mode === "one" ? traceCsv(lanes[0].r.trace) : raceCsv(lanes)),
    });
    const scaledNote = h("p", { class: "scaled-note", "data-scaled": "false" });
    const predict = h("div", { class: "race-predict", "data-predict": "none" });
    const lanesBox = h("div", { class: "race-lanes" });
    stage.body.append(scaledNote, predict, controls, raceTimeline, canvas, lanesBox);

    const storyTitle = h("h3", { class: "trainer-title" });
    const story = h("p", { class: "trainer-story-text" });
    const planText = h("p", { class: "trainer-plan" });
    const counterHead = h("h3", {}, "Day 0");
    const stateList = h("ul", { class: "trainer-legend", "aria-label": "Consumers by state" });
    const totalsList = h("dl", { class: "trainer-totals" });
    const board = h("table", { class: "data race-board", "data-table": "race" });
    const side = h("aside", { class: "trainer-side" },
      h("section", { class: "card trainer-story", "data-trainer": "story" }, storyTitle, story, planText),
      h("section", { class: "card trainer-counters", "data-trainer": "counters", "aria-live": "off" }, counterHead, board, stateList, totalsList));
    const layout = h("div", { class: "trainer" }, h("div", { class: "trainer-main" }, stage.el), side);
    layout.hidden = true;
    root.append(status, layout);

    function stem(): string {
      const tr = lanes[0]?.r.trace;
      if (!tr) return "circlecast";
      return mode === "race" ? `${tr.scenario}-seed${tr.seed}-race` : `${tr.scenario}-seed${tr.seed}-${slug(tr.plan)}`;
    }

    function savePng(): void {
      const first = lanes[0];
      if (!first) return;
      const days = tick * first.r.trace.tickDays;
      if (mode === "one") return first.canvas.toBlob((b) => b && download(`${stem()}-trainer-day${days}.png`, b), "image/png");
      // The race as one picture: the lanes side by side under their plan names.
      const gap = 12, head = 28;
      const w = lanes.reduce((a, l) => a + l.canvas.width, 0) + gap * (lanes.length - 1);
      const out = document.createElement("canvas");
      out.width = w;
      out.height = Math.max(...lanes.map((l) => l.canvas.height)) + head;
      const ctx = out.getContext("2d")!;
      ctx.fillStyle = "#fff";
      ctx.fillRect(0, 0, out.width, out.height);
      let x = 0;
      for (const l of lanes) {
        ctx.fillStyle = l.color;
        ctx.font = "600 18px system-ui, sans-serif";
        ctx.fillText(`${l.plan}: ${l.r.customers[tick].toLocaleString("en-US")} customers`, x + 4, 20);
        ctx.drawImage(l.canvas, x, head);
        x += l.canvas.width + gap;
      }
      out.toBlob((b) => b && download(`${stem()}-trainer-day${days}.png`, b), "image/png");
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
      if (mode === "race") planText.replaceChildren(h("strong", {}, `Race: ${listed(s.plans.map((q) => q.name))}, on the same consumers with the same luck.`));
      else planText.replaceChildren(h("strong", {}, `Plan: ${p?.name ?? ""}`), p?.description ? ` — ${p.description}` : "");
    }

    /** Trace the scenario on screen (scaled down if large): the selected plan, or every plan for a race; unless that is done already. */
    function ensure(): void {
      if (!state || !opened || root.hidden) return;
      const s = state.scenario;
      if (planIndex >= s.plans.length) planIndex = 0;
      const plans = mode === "race" ? s.plans.map((_, i) => i) : [planIndex];
      const key = JSON.stringify([state.raw, plans]);
      if (key === traced) return;
      traced = key;
      pick = undefined; // a new race asks again
      planSelect.replaceChildren(...s.plans.map((p, i) => h("option", { value: i }, p.name)));
      planSelect.value = String(planIndex);
      planLabel.hidden = mode === "race";
      showStory(s);
      pause();
      const scaled = trainerScenario(s, state.raw);
      if (!scaled.ok) return setStatus("unsupported", scaled.message);
      scaledNote.hidden = scaled.factor === 1;
      scaledNote.dataset.scaled = String(scaled.factor !== 1);
      scaledNote.textContent = scaled.factor === 1 ? "" :
        `Scaled-down copy: ${scaled.from.toLocaleString("en-US")} consumers → ${scaled.to.toLocaleString("en-US")} (every circle × ${scaled.factor.toPrecision(2)}${scaled.also.length ? `; ${listed(scaled.also)} scaled alike` : ""}), so that every consumer can be drawn. Same seed; its numbers are not the comparison's.`;
      const mine = ++request;
      setStatus("loading", mode === "race" ? `Tracing ${s.plans.length} plans agent by agent for the race…` : `Tracing plan “${s.plans[planIndex].name}” agent by agent…`);
      void (async () => {
        const traces: AgentTrace[] = [];
        for (const p of plans) {
          const o = await traceRun({ scenario: scaled.raw, plan: p });
          if (mine !== request) return;
          if (!o.ok) return setStatus("failed", `Trainer mode cannot run this scenario: ${o.issues.length ? o.issues.map((i) => `${i.path}: ${issueText(i)}`).join("; ") : o.message}`);
          traces.push(o.trace);
        }
        load(traces, plans);
      })();
    }

    function load(traces: AgentTrace[], plans: number[]): void {
      const tr = traces[0];
      stage.setNote(tr.model === "social"
        ? `${mode === "race" ? "Every plan on the same replicate" : "One plan on one replicate"}, consumer by consumer. Black ring: saw a piece this tick; big dots with a wide ring: bought or became a fan (this tick).`
        : `One run, consumer by consumer (${tr.model.toUpperCase()} model). Wide ring: became ${tr.states.slice(1).filter((s) => s !== "recovered").map((s) => stateStyle(s).label.toLowerCase()).join(" or ")} this tick.`);
      lanesBox.replaceChildren();
      lanes = traces.map((t, k) => {
        const r = replay(t);
        const color = planColor(plans[k]);
        const laneCanvas = mode === "race"
          ? h("canvas", { class: "race-canvas", tabindex: 0, role: "img", "aria-label": `Consumers under plan ${t.plan}` })
          : canvas;
        const live = h("span", { class: "race-live" });
        const el = h("section", { class: "race-lane", "data-lane": t.plan, style: `--c:${color}` },
          h("h4", {}, h("span", { class: "swatch", style: `--c:${color}` }), t.plan, " ", live), mode === "race" ? laneCanvas : null);
        if (mode === "race") lanesBox.append(el);
        return { plan: t.plan, color, r, painter: trainerPainter(laneCanvas, r), canvas: laneCanvas, agents: new Uint8Array(t.consumers), el, live, paid: new Set(paidTicks(r)) };
      });
      lanesBox.style.setProperty("--lanes", String(lanes.length));
      canvas.hidden = mode === "race";
      lanesBox.hidden = mode !== "race";
      board.hidden = mode !== "race";
      stateList.hidden = false;
      totalsList.hidden = mode === "race";
      drawMarkers();
      // The slider sits in the controls for one plan, over the plans' tracks in a race.
      if (mode === "race") sliderRow.append(slider);
      else controls.insertBefore(slider, dayLabel);
      raceTimeline.hidden = mode !== "race";
      preparePrediction();
      slider.max = String(tr.horizon);
      tick = 0;
      setStatus("ready", "");
      layout.dataset.mode = mode;
      layout.dataset.plan = mode === "race" ? "" : tr.plan;
      layout.dataset.consumers = String(tr.consumers);
      resize();
      go(0);
    }

    /** Each plan's paid actions as marks under the timeline, and the tick its payments stop. */
    function drawMarkers(): void {
      const H = lanes[0].r.ticks - 1;
      const pct = (t: number) => `${((100 * t) / Math.max(1, H)).toFixed(3)}%`;
      markers.replaceChildren(...lanes.filter((l) => l.paid.size > 0).map((l) => {
        const ticks = [...l.paid];
        const stop = ticks[ticks.length - 1];
        return h("div", { class: "race-marker-row", "data-plan": l.plan, style: `--c:${l.color}`, title: `${l.plan}: paid on ${ticks.length} day${ticks.length > 1 ? "s" : ""}, last on day ${stop * l.r.trace.tickDays}` },
          h("span", { class: "race-marker-name" }, l.plan),
          h("span", { class: "race-marker-track" },
            ticks.map((t) => h("i", { style: `left:${pct(t)}`, "data-tick": t })),
            stop < H ? h("b", { class: "race-stop", style: `left:${pct(stop)}`, "data-tick": stop }, "payments stop") : null));
      }));
    }

    /** Before a race starts: "which plan will win?"; after it ends, the answer (predict, then reveal). */
    function preparePrediction(): void {
      predict.hidden = mode !== "race";
      if (mode !== "race") return;
      const days = (lanes[0].r.ticks - 1) * lanes[0].r.trace.tickDays;
      predict.dataset.predict = pick ? "picked" : "ask";
      predict.replaceChildren(pick
        ? h("p", {}, `Your pick: `, h("strong", {}, pick), `. Press Play and watch the race to day ${days.toLocaleString("en-US")}.`)
        : h("p", {}, h("strong", {}, "Predict first: "), `which plan will have won the most customers by day ${days.toLocaleString("en-US")}? `,
            lanes.map((l) => h("button", { type: "button", "data-pick": l.plan, style: `--c:${l.color}`, onclick: () => { pick = l.plan; preparePrediction(); } }, l.plan))));
    }

    function reveal(): void {
      if (mode !== "race" || !pick || tick < lanes[0].r.ticks - 1) return;
      const v = verdictOf(standings(lanes, tick), pick);
      predict.dataset.predict = v.right ? "right" : "wrong";
      predict.replaceChildren(h("p", {}, h("strong", {}, v.right ? "✓ " : "✗ "), v.text, " ",
        h("button", { type: "button", "data-action": "predict-again", onclick: () => { pick = undefined; pause(); go(0); preparePrediction(); } }, "Predict again")));
    }

    function resize(): void {
      if (!lanes.length) return;
      if (mode === "one") {
        const w = Math.max(320, Math.floor(stage.body.clientWidth));
        lanes[0].painter.resize(w, Math.round(Math.min(760, Math.max(420, w * 0.75))));
      } else {
        // Lanes share the row; in full screen each keeps to the height left under the controls.
        const room = document.fullscreenElement === layout ? window.innerHeight - lanesBox.getBoundingClientRect().top - 16 : Infinity;
        for (const l of lanes) {
          const w = Math.max(200, Math.floor(l.el.clientWidth));
          l.painter.resize(w, Math.round(Math.max(200, Math.min(room - 30, w * 0.95))));
        }
      }
      paint();
    }

    function paint(): void {
      for (const l of lanes) {
        statesAt(l.r, tick, l.agents);
        l.painter.draw(tick, l.agents);
      }
    }

    /** Show tick t: canvases, timeline and counters. */
    function go(t: number): void {
      if (!lanes.length) return;
      const first = lanes[0].r;
      tick = Math.max(0, Math.min(first.ticks - 1, t));
      const tr = first.trace;
      const day = (tick * tr.tickDays).toLocaleString("en-US");
      slider.value = String(tick);
      slider.setAttribute("aria-valuetext", `day ${day}`);
      dayLabel.textContent = `Day ${day}${tr.tickDays !== 1 ? ` (tick ${tick})` : ""} of ${(tr.horizon * tr.tickDays).toLocaleString("en-US")}`;
      dayLabel.dataset.tick = String(tick);
      layout.dataset.tick = String(tick);
      counterHead.textContent = `Day ${day}`;
      if (mode === "one") showCounters(first);
      else showRace();
      paint();
      reveal();
    }

    function showCounters(r: Replay): void {
      const tr = r.trace;
      const day = (tick * tr.tickDays).toLocaleString("en-US");
      const cs = counters(r, tick);
      stateList.replaceChildren(...cs.filter((c) => c.color).map((c) =>
        h("li", { "data-counter": c.key, "data-value": c.value }, h("span", { class: "swatch", style: `--c:${c.color}` }), h("span", { class: "label" }, c.label), h("span", { class: "num" }, c.value.toLocaleString("en-US")))));
      totalsList.replaceChildren(...cs.filter((c) => !c.color).flatMap((c) => [
        h("dt", {}, c.label, c.note ? h("span", { class: "note" }, ` (${c.note})`) : null),
        h("dd", { class: "num", "data-counter": c.key, "data-value": c.value }, c.value.toLocaleString("en-US"))]));
      const reach = cs.find((c) => c.key === "reach");
      canvas.setAttribute("aria-label", `${tr.consumers.toLocaleString("en-US")} consumers on day ${day}: ${cs.filter((c) => c.color).map((c) => `${c.value} ${c.label.toLowerCase()}`).join(", ")}${reach ? `; ${reach.value} reached so far` : ""}`);
    }

    /** The race's standings, each lane's live line and whether it pays for something today; the colour legend. */
    function showRace(): void {
      const rows = standings(lanes, tick);
      const cell = (plan: string, key: string, v: number) => h("td", { class: "num", "data-lane-counter": `${plan}:${key}`, "data-value": v }, v.toLocaleString("en-US"));
      board.replaceChildren(
        h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Plan"), h("th", { scope: "col", class: "num" }, "Customers"), h("th", { scope: "col", class: "num" }, "Reached"), h("th", { scope: "col", class: "num" }, "Fans"))),
        h("tbody", {}, rows.map((s, k) => h("tr", { "data-rank": k + 1, "data-plan": s.plan },
          h("th", { scope: "row" }, h("span", { class: "swatch", style: `--c:${lanes.find((l) => l.plan === s.plan)!.color}` }), s.plan),
          cell(s.plan, "customers", s.customers), cell(s.plan, "reached", s.reached), cell(s.plan, "fans", s.fans)))));
      for (const l of lanes) {
        const paying = l.paid.has(tick);
        const n = l.r.customers[tick];
        l.live.textContent = `${n.toLocaleString("en-US")} customer${n === 1 ? "" : "s"}${paying ? " · paid action today" : ""}`;
        l.el.dataset.paying = String(paying);
      }
      const tr = lanes[0].r.trace;
      stateList.replaceChildren(...tr.states.map((name) => {
        const st = stateStyle(name);
        return h("li", { "data-legend": name }, h("span", { class: "swatch", style: `--c:${st.color}` }), h("span", { class: "label" }, st.label), h("span", {}));
      }));
    }

    function start(): void {
      if (!lanes.length || playing) return;
      if (tick >= lanes[0].r.ticks - 1) go(0);
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
      if (!playing || !lanes.length) return;
      carry += ((now - last) / 1000) * speed;
      last = now;
      const steps = Math.floor(carry);
      if (steps > 0) {
        carry -= steps;
        go(tick + steps);
      }
      if (tick >= lanes[0].r.ticks - 1) return pause();
      frame = requestAnimationFrame(loop);
    }

    async function toggleFullscreen(): Promise<void> {
      if (document.fullscreenElement) await document.exitFullscreen();
      else await layout.requestFullscreen?.().catch(() => undefined);
    }
    document.addEventListener("fullscreenchange", () => {
      layout.dataset.fullscreen = String(document.fullscreenElement === layout);
      requestAnimationFrame(resize);
    });

    speedSelect.addEventListener("change", () => (speed = Number(speedSelect.value)));
    slider.addEventListener("input", () => {
      pause();
      go(Number(slider.value));
    });
    planSelect.addEventListener("change", () => {
      planIndex = Number(planSelect.value);
      ensure();
    });
    // Keyboard: Space plays / pauses, arrows step, Home / End jump, F full screen (the timeline keeps its own keys).
    layout.addEventListener("keydown", (e) => {
      const target = e.target as HTMLElement;
      if (target === slider || target.tagName === "SELECT" || (target.tagName === "BUTTON" && (e.key === " " || e.key === "Enter"))) return;
      const keys: Record<string, () => void> = {
        " ": () => (playing ? pause() : start()),
        ArrowRight: () => { pause(); go(tick + 1); },
        ArrowLeft: () => { pause(); go(tick - 1); },
        Home: () => { pause(); go(0); },
        End: () => { pause(); go(Infinity); },
        f: () => void toggleFullscreen(),
      };
      if (!(e.key in keys)) return;
      e.preventDefault();
      keys[e.key]();
    });

    let resizeTimer: ReturnType<typeof setTimeout> | undefined;
    let lastWidth = 0;
    new ResizeObserver(() => {
      const w = stage.body.clientWidth;
      if (!lanes.length || w === 0 || Math.abs(w - lastWidth) < 2) return;
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
        if (lanes.length && Math.abs(stage.body.clientWidth - lastWidth) >= 2) {
          lastWidth = stage.body.clientWidth;
          resize();
        }
      },
    };
  },
};
