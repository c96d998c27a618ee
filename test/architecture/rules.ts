/**
 * The house's rules, checked over its arrows (imports.ts): arrows run down the declared levels, never
 * up or sideways; some rooms reach the rest only through their doors; an app takes a name the public
 * entries offer from them; no files import each other in a circle; the browser's part uses no Node
 * module. Each check returns the offending arrows as lines to read, empty when the house keeps it.
 */
import { builtinModules } from "node:module";
import type { Arrow, Export } from "./imports.ts";

export type House = ReadonlyMap<string, { arrows: readonly Arrow[]; exports: readonly Export[] }>;

/**
 * Levels, bottom to top; each level holds rooms: a folder ("engine/core/rng/") or one file. A file is
 * in the room with the longest path that holds it. A file may import its own room and the rooms of
 * lower levels; rooms on one level are peers that know nothing of each other.
 */
export interface Plan {
  levels: readonly (readonly string[])[];
  /** Rooms that reach files outside themselves only through these files (their doors). */
  doors?: Readonly<Record<string, readonly string[]>>;
}

const holds = (room: string, file: string) => (room.endsWith("/") ? file.startsWith(room) : file === room);

/** The room that holds `file` and its level, or undefined when no room does. */
export function roomOf(plan: Plan, file: string): { room: string; level: number } | undefined {
  let best: { room: string; level: number } | undefined;
  plan.levels.forEach((rooms, level) => {
    for (const room of rooms) if (holds(room, file) && (!best || room.length > best.room.length)) best = { room, level };
  });
  return best;
}

const show = (a: Arrow) => `${a.from}:${a.line} -> ${a.to}${a.names.length ? ` (${a.typeOnly ? "type " : ""}${a.names.join(", ")})` : a.typeOnly ? " (type)" : ""}`;

/** Arrows that run up a level or sideways to a peer, arrows past a room's doors, and files in no room. */
export function layerViolations(plan: Plan, house: House): string[] {
  const found: string[] = [];
  const unplaced = new Set<string>();
  for (const [file, { arrows }] of house) {
    const here = roomOf(plan, file);
    if (!here) {
      unplaced.add(file);
      continue;
    }
    for (const a of arrows) {
      if (a.bare) continue;
      const there = roomOf(plan, a.to);
      if (!there) {
        unplaced.add(a.to);
        continue;
      }
      if (there.room === here.room) continue;
      const doors = plan.doors?.[here.room];
      if (doors && !doors.includes(a.to)) found.push(`${show(a)}: ${here.room} reaches past itself only through ${doors.join(", ")}`);
      else if (there.level > here.level) found.push(`${show(a)}: runs back up, from ${here.room} (level ${here.level + 1}) to ${there.room} (level ${there.level + 1})`);
      else if (there.level === here.level) found.push(`${show(a)}: runs sideways, ${here.room} and ${there.room} are peers on level ${here.level + 1}`);
    }
  }
  for (const f of [...unplaced].sort()) found.push(`${f}: in no room of the plan (place it on a level)`);
  return found;
}

/** Where `name` exported by `file` is defined ("file#name"), following `export … from`; undefined when `file` does not export it. */
function origin(house: House, file: string, name: string, seen = new Set<string>()): string | undefined {
  const key = `${file}#${name}`;
  const mod = house.get(file);
  if (!mod) return key;
  if (seen.has(key)) return undefined;
  seen.add(key);
  const own = mod.exports.find((e) => e.name === name);
  if (own) return own.re && own.re.name !== "*" ? origin(house, own.re.from, own.re.name, seen) : key;
  for (const e of mod.exports) {
    const o = e.name === "*" && e.re ? origin(house, e.re.from, name, seen) : undefined;
    if (o) return o;
  }
  return undefined;
}

/** Every name `file` exports, those of its `export * from` included. */
function exportedNames(house: House, file: string, seen = new Set<string>()): string[] {
  if (seen.has(file)) return [];
  seen.add(file);
  return (house.get(file)?.exports ?? []).flatMap((e) => (e.name !== "*" ? [e.name] : e.re ? exportedNames(house, e.re.from, seen).filter((n) => n !== "default") : []));
}

