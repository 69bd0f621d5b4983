'use strict';
/**
 * The four ways pod-startup brings pods up, each in a namespace of its own on an otherwise empty cluster,
 * each returning the wall time until all of them are Running, and each with its teardown (pods deleted
 * and gone, as the watch sees it):
 *
 * - bound pods (baseline): POSTed with spec.nodeName set, so no controller and no scheduler act; either
 *   on a given schedule (the baseline replays the creation times the Deployment's pods had, so both
 *   put the same load on the nodes at the same moments) or one at a time, each waited Running.
 * - a Deployment: of `count` replicas at once (the measured figure), or scaled up by one at a time.
 */
const { performance } = require('node:perf_hooks');
const { waitFor } = require('@tinykube/testing');
const { request } = require('./http');

const podSpec = () => ({
  containers: [{ name: 'main', image: 'busybox:1.36', command: ['sleep', '3600'] }],
  terminationGracePeriodSeconds: 1,
});

function phases({ url, agent, timeline, nodeNames, timeoutMs }) {
  const waitUntil = (probe, description) =>
    waitFor(
      () => {
        timeline.check();
        return probe() || undefined;
      },
      { timeoutMs, intervalMs: 10, description },
    );
  const running = (ns) => timeline.present(ns).filter((t) => t.running !== undefined).length;
  const createNamespace = (name) => request(url, { method: 'POST', path: '/api/v1/namespaces', body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name } }, agent, expect: 201 });
  const postBound = (ns, i) =>
    request(url, {
      method: 'POST',
      path: `/api/v1/namespaces/${ns}/pods`,
      body: { apiVersion: 'v1', kind: 'Pod', metadata: { name: `p-${i}`, labels: { app: ns } }, spec: { ...podSpec(), nodeName: nodeNames[i % nodeNames.length] } },
      agent,
      expect: 201,
    });
  const deployment = (ns, replicas) => ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web' },
    spec: { replicas, selector: { matchLabels: { app: ns } }, template: { metadata: { labels: { app: ns } }, spec: podSpec() } },
  });
  const scale = (ns, replicas) =>
    request(url, {
      method: 'PATCH',
      path: `/apis/apps/v1/namespaces/${ns}/deployments/web/scale`,
      body: { spec: { replicas } },
      headers: { 'Content-Type': 'application/merge-patch+json' },
      agent,
      expect: 200,
    });
  const gone = (ns) => waitUntil(() => timeline.present(ns).length === 0, `the pods of ${ns} gone`);
  const deleteBound = async (ns, count) => {
    await Promise.all(
      Array.from({ length: count }, async (_, i) => {
        // 202: a bound pod's deletion waits for its node agent.
        const res = await request(url, { method: 'DELETE', path: `/api/v1/namespaces/${ns}/pods/p-${i}`, agent });
        if (res.status !== 200 && res.status !== 202) throw new Error(`DELETE pod ${ns}/p-${i} answered ${res.status}: ${res.body.slice(0, 300)}`);
      }),
    );
    await gone(ns);
  };

  return {
    bound: {
      /** With `offsetsMs` (one per pod), pod i is POSTed offsetsMs[i] after the start; else all at once. */
      async run(ns, count, offsetsMs) {
        await createNamespace(ns);
        const t0 = performance.now();
        await Promise.all(
          Array.from({ length: count }, async (_, i) => {
            const wait = (offsetsMs?.[i] ?? 0) - (performance.now() - t0);
            if (wait > 0) await new Promise((r) => setTimeout(r, wait));
            await postBound(ns, i);
          }),
        );
        await waitUntil(() => running(ns) === count, `${count} bound pods Running in ${ns}`);
        return performance.now() - t0;
      },
      teardown: deleteBound,
    },
    boundSerial: {
      async run(ns, count) {
        await createNamespace(ns);
        const t0 = performance.now();
        for (let i = 0; i < count; i++) {
          await postBound(ns, i);
          await waitUntil(() => running(ns) === i + 1, `bound pod ${i} Running in ${ns}`);
        }
        return performance.now() - t0;
      },
      teardown: deleteBound,
    },
    deployment: {
      async run(ns, count) {
        await createNamespace(ns);
        const t0 = performance.now();
        await request(url, { method: 'POST', path: `/apis/apps/v1/namespaces/${ns}/deployments`, body: deployment(ns, count), agent, expect: 201 });
        await waitUntil(() => running(ns) === count, `${count} pods of the Deployment Running in ${ns}`);
        return performance.now() - t0;
      },
      async teardown(ns) {
        await scale(ns, 0);
        await gone(ns);
      },
    },
    deploymentSerial: {
      async run(ns, count) {
        await createNamespace(ns);
        await request(url, { method: 'POST', path: `/apis/apps/v1/namespaces/${ns}/deployments`, body: deployment(ns, 0), agent, expect: 201 });
        const t0 = performance.now();
        for (let i = 1; i <= count; i++) {
          await scale(ns, i);
          await waitUntil(() => running(ns) === i, `pod ${i} of the Deployment Running in ${ns}`);
        }
        return performance.now() - t0;
      },
      async teardown(ns) {
        await scale(ns, 0);
        await gone(ns);
      },
    },
  };
}

module.exports = { phases };
