/** What every controller gets from the manager, and what it gives back. */
import type { Clock, Logger, SharedInformerFactory } from '@tinykube/client';
import type { ApiClient, Recorder } from '../api';
import type { ControllerMetrics } from '../metrics';
import type { ResolvedOptions } from '../options';

export interface ControllerContext {
  api: ApiClient;
  /** Shared by all controllers: ask for informers in setup(); the manager starts them afterwards. */
  factory: SharedInformerFactory;
  /** An Event recorder whose source is `component` (e.g. 'replicaset-controller'). */
  recorder(component: string): Recorder;
  clock: Clock;
  logger: Logger;
  options: ResolvedOptions;
  metrics: ControllerMetrics;
}

export interface RunnableController {
  /** Runs until the signal aborts (waiting for its caches first). */
  run(signal: AbortSignal): Promise<void>;
}

export interface ControllerDescriptor {
  /** The name --controllers takes, as kube-controller-manager's. */
  name: string;
  /** Other names accepted for it (kube-controller-manager's newer `<x>-controller` form, ...). */
  aliases: string[];
  setup(ctx: ControllerContext): RunnableController;
}
