/**
 * The deterministic libm in Chromium: engine/core/libm and the sample of test/engine/libm-sample.ts,
 * bundled by Vite as the viewer bundles the engine (target es2022), evaluated in a Chromium page,
 * give the same bits as in Node on 120,000 seeded arguments, where Chromium's own Math.* do not
 * (Chromium 156 against Node 20 on this sample: exp differed on 676 of 20,000, log 495, log1p 5,
 * pow 1,284, sin 357, cos 319; docs/model.md §8).
 */
import { fileURLToPath } from "node:url";
import { build, type Rolldown } from "vite";
import { describe, expect, it } from "vitest";
import { libmOutputs } from "../engine/libm-sample.ts";
import { HAVE_CHROMIUM, launch, SKIP_NOTE } from "./chromium.ts";

const N = 20_000;
const KEY = 5;

/** The sample module as one classic script that defines the global `circlecastLibm`. */
async function bundle(): Promise<string> {
  const entry = fileURLToPath(new URL("../engine/libm-sample.ts", import.meta.url));
  const out = await build({
    configFile: false,
    logLevel: "error",
    build: { write: false, minify: false, target: "es2022", lib: { entry, formats: ["iife"], name: "circlecastLibm", fileName: "libm" } },
  });
  const outputs = (Array.isArray(out) ? out : [out]) as Rolldown.RolldownOutput[];
  return outputs[0].output[0].code;
}

describe.skipIf(!HAVE_CHROMIUM)(`libm in Chromium${SKIP_NOTE}`, () => {
  it("exp, log, log1p, pow, sin and cos give Node's bits on 120,000 seeded arguments", async () => {
    const code = await bundle();
    const browser = await launch();
    try {
      const page = await browser.newPage();
      await page.addScriptTag({ content: code });
      const inBrowser: number[] = await page.evaluate(
        ([n, key]) => Array.from(new Uint32Array((globalThis as unknown as { circlecastLibm: { libmOutputs(n: number, key: number): Float64Array } }).circlecastLibm.libmOutputs(n, key).buffer)),
        [N, KEY],
      );
      const inNode = new Uint32Array(libmOutputs(N, KEY).buffer);
      expect(inBrowser.length).toBe(inNode.length);
      const differ: number[] = [];
      for (let i = 0; i < inNode.length; i++) if (inBrowser[i] !== inNode[i]) differ.push(i >> 1);
      expect(differ.slice(0, 10)).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
