import type { Static } from '@sinclair/typebox';
import { str, int32, opt, message, kind } from '../define/dsl';
import type { KubeObject } from './meta';
import { ObjectMeta } from './meta';

export const ScaleSpec = message('k8s.io.api.autoscaling.v1.ScaleSpec', {
  replicas: opt(1, int32, { keep: true }),
});
export type ScaleSpec = Static<typeof ScaleSpec>;

export const ScaleStatus = message('k8s.io.api.autoscaling.v1.ScaleStatus', {
  replicas: opt(1, int32, { keep: true }),
  selector: opt(2, str),
});
export type ScaleStatus = Static<typeof ScaleStatus>;

export const Scale = kind('k8s.io.api.autoscaling.v1.Scale', 'autoscaling/v1', 'Scale', {
  metadata: opt(1, ObjectMeta, { struct: true }),
  spec: opt(2, ScaleSpec, { struct: true }),
  status: opt(3, ScaleStatus, { struct: true }),
}, 'The replica count of a scalable resource, as the scale subresource exposes it.');
export type Scale = KubeObject & Static<typeof Scale>;
