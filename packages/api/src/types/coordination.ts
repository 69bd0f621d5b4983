import type { Static } from '@sinclair/typebox';
import { str, int32, microTime, opt, message, kind } from '../define/dsl';
import type { KubeObject } from './meta';
import { ObjectMeta } from './meta';

export const LeaseSpec = message('k8s.io.api.coordination.v1.LeaseSpec', {
  holderIdentity: opt(1, str, { ptr: true }),
  leaseDurationSeconds: opt(2, int32, { ptr: true }),
  /** MicroTime: RFC 3339 with microseconds, e.g. 2024-01-01T00:00:00.000000Z. */
  acquireTime: opt(3, microTime),
  renewTime: opt(4, microTime),
  leaseTransitions: opt(5, int32, { ptr: true }),
  strategy: opt(6, str, { ptr: true }),
  preferredHolder: opt(7, str, { ptr: true }),
});
export type LeaseSpec = Static<typeof LeaseSpec>;

export const Lease = kind('k8s.io.api.coordination.v1.Lease', 'coordination.k8s.io/v1', 'Lease', {
  metadata: opt(1, ObjectMeta, { struct: true }),
  spec: opt(2, LeaseSpec, { struct: true }),
}, 'A lock with a holder and an expiry: node heartbeats and leader election use it.');
export type Lease = KubeObject & Static<typeof Lease>;
