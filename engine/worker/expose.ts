/** Wires the EngineApi to a comlink endpoint; simulations come back with their typed arrays transferred. */
import * as Comlink from "comlink";
import type { EngineApi } from "./api.ts";
import { createEngineApi, transferables } from "./engine-api.ts";
import type { SplitThreads } from "../split/replicates.ts";

export function exposeEngine(endpoint?: Comlink.Endpoint, split?: SplitThreads): void {
  const api = createEngineApi(split);
  const wrapped: EngineApi = {
    async simulate(req, onProgress, onPartial) {
      const r = await api.simulate(req, onProgress, onPartial && ((sim) => void onPartial(Comlink.transfer(sim, transferables(sim)))));
      return r.ok ? Comlink.transfer(r, transferables(r.simulation)) : r;
    },
    async replicates(req) {
      const r = await api.replicates(req);
      return r.ok ? Comlink.transfer(r, transferables(r.pieces)) : r;
    },
    async sweepRun(req) {
      const r = await api.sweepRun(req);
      return r.ok ? Comlink.transfer(r, transferables(r.plans)) : r;
    },
    async trace(req) {
      const r = await api.trace(req);
      return r.ok ? Comlink.transfer(r, transferables(r.trace)) : r;
    },
    validate: (s) => api.validate(s),
    cancel: () => api.cancel(),
  };
  Comlink.expose(wrapped, endpoint);
}
