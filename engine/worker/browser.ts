/** Web Worker entry: `new Worker(new URL("./browser.ts", import.meta.url), { type: "module" })`. */
import { browserSplit } from "../split/browser-threads.ts";
import { exposeEngine } from "./expose.ts";

exposeEngine(undefined, browserSplit);
