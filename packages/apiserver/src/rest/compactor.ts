/**
 * Periodic compaction, as kube-apiserver does (--etcd-compaction-interval): each tick compacts up to
 * the revision seen at the previous tick, so history always covers at least one interval. Without it
 * etcd (and the memory store) keep every version of every object forever.
 */
import type { Logger } from 'pino';
import type { Storage } from '../storage/types';

export function startCompactor(storage: Storage, intervalMs: number, logger: Logger): () => void {
  if (intervalMs <= 0) return () => undefined;
  let previous = 0;
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const current = await storage.currentRevision();
      if (previous > 0) {
        await storage.compact(previous);
        logger.debug({ revision: previous }, 'compacted storage');
      }
      previous = current;
    } catch (err) {
      logger.warn({ err: (err as Error).message }, 'compaction failed; will retry next interval');
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
