/** Run the `circlecast` CLI in-process, capturing what it writes to stdout and stderr. */
import { vi } from "vitest";
import { mainAsync } from "../engine/node/cli.ts";

export async function runCli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "", err = "";
  const o = vi.spyOn(process.stdout, "write").mockImplementation((s) => ((out += String(s)), true));
  const e = vi.spyOn(process.stderr, "write").mockImplementation((s) => ((err += String(s)), true));
  try {
    return { code: await mainAsync(args), out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}
