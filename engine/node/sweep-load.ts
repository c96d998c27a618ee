/** Read a sweep file and its base scenario (a path relative to the sweep file, or library:NAME); failures are ScenarioErrors (exit 2). */
import { dirname, resolve } from "node:path";
import { ScenarioError } from "../errors.ts";
import { prepareSweep, type PreparedSweep } from "../experiment/sweep.ts";
import { readJsonFile, resolveScenarioPath } from "./load.ts";
import type { Limits } from "../experiment/cost.ts";

/** Read and prepare a sweep file; with `limits`, a sweep estimated above them is refused before its points are listed. */
export function readSweep(file: string, limits?: Limits): PreparedSweep {
  const raw = readJsonFile(file);
  return prepareSweep(raw, {
    source: file,
    limits,
    loadBase: (ref) => {
      try {
        return readJsonFile(ref.startsWith("library:") ? resolveScenarioPath(ref) : resolve(dirname(file), ref), ref);
      } catch (e) {
        if (e instanceof ScenarioError)
          throw new ScenarioError(e.issues.map((i) => ({ path: "base", message: `expected a readable scenario file (${i.message})`, received: JSON.stringify(ref) })), file);
        throw e;
      }
    },
  });
}
