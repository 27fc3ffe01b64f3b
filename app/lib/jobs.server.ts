import { logger } from "./logger.server";

/**
 * Runs `work` at once and then every `intervalMs`, one round at a time, until the returned stop function is awaited
 * (which waits for a round in progress). A failed round is logged and the next one tries again. The first round at
 * start: a server started after the due time (a deploy, a restart) does its work then, not up to an interval later.
 */
export function every(intervalMs: number, name: string, work: () => Promise<unknown>) {
  let running: Promise<unknown> = Promise.resolve();
  const round = () => {
    running = running
      .then(work)
      .catch((error) => logger.error({ err: error, job: name }, "background job failed; retrying next round"));
  };
  round();
  const timer = setInterval(round, intervalMs);
  return async () => {
    clearInterval(timer);
    await running;
  };
}
