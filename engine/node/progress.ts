/** A one-line progress bar on stderr (only when stderr is a terminal): done/total, rate and ETA, and a note (the optimiser's best so far). */
import type { Progress } from "../experiment/replicates.ts";
import { printableLine } from "../format/printable.ts";

export function progressBar(label: string, stream: NodeJS.WriteStream = process.stderr): { update: (p: Progress, note?: string) => void; end: () => void } {
  if (!stream.isTTY) return { update: () => {}, end: () => {} };
  label = printableLine(label);
  const start = performance.now();
  let last = 0;
  return {
    update({ done, total }, note) {
      const now = performance.now();
      if (done < total && now - last < 100) return;
      last = now;
      const secs = (now - start) / 1000;
      const rate = done / Math.max(secs, 1e-9);
      const eta = rate > 0 ? (total - done) / rate : 0;
      const width = 30;
      const fill = Math.round((done / total) * width);
      stream.write(`\r${label} [${"█".repeat(fill)}${"░".repeat(width - fill)}] ${done}/${total} · ${rate.toFixed(1)} runs/s · ETA ${eta.toFixed(0)}s ${note ? `· ${printableLine(note)} ` : ""}`);
    },
    end() {
      stream.write("\r\x1b[K");
    },
  };
}
