import type { Static } from '@sinclair/typebox';
import { opt, kind } from '../define/dsl';
import type { KubeObject } from './meta';
import { DeleteOptions, ObjectMeta } from './meta';

export const Eviction = kind('k8s.io.api.policy.v1.Eviction', 'policy/v1', 'Eviction', {
  metadata: opt(1, ObjectMeta, { struct: true }),
  deleteOptions: opt(2, DeleteOptions),
}, 'A request to delete a pod that respects disruption budgets (kubectl drain sends it).');
export type Eviction = KubeObject & Static<typeof Eviction>;
