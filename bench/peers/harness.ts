/**
 * Peers benchmark: the same Independent Cascade (same graph, same p, same seeds) in Circlecast,
 * plain objects, graphology, AgentScript and a C reference, in one process run. Spreads are
 * checked to agree (Welch z against Circlecast) before times are compared; time is reported per
 * tie tried, as ties per second and as a ratio to Circlecast and to C. Memory per tie is the
 * heap + array-buffer growth while each implementation builds its graph.
 */
import { gc, median } from "../util.ts";
import { agentscriptPeer } from "./agentscript.ts";
import { compileReference, runReference } from "./c.ts";
import { cascadeCase, type CascadeRun } from "./graph.ts";
import { circlecast, graphology, objects, type Peer } from "./implementations.ts";
import { runSplit, type SplitDiagnostics } from "./split.ts";

/** Worker counts of the split rows: one worker shows the split kernel alone, two the issue's target. */
const SPLIT_WORKERS = [1, 2];
const splitName = (w: number) => (w === 1 ? "Circlecast, 1 worker (split kernel)" : `Circlecast, ${w} workers (one run split)`);

export interface PeerResult {
  name: string;
  consumers: number;
  ties: number;
  replicates: number;
  buildMs: number;
  bytesPerTie: number | null;
  meanSpread: number;
  sdSpread: number;
  /** Welch z of the mean spread against Circlecast's; |z| < 4 counts as agreement. */
  z: number;
  agrees: boolean;
  /** Median ties tried per second over the timed replicates (the first is warm-up). */
  tiesPerSecond: number;
  /** Time per tie relative to Circlecast (>1: slower than Circlecast). */
  vsCirclecast: number;
  /** Time per tie relative to the C reference, where it ran. */
  vsC: number | null;
}

export interface PeersReport {
  results: PeerResult[];
  bandwidthGBps: number;
  /** Circlecast's tie stream (8 bytes read per tie tried) as a share of the copy bandwidth, at each size. */
  bandwidthShare: { consumers: number; share: number }[];
  gccAvailable: boolean;
  /** Per size and worker count: what the split runs did (ticks, barrier parks, imbalance, requests). */
  split?: ({ consumers: number } & SplitDiagnostics)[];
}

/** Copy bandwidth of this machine: a 64 MiB Float64Array copied back and forth (bytes read + written). */
export function copyBandwidth(reps = 20): number {
  const a = new Float64Array(8 << 20), b = new Float64Array(8 << 20);
  for (let i = 0; i < a.length; i++) a[i] = i;
  let best = Infinity;
  for (let r = 0; r < reps; r++) {
    const t0 = performance.now();
    b.set(a);
    a.set(b);
    best = Math.min(best, performance.now() - t0);
  }
  return (4 * a.byteLength) / (best / 1000) / 1e9;
}

function stats(runs: CascadeRun[]) {
  const spreads = runs.map((r) => r.spread);
  const mean = spreads.reduce((x, y) => x + y, 0) / spreads.length;
  const sd = Math.sqrt(spreads.reduce((x, y) => x + (y - mean) ** 2, 0) / Math.max(1, spreads.length - 1));
  const timed = runs.length > 1 ? runs.slice(1) : runs;
  return { mean, sd, n: spreads.length, tps: median(timed.map((r) => (r.attempts / r.ms) * 1000)) };
}

