/**
 * Options of the controller manager, in one place with their defaults (kube-controller-manager's where it
 * has the same flag). `resolveOptions` turns what a caller gave into what the controllers read.
 */
import type { Clock, KubeClient, Logger } from '@tinykube/client';

export interface ControllerManagerOptions {
  /** The client to use; otherwise one is made from `server` / `kubeconfig`. */
  client?: KubeClient;
  server?: string;
  kubeconfig?: string;
  /** kube-controller-manager's --controllers: names, `*` for all, `-name` to disable (default ['*']). */
  controllers?: string[];
  leaderElect?: boolean;
  leaderElectLeaseDurationMs?: number;
  leaderElectRenewDeadlineMs?: number;
  leaderElectRetryPeriodMs?: number;
  leaderElectResourceName?: string;
  leaderElectResourceNamespace?: string;
  /** Port for /healthz and /metrics (default 10257; 0 picks a free one; null serves nothing). */
  port?: number | null;
  bindAddress?: string;
  nodeMonitorPeriodMs?: number;
  nodeMonitorGracePeriodMs?: number;
  nodeStartupGracePeriodMs?: number;
  /** Nodes per second whose pods may be evicted (tainted NoExecute) in a healthy zone. */
  nodeEvictionRate?: number;
  /** The same for a partially disrupted zone of more than largeClusterSizeThreshold nodes. */
  secondaryNodeEvictionRate?: number;
  largeClusterSizeThreshold?: number;
  unhealthyZoneThreshold?: number;
  concurrentDeploymentSyncs?: number;
  concurrentReplicasetSyncs?: number;
  concurrentEndpointSyncs?: number;
  concurrentGcSyncs?: number;
  concurrentNamespaceSyncs?: number;
  /** How often informers re-deliver their caches (default 0: never). */
  resyncPeriodMs?: number;
  logger?: Logger;
  clock?: Clock;
  /** Identity for leader election and the Events' reportingInstance (default hostname_uuid). */
  identity?: string;
}

export interface ResolvedOptions {
  controllers: string[];
  leaderElect: boolean;
  leaderElectLeaseDurationMs: number;
  leaderElectRenewDeadlineMs: number;
  leaderElectRetryPeriodMs: number;
  leaderElectResourceName: string;
  leaderElectResourceNamespace: string;
  port: number | null;
  bindAddress: string;
  nodeMonitorPeriodMs: number;
  nodeMonitorGracePeriodMs: number;
  nodeStartupGracePeriodMs: number;
  nodeEvictionRate: number;
  secondaryNodeEvictionRate: number;
  largeClusterSizeThreshold: number;
  unhealthyZoneThreshold: number;
  concurrentDeploymentSyncs: number;
  concurrentReplicasetSyncs: number;
  concurrentEndpointSyncs: number;
  concurrentGcSyncs: number;
  concurrentNamespaceSyncs: number;
  resyncPeriodMs: number;
}

export const COMPONENT = 'tinykube-controller-manager';
export const DEFAULT_PORT = 10257;

export function resolveOptions(o: ControllerManagerOptions): ResolvedOptions {
  return {
    controllers: o.controllers ?? ['*'],
    leaderElect: o.leaderElect ?? false,
    leaderElectLeaseDurationMs: o.leaderElectLeaseDurationMs ?? 15_000,
    leaderElectRenewDeadlineMs: o.leaderElectRenewDeadlineMs ?? 10_000,
    leaderElectRetryPeriodMs: o.leaderElectRetryPeriodMs ?? 2_000,
    leaderElectResourceName: o.leaderElectResourceName ?? COMPONENT,
    leaderElectResourceNamespace: o.leaderElectResourceNamespace ?? 'kube-system',
    port: o.port === undefined ? DEFAULT_PORT : o.port,
    bindAddress: o.bindAddress ?? '127.0.0.1',
    nodeMonitorPeriodMs: o.nodeMonitorPeriodMs ?? 5_000,
    nodeMonitorGracePeriodMs: o.nodeMonitorGracePeriodMs ?? 40_000,
    nodeStartupGracePeriodMs: o.nodeStartupGracePeriodMs ?? 60_000,
    nodeEvictionRate: o.nodeEvictionRate ?? 0.1,
    secondaryNodeEvictionRate: o.secondaryNodeEvictionRate ?? 0.01,
    largeClusterSizeThreshold: o.largeClusterSizeThreshold ?? 50,
    unhealthyZoneThreshold: o.unhealthyZoneThreshold ?? 0.55,
    concurrentDeploymentSyncs: o.concurrentDeploymentSyncs ?? 5,
    concurrentReplicasetSyncs: o.concurrentReplicasetSyncs ?? 5,
    concurrentEndpointSyncs: o.concurrentEndpointSyncs ?? 5,
    concurrentGcSyncs: o.concurrentGcSyncs ?? 20,
    concurrentNamespaceSyncs: o.concurrentNamespaceSyncs ?? 10,
    resyncPeriodMs: o.resyncPeriodMs ?? 0,
  };
}
