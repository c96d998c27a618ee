/**
 * Share URLs: the scenario JSON (seed and replicates included) compressed into the hash,
 * `#s=<base64url(deflate-raw(json))>`, so a reload replays exactly the same numbers. Uses the
 * platform's CompressionStream (browsers and Node ≥ 18).
 */

const PREFIX = "s=";

async function pipe(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const out = new Blob([bytes as BlobPart]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(out).arrayBuffer());
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
    bytes = await pipe(fromBase64Url(h.slice(PREFIX.length)), new DecompressionStream("deflate-raw"));
  } catch {
    throw new Error("the link is damaged (its scenario cannot be decompressed)");
  }
  try {
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    throw new Error("the link is damaged (its scenario is not valid JSON)");
  }
}
