/**
 * Runs fuzz cases (test/fuzz/generate.ts) in this process, one after another, and prints one JSON
 * line per case: exit code, the first lines of stderr, whether a post-check held, and whether
 * Object.prototype changed. The parent (test/fuzz/harness.ts) kills it when a case runs past its
 * time bound. Usage: node --import tsx test/fuzz/child.ts CASES.json WORKDIR FIRST
 */
import { appendFileSync, cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { mainAsync } from "../../engine/node/cli.ts";
import { JOURNAL_SWEEP, type Case } from "./generate.ts";

const [casesFile, work, firstArg] = process.argv.slice(2);
const cases = JSON.parse(readFileSync(casesFile, "utf8")) as Case[];
const protoKeys = () => Reflect.ownKeys(Object.prototype).map(String).sort().join(",");
const cleanProto = protoKeys();

/** Run the CLI in this process with stdout and stderr captured. */
async function cli(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "", err = "";
  const o = process.stdout.write.bind(process.stdout), e = process.stderr.write.bind(process.stderr);
  process.stdout.write = ((s: string | Uint8Array) => ((out += String(s)), true)) as typeof process.stdout.write;
  process.stderr.write = ((s: string | Uint8Array) => ((err += String(s)), true)) as typeof process.stderr.write;
  try {
    return { code: await mainAsync(argv), out, err };
  } catch (x) {
    return { code: -1, out, err: `${err}thrown: ${(x as Error).stack}` };
  } finally {
    process.stdout.write = o;
    process.stderr.write = e;
  }
}

/** Damage the journal of `dir/out` as the case says. */
function damage(dir: string, c: NonNullable<Case["journal"]>): void {
  const path = join(dir, "out", "runs.jsonl");
  const lines = readFileSync(path, "utf8").split("\n").filter(Boolean);
  const k = c.line % lines.length;
  const digitAt = (l: string) => [...l.matchAll(/\d/g)].map((m) => m.index!)[c.salt % 7 + 20] ?? 10;
  switch (c.edit) {
    case "flip-digit": { const i = digitAt(lines[k]); lines[k] = lines[k].slice(0, i) + String((Number(lines[k][i]) + 1) % 10) + lines[k].slice(i + 1); break; }
    case "drop-char": { const i = 5 + (c.salt % (lines[k].length - 10)); lines[k] = lines[k].slice(0, i) + lines[k].slice(i + 1); break; }
    case "empty-object": lines.splice(k, 0, "{}"); break;
    case "null": lines.splice(k, 0, "null"); break;
    case "array": lines.splice(k, 0, "[]"); break;
    case "garbage": lines.splice(k, 0, "\u0000\u00ff garbage"); break;
    case "truncate-middle": lines[k] = lines[k].slice(0, lines[k].length >> 1); break;
    case "no-check": lines[k] = lines[k].replace(/,"check":"[0-9a-f]+"\}$/, "}"); break;
    case "bom": lines[0] = `\ufeff${lines[0]}`; break;
    case "duplicate": lines.splice(k, 0, lines[k]); break;
    case "swap": { const j = (k + 1) % lines.length; [lines[k], lines[j]] = [lines[j], lines[k]]; break; }
    case "delete": lines.splice(k, 1); break;
    case "cut-last": writeFileSync(path, lines.join("\n").slice(0, -5)); return; // a torn last line, no newline
    case "folder": execFileSync("rm", ["-f", path]); mkdirSync(path); return;
    case "fifo": execFileSync("rm", ["-f", path]); execFileSync("mkfifo", [path]); return;
  }
  writeFileSync(path, lines.map((l) => `${l}\n`).join(""));
}

async function main(): Promise<void> {
  mkdirSync(work, { recursive: true });
  // The journal cases' reference: the uninterrupted sweep's folder, written once per work folder.
  const reference = join(work, "journal-reference");
  if (cases.some((c) => c.category === "journal") && !existsSync(join(reference, "runs.csv"))) {
    writeFileSync(join(work, "journal-sweep.json"), JSON.stringify(JOURNAL_SWEEP));
    const r = await cli(["sweep", join(work, "journal-sweep.json"), "--out", reference, "--workers", "0"]);
    if (r.code !== 0) throw new Error(`the journal reference sweep failed: ${r.err}`);
  }
  for (let i = Number(firstArg); i < cases.length; i++) {
    const c = cases[i];
    const dir = join(work, `case-${i}`);
    execFileSync("rm", ["-rf", dir]);
    mkdirSync(dir, { recursive: true });
    for (const [name, content] of Object.entries(c.files)) {
      const p = join(dir, name);
      mkdirSync(join(p, ".."), { recursive: true });
      if (typeof content === "string") writeFileSync(p, content);
      else if (content.kind === "fifo") execFileSync("mkfifo", [p]);
      else if (content.kind === "dir") mkdirSync(p, { recursive: true });
      else if (content.kind === "bytes") writeFileSync(p, Buffer.from(content.base64, "base64"));
      else cpSync(join(work, content.from), p, { recursive: true });
    }
    if (c.journal) damage(dir, c.journal);
    appendFileSync(join(work, "started"), `${i}\n`);
    const started = performance.now();
    const r = await cli(c.argv.map((a) => a.replaceAll("{dir}", dir)));
    const ms = performance.now() - started;
    let same: boolean | undefined;
    if (c.same && r.code === 0) {
      const a = join(dir, c.same.file), b = join(work, c.same.reference);
      same = existsSync(a) && readFileSync(a).equals(readFileSync(b));
    }
    const polluted = protoKeys() !== cleanProto || Object.keys(Object.prototype).length > 0;
    process.stdout.write(JSON.stringify({ i, code: r.code, err: r.err.slice(0, 2000), ms, same, polluted }) + "\n");
    if (polluted) for (const k of Reflect.ownKeys(Object.prototype)) if (!cleanProto.split(",").includes(String(k))) delete (Object.prototype as Record<PropertyKey, unknown>)[k];
    execFileSync("rm", ["-rf", dir]);
  }
}

await main();
