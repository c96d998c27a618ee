/**
 * Runs fuzz cases in a child process (test/fuzz/child.ts) under a time bound per case, and sorts
 * each outcome: a clean error (exit 2 naming the field, file or line, no stack trace), accepted
 * correctly (exit 0, and any reference check held), a crash (exit 1, an exception, a message that
 * names nothing, or the process died), a hang (past the bound: the child is killed and restarted
 * after that case), or silently wrong (exit 0 where the input must be refused, a result that
 * differs from the reference, or Object.prototype changed).
 */
import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import type { Case, Category } from "./generate.ts";

export type Outcome = "clean error" | "accepted correctly" | "crash" | "hang" | "silently wrong";
export const OUTCOMES: Outcome[] = ["clean error", "accepted correctly", "crash", "hang", "silently wrong"];

interface Reply {
  i: number;
  code: number;
  err: string;
  ms: number;
  same?: boolean;
  polluted: boolean;
}

export interface CaseResult {
  case: Case;
  outcome: Outcome;
  /** A valid input that was refused (counted as a clean error, reported apart). */
  refusedValid: boolean;
  code?: number;
  ms?: number;
  /** The first line of the message, or why the case failed. */
  note: string;
}

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

/** An issue line "  - path: message" or a file line: the message names what is wrong. */
const NAMED = /^\s+- \S[^\n]*?: \S/m;

export function classify(c: Case, r: Reply): Omit<CaseResult, "case"> {
  const first = r.err.split("\n").slice(0, 2).join(" ").slice(0, 300);
  const base = { code: r.code, ms: r.ms, refusedValid: false };
  if (r.polluted) return { ...base, outcome: "silently wrong", note: "Object.prototype changed" };
  if (r.code === 0) {
    if (c.expect === "reject") return { ...base, outcome: "silently wrong", note: "accepted an input that must be refused" };
    if (r.same === false) return { ...base, outcome: "silently wrong", note: `${c.same?.file} differs from the reference` };
    return { ...base, outcome: "accepted correctly", note: "" };
  }
  if (r.code === 2 && NAMED.test(r.err) && !/\n\s+at \S/.test(r.err) && !r.err.includes("internal error"))
    return { ...base, outcome: "clean error", refusedValid: c.expect === "accept", note: first };
  return { ...base, outcome: "crash", note: `exit ${r.code}: ${first}` };
}

/** Run the cases; `boundMs` is the time a case may take before it counts as a hang. */
export async function runCases(cases: Case[], opts: { boundMs: number; work?: string; onResult?: (r: CaseResult) => void }): Promise<CaseResult[]> {
  const work = opts.work ?? mkdtempSync(join(tmpdir(), "circlecast-fuzz-"));
  const casesFile = join(work, "cases.json");
  writeFileSync(casesFile, JSON.stringify(cases));
  const results: CaseResult[] = new Array(cases.length);
  const record = (i: number, r: Omit<CaseResult, "case">) => {
    results[i] = { case: cases[i], ...r };
    opts.onResult?.(results[i]);
  };
  let next = 0;
  while (next < cases.length) {
    next = await new Promise<number>((resolve) => {
      const child = spawn(process.execPath, ["--import", "tsx", join(root, "test/fuzz/child.ts"), casesFile, work, String(next)], {
        cwd: root,
        stdio: ["ignore", "pipe", "pipe"],
        env: { ...process.env, SLURM_ARRAY_TASK_ID: "", JOB_COMPLETION_INDEX: "" },
      });
      let at = next;
      let timer: NodeJS.Timeout | undefined;
      let stderr = "";
      // The first case's clock starts with the child (its start-up and the journal reference included).
      const arm = (ms: number) => {
        clearTimeout(timer);
        timer = setTimeout(() => {
          record(at, { outcome: "hang", refusedValid: false, note: `no answer within ${Math.round(ms / 1000)} s` });
          child.kill("SIGKILL");
        }, ms);
      };
      arm(opts.boundMs + 60_000);
      child.stderr.on("data", (d) => (stderr = (stderr + String(d)).slice(-2000)));
      createInterface({ input: child.stdout }).on("line", (line) => {
        let r: Reply;
        try {
          r = JSON.parse(line) as Reply;
        } catch {
          return; // not a result line
        }
        record(r.i, classify(cases[r.i], r));
        at = r.i + 1;
        arm(opts.boundMs);
      });
      child.on("exit", (code, signal) => {
        clearTimeout(timer);
        if (at < cases.length && !results[at])
          record(at, { outcome: "crash", refusedValid: false, note: `the process died (${signal ?? `exit ${code}`}): ${stderr.trim().split("\n").slice(-3).join(" ")}` });
        resolve(at + 1);
      });
    });
  }
  return results;
}

/** Counts per category and outcome, as a Markdown table. */
export function table(results: CaseResult[]): string {
  const cats = [...new Set(results.map((r) => r.case.category))] as Category[];
  const rows = [...cats, "all" as const].map((cat) => {
    const mine = results.filter((r) => cat === "all" || r.case.category === cat);
    return [cat, String(mine.length), ...OUTCOMES.map((o) => String(mine.filter((r) => r.outcome === o).length))];
  });
  const head = ["category", "tried", ...OUTCOMES];
  return [`| ${head.join(" | ")} |`, `|${head.map((_, k) => (k === 0 ? "---" : "---:")).join("|")}|`, ...rows.map((r) => `| ${r.join(" | ")} |`)].join("\n");
}

/** The cases that are not a clean error or a correct acceptance, and valid inputs that were refused. */
export function failures(results: CaseResult[]): string[] {
  return results
    .filter((r) => (r.outcome !== "clean error" && r.outcome !== "accepted correctly") || r.refusedValid)
    .map((r) => `${r.case.category} ${r.refusedValid ? "refused a valid input" : r.outcome}: ${r.case.what} [${r.case.argv.join(" ")}] — ${r.note}`);
}
