/** Schemas of apps/v1 Deployment and ReplicaSet. */
import { arr, bool, int, intOrString, kindSchema, obj, str, time } from './build';
import { condition, labelSelector, objectMeta } from './meta';
import { podTemplateSpec } from './pod';

export const deploymentSchema = kindSchema(objectMeta, {
  spec: obj({
    replicas: int,
    selector: labelSelector,
    template: podTemplateSpec,
    strategy: obj({ type: str, rollingUpdate: obj({ maxUnavailable: intOrString, maxSurge: intOrString }) }),
    minReadySeconds: int,
    revisionHistoryLimit: int,
    paused: bool,
    progressDeadlineSeconds: int,
  }),
  status: obj({
    observedGeneration: int,
    replicas: int,
    updatedReplicas: int,
    readyReplicas: int,
    availableReplicas: int,
    unavailableReplicas: int,
    terminatingReplicas: int,
    conditions: arr(obj({ ...condition, lastUpdateTime: time })),
    collisionCount: int,
  }),
});

export const replicaSetSchema = kindSchema(objectMeta, {
  spec: obj({ replicas: int, minReadySeconds: int, selector: labelSelector, template: podTemplateSpec }),
  status: obj({
    replicas: int,
    fullyLabeledReplicas: int,
    readyReplicas: int,
    availableReplicas: int,
    terminatingReplicas: int,
    observedGeneration: int,
    conditions: arr(obj(condition)),
  }),
});
