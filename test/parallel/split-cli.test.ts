// `circlecast run|compare --threads N`: a social or IC scenario's output is the unsplit run's, byte for byte; other models exit 2.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../run-cli.ts";

const cli = runCli;

describe("circlecast run --threads", () => {
  it("library:ic with --threads 2 prints and writes what the plain run does (json, table, series CSV)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "circlecast-threads-"));
    for (const format of ["json", "table"]) {
      const plain = await cli("run", "library:ic", "--replicates", "3", "--seed", "4", "--format", format);
      const split = await cli("run", "library:ic", "--replicates", "3", "--seed", "4", "--format", format, "--threads", "2");
      expect([plain.code, split.code]).toEqual([0, 0]);
      expect(split.out).toBe(plain.out);
    }
    const a = join(dir, "plain.csv"), b = join(dir, "split.csv");
    expect((await cli("run", "library:ic", "--replicates", "2", "--out", a)).code).toBe(0);
    expect((await cli("run", "library:ic", "--replicates", "2", "--out", b, "--threads", "2")).code).toBe(0);
    const csv = readFileSync(b, "utf8");
    expect(csv).toBe(readFileSync(a, "utf8"));
    expect(csv.split("\n").length).toBeGreaterThan(40); // 41 ticks of series, at least
  });

  it("social scenarios: run and compare with --threads 2 print what the plain commands do", async () => {
    for (const [command, ref] of [["run", "library:crisis"], ["compare", "library:kol-circles"]]) {
      const plain = await cli(command, ref, "--replicates", "2", "--format", "json");
      const split = await cli(command, ref, "--replicates", "2", "--format", "json", "--threads", "2");
      expect([plain.code, split.code]).toEqual([0, 0]);
      expect(split.out).toBe(plain.out);
    }
  });

  it("another model exits 2 and names the flag, the value and what is supported", async () => {
    const r = await cli("run", "library:sir", "--threads", "2");
    expect(r.code).toBe(2);
    expect(r.out).toBe("");
    expect(r.err).toMatchInlineSnapshot(`
      "circlecast: --threads 2 cannot split this scenario's runs:
        - model.kind: got "sir", expected "social", "ic": --threads 2 splits one run across workers for model.kind "social", "ic" only; run this scenario without it (a sweep spreads replicates over workers)
      "
    `);
    expect((await cli("run", "library:ic", "--threads", "0")).code).toBe(2);
  });
});
