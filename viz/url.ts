/**
 * Share URLs: the scenario JSON (seed and replicates included) compressed into the hash,
 * `#s=<base64url(deflate-raw(json))>`, so a reload replays exactly the same numbers. Uses the
 * platform's CompressionStream (browsers and Node ≥ 18).
 */

const PREFIX = "s=";
/** Chromium's longest URL (kMaxURLChars, 2 MiB): a longer share link would not open. */
export const MAX_URL_CHARS = 2 * 1024 * 1024;
/** Most bytes a link's scenario may expand to: a small link must not inflate into gigabytes. */
export const MAX_LINK_JSON_BYTES = 64 * 1024 * 1024;

async function pipe(bytes: Uint8Array, stream: CompressionStream | DecompressionStream, limit = Infinity): Promise<Uint8Array> {
  const reader = new Blob([bytes as BlobPart]).stream().pipeThrough(stream).getReader();
  const parts: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > limit) {
      await reader.cancel();
      throw new RangeError(`expands beyond ${limit} bytes`);
    }
    parts.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const p of parts) out.set(p, (at += p.length) - p.length);
  return out;
}

function toBase64Url(bytes: Uint8Array): string {
  let s = "";
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

function fromBase64Url(text: string): Uint8Array {
  const b64 = text.replaceAll("-", "+").replaceAll("_", "/") + "===".slice((text.length + 3) % 4);
  const bin = atob(b64);
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}

/** The hash fragment (with its leading "#") that encodes a scenario. */
export async function encodeScenarioHash(scenario: unknown): Promise<string> {
  const json = new TextEncoder().encode(JSON.stringify(scenario));
  return `#${PREFIX}${toBase64Url(await pipe(json, new CompressionStream("deflate-raw")))}`;
}

/** The scenario encoded in a hash, undefined when the hash holds none; throws on a damaged one. */
export async function decodeScenarioHash(hash: string): Promise<unknown> {
  const h = hash.replace(/^#/, "");
  if (!h.startsWith(PREFIX)) return undefined;
  let bytes: Uint8Array;
  try {
    bytes = await pipe(fromBase64Url(h.slice(PREFIX.length)), new DecompressionStream("deflate-raw"), MAX_LINK_JSON_BYTES);
  } catch (e) {
    if (e instanceof RangeError) throw new Error(`the link's scenario expands beyond ${MAX_LINK_JSON_BYTES / 2 ** 20} MiB: not a scenario this viewer wrote`);
    throw new Error("the link is damaged (its scenario cannot be decompressed)");
  }
  try {
    return JSON.parse(new TextDecoder().decode(bytes).replace(/^\uFEFF/, ""));
  } catch {
    throw new Error("the link is damaged (its scenario is not valid JSON)");
  }
}
