/**
 * Where one pod stands, as a discriminated union rather than a set of booleans: each stage carries
 * only the facts that make sense in it. A sync returns the stage it reached; the worker keeps the
 * last one (metrics, logs, tests) and acts on `requeueAfterMs`.
 */
export type PodStage =
  /** Volumes could not be set up yet (FailedMount); retried. */
  | { stage: 'WaitingForVolumes'; message: string }
  /** No ready sandbox, and the pod will not get another (restartPolicy Never after a sandbox died). */
  | { stage: 'SandboxGone' }
  /** An init container is running, or waiting to be restarted. */
  | { stage: 'Initializing'; container: string }
  /** Every init container succeeded; containers are running or being (re)started. */
  | { stage: 'Running' }
  /** Every container finished and none will be restarted. */
  | { stage: 'Completed' }
  /** Stopping containers, after a deletion or when the pod vanished from the apiserver. */
  | { stage: 'Terminating'; gracePeriodSeconds: number }
  /** Containers and sandboxes removed; nothing left on this node. */
  | { stage: 'Terminated' };

export interface SyncResult {
  stage: PodStage;
  /** Sync again after this long even if nothing happens (a back-off expiring, a retry). */
  requeueAfterMs?: number;
}
