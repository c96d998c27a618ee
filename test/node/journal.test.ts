import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { journalLine, readJournal, type RunRecord } from "../../engine/node/output/journal.ts";
import { runCli } from "../run-cli.ts";
import { tinySweepBase } from "../helpers.ts";

const dir = mkdtempSync(join(tmpdir(), "circlecast-journal-"));
const sweepFile = join(dir, "sweep.json");
writeFileSync(sweepFile, JSON.stringify({
  name: "journal",
  base: tinySweepBase,
  parameters: [{ path: "circles.a.fatigueRate", values: [0.1, 0.3] }],
  design: { kind: "grid" },
  replicates: 2,
}));

/** A finished sweep's folder, copied to `name` so each test damages its own. */
const reference = join(dir, "reference");
const fresh = async (name: string) => {
  if (!existsSync(reference)) expect((await runCli("sweep", sweepFile, "--out", reference, "--workers", "0")).code).toBe(0);
  const out = join(dir, name);
  cpSync(reference, out, { recursive: true });
  return { out, journal: join(out, "runs.jsonl") };
};
const lines = (path: string) => readFileSync(path, "utf8").split("\n").filter(Boolean);
const rewrite = (path: string, edit: (ls: string[]) => string[]) => writeFileSync(path, edit(lines(path)).map((l) => `${l}\n`).join(""));

describe("journal lines carry a check", () => {
  it("a record reads back as written, NaN included; an edited line is reported, not read", () => {
    const r: RunRecord = { run: 3, point: 1, replicate: 1, seed: 7, plans: [{ plan: "p", final: { reach: 12, roi: NaN } }] };
    const path = join(dir, "one.jsonl");
    writeFileSync(path, journalLine(r) + journalLine(r).replace('"reach":12', '"reach":13'));
    const j = readJournal(path);
    expect(j.entries.map((e) => e.record)).toEqual([r]);
    expect(j.damaged.map((d) => [d.line, d.why])).toEqual([[2, "its check does not match its contents (edited, or damaged on disk)"]]);
  });
});

describe("a sweep's journal is checked on resume and merge", () => {
  it("an edited metric stops the resume naming the line and offering --repair, which redoes only that run", async () => {
    const { out, journal } = await fresh("edited");
    rewrite(journal, (ls) => ls.map((l, i) => (i === 1 ? l.replace(/"reach":(\d+)/, '"reach":9$1') : l)));
    const r = await runCli("sweep", sweepFile, "--out", out, "--workers", "0");
    expect(r.code).toBe(2);
    expect(r.err).toContain(`${journal}, line 2: its check does not match its contents`);
    expect(r.err).toContain("--repair: run the same command with --repair to set the damaged line(s) aside");
    const fixed = await runCli("sweep", sweepFile, "--out", out, "--workers", "0", "--repair");
    expect(fixed.code).toBe(0);
    expect(fixed.out).toContain("1 run(s) in"); // only the damaged run ran again
    expect(readFileSync(join(out, "runs.csv"))).toEqual(readFileSync(join(reference, "runs.csv")));
    expect(lines(`${journal}.damaged`)).toHaveLength(1);
  });

  it("lines {}, null and [] and a record with no plans are damaged lines (exit 2), never lost rows", async () => {
    const { out, journal } = await fresh("shapes");
    const first = JSON.parse(lines(journal)[0].replace(/,"check":"[0-9a-f]+"\}$/, "}")) as RunRecord;
    rewrite(journal, (ls) => [...ls, "{}", "null", "[]", journalLine({ ...first, plans: [] }).trim()]);
    const r = await runCli("sweep", sweepFile, "--out", out, "--workers", "0");
    expect(r.code).toBe(2);
    for (const line of [5, 6, 7]) expect(r.err).toContain(`line ${line}: no check at its end`);
    expect(r.err).toContain("line 8: not a run record (plans:");
  });

  it("a record of another plan list, even with a valid check, does not belong", async () => {
    const { out, journal } = await fresh("plans");
    const first = JSON.parse(lines(journal)[0].replace(/,"check":"[0-9a-f]+"\}$/, "}")) as RunRecord;
    rewrite(journal, (ls) => [journalLine({ ...first, plans: first.plans.slice(0, 1) }).trim(), ...ls.slice(1)]);
    const r = await runCli("sweep", sweepFile, "--out", out, "--workers", "0");
    expect(r.code).toBe(2);
    expect(r.err).toContain("line 1: run 0 holds plans (post), expected (post, fans)");
  });

  it("merge refuses a folder with an edited record, naming it", async () => {
    const { out, journal } = await fresh("merge-in");
    rewrite(journal, (ls) => ls.map((l, i) => (i === 2 ? l.replace(/"customers":(\d+)/, '"customers":1$1') : l)));
    const r = await runCli("merge", out, "--out", join(dir, "merged"));
    expect(r.code).toBe(2);
    expect(r.err).toContain(`${journal}, line 3: its check does not match its contents`);
  });

  it("a journal that is a folder is a clear error", async () => {
    const { out, journal } = await fresh("folder");
    rmSync(journal);
    mkdirSync(journal);
    const r = await runCli("sweep", sweepFile, "--out", out, "--workers", "0");
    expect(r.code).toBe(2);
    expect(r.err).toContain(`${journal} (the journal): is a folder`);
  });
});
