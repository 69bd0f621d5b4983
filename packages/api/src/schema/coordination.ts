/** Schema of coordination.k8s.io/v1 Lease. */
import { int, kindSchema, obj, str, time } from './build';
import { objectMeta } from './meta';

export const leaseSchema = kindSchema(objectMeta, {
  spec: obj({
    holderIdentity: str,
    leaseDurationSeconds: int,
    acquireTime: time,
    renewTime: time,
    leaseTransitions: int,
    strategy: str,
    preferredHolder: str,
  }),
});
