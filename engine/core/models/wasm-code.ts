/**
 * Just enough of WebAssembly's binary format to write a small module in TypeScript: instructions as
 * byte arrays (i32 parameters, i32 and f64 locals, one imported memory), and the module around them.
 * The delivery kernel (delivery-kernel.ts, exposure-kernel.ts) is written with it, so that no compiler
 * joins the build.
 */

const sleb = (v: number): number[] => {
  const out: number[] = [];
  for (;;) {
    const b = v & 0x7f;
    v >>= 7;
    if ((v === 0 && (b & 0x40) === 0) || (v === -1 && (b & 0x40) !== 0)) return [...out, b];
    out.push(b | 0x80);
  }
};
const uleb = (v: number): number[] => {
  const out: number[] = [];
  do {
    const b = v % 128;
    v = Math.floor(v / 128);
    out.push(v > 0 ? b | 0x80 : b);
  } while (v > 0);
  return out;
};
const vec = (items: number[][]): number[] => [...uleb(items.length), ...items.flat()];
const name = (s: string): number[] => vec([...s].map((c) => [c.charCodeAt(0)]));
const section = (id: number, body: number[]): number[] => [id, ...uleb(body.length), ...body];
const I32 = 0x7f, F64 = 0x7c;

/** The opcodes used. */
export const op = {
  block: 0x02, loop: 0x03, void: 0x40, br: 0x0c, brIf: 0x0d, end: 0x0b, select: 0x1b,
  get: 0x20, set: 0x21,
  load: 0x28, loadF32: 0x2a, loadF64: 0x2b, load8: 0x2d, load16: 0x2f, store: 0x36, storeF32: 0x38, store8: 0x3a,
  const: 0x41, f64const: 0x44,
  eqz: 0x45, eq: 0x46, ne: 0x47, ltS: 0x48, ltU: 0x49, f64lt: 0x63,
  add: 0x6a, sub: 0x6b, mul: 0x6c, remU: 0x70, and: 0x71, or: 0x72, xor: 0x73, shl: 0x74, shrU: 0x76, rotl: 0x77,
  f64add: 0xa0, f64sub: 0xa1, f64mul: 0xa2, f64min: 0xa4, f64fromU32: 0xb8, f32fromF64: 0xb6, f64fromF32: 0xbb,
} as const;

/** Instructions, as their bytes. */
export type Code = number[];
export const get = (l: number): Code => [op.get, l];
export const set = (l: number): Code => [op.set, l];
export const i32 = (v: number): Code => [op.const, ...sleb(v | 0)];
/** base + 4·index, of two locals. */
export const word = (base: number, index: number): Code => [...get(base), ...get(index), ...i32(2), op.shl, op.add];
export const load = (address: Code, offset = 0): Code => [...address, op.load, 2, ...uleb(offset)];
export const loadF32 = (address: Code, offset = 0): Code => [...address, op.loadF32, 2, ...uleb(offset)];
export const loadF64 = (address: Code, offset = 0): Code => [...address, op.loadF64, 3, ...uleb(offset)];
export const load8 = (address: Code, offset = 0): Code => [...address, op.load8, 0, ...uleb(offset)];
export const load16 = (address: Code, offset = 0): Code => [...address, op.load16, 1, ...uleb(offset)];
/** Store the value `value` leaves on the stack at address + offset, with store opcode `code` of alignment 2^align. */
export const store = (code: number, align: number, address: Code, value: Code, offset = 0): Code => [...address, ...value, code, align, ...uleb(offset)];
export const f64 = (v: number): Code => {
  const b = new DataView(new ArrayBuffer(8));
  b.setFloat64(0, v, true);
  return [op.f64const, ...new Uint8Array(b.buffer)];
};
/** while (cond) body, the condition tested before the loop and at its end (one branch per turn). */
export const loopWhile = (cond: Code, body: Code): Code => [
  op.block, op.void, ...cond, op.eqz, op.brIf, 0,
  op.loop, op.void, ...body, ...cond, op.brIf, 0, op.end, op.end,
];
/** a < b, unsigned, of two locals. */
export const lt = (a: number, b: number): Code => [...get(a), ...get(b), op.ltU];
export const bump = (x: number, by: number): Code => [...get(x), ...i32(by), op.add, ...set(x)];

/**
 * A function's body: `locals` i32 locals after its parameters, then `doubles` f64 locals, then its code
 * (its result left on the stack).
 */
export const fn = (locals: number, code: Code, doubles = 0): number[] => {
  const decls = [...(locals > 0 ? [[...uleb(locals), I32]] : []), ...(doubles > 0 ? [[...uleb(doubles), F64]] : [])];
  const body = [...vec(decls), ...code, op.end];
  return [...uleb(body.length), ...body];
};

/**
 * A module importing its memory as env.memory (shared, for threads: a shared memory must declare a
 * maximum, here 4 GiB) and exporting each function by name: `params` i32 parameters, one i32 result.
 */
export function moduleBytes(shared: boolean, functions: readonly { name: string; params: number; code: number[] }[]): Uint8Array<ArrayBuffer> {
  const type = (params: number): number[] => [0x60, ...vec(Array.from({ length: params }, () => [I32])), ...vec([[I32]])];
  const memory = shared ? [0x03, ...uleb(1), ...uleb(65536)] : [0x00, ...uleb(1)];
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vec(functions.map((f) => type(f.params)))),
    ...section(2, vec([[...name("env"), ...name("memory"), 0x02, ...memory]])),
    ...section(3, vec(functions.map((_, k) => [k]))),
    ...section(7, vec(functions.map((f, k) => [...name(f.name), 0x00, k]))),
    ...section(10, vec(functions.map((f) => f.code))),
  ]);
}
