/**
 * The command line's file access: a path is checked to be a regular file before it is opened (a FIFO
 * blocks on open, /dev/zero never ends), text files have a size limit, and file-system errors become messages naming the path and what went wrong (exit 2).
 */
import { mkdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { ScenarioError } from "../errors.ts";
import { MAX_JSON_BYTES } from "../../scenarios/parse.ts";


const REASONS: Record<string, string> = {
  ENOENT: "no such file or folder",
  EISDIR: "is a folder",
  ENOTDIR: "a part of the path is a file, not a folder",
  EACCES: "permission denied",
  EPERM: "permission denied",
  ENOSPC: "no space left on the device",
  EDQUOT: "disk quota exceeded",
  EROFS: "read-only file system",
  EEXIST: "already exists",
  ENAMETOOLONG: "the name is too long",
  ELOOP: "too many symbolic links",
  EMFILE: "too many open files",
  EIO: "input/output error",
};

/** What a file-system error means, in words ("no space left on the device"). */
export function fsReason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  return (code && Object.hasOwn(REASONS, code) ? REASONS[code] : undefined) ?? (e as Error).message;
}

/** Is this a file-system error (it has an errno code)? */
export function isFsError(e: unknown): e is NodeJS.ErrnoException {
  return e instanceof Error && typeof (e as NodeJS.ErrnoException).code === "string" && typeof (e as NodeJS.ErrnoException).syscall === "string";
}

/** Why `path` cannot be read as a regular file (without opening it; `missing`: it does not exist), or no `why` when it can; `size` is its length. */
export function notRegularFile(path: string): { why?: string; missing?: boolean; size: number } {
  let st;
  try {
    st = statSync(path);
  } catch (e) {
    return { why: fsReason(e), missing: (e as NodeJS.ErrnoException).code === "ENOENT", size: 0 };
  }
  if (st.isDirectory()) return { why: "is a folder, expected a file", size: 0 };
  if (!st.isFile()) return { why: `is not a regular file (${st.isFIFO() ? "a FIFO" : st.isSocket() ? "a socket" : "a device"}): expected a file`, size: 0 };
  return { size: st.size };
}

/** A regular file's bytes, at most `limit` of them; `fail(why)` builds the error to throw. */
export function readRegularFile(path: string, limit: number, fail: (why: string) => Error): Buffer {
  const { why, size } = notRegularFile(path);
  if (why) throw fail(why);
  if (size > limit) throw fail(`${size} bytes, more than the ${limit} bytes accepted`);
  try {
    return readFileSync(path);
  } catch (e) {
    throw fail(fsReason(e));
  }
}

/** A text file (UTF-8) of at most MAX_JSON_BYTES, for JSON files; failures are ScenarioErrors naming `ref`. */
export function readTextFile(path: string, ref = path): string {
  const fail = (why: string) => new ScenarioError([{ path: "file", message: `${path}: ${why}` }], ref, `cannot read ${ref}`);
  return readRegularFile(path, MAX_JSON_BYTES, fail).toString("utf8");
}

/** A write that failed: exit 2, naming the path and the reason, and what `flag` was given. */
export function writeError(path: string, e: unknown, flag = "--out", after = ""): ScenarioError {
  const why = (e as NodeJS.ErrnoException).code === "ENOENT" ? `its folder ${dirname(path)} does not exist` : fsReason(e);
  return new ScenarioError([{ path: flag, message: `cannot write ${path}: ${why}${after}` }], "output", `cannot write ${path}`);
}

/** Write a whole output file; a failure names the file (missing folder, a folder, a full disk). */
export function writeOutput(path: string, data: string | Uint8Array, flag = "--out"): void {
  try {
    writeFileSync(path, data);
  } catch (e) {
    throw writeError(path, e, flag);
  }
}

/** Write a file whole or not at all (temp file + rename), so a kill never leaves half a file; failures name the file. */
export function writeAtomic(path: string, data: string | Uint8Array, flag = "--out"): void {
  const tmp = `${path}.tmp`;
  try {
    writeFileSync(tmp, data);
    renameSync(tmp, path);
  } catch (e) {
    try {
      unlinkSync(tmp);
    } catch {
      // never written, or already renamed
    }
    throw writeError(path, e, flag);
  }
}

/** Create an output folder (and its parents); a failure names it (a file in the way, a read-only file system). */
export function makeFolder(dir: string, flag = "--out"): void {
  // Parent by parent rather than mkdirSync's `recursive`, which spins forever where mkdir answers
  // ENOENT for a parent that exists (/proc/sys/x).
  const missing: string[] = [];
  for (let d = resolve(dir); ; d = dirname(d)) {
    const st = statSync(d, { throwIfNoEntry: false });
    if (st?.isDirectory()) break;
    if (st || d === dirname(d))
      throw new ScenarioError([{ path: flag, message: `cannot create the folder ${dir}: ${d} is ${st ? "a file, not a folder" : "missing"}` }], "output", `cannot write ${dir}`);
    missing.push(d);
  }
  for (const d of missing.reverse())
    try {
      mkdirSync(d);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw writeError(dir, e, flag);
    }
}
