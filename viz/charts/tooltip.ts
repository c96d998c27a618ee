/** One shared tooltip for every chart: exact values near the pointer, or near the focused item when driven by the keyboard. */

let el: HTMLDivElement | undefined;

function tip(): HTMLDivElement {
  if (!el) {
    el = document.createElement("div");
    el.className = "tooltip";
    el.setAttribute("role", "status");
    el.setAttribute("aria-live", "polite");
    el.hidden = true;
    document.body.append(el);
  }
  return el;
}

export interface TooltipRow {
  color?: string;
  dashed?: boolean;
  label: string;
  value: string;
  detail?: string;
}

/** Show rows under a heading at page coordinates (x, y); the box keeps inside the viewport. */
export function showTooltip(heading: string, rows: TooltipRow[], x: number, y: number): void {
  const t = tip();
  t.replaceChildren();
  const head = document.createElement("div");
  head.className = "tooltip-head";
  head.textContent = heading;
  const table = document.createElement("table");
  for (const r of rows) {
    const tr = table.insertRow();
    const key = tr.insertCell();
    if (r.color) {
      const sw = document.createElement("span");
      sw.className = r.dashed ? "swatch dashed" : "swatch";
      sw.style.setProperty("--c", r.color);
      key.append(sw);
    }
    key.append(r.label);
    const v = tr.insertCell();
    v.className = "num";
    v.textContent = r.value;
    const d = tr.insertCell();
    d.className = "num detail";
    d.textContent = r.detail ?? "";
  }
  t.append(head, table);
  t.hidden = false;
  const pad = 14;
  const { innerWidth: W, innerHeight: H, scrollX, scrollY } = window;
  const box = t.getBoundingClientRect();
  let left = x + pad, top = y + pad;
  if (left + box.width > scrollX + W - 8) left = x - box.width - pad;
  if (top + box.height > scrollY + H - 8) top = y - box.height - pad;
  t.style.left = `${Math.max(scrollX + 4, left)}px`;
  t.style.top = `${Math.max(scrollY + 4, top)}px`;
}

export function hideTooltip(): void {
  if (el) el.hidden = true;
}

/** Page coordinates of a point in an SVG element's user space. */
export function pagePoint(svg: SVGSVGElement, x: number, y: number): [number, number] {
  const r = svg.getBoundingClientRect();
  const sx = r.width / (svg.width.baseVal.value || r.width);
  return [r.left + window.scrollX + x * sx, r.top + window.scrollY + y * sx];
}
