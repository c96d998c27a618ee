/** Web Worker entry: `new Worker(new URL("./browser.ts", import.meta.url), { type: "module" })`. */
import { browserSplit } from "./browser-split.ts";
import { exposeEngine } from "./expose.ts";

exposeEngine(undefined, browserSplit);
