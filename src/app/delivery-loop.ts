import type { Logger } from '../core/logger.ts';

export interface DeliveryLoop {
  /** Runs a pass soon (after a push was written outside a message). */
  kick(): void;
  stop(): Promise<void>;
}

/**
 * Keeps the outbox moving on a live platform: a pass at once (a restart resumes what was
 * written before it), then one every `intervalMs` for retries, paused targets and held pushes.
 * Passes are awaited one after another; a failing pass is logged and the loop goes on.
 */
export function startDeliveryLoop(deliver: () => Promise<number>, options: { intervalMs?: number; log: Logger }): DeliveryLoop {
  const intervalMs = options.intervalMs ?? 2_000;
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  let running: Promise<void> = Promise.resolve();

  const tick = () => {
    timer = null;
    running = deliver()
      .then((sent) => {
        if (sent > 0) options.log.debug({ sent }, 'outbox pass');
      })
      .catch((error: unknown) => options.log.error({ err: error }, 'outbox pass failed'))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, intervalMs);
      });
  };
  tick();
  return {
    kick() {
      if (stopped || !timer) return;
      clearTimeout(timer);
      tick();
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
