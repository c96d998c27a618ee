/**
 * The house's arrows: every module a source file names, read from the parsed file (Vite's Oxc
 * parser), so comments and strings do not count. An arrow is an import or `export … from`, type-only
 * ones included, a dynamic `import("…")`, a type `import("…")`, and a worker entry named beside
 * `import.meta.url` (`new URL("./part.ts", import.meta.url)`, `workerEntryUrl("./part.ts", import.meta.url)`).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, posix } from "node:path";
import { parseSync } from "vite";
import { syntaxNodes, type SyntaxNode as Node } from "./syntax.ts";

export interface Arrow {
  /** The importing file, from the project's root ("engine/core/run.ts"). */
  from: string;
  /** The file it names, from the root; a package or Node module as written ("zod", "node:fs"). */
  to: string;
  /** A package or Node module rather than a file of the project. */
  bare: boolean;
  /** Names taken ("*" for a namespace or `export *`); none for a side-effect import, a dynamic import or a worker entry. */
  names: string[];
  /** Erased by TypeScript: `import type`, or every name taken is a type. */
  typeOnly: boolean;
  kind: "import" | "export" | "dynamic" | "entry";
  line: number;
}

/** An exported name of a module, and where it is defined: `re` names the module it is re-exported from. */
export interface Export {
  name: string;
  re?: { from: string; name: string };
}

const isImportMetaUrl = (n: Node) =>
  n.type === "MemberExpression" && (n.object as Node).type === "MetaProperty" && ((n.property as { name?: string }).name === "url");

const literal = (n: unknown) => (n as Node | null)?.type === "Literal" && typeof (n as { value: unknown }).value === "string" ? ((n as { value: string }).value) : undefined;

const isRelative = (s: string) => s.startsWith("./") || s.startsWith("../");

/** `spec` as named in `from`: a path from the root for a relative one, else the package as written. */
function target(from: string, spec: string): { to: string; bare: boolean } {
  return isRelative(spec) ? { to: posix.normalize(posix.join(posix.dirname(from), spec)), bare: false } : { to: spec, bare: true };
}

/** The arrows and the exports of one file (`file` from the root, `source` its text). */
export function readModule(file: string, source: string): { arrows: Arrow[]; exports: Export[] } {
  const { program, module, errors } = parseSync(file, source);
  if (errors.length) throw new Error(`${file}: ${errors[0].message}`);
  const line = (at: number) => source.slice(0, at).split("\n").length;
  const arrows: Arrow[] = [];
  const exports: Export[] = [];
  const add = (spec: string, at: number, kind: Arrow["kind"], names: string[], typeOnly: boolean) => arrows.push({ from: file, ...target(file, spec), names, typeOnly, kind, line: line(at) });

  for (const imp of module.staticImports) {
    const names = imp.entries.map((e) => (e.importName.kind === "Name" ? e.importName.name! : e.importName.kind === "Default" ? "default" : "*"));
    add(imp.moduleRequest.value, imp.start, "import", names, imp.entries.length > 0 && imp.entries.every((e) => e.isType));
  }
  for (const exp of module.staticExports) {
    // `export { x }` of an imported x also names its module (an indirect export): the import is its arrow.
    const from = exp.entries.filter((e) => e.moduleRequest && e.moduleRequest.start >= exp.start && e.moduleRequest.end <= exp.end);
    for (const e of exp.entries) {
      const name = e.exportName.kind === "Name" ? e.exportName.name! : e.exportName.kind === "Default" ? "default" : "*";
      const imported = e.importName.kind === "Name" ? e.importName.name! : "*";
      exports.push(e.moduleRequest ? { name, re: { from: target(file, e.moduleRequest.value).to, name: imported } } : { name });
    }
    if (from.length) add(from[0].moduleRequest!.value, exp.start, "export", from.map((e) => (e.importName.kind === "Name" ? e.importName.name! : "*")), from.every((e) => e.isType));
  }
  for (const [node] of syntaxNodes(program)) {
    if (node.type === "ImportExpression") {
      const spec = literal(node.source);
      if (spec !== undefined) add(spec, node.start, "dynamic", [], false);
    } else if (node.type === "TSImportType") {
      const spec = literal(node.source);
      if (spec !== undefined) add(spec, node.start, "dynamic", [], true);
    } else if ((node.type === "NewExpression" || node.type === "CallExpression") && (node.arguments as Node[]).some(isImportMetaUrl)) {
      for (const arg of node.arguments as Node[]) {
        const spec = literal(arg);
        if (spec !== undefined && isRelative(spec) && /\.[cm]?[jt]s$/.test(spec)) add(spec, node.start, "entry", [], false);
      }
    }
  }
  return { arrows, exports };
}

/** Every .ts file under `dirs` (paths from `root`), node_modules excepted. */
export function sourceFiles(root: string, dirs: readonly string[]): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(join(root, dir), { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? (e.name === "node_modules" ? [] : walk(posix.join(dir, e.name))) : e.name.endsWith(".ts") ? [posix.join(dir, e.name)] : [],
    );
  return dirs.flatMap(walk).sort();
}

/** The house as read from disk: each file's arrows and exports. */
export function readHouse(root: string, dirs: readonly string[]): Map<string, { arrows: Arrow[]; exports: Export[] }> {
  return new Map(sourceFiles(root, dirs).map((f) => [f, readModule(f, readFileSync(join(root, f), "utf8"))]));
}
