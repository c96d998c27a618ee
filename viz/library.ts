/** The built-in scenarios (scenarios/library/*.json), bundled into the page; three-stages is the default. */

export interface LibraryEntry {
  name: string;
  title: string;
  story: string;
  raw: Record<string, unknown>;
}

const files = import.meta.glob<Record<string, unknown>>("../scenarios/library/*.json", { eager: true, import: "default" });

export const DEFAULT_SCENARIO = "three-stages";

/** Library entries: the default first, then by title. */
export const LIBRARY: readonly LibraryEntry[] = Object.entries(files)
  .map(([path, raw]) => {
    const name = /([^/]+)\.json$/.exec(path)![1];
    return { name, title: String(raw.title ?? raw.name ?? name), story: String(raw.story ?? ""), raw };
  })
  .sort((a, b) => (a.name === DEFAULT_SCENARIO ? -1 : b.name === DEFAULT_SCENARIO ? 1 : a.title.localeCompare(b.title)));

export function libraryEntry(name: string): LibraryEntry | undefined {
  return LIBRARY.find((e) => e.name === name);
}

/** A deep copy of a library scenario, safe to edit. */
export function libraryScenario(name: string): Record<string, unknown> {
  const e = libraryEntry(name);
  if (!e) throw new RangeError(`no built-in scenario "${name}"`);
  return structuredClone(e.raw);
}
