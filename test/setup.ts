// Fails any test that writes to the console: output belongs in assertions, not in logs.
import { afterEach, beforeEach, vi } from "vitest";

const methods = ["log", "info", "warn", "error", "debug"] as const;
let calls: string[] = [];

beforeEach(() => {
  calls = [];
  for (const m of methods)
    vi.spyOn(console, m).mockImplementation((...args: unknown[]) => {
      calls.push(`console.${m}: ${args.map(String).join(" ")}`);
    });
});

afterEach(() => {
  vi.restoreAllMocks();
  if (calls.length) throw new Error(`test wrote to the console:\n${calls.join("\n")}`);
});
