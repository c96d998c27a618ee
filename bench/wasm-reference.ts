/**
 * What the social kernel would gain in WebAssembly: the C reference (bench/reference/social.c) compiled
 * to wasm32-wasi and run by Node's WASI, against the same C native (gcc -O2) and the engine, on the
 * standard campaign (bench/scenario.ts). The three must give the same 16 counts, bit for bit (the wasm
 * build keeps -ffp-contract=off and the C's order of operations), or the script stops. Rounds alternate
 * [engine, C, wasm]; the engine is timed warm, C and wasm on the last of 3 runs in their own process.
 * This measures a design option (the delivery loop in WebAssembly, docs/model.md's kernel unchanged); the
 * engine itself is TypeScript.
 *
 * Two limits of Node 20's V8 showed here: growing a wasm memory to a 1 M world's size crashed V8's
 * garbage collector (a fatal error in GrowWasmMemoryInPlace), so the module starts with 2 GiB of memory
 * and never grows; and tearing WASI down after a large run may end the process with SIGSEGV after the
 * program exited 0, so a run counts once it printed its exit status. wasm32 addresses 4 GiB: the 50 M
 * ceiling world (7.5 GiB) would not fit without memory64.
 *
 *   npx tsx bench/wasm-reference.ts [--sizes 100000,1000000] [--rounds 4] [--out bench/out/wasm-reference.md]
 *
 * Needs gcc, clang and wasm-ld with a WASI libc and its compiler runtime (Debian 12: apt-get install clang lld
 * wasi-libc libclang-rt-14-dev-wasm32).
 */
import "./like-the-cli.ts";
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { compileSocialReference, engineRun, lastOfEqualRuns, referenceRun, standardInput } from "./reference/social-kernel.ts";
import { arg, machineInfo, mdTable, median } from "./util.ts";

const here = path.dirname(fileURLToPath(import.meta.url));
const outDir = path.join(here, "out");
const sizes = (arg("--sizes") ?? "100000,1000000").split(",").map(Number);
const rounds = Number(arg("--rounds") ?? 4);
const out = arg("--out") ?? path.join(outDir, "wasm-reference.md");

/** social.c as wasm32-wasi, with 2 GiB of memory from the start (see above); null without clang. */
function compileWasm(): string | null {
  if (spawnSync("clang", ["--version"]).status !== 0) return null;
  mkdirSync(outDir, { recursive: true });
  const wasm = path.join(outDir, "social-reference.wasm");
  const flags = ["--target=wasm32-wasi", "--sysroot=/usr", "-O2", "-ffp-contract=off", "-Wl,--initial-memory=2147483648", "-Wl,--max-memory=4294967296"];
  const r = spawnSync("clang", [...flags, "-o", wasm, path.join(here, "reference/social.c")], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`clang failed on bench/reference/social.c (apt-get install clang lld wasi-libc libclang-rt-14-dev-wasm32):\n${r.stderr}`);
  return wasm;
}

/** Runs the module in a fresh Node with the input file's folder preopened as /in; prints the program's lines, then its exit status. */
const RUNNER = `
import { readFileSync } from "node:fs";
import { WASI } from "node:wasi";
const [wasm, dir, name, runs] = process.argv.slice(1);
const wasi = new WASI({ version: "preview1", args: ["social", "/in/" + name, runs], preopens: { "/in": dir }, returnOnExit: true });
const instance = await WebAssembly.instantiate(await WebAssembly.compile(readFileSync(wasm)), wasi.getImportObject());
console.log("exit " + wasi.start(instance));
`;

/** Like referenceRun: the counts and the time of the last of `runs` runs, every run's counts equal. */
function wasmRun(wasm: string, file: string, runs = 3): { ms: number; metrics: Record<string, number> } {
  const r = spawnSync(process.execPath, ["--no-warnings", "--input-type=module", "-e", RUNNER, wasm, path.dirname(file), path.basename(file), String(runs)], { encoding: "utf8" });
  if (!r.stdout.includes("exit 0")) throw new Error(`the wasm reference failed (status ${r.status}, ${r.signal ?? "no signal"}): ${r.stderr}`);
  return lastOfEqualRuns("wasm reference", r.stdout);
}

function sameCounts(what: string, a: Record<string, number>, c: Record<string, number>): void {
  for (const [name, v] of Object.entries(c)) if (!Object.is(a[name], v)) throw new Error(`${what}: ${name} is ${a[name]}, C's is ${v}`);
}

const exe = compileSocialReference(outDir);
const wasm = compileWasm();
if (!exe || !wasm) {
  console.log(`${exe ? "clang" : "gcc"} was not found: nothing to compare with.`);
  process.exit(0);
}
const rows: string[][] = [];
for (const n of sizes) {
  const { world, plan, file } = standardInput(n, outDir);
  engineRun(world, plan); // V8 compiles the kernel in the first runs
  engineRun(world, plan);
  const ns: Record<"engine" | "c" | "wasm", number[]> = { engine: [], c: [], wasm: [] };
  for (let r = 0; r < rounds; r++) {
    const e = engineRun(world, plan);
    const c = referenceRun(exe, file, 3);
    const w = wasmRun(wasm, file, 3);
    sameCounts("engine", e.metrics, c.metrics);
    sameCounts("wasm", w.metrics, c.metrics);
    const per = 1e6 / c.metrics.reportedImpressions; // ns per delivery from ms
    ns.engine.push(e.ms * per);
    ns.c.push(c.ms * per);
    ns.wasm.push(w.ms * per);
    process.stderr.write(`${n}: round ${r + 1}/${rounds}: engine ${(e.ms * per).toFixed(1)}, C ${(c.ms * per).toFixed(1)}, wasm ${(w.ms * per).toFixed(1)} ns per delivery\n`);
  }
  const [e, c, w] = [median(ns.engine), median(ns.c), median(ns.wasm)];
  rows.push([n.toLocaleString("en"), e.toFixed(1), c.toFixed(1), w.toFixed(1), `${(w / c).toFixed(2)}×`, `${(e / w).toFixed(2)}×`, `${(e / c).toFixed(2)}×`]);
}
const info = machineInfo();
const md = [
  "# The social kernel in WebAssembly",
  "",
  `${info.cpu}, ${info.cores} cores, Node ${info.node}; load ${info.loadAverage.map((l) => l.toFixed(1)).join(" ")}. \`npx tsx bench/wasm-reference.ts ${process.argv.slice(2).join(" ")}\``,
  `Nanoseconds per delivery, medians of ${rounds} alternated rounds; the engine, the C reference and its wasm build gave the same counts in every round.`,
  "",
  mdTable(["Consumers", "Engine", "C (gcc -O2)", "wasm (clang -O2, Node's V8)", "wasm ÷ C", "engine ÷ wasm", "engine ÷ C"], rows),
  "",
].join("\n");
mkdirSync(path.dirname(out), { recursive: true });
writeFileSync(out, md);
process.stdout.write(md);
