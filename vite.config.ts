/**
 * The viewer's build: root viz/, the engine's Web Worker bundled as an ES module, and the
 * cross-origin isolation headers (COOP/COEP) that make SharedArrayBuffer (the worker's shared cancel
 * flag) available, on the dev server and on `vite preview` alike.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const version: string = JSON.parse(readFileSync(here("./package.json"), "utf8")).version;

const isolation = {
  "Cross-Origin-Opener-Policy": "same-origin",
  "Cross-Origin-Embedder-Policy": "require-corp",
};

export default defineConfig({
  root: here("./viz"),
  base: "./",
  define: { __CIRCLECAST_VERSION__: JSON.stringify(version) },
  worker: { format: "es" },
  build: { outDir: here("./dist-viz"), emptyOutDir: true, target: "es2022", chunkSizeWarningLimit: 1200 },
  server: { headers: isolation, fs: { allow: [here(".")] } },
  preview: { headers: isolation },
  clearScreen: false,
});
