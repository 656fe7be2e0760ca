/**
 * A background sweep of an API process (pending workflow starts, retention, external jobs): runs
 * `sweep` every `intervalMs`, one run at a time (a slow run is not overlapped), first after
 * `firstAfterMs`; a failed run is logged and the next one tries again. `stop()` waits for a run
 * in progress, so shutdown never cuts a sweep's transaction in half.
 */
import type { Logger } from "./logger";

export interface Sweeper {
  stop(): Promise<void>;
}

export function startSweeper(
  what: string,
  sweep: () => Promise<unknown>,
  options: { intervalMs: number; firstAfterMs?: number; logger: Logger },
): Sweeper {
  let running: Promise<unknown> | null = null;
  const run = () => {
    if (running) return;
    running = sweep()
      .catch((error) => options.logger.error({ err: error }, `${what} failed`))
      .finally(() => {
        running = null;
      });
  };
  const first = setTimeout(run, options.firstAfterMs ?? options.intervalMs);
  const timer = setInterval(run, options.intervalMs);
  first.unref();
  timer.unref();
  return {
    async stop() {
      clearTimeout(first);
      clearInterval(timer);
      await running;
    },
  };
}
