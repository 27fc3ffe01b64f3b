import { logger } from "./logger.server";

/**
 * Runs `work` every `intervalMs`, one round at a time, until the returned stop function is awaited (which waits
 * for a round in progress). A failed round is logged and the next one tries again.
 */
export function every(intervalMs: number, name: string, work: () => Promise<unknown>) {
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    running = running
      .then(work)
      .catch((error) => logger.error({ err: error, job: name }, "background job failed; retrying next round"));
  }, intervalMs);
  return async () => {
    clearInterval(timer);
    await running;
  };
}
