// Bad network files: a clear message naming the file and the line, exit code 2, no stack trace.
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { gzipSync } from "node:zlib";
import { main } from "../../engine/node/cli.ts";
import { importNetwork } from "../../engine/networks/import/load.ts";
import { diskAccess } from "../../engine/node/network-file.ts";
import { FileNetwork } from "../../scenarios/schema/network.ts";

const dir = mkdtempSync(join(tmpdir(), "circlecast-bad-"));
const file = (name: string, content: string | Uint8Array) => {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
};

/** `circlecast fit FILE ARGS…` in-process: the exit code and stderr with the temp folder shown as <dir>. */
function fit(path: string, ...args: string[]) {
  let err = "";
  const o = vi.spyOn(process.stdout, "write").mockImplementation(() => true);
  const e = vi.spyOn(process.stderr, "write").mockImplementation((s) => ((err += String(s)), true));
  try {
    return { code: main(["fit", path, "--no-calibrate", ...args]), err: err.replaceAll(dir, "<dir>") };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

describe("bad network files exit 2 with the line number", () => {
  it("binary garbage", () => {
    const junk = new Uint8Array(4096).map((_, i) => (i * 73 + 11) % 256);
    junk.set(new TextEncoder().encode("1 2\n3 4\n"), 0);
    const r = fit(file("junk.bin", junk));
    expect(r.code).toBe(2);
    expect(r.err).toMatchInlineSnapshot(`
      "circlecast: cannot read network file <dir>/junk.bin:
        - <dir>/junk.bin, line 3: binary data (a NUL byte): expected a text file (is it compressed? name it .gz)
      "
    `);
  });

  it("a line with one column", () => {
    const r = fit(file("one.txt", "# ties\n1 2\n2 3\n4\n"));
    expect(r.code).toBe(2);
    expect(r.err).toContain('one.txt, line 4: expected two node ids (from to), got 1 column: "4"');
  });

  it("ids that overflow", () => {
    const r = fit(file("long.txt", `1 2\n2 ${"9".repeat(300)}\n`));
    expect(r.code).toBe(2);
    expect(r.err).toContain("long.txt, line 2: a node id of 300 characters overflows the id limit (256): is this an edge list?");
  });

  it("an empty file", () => {
    const r = fit(file("empty.txt", ""));
    expect(r.code).toBe(2);
    expect(r.err).toMatchInlineSnapshot(`
      "circlecast: cannot read network file <dir>/empty.txt:
        - <dir>/empty.txt: the file is empty: expected one tie per line (from to)
      "
    `);
    expect(fit(file("comments.txt", "# nothing\n\n")).err).toContain("no ties found (2 comment, blank or header line(s))");
  });

  it("a GEXF that is not XML, and one that is broken XML", () => {
    const r = fit(file("no.gexf", "\n\nsource,target\na,b\n"));
    expect(r.code).toBe(2);
    expect(r.err).toContain('no.gexf, line 3: not XML (the text starts with "s", not "<"): expected GEXF');
    const broken = fit(file("broken.gexf", '<?xml version="1.0"?>\n<gexf>\n<graph>\n<nodes><node id="a></nodes>\n</graph>\n</gexf>\n'));
    expect(broken.code).toBe(2);
    expect(broken.err).toMatch(/broken\.gexf, line 4: not well-formed XML \(.+\): expected GEXF/);
    expect(fit(file("html.gexf", "<html><body/></html>")).err).toContain("the root element is <html>: expected GEXF (<gexf>)");
  });

  it("GML, weights and circle files", () => {
    expect(fit(file("bad.gml", "graph [\n node [ id 1 ]\n edge [ source 1 target 2 \n")).err).toContain("bad.gml, line 4: the file ends inside a [ … ] list: expected ]");
    const net = file("w.txt", "1 2 0.5\n2 3 7\n");
    expect(fit(file("w.gml", "x"), "--format", "edgelist").code).toBe(2);
    const circles = file("c.csv", "id,circle\n1,a\n2\n");
    const r = fit(net, "--circles", circles, "--circles-format", "table");
    expect(r.err).toContain("c.csv, line 3: expected at least 2 columns (id in column 1, circle in column 2), got 1");
    expect(fit(join(dir, "missing.txt")).err).toContain("missing.txt: no such file");
  });
});

describe("special files, bombs and private contents", () => {
  it("a FIFO, a device or a folder given as a network file is refused before it is opened", () => {
    const fifo = join(dir, "pipe.txt");
    execFileSync("mkfifo", [fifo]);
    expect(fit(fifo).err).toContain("<dir>/pipe.txt: is not a regular file (a FIFO): expected a file");
    expect(fit("/dev/zero").err).toContain("/dev/zero: is not a regular file (a device): expected a file");
    expect(fit(fifo, "--format", "gml").code).toBe(2);
  });

  it("a .gz that expands beyond the limit stops at the limit, naming the file", () => {
    const bomb = file("bomb.txt.gz", gzipSync(Buffer.from("1 2\n".repeat(2 ** 19)))); // 2 MiB of text
    const spec = FileNetwork.parse({ kind: "file", path: bomb, circles: { from: "none" } });
    expect(() => importNetwork(spec, diskAccess(dir, { gunzip: 2 ** 20, whole: 2 ** 20 }), 1)).toThrow(/bomb\.txt\.gz: expands to more than 1 MiB \(from \d+ bytes\)/);
    expect(importNetwork(spec, diskAccess(dir, { gunzip: 4 * 2 ** 20, whole: 2 ** 20 }), 1).n).toBe(2); // the same file within the limit
  });

  it("a wrong file's contents are not echoed in the message", () => {
    const r = fit(file("passwd", "root:x:0:0:root:/root:/bin/bash\n"));
    expect(r.err).toContain("passwd, line 1: expected two node ids (from to), got 1 column: a text of 31 character(s)");
    expect(r.err).not.toContain("root:x");
    expect(fit(file("short.txt", "1 2\n4\n")).err).toContain('got 1 column: "4"'); // a short id-like field is shown
  });
});
