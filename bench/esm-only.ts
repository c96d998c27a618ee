/**
 * Imported first by every bench that times the engine, so that it times the engine as users run it.
 *
 * Started with tsx's CommonJS hooks (`npx tsx`, `node --import tsx`), a process detaches an ArrayBuffer
 * in its main thread as soon as a CommonJS package loads (the engine imports @xmldom/xmldom). From then
 * on V8 checks every typed-array access in that thread for detachment (`node
 * --trace-protector-invalidation` shows it), and the engine's loops run slower than in the compiled CLI,
 * which loads no hooks. bench/social-reference.ts at 1 M, alternated, on 2026-12-07: the engine ÷ C
 * read 1.68–1.77× that way, against 1.29–1.35× under tsx's ES-module hooks alone.
 *
 * So a bench started that way runs itself again under `--import tsx/esm`, the other Node flags kept,
 * and exits with the child's status.
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
if (hooked) {
  const child = spawnSync(process.execPath, [...flags, "--import", import.meta.resolve("tsx/esm"), ...process.argv.slice(1)], { stdio: "inherit" });
  process.exit(child.status ?? 1);
}
