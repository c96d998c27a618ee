/**
 * Builds the viewer (as `npm start` does) into test-artifacts/e2e-build and serves it with
 * `vite preview` on a free port, with the same cross-origin isolation headers. Skipped, like the
 * tests, when Debian's Chromium is not installed.
 */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { build, preview } from "vite";
import type { TestProject } from "vitest/node";
import { CHROMIUM } from "./chromium.ts";

declare module "vitest" {
  export interface ProvidedContext {
    viewerUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  if (!existsSync(CHROMIUM)) {
    process.stderr.write(`\ne2e: ${CHROMIUM} not found, so the viewer's end-to-end tests are SKIPPED (install it: apt-get install -y chromium)\n\n`);
    project.provide("viewerUrl", "");
    return undefined;
  }
  const configFile = fileURLToPath(new URL("../../vite.config.ts", import.meta.url));
  const outDir = fileURLToPath(new URL("../../test-artifacts/e2e-build", import.meta.url));
  await build({ configFile, logLevel: "error", build: { outDir } });
  const server = await preview({ configFile, logLevel: "error", build: { outDir }, preview: { port: 0, host: "127.0.0.1", strictPort: false } });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error("vite preview did not report its URL");
  project.provide("viewerUrl", url);
  return async () => {
    await server.close();
  };
}