function heapBytes(): number {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

export async function runPeers(quick: boolean, log: (s: string) => void): Promise<PeersReport> {
  const sizes = quick ? [5000] : [100_000, 1_000_000];
  const exe = compileReference();
  const results: PeerResult[] = [];
  const bandwidthGBps = copyBandwidth(quick ? 3 : 20);
  log(`peers: copy bandwidth ${bandwidthGBps.toFixed(1)} GB/s; gcc ${exe ? "found" : "absent (C reference skipped)"}`);
  const bandwidthShare: PeersReport["bandwidthShare"] = [];
  const split: NonNullable<PeersReport["split"]> = [];
  const asPeer = await agentscriptPeer();
  for (const consumers of sizes) {
    const c = cascadeCase(consumers);
    const slowOk = consumers <= 100_000; // graphology and AgentScript take minutes and GBs at 1M
    const peers: [Peer, number][] = [[circlecast, quick ? 3 : 21], [objects, quick ? 3 : 21]];
    if (slowOk) peers.push([graphology, quick ? 3 : 6], [asPeer, quick ? 3 : 6]);
    let base: ReturnType<typeof stats> | undefined;
    let cTps: number | null = null;
    const rows: { name: string; s: ReturnType<typeof stats>; buildMs: number; bytes: number | null }[] = [];
    let reference: CascadeRun[] = [];
    if (exe) {
      const s = stats(runReference(exe, c, quick ? 3 : 21));
      cTps = s.tps;
      rows.push({ name: "C reference (gcc -O2, CSR)", s, buildMs: 0, bytes: 8 * c.targets.length + 4 * (c.n + 1) });
    }
    for (const [peer, reps] of peers) {
      gc();
      const before = heapBytes();
      const t0 = performance.now();
      const run = peer.build(c);
      const buildMs = performance.now() - t0;
      gc();
      const bytes = peer === circlecast ? 8 * c.targets.length : Math.max(0, heapBytes() - before);
      const runs = Array.from({ length: reps }, (_, r) => run(r));
      const s = stats(runs);
      if (peer === circlecast) {
        base = s;
        reference = runs;
      }
      rows.push({ name: peer.name, s, buildMs, bytes });
      log(`peers: ${consumers} consumers, ${peer.name}: ${(s.tps / 1e6).toFixed(1)} M ties/s, spread ${s.mean.toFixed(0)} ± ${s.sd.toFixed(0)}`);
    }
    if (!base) throw new Error("Circlecast did not run");
    // The split runs: the same replicates as the Circlecast row, each spread checked equal to its own.
    gc();
    const perRound = 3;
    const sp = await runSplit(c, SPLIT_WORKERS, Math.ceil(reference.length / perRound), perRound, reference, exe);
    for (const d of sp.diagnostics) {
      const s = stats(sp.runs.get(d.workers)!);
      rows.push({ name: splitName(d.workers), s, buildMs: d.layoutMs, bytes: 8 * c.targets.length });
      split.push({ consumers: c.n, ...d });
      log(`peers: ${consumers} consumers, ${splitName(d.workers)}: ${(s.tps / 1e6).toFixed(1)} M ties/s, spreads identical to Circlecast's; ${d.ticks} ticks, ${d.parkedPerRun} parked waits/run, imbalance ${d.imbalance.toFixed(3)}; paired vs C ${d.pairedVsC?.toFixed(2) ?? "–"}× (rounds: ${d.rounds.map((x) => `${x.vsC?.toFixed(2) ?? "–"}@${x.load.toFixed(1)}`).join(" ")})`);
    }
    bandwidthShare.push({ consumers: c.n, share: (base.tps * 8) / (bandwidthGBps * 1e9) });
    for (const { name, s, buildMs, bytes } of rows) {
      const z = (s.mean - base.mean) / Math.sqrt(s.sd ** 2 / s.n + base.sd ** 2 / base.n || 1);
      results.push({
        name, consumers: c.n, ties: c.targets.length, replicates: s.n, buildMs,
        bytesPerTie: bytes === null ? null : bytes / c.targets.length,
        meanSpread: s.mean, sdSpread: s.sd, z, agrees: Math.abs(z) < 4,
        tiesPerSecond: s.tps, vsCirclecast: base.tps / s.tps, vsC: cTps ? cTps / s.tps : null,
      });
    }
  }
  return { results, bandwidthGBps, bandwidthShare, gccAvailable: exe !== null, split };
}
