/**
 * `npm run golden`: rewrite the golden digests — only for a new model version. Numbers may change only
 * with a bump of MODEL_VERSION (engine/version.ts) and a changelog line for it in docs/model.md; a
 * digest that differs under the version it was recorded with is refused, naming what to do.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { MODEL_VERSION } from "../../engine/version.ts";
import { digest, digestPath, GOLDEN_DIR, goldenNames, seedsOf, type Digest } from "./digest.ts";

const dir = fileURLToPath(GOLDEN_DIR);
const recorded = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith(".json")).map((f) => JSON.parse(readFileSync(`${dir}/${f}`, "utf8")) as Digest) : [];
const versions = new Set(recorded.map((d) => d.modelVersion));
const changelog = readFileSync(new URL("../../docs/model.md", import.meta.url), "utf8");

if (!new RegExp(`^### ${MODEL_VERSION.replaceAll(".", "\\.")}\\b`, "m").test(changelog)) {
  process.stderr.write(`golden: docs/model.md has no changelog entry "### ${MODEL_VERSION}": say what changed in the model and why, then run again\n`);
  process.exit(2);
}
const fresh = goldenNames().flatMap((name) => seedsOf(name).map((seed) => digest(name, seed)));
const old = (d: Digest) => recorded.find((r) => r.scenario === d.scenario && r.seed === d.seed);
// A digest that exists and differs is a change of numbers; a new scenario only adds one.
const changed = fresh.filter((d) => old(d) && (old(d)!.sha256 !== d.sha256 || JSON.stringify(old(d)!.plans) !== JSON.stringify(d.plans)));
const added = fresh.filter((d) => !old(d));
if (changed.length === 0 && added.length === 0 && fresh.length === recorded.length && versions.size === 1 && versions.has(MODEL_VERSION)) {
  process.stdout.write(`golden: ${fresh.length} digests unchanged (model ${MODEL_VERSION})\n`);
  process.exit(0);
}
if (versions.has(MODEL_VERSION) && changed.length > 0) {
  process.stderr.write(
    `golden: ${changed.length} digest(s) differ under model ${MODEL_VERSION}, the version they were recorded with ` +
      `(${changed.slice(0, 5).map((d) => `${d.scenario} seed ${d.seed}`).join(", ")}${changed.length > 5 ? ", …" : ""}).\n` +
      `If the model changed on purpose, bump MODEL_VERSION in engine/version.ts, add "### <version>" with what changed and why to ` +
      `docs/model.md's changelog, and run npm run golden again; if not, a refactor changed numbers: find it.\n`,
  );
  process.exit(2);
}
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });
// One line per metric: numbers of an array stay on its line, so a diff shows which values moved.
const text = (d: Digest) => JSON.stringify(d, null, 1).replace(/\[\s+([^[\]{}]*?)\s+\]/g, (_m, inner: string) => `[${inner.replace(/\s+/g, " ")}]`);
for (const d of fresh) writeFileSync(digestPath(d.scenario, d.seed), text(d) + "\n");
process.stdout.write(`golden: wrote ${fresh.length} digests for model ${MODEL_VERSION} (${changed.length} changed, ${added.length} new)\n`);
