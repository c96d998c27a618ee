// Series CSV for every library scenario through the CLI (`run --out series.csv`, `compare --format
// csv`): every plan's metrics get columns (plans differ: community groups' activity), one row per plan
// and tick, every row as wide as the header. The viewer's "Series CSV" is the same function
// (engine/format/csv.ts), checked byte for byte in test/e2e/library-csv.test.ts.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { libraryNames, readScenario } from "../../engine/node/load.ts";
import { runCli } from "../run-cli.ts";

const dir = mkdtempSync(join(tmpdir(), "circlecast-csv-"));

/** Split one CSV line into fields (quoted fields may hold commas). */
const fields = (line: string) => line.match(/("([^"]|"")*"|[^,]*)(,|$)/g)!.slice(0, -1).map((f) => f.replace(/,$/, ""));

describe("Series CSV for every library scenario", () => {
  for (const name of libraryNames())
    it(`library:${name}`, async () => {
      const s = readScenario(`library:${name}`);
      const out = join(dir, `${name}.csv`);
      const r = await runCli("run", `library:${name}`, "--replicates", "1", "--out", out);
      expect(r.code, r.err).toBe(0);
      const lines = readFileSync(out, "utf8").trimEnd().split("\n");
      const head = fields(lines[0]);
      expect(lines).toHaveLength(1 + s.plans.length * (s.horizon + 1));
      for (const line of lines) expect(fields(line)).toHaveLength(head.length);
      expect(new Set(lines.slice(1).map((l) => fields(l)[0].replace(/^"|"$/g, "")))).toEqual(new Set(s.plans.map((p) => p.name)));
      const summary = await runCli("compare", `library:${name}`, "--replicates", "1", "--format", "csv");
      expect(summary.code, summary.err).toBe(0);
      expect(summary.out.trimEnd().split("\n")).toHaveLength(1 + s.plans.length);
    });
});
