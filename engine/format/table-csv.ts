/**
 * CSV (RFC 4180): a header, one line per row, "\n" line ends. Numbers in ECMAScript's shortest
 * round-trip form (they parse back to the same float64), missing values as empty fields.
 */
import type { Cell, Table } from "./table.ts";

function field(v: Cell): string {
  if (v === null) return "";
  if (typeof v !== "string") return String(v);
  return /[",\n\r]/.test(v) || v === "" ? `"${v.replaceAll('"', '""')}"` : v;
}

export function toCsv(t: Table): string {
  const lines = [t.columns.map((c) => field(c.name)).join(",")];
  for (let r = 0; r < t.rows; r++) lines.push(t.columns.map((c) => field(c.values[r])).join(","));
  return lines.join("\n") + "\n";
}
