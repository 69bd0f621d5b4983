/** The agent's Prometheus metrics, named as the kubelet's where there is a twin. */
import { Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import type { PodManager } from './pod/pod-manager';

export function agentRegistry(nodeName: string, pods: PodManager, withProcessMetrics: boolean): Registry {
  const registry = new Registry();
  if (withProcessMetrics) collectDefaultMetrics({ register: registry });
  new Gauge({ name: 'kubelet_node_name', help: 'The node name, as a label; always 1.', labelNames: ['node'], registers: [registry] }).set({ node: nodeName }, 1);
  new Gauge({
    name: 'kubelet_running_pods',
    help: 'Pods with a worker that is running them (not terminating).',
    registers: [registry],
    collect() {
      this.set(pods.pods().filter((p) => p.worker.phase === 'Syncing').length);
    },
  });
  new Gauge({
    name: 'kubelet_working_pods',
    help: 'Pods by the stage their last sync reached.',
    labelNames: ['stage'],
    registers: [registry],
    collect() {
      this.reset();
      for (const p of pods.pods()) this.inc({ stage: p.stage?.stage ?? 'New' });
    },
  });
  return registry;
}
