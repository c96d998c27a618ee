/** Web Worker entry: `new Worker(new URL("./browser.ts", import.meta.url), { type: "module" })`. */
import { browserThreads } from "../split/browser-threads.ts";
import { exposeEngine } from "./expose.ts";

exposeEngine(undefined, browserThreads);
