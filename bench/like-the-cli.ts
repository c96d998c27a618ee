/**
 * Imported first by every bench that times the engine, so that it times the engine as the CLI
 * (bin/circlecast.js) runs it: under tsx's ES-module hooks alone, with glibc's huge pages.
 *
 * Started with tsx's CommonJS hooks (`npx tsx`, `node --import tsx`), a process detaches an ArrayBuffer
 * in its main thread as soon as a CommonJS package loads (the engine imports @xmldom/xmldom). From then
 * on V8 checks every typed-array access in that thread for detachment (`node
 * --trace-protector-invalidation` shows it), and the engine's loops run slower than in the compiled CLI,
 * which loads no hooks. bench/social-reference.ts at 1 M, alternated, on 2026-12-07 (when it still timed
 * C's first run): the engine ÷ C read 1.68–1.77× that way, against 1.29–1.35× under tsx's ES-module hooks
 * alone.
 *
 * bin/circlecast.js also sets GLIBC_TUNABLES=glibc.malloc.hugetlb=1 where it is not set, so that the
 * world's large typed arrays get transparent huge pages: on this VM a fresh 4 KiB page costs about 11 µs
 * to fault in, and buildWorld at 1 M consumers took 1.73 s without them against 0.93 s with them
 * (bench/generation.ts, 2026-12-07). C references the benches start inherit the variable, so both
 * sides of a ratio allocate alike.
 *
 * So a bench started under tsx's CommonJS hooks, or on Linux without the variable, runs itself again
 * under `--import tsx/esm` with it set (the other Node flags kept), and exits with the child's status.
 * `GLIBC_TUNABLES= npx tsx bench/…` times the engine on 4 KiB pages.
 */
import { spawnSync } from "node:child_process";

const tsxHook = /(^|[\\/])tsx([\\/]dist[\\/](preflight\.cjs|loader\.mjs))?$/;

/** process.execArgv without tsx's CommonJS and full hooks (`--require …/preflight.cjs`, `--import …/loader.mjs`, `--import tsx`). */
function otherFlags(argv: readonly string[]): { flags: string[]; hooked: boolean } {
  const flags: string[] = [];
  let hooked = false;
  for (let k = 0; k < argv.length; k++) {
    const [flag, inline] = argv[k].split(/=(.*)/s, 2);
    const value = inline ?? argv[k + 1];
    if ((flag === "--require" || flag === "-r" || flag === "--import") && value !== undefined && tsxHook.test(value)) {
      hooked = true;
      if (inline === undefined) k++;
      continue;
    }
    flags.push(argv[k]);
  }
  return { flags, hooked };
}

const { flags, hooked } = otherFlags(process.execArgv);
const unset = process.platform === "linux" && process.env.GLIBC_TUNABLES === undefined;
if (hooked || unset) {
  const env = { ...process.env, GLIBC_TUNABLES: process.env.GLIBC_TUNABLES ?? "glibc.malloc.hugetlb=1" }; // as bin/circlecast.js
  const hooks = hooked ? ["--import", import.meta.resolve("tsx/esm")] : []; // else the flags hold them already
  const child = spawnSync(process.execPath, [...flags, ...hooks, ...process.argv.slice(1)], { stdio: "inherit", env });
  process.exit(child.status ?? 1);
}