/** Names that a file of `apps` takes from another module while one of `entries` offers them. */
export function namesPastEntries(house: House, apps: readonly string[], entries: readonly string[]): string[] {
  const offered = new Map<string, string>();
  for (const entry of entries)
    for (const name of exportedNames(house, entry)) offered.set(origin(house, entry, name)!, entry);
  const found: string[] = [];
  for (const [file, { arrows }] of house) {
    const app = apps.find((room) => holds(room, file));
    if (!app) continue;
    for (const a of arrows) {
      if (a.bare || holds(app, a.to) || entries.includes(a.to) || (a.kind !== "import" && a.kind !== "export")) continue;
      for (const name of a.names) {
        const entry = name === "*" ? undefined : offered.get(origin(house, a.to, name) ?? `${a.to}#${name}`);
        if (entry) found.push(`${a.from}:${a.line} takes ${name} from ${a.to}: ${entry} offers it`);
      }
    }
  }
  return found;
}

/** Files that import each other in a loop (Tarjan's strongly connected components), type-only arrows included. */
export function cycles(house: House): string[][] {
  const out = new Map<string, Arrow[]>();
  for (const [file, { arrows }] of house) out.set(file, arrows.filter((a) => !a.bare && a.to !== file && house.has(a.to)));
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  let next = 0;
  // Iterative: a long chain of imports must not overflow the call stack.
  for (const root of out.keys()) {
    if (index.has(root)) continue;
    const work: { file: string; edge: number }[] = [{ file: root, edge: 0 }];
    index.set(root, next), low.set(root, next++), stack.push(root), onStack.add(root);
    while (work.length) {
      const top = work[work.length - 1];
      const edges = out.get(top.file)!;
      if (top.edge < edges.length) {
        const to = edges[top.edge++].to;
        if (!index.has(to)) {
          index.set(to, next), low.set(to, next++), stack.push(to), onStack.add(to);
          work.push({ file: to, edge: 0 });
        } else if (onStack.has(to)) low.set(top.file, Math.min(low.get(top.file)!, index.get(to)!));
        continue;
      }
      work.pop();
      if (work.length) low.set(work[work.length - 1].file, Math.min(low.get(work[work.length - 1].file)!, low.get(top.file)!));
      if (low.get(top.file) === index.get(top.file)) {
        const scc: string[] = [];
        let f: string;
        do (f = stack.pop()!), onStack.delete(f), scc.push(f);
        while (f !== top.file);
        if (scc.length > 1) found.push(scc.sort());
      }
    }
  }
  return found.sort((a, b) => a[0].localeCompare(b[0]));
}

/** A shortest loop of arrows among the files of one circle (breadth-first from each file). */
function shortestLoop(house: House, scc: readonly string[]): Arrow[] {
  const inside = new Set(scc);
  let best: Arrow[] | undefined;
  for (const start of scc) {
    const via = new Map<string, Arrow>();
    const queue = [start];
    while (queue.length && !via.has(start)) {
      const file = queue.shift()!;
      for (const a of house.get(file)!.arrows)
        if (inside.has(a.to) && !via.has(a.to)) via.set(a.to, a), queue.push(a.to);
    }
    const loop: Arrow[] = [];
    for (let f = start; loop.length === 0 || f !== start; f = loop[0].from) loop.unshift(via.get(f)!);
    if (!best || loop.length < best.length) best = loop;
  }
  return best!;
}

/** Each circle as lines: its files, then the arrows of a shortest loop among them (one of them has to go). */
export function cycleLines(house: House): string[] {
  return cycles(house).map((scc) => `circle of ${scc.length} files: ${scc.join(", ")}\n    a shortest loop: ${shortestLoop(house, scc).map(show).join("\n                   ")}`);
}

const NODE = new Set(builtinModules);
const isNodeModule = (spec: string) => spec.startsWith("node:") || NODE.has(spec.split("/")[0]);

/** Node modules that code loaded from `starts` reaches at run time (type-only arrows are erased), with the chain of files. */
export function nodeModulesReached(house: House, starts: readonly string[]): string[] {
  const via = new Map<string, string | undefined>(starts.map((s) => [s, undefined]));
  const queue = [...starts];
  const found: string[] = [];
  const chain = (f: string): string => (via.get(f) ? `${chain(via.get(f)!)} -> ${f}` : f);
  while (queue.length) {
    const file = queue.shift()!;
    for (const a of house.get(file)?.arrows ?? []) {
      if (a.typeOnly) continue;
      if (a.bare) {
        if (isNodeModule(a.to)) found.push(`${chain(file)} imports ${a.to} (line ${a.line})`);
      } else if (!via.has(a.to)) via.set(a.to, file), queue.push(a.to);
    }
  }
  return found;
}
