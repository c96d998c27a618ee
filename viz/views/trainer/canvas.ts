/**
 * Trainer mode's canvas: every consumer a dot in its circle, coloured by state; a sample of ties drawn
 * faintly underneath; this tick's seen exposures ringed in ink, this tick's purchases (or activations)
 * ringed wide in their state's colour; each circle labelled. The background (ties, circle outlines) is
 * drawn once per size into an offscreen canvas.
 */
import { FONT } from "../../charts/frame.ts";
import { INK, MUTED } from "../../charts/palette.ts";
import { stateStyle, trainerLayout, type Replay, type TrainerLayout } from "./data.ts";

/** States whose arrival is a "conversion" worth a pulse. */
const PULSE = new Set(["customer", "fan", "active", "adopter", "infected"]);

export interface Painter {
  readonly layout: TrainerLayout;
  resize(width: number, height: number): void;
  draw(t: number, state: Uint8Array): void;
}

export function trainerPainter(canvas: HTMLCanvasElement, r: Replay): Painter {
  const tr = r.trace;
  const colors = tr.states.map((s) => stateStyle(s).color);
  const pulse = tr.states.map((s) => PULSE.has(s));
  const ctx = canvas.getContext("2d")!;
  const back = document.createElement("canvas");
  let layout: TrainerLayout = trainerLayout(tr, 10, 10);
  let width = 0, height = 0, dpr = 1;

  function background(): void {
    back.width = canvas.width;
    back.height = canvas.height;
    const b = back.getContext("2d")!;
    b.setTransform(dpr, 0, 0, dpr, 0, 0);
    b.fillStyle = "#fff";
    b.fillRect(0, 0, width, height);
    for (const c of layout.clusters) {
      b.beginPath();
      b.arc(c.x, c.y, c.r + layout.dot + 3, 0, 2 * Math.PI);
      b.fillStyle = "#f4f6f9";
      b.fill();
      b.strokeStyle = "#d9dde5";
      b.lineWidth = 1;
      b.stroke();
    }
    b.beginPath();
    const { from, to } = tr.ties;
    for (let k = 0; k < from.length; k++) {
      b.moveTo(layout.x[from[k]], layout.y[from[k]]);
      b.lineTo(layout.x[to[k]], layout.y[to[k]]);
    }
    b.strokeStyle = "rgba(91, 99, 114, 0.13)";
    b.lineWidth = 0.7;
    b.stroke();
  }

  return {
    get layout() {
      return layout;
    },
    resize(w, h) {
      // The canvas takes the height the layout needs, at most h.
      layout = trainerLayout(tr, w, h);
      width = w;
      height = layout.height;
      dpr = Math.max(1, Math.min(3, globalThis.devicePixelRatio || 1));
      canvas.width = Math.round(width * dpr);
      canvas.height = Math.round(height * dpr);
      canvas.style.width = `${width}px`;
      canvas.style.height = `${height}px`;
      background();
    },
    draw(t, state) {
      const { x, y, dot } = layout;
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.drawImage(back, 0, 0);
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      // Dots, one path per state (state 0 first, so later stages sit on top); customers, fans and the
      // classic models' converts larger and outlined, so a handful of them still stands out.
      for (let s = 0; s < colors.length; s++) {
        const rr = pulse[s] ? dot * 1.7 : dot;
        ctx.beginPath();
        for (let i = 0; i < tr.consumers; i++) {
          if (state[i] !== s) continue;
          ctx.moveTo(x[i] + rr, y[i]);
          ctx.arc(x[i], y[i], rr, 0, 2 * Math.PI);
        }
        ctx.fillStyle = colors[s];
        ctx.fill();
        if (pulse[s]) {
          ctx.strokeStyle = INK;
          ctx.lineWidth = 0.8;
          ctx.stroke();
        }
      }
      // This tick's seen exposures.
      const ex = tr.exposures;
      if (r.exposureStart[t + 1] > r.exposureStart[t]) {
        ctx.beginPath();
        for (let k = r.exposureStart[t]; k < r.exposureStart[t + 1]; k++) {
          const i = ex.agent[k];
          ctx.moveTo(x[i] + dot + 1.6, y[i]);
          ctx.arc(x[i], y[i], dot + 1.6, 0, 2 * Math.PI);
        }
        ctx.strokeStyle = INK;
        ctx.lineWidth = 1.1;
        ctx.stroke();
      }
      // This tick's conversions (or activations): a wide ring in the new state's colour.
      const ch = tr.changes;
      for (let k = r.changeStart[t]; k < r.changeStart[t + 1]; k++) {
        const s = ch.value[k];
        if (!pulse[s]) continue;
        const i = ch.agent[k];
        ctx.beginPath();
        ctx.arc(x[i], y[i], dot * 2.6 + 3, 0, 2 * Math.PI);
        ctx.strokeStyle = colors[s];
        ctx.lineWidth = 2.5;
        ctx.stroke();
      }
      // Circle labels above each circle: name, then consumers.
      ctx.textAlign = "center";
      ctx.textBaseline = "alphabetic";
      ctx.lineWidth = 4;
      ctx.strokeStyle = "#fff";
      for (const c of layout.clusters) {
        const top = c.y - c.r - dot - 8;
        ctx.font = `600 16px ${FONT}`;
        ctx.fillStyle = INK;
        ctx.strokeText(c.name, c.x, top - 18);
        ctx.fillText(c.name, c.x, top - 18);
        ctx.font = `14px ${FONT}`;
        ctx.fillStyle = MUTED;
        const n = `${c.size.toLocaleString("en-US")} consumers`;
        ctx.strokeText(n, c.x, top);
        ctx.fillText(n, c.x, top);
      }
      if (tr.ties.from.length) {
        ctx.textAlign = "right";
        ctx.font = `13px ${FONT}`;
        ctx.fillStyle = MUTED;
        ctx.fillText(`faint lines: ${tr.ties.from.length.toLocaleString("en-US")} of ${tr.ties.total.toLocaleString("en-US")} ties`, width - 8, height - 4);
      }
    },
  };
}
