/** Read a scenario from a file path or `library:<name>`; every failure is a ScenarioError (exit 2). */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { loadScenario } from "../../scenarios/parse.ts";
import type { Scenario } from "../../scenarios/schema/scenario.ts";
import { ScenarioError } from "../errors.ts";
import { LIBRARY_DIR } from "./package-info.ts";
import { resolveFileNetwork } from "./network-file.ts";

export function libraryNames(): string[] {
  return readdirSync(LIBRARY_DIR)
    .filter((f) => f.endsWith(".json"))
    .map((f) => f.slice(0, -5))
    .sort();
}

export function resolveScenarioPath(ref: string): string {
  if (!ref.startsWith("library:")) return ref;
  const name = ref.slice("library:".length);
  const path = join(LIBRARY_DIR, `${name}.json`);
  if (!existsSync(path))
    throw new ScenarioError([{ path: "scenario", message: `no built-in scenario "${name}" (library: ${libraryNames().join(", ")})` }], ref, `cannot find ${ref}`);
  return path;
}

/** Parse JSON text, turning a syntax error into "line L, column C: …". */
export function parseJsonText(text: string, source: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    const msg = (e as Error).message;
    const pos = /position (\d+)/.exec(msg);
    let where = "";
    if (pos) {
      const before = text.slice(0, Number(pos[1]));
      const line = before.split("\n").length;
      where = `line ${line}, column ${Number(pos[1]) - before.lastIndexOf("\n")}: `;
    }
    throw new ScenarioError([{ path: "file", message: `${where}not valid JSON (${msg.replace(/ in JSON at position \d+.*$/, "")})` }], source);
  }
}

/** Read and parse a JSON file; a missing file or bad JSON is a ScenarioError naming `ref`. */
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

export function readScenario(ref: string): Scenario {
  const path = resolveScenarioPath(ref);
  // A file network is read here (paths relative to the scenario file); its circles fill the population.
  return loadScenario(resolveFileNetwork(readJsonFile(path, ref), dirname(path), ref), ref);
}
