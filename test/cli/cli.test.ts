import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { main } from "../../engine/node/cli.ts";
import { runCli } from "../run-cli.ts";
import { MODEL_VERSION } from "../../engine/version.ts";
import { RNG_SCHEME } from "../../engine/core/rng/seed.ts";

const dir = mkdtempSync(join(tmpdir(), "circlecast-cli-"));
const file = (name: string, content: unknown) => {
  const p = join(dir, name);
  writeFileSync(p, typeof content === "string" ? content : JSON.stringify(content));
  return p;
};
const tiny = {
  name: "tiny",
  horizon: 10,
  replicates: 2,
  population: { circles: [{ name: "a", size: 300 }] },
  contents: [{ id: "c", quality: 0.9 }],
  plans: [{ name: "p1", actions: [{ type: "post", content: "c", from: "brand", at: 0, cost: 5 }] }, { name: "p2" }],
};

/** Run the CLI in-process, capturing stdout and stderr. */
function cli(...args: string[]) {
  let out = "", err = "";
  const o = vi.spyOn(process.stdout, "write").mockImplementation((s) => ((out += String(s)), true));
  const e = vi.spyOn(process.stderr, "write").mockImplementation((s) => ((err += String(s)), true));
  try {
    return { code: main(args), out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

describe("circlecast CLI", () => {
  it("validate: 0 and a summary for a good file", () => {
    const r = cli("validate", file("ok.json", tiny));
    expect(r.code).toBe(0);
    expect(r.out).toMatchInlineSnapshot(`
      "ok: tiny — 1 circle(s), 300 consumers, 2 plan(s), model social
      cost: 301 agents × 11 ticks × 2 plan(s) × 2 replicate(s), 6063 ties: about 377224 agent-tick equivalents (under a CPU-second), ≈ 1 MiB of memory
      "
    `);
  });

  it("validate: 2 and every problem for a bad file", () => {
    const r = cli("validate", file("bad.json", { ...tiny, horizon: -1, replicates: "x" }));
    expect(r.code).toBe(2);
    expect(r.err).toContain("horizon: got -1, expected a number ≥ 1");
    expect(r.err).toContain('replicates: got "x", expected a number');
    expect(r.err).not.toMatch(/\n\s+at /); // no stack trace
  });

  it("invalid JSON is reported with line and column, exit 2", () => {
    const r = cli("run", file("broken.json", '{\n  "name": "x",\n  "horizon": 10,,\n}'));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/line 3, column \d+: not valid JSON/);
  });

  it("a missing file, an unknown library name and a bad flag exit 2", () => {
    expect(cli("run", join(dir, "nope.json")).err).toContain("no such file");
    expect(cli("run", join(dir, "nope.json")).code).toBe(2);
    const lib = cli("compare", "library:nope");
    expect(lib.code).toBe(2);
    expect(lib.err).toContain("three-stages");
    const flag = cli("run", file("ok.json", tiny), "--replicates", "0");
    expect(flag.code).toBe(2);
    expect(flag.err).toContain('--replicates: got "0", expected an integer from 1 to 100000');
    expect(cli("run", file("ok.json", tiny), "--format", "xml").code).toBe(2);
  });

  it("special files, a byte-order mark and library paths", () => {
    const fifo = join(dir, "fifo.json");
    spawnSync("mkfifo", [fifo]);
    expect(cli("validate", fifo).err).toContain(`${fifo}: is not a regular file (a FIFO): expected a file`);
    expect(cli("validate", "/dev/zero").code).toBe(2);
    expect(cli("validate", dir).err).toContain(`${dir}: is a folder, expected a file`);
    expect(cli("validate", file("bom.json", `\uFEFF${JSON.stringify(tiny)}`)).code).toBe(0);
    const escape = cli("validate", "library:../../package");
    expect(escape.code).toBe(2);
    expect(escape.err).toContain('no built-in scenario "../../package"');
  });

  it("escape codes in names are shown, not sent to the terminal", () => {
    const red = "\u001b[31mred\u001b[0m";
    const named = file("ansi.json", { ...tiny, name: `x${red}`, plans: [{ ...tiny.plans[0], name: red }] });
    for (const out of [cli("compare", named).out, cli("compare", named, "--format", "md").out, cli("validate", named).out]) {
      expect(out).not.toContain("\u001b");
      expect(out).toContain("\\u{1b}[31mred\\u{1b}[0m");
    }
    const bad = cli("validate", file("ansi-bad.json", { ...tiny, plans: [{ ...tiny.plans[0], name: red, budget: 1 }] }));
    expect([bad.code, bad.err.includes("\u001b")]).toEqual([2, false]);
  });

  it("a write that fails names the file and the reason, exit 2", () => {
    const ok = file("ok.json", tiny);
    expect(cli("run", ok, "--out", join(dir, "missing", "x.csv")).err).toContain(`cannot write ${join(dir, "missing", "x.csv")}: its folder ${join(dir, "missing")} does not exist`);
    expect(cli("run", ok, "--out", dir).err).toContain(`cannot write ${dir}: is a folder`);
    const full = cli("run", ok, "--out", "/dev/full");
    expect([full.code, full.err.split("\n")[1]]).toEqual([2, "  - --out: cannot write /dev/full: no space left on the device"]);
  });

  it("a plan over budget is rejected before any run, exit 2", () => {
    const over = { ...tiny, plans: [{ name: "tight", budget: 10, strategies: [{ type: "creativeContent", pieces: 2, every: 5, productionCost: 100 }] }] };
    const r = cli("compare", file("over.json", over));
    expect(r.code).toBe(2);
    expect(cli("validate", file("over.json", over)).code).toBe(2);
    expect(r.err).toContain('plan "tight" is over budget');
    expect(r.err).toContain("plans[0].budget: got 10, expected at least the planned cost 200");
  });

  it("run --format json carries version, model version, RNG scheme and seed", () => {
    const r = cli("run", file("ok.json", tiny), "--format", "json", "--seed", "99");
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.circlecast).toBe(JSON.parse(readFileSync("package.json", "utf8")).version);
    expect(j.provenance).toEqual({ scenario: "tiny", seed: 99, replicates: 2, modelVersion: MODEL_VERSION, rng: RNG_SCHEME, ci: 0.95 });
    expect(j.plans.map((p: { plan: string }) => p.plan)).toEqual(["p1", "p2"]);
    expect(j.plans[0].series.reach.mean).toHaveLength(11);
    expect(Object.keys(j.plans[0].final.reach)).toEqual(["mean", "median", "p5", "p95", "sd", "se", "ciLow", "ciHigh"]);
    expect(Object.keys(j.plans[0].series.reach)).toEqual(["mean", "median", "p5", "p95", "sd", "se", "ciLow", "ciHigh"]);
  });

  it("--ci sets the level of every mean's interval: JSON, CSV and the table agree", () => {
    const json = (...extra: string[]) => JSON.parse(cli("run", file("ok.json", { ...tiny, replicates: 6 }), "--format", "json", ...extra).out);
    const at95 = json().plans[0].final.reach;
    const at99 = json("--ci", "0.99").plans[0].final.reach;
    expect(at99.mean).toBe(at95.mean);
    expect(at99.se).toBe(at95.se);
    // Same mean and SE, so the half-widths differ by the ratio of t quantiles at 5 df: 4.032143 / 2.570582.
    expect((at99.ciHigh - at99.mean) / (at95.ciHigh - at95.mean)).toBeCloseTo(4.032142983557536 / 2.570581835636314, 9);
    const csv = cli("compare", file("ok.json", { ...tiny, replicates: 6 }), "--format", "csv", "--ci", "0.99").out.trim().split("\n");
    const head = csv[0].split(","), row = csv[1].split(",");
    expect(Number(row[head.indexOf("reach_ci_high")])).toBe(at99.ciHigh);
    expect(Number(row[head.indexOf("reach_se")])).toBe(at95.se);
    expect(row[head.indexOf("ci_level")]).toBe("0.99");
    const table = cli("compare", file("ok.json", { ...tiny, replicates: 6 }), "--ci", "0.99").out;
    expect(table).toContain("mean [99% confidence interval of the mean] over 6 replicates");
    const bad = cli("run", file("ok.json", tiny), "--ci", "95");
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--ci: got "95", expected a confidence level between 0 and 1 (e.g. 0.95)');
  });

  it("run --out writes the per-tick CSV and prints the table; the same seed gives the same file", () => {
    const out = join(dir, "series.csv");
    const r = cli("run", file("ok.json", tiny), "--out", out);
    expect(r.code).toBe(0);
    expect(r.out).toContain("Unique real reach");
    expect(r.out).toContain(`wrote ${out}`);
    const csv = readFileSync(out, "utf8").trim().split("\n");
    expect(csv).toHaveLength(1 + 2 * 11);
    expect(csv[0]).toMatch(/^plan,tick,day,reportedImpressions_mean,reportedImpressions_median,reportedImpressions_p5,reportedImpressions_p95,/);
    // Provenance after the four original statistics of every metric, then the appended uncertainty columns.
    expect(csv[0]).toMatch(/,shares_p95,.*,circlecast_version,model_version,seed,replicates,reportedImpressions_sd,reportedImpressions_se,reportedImpressions_ci_low,reportedImpressions_ci_high,/);
    expect(csv[0]).toMatch(/,ci_level$/);
    const again = join(dir, "again.csv");
    cli("run", file("ok.json", tiny), "--out", again);
    expect(readFileSync(again, "utf8")).toBe(readFileSync(out, "utf8"));
  });

  it("compare prints plans side by side, as text and Markdown", () => {
    const t = cli("compare", file("ok.json", tiny));
    expect(t.out).toMatch(/\s+p1\s+p2\n/);
    const md = cli("compare", file("ok.json", tiny), "--format", "md");
    expect(md.out).toContain("| Metric | p1 | p2 |");
    expect(md.out).toContain("| p1 − p2 |");
    const csv = cli("compare", file("ok.json", tiny), "--format", "csv").out.trim().split("\n");
    expect(csv).toHaveLength(3);
    expect(csv[0]).toMatch(/^plan,reportedImpressions_mean,/);
  });

  it("schema prints the committed JSON Schema; list shows the library", async () => {
    const s = await runCli("schema"); // loaded when called: asynchronous
    expect(s.code).toBe(0);
    expect(s.out).toBe(readFileSync("scenarios/scenario.schema.json", "utf8"));
    const l = cli("list");
    expect(l.out).toMatch(/^three-stages\s+Three stages of social marketing$/m);
  });

  it("as a real process: exit code 2 on bad input, with no stack trace", () => {
    const p = spawnSync(process.execPath, ["--import", "tsx", "engine/node/cli.ts", "validate", file("bad2.json", { name: 1 })], { encoding: "utf8" });
    expect(p.status).toBe(2);
    expect(p.stderr).toContain("name: got 1, expected a string");
    expect(p.stderr).not.toMatch(/\n\s+at /);
  });

  it("as a real process: a reader that closes the pipe early ends it quietly (exit 0, no stack trace)", () => {
    const p = spawnSync("bash", ["-c", `"${process.execPath}" --import tsx engine/node/cli.ts schema | head -c 10 > /dev/null; echo "exit \${PIPESTATUS[0]}" >&2`], { encoding: "utf8" });
    expect(p.stderr).toBe("exit 0\n");
  });

  it("names the scenario's currency on every money row, and nowhere without one", () => {
    const cny = cli("compare", file("cny.json", { ...tiny, currency: "CNY" }));
    expect(cny.code).toBe(0);
    for (const row of ["Spend (CNY)", "Revenue (CNY)", "Cost per conversion (CNY)"]) expect(cny.out).toMatch(new RegExp(`^${row.replace(/[()]/g, "\\$&")}\\s`, "m"));
    expect(cny.out).toMatch(/^ROI\s/m); // a ratio, not money
    const plain = cli("compare", file("plain.json", tiny));
    expect(plain.out).toMatch(/^Spend\s/m);
    expect(plain.out).not.toContain("(CNY)");
    const bad = cli("validate", file("cur.json", { ...tiny, currency: "" }));
    expect(bad.code).toBe(2);
    expect(bad.err).toContain("currency");
  });

  it("aligns tables by width on screen with Chinese names, and writes an Excel-ready CSV with --bom", () => {
    const zh = {
      ...tiny, name: "zh", population: { circles: [{ name: "年轻妈妈", size: 200 }, { name: "学生", size: 100 }] },
      plans: [{ name: "粉丝运营", actions: [{ type: "post", content: "c", from: "brand", at: 0, cost: 5 }] }, { name: "p2" }],
    };
    const r = cli("compare", file("zh.json", zh));
    expect(r.code).toBe(0);
    // Every line of the first table block is as wide on screen as its rule (CJK characters take two cells).
    const block = r.out.split("\n\n")[0].split("\n").slice(1);
    const cells = (l: string) => [...l].reduce((w, ch) => w + (/[\u4e00-\u9fff]/.test(ch) ? 2 : 1), 0);
    expect(block.some((l) => l.includes("粉丝运营"))).toBe(true);
    expect(block.some((l) => l.includes("Penetration: 年轻妈妈"))).toBe(true);
    for (const l of block) expect(cells(l), l).toBe(cells(block[0]));
    const csv = cli("compare", file("zh.json", zh), "--format", "csv", "--bom");
    expect(csv.out.startsWith("\uFEFFplan,")).toBe(true);
    expect(csv.out).toContain("粉丝运营,");
    expect(cli("compare", file("zh.json", zh), "--format", "csv").out.startsWith("plan,")).toBe(true);
  });
});
