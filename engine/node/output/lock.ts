/**
 * One sweep process per output folder: `.lock` names its owner (pid, host) and is touched every
 * HEARTBEAT_MS. A lock is stale, and taken over, when its owner is this host and that process is
 * gone (or has our own pid: a restarted container), or when it has not been touched for STALE_MS
 * (an owner on another host that died, on a shared volume).
 */
import { closeSync, existsSync, openSync, readFileSync, statSync, unlinkSync, utimesSync, writeSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { ScenarioError } from "../../errors.ts";

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

/** Take the folder's lock or throw a ScenarioError (exit 2) naming its owner; returns the release function. */
export function lockFolder(dir: string): () => void {
  const path = join(dir, ".lock");
  const host = hostname();
  for (let attempt = 0; ; attempt++) {
    try {
      const fd = openSync(path, "wx");
      writeSync(fd, JSON.stringify({ pid: process.pid, host }));
      closeSync(fd);
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST" || attempt > 0) throw e;
    }
    let owner: { pid?: number; host?: string } = {};
    try {
      owner = JSON.parse(readFileSync(path, "utf8")) as typeof owner;
    } catch {
      // empty or torn: its writer died while writing it
    }
    const age = Date.now() - statSync(path).mtimeMs;
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
  const beat = setInterval(() => {
    const now = new Date();
    if (existsSync(path)) utimesSync(path, now, now);
  }, HEARTBEAT_MS);
  beat.unref();
  return () => {
    clearInterval(beat);
    if (existsSync(path)) unlinkSync(path);
  };
}
