/** Read a scenario from a file path or `library:<name>`; every failure is a ScenarioError (exit 2). */
import { readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { loadScenario } from "../../scenarios/parse.ts";
import type { Scenario } from "../../scenarios/schema/scenario.ts";
import { ScenarioError } from "../errors.ts";
import { LIBRARY_DIR } from "./package-info.ts";
import { resolveFileNetwork } from "./network-file.ts";
import { readTextFile } from "./files.ts";

export function libraryNames(): string[] {
  return readdirSync(LIBRARY_DIR)
    .filter((f) => f.endsWith(".json"))
    .map((f) => f.slice(0, -5))
    .sort();
}

export function resolveScenarioPath(ref: string): string {
  if (!ref.startsWith("library:")) return ref;
  const name = ref.slice("library:".length);
  // Only the listed names: "library:../x" must not reach a file outside the library.
  const path = join(LIBRARY_DIR, `${name}.json`);
  if (!libraryNames().includes(name))
    throw new ScenarioError([{ path: "scenario", message: `no built-in scenario "${name}" (library: ${libraryNames().join(", ")})` }], ref, `cannot find ${ref}`);
  return path;
}

/** Parse JSON text, turning a syntax error into "line L, column C: …". */
export function parseJsonText(text: string, source: string): unknown {
  try {
    return JSON.parse(text.replace(/^\uFEFF/, "")); // a byte-order mark some editors write
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
  return parseJsonText(readTextFile(path, ref), ref);
}

export function readScenario(ref: string): Scenario {
  return readScenarioSource(ref).scenario;
}

/** The scenario, and the JSON it was validated from (for workers, which validate their own copy). */
export function readScenarioSource(ref: string): { raw: unknown; scenario: Scenario } {
  const path = resolveScenarioPath(ref);
  // A file network is read here (paths relative to the scenario file); its circles fill the population.
  const raw = resolveFileNetwork(readJsonFile(path, ref), dirname(path), ref);
  return { raw, scenario: loadScenario(raw, ref) };
}
