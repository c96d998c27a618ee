/**
 * Field paths as the scenario issues write them (`plans[0].strategies[1].at.count`): parse them, and
 * set a value in the raw scenario JSON, filling missing parents from the parsed scenario (so an edited
 * default keeps its sibling defaults).
 */

export type Segment = string | number;

export function parsePath(path: string): Segment[] {
  const out: Segment[] = [];
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) out.push(m[2] !== undefined ? Number(m[2]) : m[1]);
  return out;
}

type Obj = Record<string | number, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null;

/** Read a value at a path (undefined when any part is missing). */
export function getAt(root: unknown, path: Segment[]): unknown {
  let v = root;
  for (const k of path) {
    if (!isObj(v)) return undefined;
    v = v[k];
  }
  return v;
}

/** Set (or, with undefined, delete) the value at `path` in `raw`, creating parents from `parsed`. */
export function setAt(raw: Obj, parsed: unknown, path: Segment[], value: unknown): void {
  let r: Obj = raw;
  let p: unknown = parsed;
  for (let i = 0; i < path.length - 1; i++) {
    const k = path[i];
    const pNext = isObj(p) ? p[k] : undefined;
    const cur = r[k];
    if (k === "at" && typeof cur === "number") r[k] = { start: cur, every: 1, count: 1 };
    else if (!isObj(cur)) r[k] = isObj(pNext) ? structuredClone(pNext) : typeof pNext === "number" && k === "at" ? { start: pNext, every: 1, count: 1 } : typeof path[i + 1] === "number" ? [] : {};
    r = r[k] as Obj;
    p = pNext;
  }
  const last = path[path.length - 1];
  if (value === undefined) delete r[last];
  else r[last] = value;
}
