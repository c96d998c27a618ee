import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { decodeScenarioHash, encodeScenarioHash, MAX_LINK_JSON_BYTES } from "../../viz/url.ts";

const threeStages = JSON.parse(readFileSync(new URL("../../scenarios/library/three-stages.json", import.meta.url), "utf8"));

describe("share links", () => {
  it("round-trip a scenario exactly, in a URL-safe hash shorter than the JSON", async () => {
    const edited = { ...threeStages, seed: 7, replicates: 4 };
    const hash = await encodeScenarioHash(edited);
    expect(hash).toMatch(/^#s=[A-Za-z0-9_-]+$/);
    expect(hash.length).toBeLessThan(JSON.stringify(edited).length * 0.7);
    expect(await decodeScenarioHash(hash)).toEqual(edited);
  });

  it("ignore hashes that hold no scenario and explain damaged ones", async () => {
    expect(await decodeScenarioHash("")).toBeUndefined();
    expect(await decodeScenarioHash("#section-2")).toBeUndefined();
    await expect(decodeScenarioHash("#s=not-deflate")).rejects.toThrow("the link is damaged (its scenario cannot be decompressed)");
    const hash = await encodeScenarioHash({ a: 1 });
    await expect(decodeScenarioHash(hash.slice(0, -4))).rejects.toThrow(/the link is damaged/);
  });

  it("refuse a link whose scenario inflates beyond the limit (a small link must not expand into gigabytes)", async () => {
    const bomb = await encodeScenarioHash({ story: " ".repeat(MAX_LINK_JSON_BYTES) }); // ~64 MiB of spaces deflate to ~64 KiB
    expect(bomb.length).toBeLessThan(200_000);
    await expect(decodeScenarioHash(bomb)).rejects.toThrow("the link's scenario expands beyond 64 MiB");
  });
});
