'use strict';
/**
 * The pod every benchmark writes: shaped like a Deployment's pod (labels, a pod-template-hash, one
 * container with ports, env, resources and a probe), about 1 KB of JSON as POSTed.
 */

function benchPod(name) {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: 'default',
      labels: { app: 'bench-web', tier: 'frontend', 'pod-template-hash': '5d8f7c9b6d', release: 'bench-2025' },
      annotations: { 'bench.tinykube.io/purpose': 'write and watch throughput; the payload is sized like a typical pod' },
    },
    spec: {
      containers: [
        {
          name: 'web',
          image: 'registry.example.com/bench/web:1.27.3',
          command: ['/bin/web-server'],
          args: ['--listen=:8080', '--metrics=:9090', '--log-level=info'],
          ports: [
            { name: 'http', containerPort: 8080, protocol: 'TCP' },
            { name: 'metrics', containerPort: 9090, protocol: 'TCP' },
          ],
          env: [
            { name: 'MODE', value: 'benchmark' },
            { name: 'GOMAXPROCS', value: '2' },
          ],
          resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { cpu: '500m', memory: '256Mi' } },
          readinessProbe: { httpGet: { path: '/healthz', port: 8080 }, periodSeconds: 5, failureThreshold: 3 },
        },
      ],
      restartPolicy: 'Always',
      terminationGracePeriodSeconds: 30,
    },
  };
}

const PODS_PATH = '/api/v1/namespaces/default/pods';

module.exports = { benchPod, PODS_PATH };
