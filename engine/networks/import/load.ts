/**
 * importNetwork: a file network's description → ImportedGraph. File access is passed in (the Node
 * loader streams files from disk; a browser could pass fetched bytes), so this module stays free
 * of Node APIs. Edge lists, node tables and circle files are fed chunk by chunk; GEXF, GraphML and
 * GML are read whole.
 */
import type { ImportedGraph } from "../../../scenarios/schema/imported-graph.ts";
import type { FileCircles, FileNetwork } from "../../../scenarios/schema/network.ts";
import { deriveKey, masterKey, Purpose } from "../../core/rng/seed.ts";
import { stream } from "../../core/rng/stream.ts";
import { undirectedSimple } from "../../core/network/simple.ts";
import { buildCsr } from "../../core/network/csr.ts";
import { assemble } from "./assemble.ts";
import { detectCircles } from "./detect.ts";
import { EdgeListReader } from "./edgelist.ts";
import { parseGml } from "./gml.ts";
import { attributeMemberships, MembershipReader, singleCircle, type Memberships } from "./memberships.ts";
import type { RawGraph } from "./raw.ts";
import { fileError } from "./text.ts";
import { parseGexf, parseGraphml } from "./xml.ts";

export interface FileAccess {
  /** The files a path stands for: itself, or a folder's files sorted by name. */
  list(path: string): string[];
  /** Feed the file's bytes (decompressed if gzip) to `onChunk`, in order; `onProgress` gets the fraction read. */
  chunks(path: string, onChunk: (chunk: Uint8Array) => void): void;
  /** The whole file as text (decompressed if gzip). */
  text(path: string): string;
}

/** The parts of a file network that say how to read it (the schema's FileNetwork without the loaded graph). */
export type NetworkSpec = Pick<FileNetwork, "path" | "format" | "directed" | "reverse" | "header" | "tieWeights" | "duplicates" | "dangling" | "circles">;

export type GraphFormat = Exclude<FileNetwork["format"], "auto">;

/** Format from the file name: .gexf, .graphml, .gml (also under .gz); anything else is an edge list. */
export function formatOf(path: string): GraphFormat {
  const name = path.toLowerCase().replace(/\.gz$/, "");
  if (name.endsWith(".gexf")) return "gexf";
  if (name.endsWith(".graphml")) return "graphml";
  if (name.endsWith(".gml")) return "gml";
  return "edgelist";
}

const stem = (path: string) => path.replace(/^.*[\\/]/, "").replace(/\.gz$/i, "").replace(/\.[^.]*$/, "");

function readRaw(spec: NetworkSpec, io: FileAccess): RawGraph {
  const files = (Array.isArray(spec.path) ? spec.path : [spec.path]).flatMap((p) => io.list(p));
  if (files.length === 0) throw fileError(String(spec.path), undefined, "no files found");
  const format = spec.format === "auto" ? formatOf(files[0]) : spec.format;
  const weights = spec.tieWeights === "file";
  const attribute = spec.circles.from === "attribute" ? spec.circles.name : undefined;
  if (format === "edgelist" || format === "twitter-tree") {
    const reader = new EdgeListReader({ format, directed: spec.directed ?? format === "twitter-tree", reverse: spec.reverse, header: spec.header, weights });
    for (const f of files) {
      reader.begin(f);
      io.chunks(f, (c) => reader.push(c));
    }
    return reader.finish();
  }
  if (files.length > 1) throw fileError(files.join(", "), undefined, `one ${format} file at a time (several files work for edge lists)`);
  const opts = { directed: spec.directed, reverse: spec.reverse, weights, attribute, dangling: spec.dangling };
  const text = io.text(files[0]);
  return format === "gml" ? parseGml(text, files[0], opts) : format === "gexf" ? parseGexf(text, files[0], opts) : parseGraphml(text, files[0], opts);
}

function readMemberships(raw: RawGraph, circles: FileCircles, spec: NetworkSpec, io: FileAccess, seed: number): { ms: Memberships; louvain?: ImportedGraph["report"]["circles"]["louvain"] } {
  switch (circles.from) {
    case "none":
      return { ms: singleCircle(raw) };
    case "attribute":
      return { ms: attributeMemberships(raw, circles.name) };
    case "file": {
      const files = (Array.isArray(circles.path) ? circles.path : [circles.path]).flatMap((p) => io.list(p));
      if (files.length === 0) throw fileError(String(circles.path), undefined, "no circle files found");
      const reader = new MembershipReader(raw, spec.dangling);
      for (const f of files) {
        const kind = circles.format !== "auto" ? circles.format : /\.(circles|cmty)(\.gz)?$/i.test(f) ? "snap-circles" : "table";
        reader.begin(f, kind, files.length > 1 ? `${stem(f)}/` : "", { id: circles.id, column: circles.column, header: circles.header });
        io.chunks(f, (c) => reader.push(c));
      }
      return { ms: reader.finish() };
    }
    case "detect": {
      const n = raw.ids.size;
      const E = raw.edges;
      const simple = undirectedSimple(buildCsr(n, (out) => {
        const one = out.classOf(1);
        for (let k = 0; k < E.m; k++) out.add(E.from[k], E.to[k], one);
      }));
      const d = detectCircles(simple, { resolution: circles.resolution, maxCircles: circles.maxCircles, rng: stream(deriveKey(masterKey(seed), Purpose.circles)) });
      return { ms: d, louvain: { seed, resolution: circles.resolution, modularity: d.modularity, communities: d.communities, pooled: d.pooled } };
    }
  }
}

/** Read a network file and its circles; `seed` keys circle detection (the scenario's seed). */
export function importNetwork(spec: NetworkSpec, io: FileAccess, seed: number): ImportedGraph {
  const raw = readRaw(spec, io);
  const { ms, louvain } = readMemberships(raw, spec.circles, spec, io, seed);
  return assemble(raw, ms, { duplicates: spec.duplicates, dangling: spec.dangling }, louvain ? { louvain } : {});
}
