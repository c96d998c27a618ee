import { readFileSync } from "node:fs";
import { defineConfig } from "vitest/config";

const version: string = JSON.parse(readFileSync(new URL("./package.json", import.meta.url), "utf8")).version;

export default defineConfig({
  // As in vite.config.ts: the viewer's modules read the package version from this constant.
  define: { __CIRCLECAST_VERSION__: JSON.stringify(version) },
  test: {
    setupFiles: ["test/setup.ts"],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    reporters: ["default", "json"],
    outputFile: { json: "test-artifacts/vitest.json" },
    projects: [
      { extends: true, test: { name: "engine", include: ["test/**/*.test.ts"], exclude: ["test/e2e/**", "**/node_modules/**"], sequence: { groupOrder: 0 } } },
      // The viewer in Chromium runs after the engine tests, one file at a time, so its timings are not squeezed by them.
      { extends: true, test: { name: "e2e", include: ["test/e2e/**/*.test.ts"], globalSetup: ["test/e2e/global-setup.ts"], fileParallelism: false, sequence: { groupOrder: 1 } } },
    ],
  },
});
