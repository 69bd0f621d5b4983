/** Running a client Controller so that stopping it never hangs. */
import type { Controller } from '@tinykube/client';

/**
 * Runs `c` until `signal` aborts. On stop, the client's Controller waits for its queue to drain, but only
 * its workers drain it, and workers start only once the caches have synced: a manager stopped during
 * its first sync would wait forever. So once stopping, the keys still queued are taken and dropped here
 * (nothing new should start on a stopping process anyway).
 */
export async function runController(c: Controller, signal: AbortSignal): Promise<void> {
  const running = c.run(signal);
  await new Promise<void>((resolve) => (signal.aborted ? resolve() : signal.addEventListener('abort', () => resolve(), { once: true })));
  const finished = running.then(() => undefined);
  for (;;) {
    const key = await Promise.race([c.queue.get(), finished]);
    if (key === undefined) break;
    c.queue.done(key);
  }
  await running;
}
