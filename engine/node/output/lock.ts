/**
 * One sweep process per output folder: `.lock` names its owner (pid, host) and is touched every
 * HEARTBEAT_MS. A lock is stale, and taken over, when its owner is this host and that process is
 * gone (or has our own pid: a restarted container), or when it has not been touched for STALE_MS
 * (an owner on another host that died, on a shared volume). Ages are read on the file system's clock
 * (a probe file's mtime against the lock's), never the host's: hosts sharing a volume may disagree on
 * the time, and the engine reads no wall clock.
 */
import { closeSync, existsSync, openSync, readFileSync, statSync, unlinkSync, writeFileSync, writeSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { ScenarioError } from "../../errors.ts";
import { writeError } from "../files.ts";

const HEARTBEAT_MS = 10_000;
export const STALE_MS = 60_000;

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Now on the clock of the file system holding `dir`: the mtime of a file written there. */
function fileSystemNow(dir: string): number {
  const probe = join(dir, `.clock-${process.pid}`);
  try {
    writeFileSync(probe, "");
  } catch (e) {
    throw writeError(probe, e);
  }
  try {
    return statSync(probe).mtimeMs;
  } finally {
    unlinkSync(probe);
  }
}

/** Take the folder's lock or throw a ScenarioError (exit 2) naming its owner; returns the release function. */
export function lockFolder(dir: string): () => void {
  const path = join(dir, ".lock");
  const host = hostname();
  const content = JSON.stringify({ pid: process.pid, host });
  for (let attempt = 0; ; attempt++) {
    try {
      const fd = openSync(path, "wx");
      writeSync(fd, content);
      closeSync(fd);
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST" || attempt > 0) throw writeError(path, e);
    }
    let owner: { pid?: number; host?: string } = {};
    try {
      owner = JSON.parse(readFileSync(path, "utf8")) as typeof owner;
    } catch {
      // empty or torn: its writer died while writing it
    }
    const age = fileSystemNow(dir) - statSync(path).mtimeMs;
    const stale =
      owner.host === host ? owner.pid === undefined || owner.pid === process.pid || !isAlive(owner.pid) : age > STALE_MS;
    if (!stale)
      throw new ScenarioError(
        [{ path: "--out", message: `expected no other sweep writing here: ${path} names pid ${owner.pid} on ${owner.host}, alive ${Math.round(age / 1000)} s ago (delete it if that process is gone)`, received: JSON.stringify(dir) }],
        "output",
        `${dir} is in use`,
      );
    unlinkSync(path);
  }
  // The heartbeat rewrites the lock in place, so the file system stamps it; "r+" never recreates a removed lock.
  const beat = setInterval(() => {
    try {
      writeFileSync(path, content, { flag: "r+" });
    } catch {
      // removed (released, or taken over as stale): nothing to keep alive
    }
  }, HEARTBEAT_MS);
  beat.unref();
  return () => {
    clearInterval(beat);
    if (existsSync(path)) unlinkSync(path);
  };
}
