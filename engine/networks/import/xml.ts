/**
 * GEXF and GraphML through graphology's own parsers (graphology-gexf, graphology-graphml). The XML
 * is parsed first with @xmldom/xmldom's DOMParser (the one those parsers use in Node, and pure
 * JavaScript, so this also runs in a browser or worker), with an error handler and a locator, so a
 * file that is not XML fails with its line number; edges to undeclared nodes are counted (with the
 * line of the first) before graphology sees the document. The text is read whole.
 */
import { DOMParser } from "@xmldom/xmldom";
import { MultiGraph } from "graphology";
import { parse as parseGexfDocument } from "graphology-gexf";
import { parse as parseGraphmlDocument } from "graphology-graphml";
import { MAX_AGENTS } from "../../../scenarios/schema/scenario.ts";
import { IdMap } from "./ids.ts";
import { EdgeBuffer, emptyCounts, tally, type RawGraph } from "./raw.ts";
import { fileError } from "./text.ts";

export interface XmlOptions {
  directed?: boolean;
  reverse: boolean;
  weights: boolean;
  attribute?: string;
  dangling: "drop" | "add";
}

type XmlDoc = ReturnType<DOMParser["parseFromString"]>;
interface XmlElement {
  getAttribute(name: string): string | null;
  lineNumber?: number;
  parentNode: { removeChild(child: unknown): unknown } | null;
}

function parseXml(text: string, source: string, what: string): XmlDoc {
  const body = text.replace(/^\uFEFF/, "");
  if (body.trim().length === 0) throw fileError(source, undefined, `the file is empty: expected ${what} (XML)`);
  const first = body.search(/\S/);
  if (body[first] !== "<") {
    const line = body.slice(0, first).split("\n").length;
    throw fileError(source, line, `not XML (the text starts with ${JSON.stringify(body[first])}, not "<"): expected ${what}`);
  }
  const problems: string[] = [];
  const keep = (m: string) => problems.push(m);
  const doc = new DOMParser({ locator: {}, errorHandler: { warning: () => {}, error: keep, fatalError: keep } }).parseFromString(body, "application/xml");
  const bad = problems[0];
  if (bad !== undefined || !doc?.documentElement) {
    const line = bad ? Number(/line:(\d+)/.exec(bad)?.[1] ?? NaN) : NaN;
    const why = bad ? bad.replace(/^\[xmldom \w+\]\s*/, "").replace(/\s*@#\[line:\d+,col:\d+\]\s*$/, "").split("\n")[0] : "no root element";
    throw fileError(source, Number.isFinite(line) ? line : undefined, `not well-formed XML (${why}): expected ${what}`);
  }
  return doc;
}

function toRaw(graph: MultiGraph, source: string, format: string, opts: XmlOptions, counts: RawGraph["counts"]): RawGraph {
  const ids = new IdMap(MAX_AGENTS);
  const attribute: (string | undefined)[] = [];
  graph.forEachNode((key, attrs) => {
    const i = ids.add(key);
    if (i < 0) throw fileError(source, undefined, `more than ${MAX_AGENTS} nodes: the node index overflows the engine's limit`);
    if (opts.attribute !== undefined) {
      const a = attrs[opts.attribute];
      attribute[i] = a === undefined || a === null ? undefined : String(a);
    }
  });
  const directed = opts.directed ?? graph.type !== "undirected";
  const edges = new EdgeBuffer(opts.weights);
  graph.forEachEdge((key, attrs, s, t, _sa, _ta, undirected) => {
    counts.records++;
    const a = ids.get(s), b = ids.get(t);
    if (a === b) {
      tally(counts.selfLoops, `${source}, edge ${key}`);
      return;
    }
    let w = 1;
    if (opts.weights) {
      w = Number(attrs.weight);
      if (!(w >= 0 && w <= 1)) throw fileError(source, undefined, `edge ${key}: expected a weight in [0, 1] (tieWeights is "file"), got ${JSON.stringify(attrs.weight ?? null)}`);
    }
    const [x, y] = opts.reverse ? [b, a] : [a, b];
    edges.add(x, y, w);
    // An undirected edge of a mixed graph read as directed: both directions.
    if (directed && undirected) edges.add(y, x, w);
  });
  return { source, format, ids, edges, directed, attribute: opts.attribute !== undefined ? attribute : undefined, counts };
}

/** Count edges whose endpoint is not a declared node; with dangling "drop", take them out of the document. */
function danglingEdges(doc: XmlDoc, source: string, opts: XmlOptions, counts: RawGraph["counts"]): void {
  const declared = new Set<string>();
  const nodes = doc.getElementsByTagName("node");
  for (let i = 0; i < nodes.length; i++) declared.add((nodes[i] as unknown as XmlElement).getAttribute("id") ?? "");
  const edges = doc.getElementsByTagName("edge");
  const drop: XmlElement[] = [];
  for (let i = 0; i < edges.length; i++) {
    const e = edges[i] as unknown as XmlElement;
    const s = e.getAttribute("source") ?? "", t = e.getAttribute("target") ?? "";
    const missing = !declared.has(s) ? s : !declared.has(t) ? t : undefined;
    if (missing === undefined) continue;
    tally(counts.danglingEdges, `${source}, line ${e.lineNumber ?? "?"} (${missing})`);
    if (opts.dangling === "drop") drop.push(e);
  }
  for (const e of drop) e.parentNode?.removeChild(e);
}

function importXml(text: string, source: string, opts: XmlOptions, format: "gexf" | "graphml"): RawGraph {
  const what = format === "gexf" ? "GEXF" : "GraphML";
  const doc = parseXml(text, source, what);
  const root = doc.documentElement!.tagName.replace(/^.*:/, "").toLowerCase();
  if (root !== format) throw fileError(source, (doc.documentElement as unknown as XmlElement).lineNumber, `the root element is <${root}>: expected ${what} (<${format}>)`);
  if (doc.getElementsByTagName("graph").length === 0) throw fileError(source, undefined, `no <graph> element: expected ${what}`);
  const counts = emptyCounts();
  danglingEdges(doc, source, opts, counts);
  let graph: MultiGraph;
  try {
    // A multigraph keeps parallel edges, so repeated ties reach the report instead of being merged here.
    graph = format === "gexf"
      ? parseGexfDocument(MultiGraph, doc as never, { addMissingNodes: true, allowUndeclaredAttributes: true })
      : parseGraphmlDocument(MultiGraph, doc as never, { addMissingNodes: true });
  } catch (e) {
    throw fileError(source, undefined, `${what} not understood: ${(e as Error).message.replace(/^graphology-\w+\/parser: /, "")}`);
  }
  return toRaw(graph, source, format, opts, counts);
}

export const parseGexf = (text: string, source: string, opts: XmlOptions): RawGraph => importXml(text, source, opts, "gexf");
export const parseGraphml = (text: string, source: string, opts: XmlOptions): RawGraph => importXml(text, source, opts, "graphml");
