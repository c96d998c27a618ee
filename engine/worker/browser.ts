/** Web Worker entry: `new Worker(new URL("./browser.ts", import.meta.url), { type: "module" })`. */
import { exposeEngine } from "./expose.ts";

exposeEngine();
