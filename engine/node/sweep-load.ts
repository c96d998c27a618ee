/** Read a sweep file and its base scenario (a path relative to the sweep file, or library:NAME); failures are ScenarioErrors (exit 2). */
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { ScenarioError } from "../errors.ts";
import { prepareSweep, type PreparedSweep } from "../experiment/sweep.ts";
import { parseJsonText, resolveScenarioPath } from "./load.ts";

export function readJsonFile(path: string, ref = path): unknown {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "is a directory" : (e as Error).message;
    throw new ScenarioError([{ path: "file", message: `${path}: ${why}` }], ref, `cannot read ${ref}`);
  }
  return parseJsonText(text, ref);
}

export function readSweep(file: string): PreparedSweep {
  const raw = readJsonFile(file);
  return prepareSweep(raw, {
    source: file,
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
