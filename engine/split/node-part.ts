/** worker_threads entry of split runs (node-threads.ts): one reply per message. */
import { parentPort } from "node:worker_threads";
import { partServer } from "./part-server.ts";

const serve = partServer();
parentPort!.on("message", (m) => parentPort!.postMessage(serve(m)));
parentPort!.postMessage("ready");
