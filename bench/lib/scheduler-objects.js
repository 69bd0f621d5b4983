'use strict';
/** Hollow nodes (plain Node objects: Ready, with capacity) and the pods the scheduler benchmark places. */
const { benchPod } = require('./pods');

function hollowNode(name, zone) {
  const resources = { cpu: '32', memory: '128Gi', pods: '110' };
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name, 'topology.kubernetes.io/zone': zone, 'node.tinykube.io/hollow': 'true' } },
    spec: {},
    status: {
      capacity: resources,
      allocatable: resources,
      conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'hollow node' }],
      nodeInfo: { kubeletVersion: 'v1.29.0-tinykube', operatingSystem: 'linux', architecture: 'amd64' },
    },
  };
}

/** The usual bench pod (100m / 64Mi requests), owned by one of a few ReplicaSets so spreading has work to do. */
function schedulerPod(name, schedulerName, ownerIndex) {
  const pod = benchPod(name);
  pod.spec.schedulerName = schedulerName;
  pod.metadata.ownerReferences = [
    { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: `bench-rs-${ownerIndex}`, uid: `00000000-0000-4000-8000-${String(ownerIndex).padStart(12, '0')}`, controller: true },
  ];
  return pod;
}

module.exports = { hollowNode, schedulerPod };
