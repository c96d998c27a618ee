import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, utimesSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ScenarioError } from "../../engine/errors.ts";
import { lockFolder, STALE_MS } from "../../engine/node/output/lock.ts";

const dir = mkdtempSync(join(tmpdir(), "circlecast-lock-"));
const lockFile = join(dir, ".lock");
const owner = (pid: number, host = hostname()) => writeFileSync(lockFile, JSON.stringify({ pid, host }));

describe("output folder lock", () => {
  it("refuses a folder another live process writes; takes over locks of dead or restarted owners and stale remote ones", () => {
    const release = lockFolder(dir);
    expect(existsSync(lockFile)).toBe(true);
    release();
    expect(existsSync(lockFile)).toBe(false);

    owner(process.ppid); // alive, on this host
    expect(() => lockFolder(dir)).toThrow(ScenarioError);
    expect(() => lockFolder(dir)).toThrow(/in use/);

    const dead = spawnSync(process.execPath, ["-e", "0"]).pid!;
    owner(dead);
    lockFolder(dir)();

    owner(process.pid); // a restarted container gets the same pid as its predecessor
    lockFolder(dir)();

    owner(12345, "another-host");
    expect(() => lockFolder(dir)).toThrow(/names pid 12345 on another-host/);
    const old = new Date(Date.now() - STALE_MS - 5000);
    utimesSync(lockFile, old, old);
    lockFolder(dir)();
    expect(existsSync(lockFile)).toBe(false);
  });
});
