/** Package root and version, found by walking up from this module (works from engine/ and from dist/). */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

function findRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, "package.json");
    if (existsSync(candidate) && JSON.parse(readFileSync(candidate, "utf8")).name === "circlecast") return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error("circlecast package.json not found");
    dir = up;
  }
}

export const PACKAGE_ROOT = findRoot();
export const PACKAGE_VERSION: string = JSON.parse(readFileSync(join(PACKAGE_ROOT, "package.json"), "utf8")).version;
export const LIBRARY_DIR = join(PACKAGE_ROOT, "scenarios", "library");
