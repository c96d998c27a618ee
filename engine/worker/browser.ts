/** Web Worker entry: `new Worker(new URL("./browser.ts", import.meta.url), { type: "module" })`. */
import { cannotSplit, startBrowserSocialPool } from "./browser-split.ts";
import { exposeEngine } from "./expose.ts";

exposeEngine(undefined, { start: startBrowserSocialPool, cannot: cannotSplit });
