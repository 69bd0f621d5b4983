/**
 * Controller expectations, as Kubernetes' ReplicaSet controller keeps them: after asking for N creates
 * (or deleting named pods) a controller does not act on its key again until its informer has seen those
 * creates and deletes, because until then its cache undercounts (or overcounts) and a second sync would
 * make duplicates. Expectations that are never met expire, so a lost event cannot wedge a controller.
 */
import type { Clock } from '@tinykube/client';

/** Kubernetes' ExpectationsTimeout. */
export const EXPECTATIONS_TIMEOUT_MS = 5 * 60_000;

interface Expectation {
  adds: number;
  /** Keys of pods whose deletion we asked for and have not yet seen. */
  deletes: Set<string>;
  at: number;
}

export class Expectations {
  private readonly byKey = new Map<string, Expectation>();

  constructor(private readonly clock: Clock) {}

  /** True when the controller may sync `key`: nothing pending, never set, or expired. */
  satisfied(key: string): boolean {
    const e = this.byKey.get(key);
    if (!e) return true;
    if (e.adds <= 0 && e.deletes.size === 0) return true;
    return this.clock.now() - e.at > EXPECTATIONS_TIMEOUT_MS;
  }

  expectCreations(key: string, n: number): void {
    this.byKey.set(key, { adds: n, deletes: new Set(), at: this.clock.now() });
  }

  expectDeletions(key: string, podKeys: string[]): void {
    this.byKey.set(key, { adds: 0, deletes: new Set(podKeys), at: this.clock.now() });
  }

  creationObserved(key: string): void {
    const e = this.byKey.get(key);
    if (e) e.adds--;
  }

  deletionObserved(key: string, podKey: string): void {
    this.byKey.get(key)?.deletes.delete(podKey);
  }

  /** What is still awaited (for logs and tests). */
  pending(key: string): { adds: number; deletes: number } | undefined {
    const e = this.byKey.get(key);
    return e ? { adds: e.adds, deletes: e.deletes.size } : undefined;
  }

  delete(key: string): void {
    this.byKey.delete(key);
  }
}
