/** Prints the sha256 of libmOutputs(n, key) (arguments n and key): test/engine/libm.test.ts runs it with node --jitless. */
import { createHash } from "node:crypto";
import { libmOutputs } from "./libm-sample.ts";

const [n, key] = process.argv.slice(2).map(Number);
process.stdout.write(createHash("sha256").update(new Uint8Array(libmOutputs(n, key).buffer)).digest("hex") + "\n");
