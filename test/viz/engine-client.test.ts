// The page's engine client when its worker dies (viz/engine.ts): the run it held fails with the reason
// instead of waiting forever, and a new worker takes its place for the next run. A stand-in Worker
// class (Node has none) receives comlink's messages and never answers, then fires `error`.
import { afterEach, describe, expect, it } from "vitest";
import { createEngineClient } from "../../viz/engine.ts";

class StandInWorker extends EventTarget {
  static made: StandInWorker[] = [];
  terminated = false;
  constructor(readonly url: URL, readonly opts: { name?: string }) {
    super();
    StandInWorker.made.push(this);
  }
  postMessage(): void {}
  terminate(): void {
    this.terminated = true;
  }
  die(message: string): void {
    this.dispatchEvent(Object.assign(new Event("error"), { message }));
  }
}

const g = globalThis as { Worker?: unknown };
const had = g.Worker;

describe("the engine client", () => {
  afterEach(() => {
    g.Worker = had;
    StandInWorker.made = [];
  });

  it("fails the run its worker held when the worker dies, and starts another for the next run", async () => {
    g.Worker = StandInWorker;
    const client = createEngineClient();
    expect(StandInWorker.made.map((w) => w.opts.name)).toEqual(["circlecast-engine"]);
    const handle = client.run({ name: "any" }, () => {});
    await new Promise((r) => setTimeout(r, 0)); // the run goes out once the one before it (none) has ended
    StandInWorker.made[0].die("out of memory");
    await expect(handle.result).resolves.toEqual({ ok: false, cancelled: false, issues: [], message: "the engine failed: engine worker circlecast-engine failed: out of memory" });
    expect(StandInWorker.made[0].terminated).toBe(true);
    expect(StandInWorker.made.map((w) => w.opts.name)).toEqual(["circlecast-engine", "circlecast-engine"]);
    client.dispose();
    expect(StandInWorker.made[1].terminated).toBe(true);
  });
});
