/**
 * Ctrl-C and SIGTERM during a long command (sweep, optimize, calibrate): abort the pool, remember the
 * signal, and let the command save what finished and exit with the signal's code (130, 143); a rerun
 * resumes from the journal.
 */
export const SIGNALS = { SIGINT: 130, SIGTERM: 143 } as const;
export type StopSignal = keyof typeof SIGNALS;

export function stopOnSignals(pool: { abort(): void }): { stoppedBy(): StopSignal | undefined; release(): void } {
  let stoppedBy: StopSignal | undefined;
  const handlers = (Object.keys(SIGNALS) as StopSignal[]).map((sig) => {
    const h = () => {
      stoppedBy = sig;
      pool.abort();
    };
    process.once(sig, h);
    return () => process.off(sig, h);
  });
  return { stoppedBy: () => stoppedBy, release: () => handlers.forEach((off) => off()) };
}

/** A command stopped by a signal (what finished is saved where the command keeps it); the exit code is 128 + the signal number. */
export class Interrupted extends Error {
  constructor(readonly exitCode: number, message: string) {
    super(message);
    this.name = "Interrupted";
  }
}
