/**
 * Where the world's arrays live (the CSR's, the population's, the generator's tables). The default
 * allocates ordinary typed arrays; `sharedArrays` puts them in SharedArrayBuffers, so worker threads
 * can read and fill them without a copy (engine/split/).
 */
export interface Allocator {
  int32(length: number): Int32Array;
  float32(length: number): Float32Array;
  /** A buffer of `bytes` bytes, for other element types. */
  bytes(bytes: number): ArrayBuffer | SharedArrayBuffer;
}

export const heapArrays: Allocator = {
  int32: (length) => new Int32Array(length),
  float32: (length) => new Float32Array(length),
  bytes: (bytes) => new ArrayBuffer(bytes),
};

/** Typed arrays over SharedArrayBuffers (needs cross-origin isolation in a browser). */
export const sharedArrays: Allocator = {
  int32: (length) => new Int32Array(new SharedArrayBuffer(4 * length)),
  float32: (length) => new Float32Array(new SharedArrayBuffer(4 * length)),
  bytes: (bytes) => new SharedArrayBuffer(bytes),
};
