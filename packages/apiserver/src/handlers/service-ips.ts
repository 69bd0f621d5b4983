/** ClusterIP bookkeeping on the Service write paths: allocate on create, keep on update, release on delete. */
import { objectKey, type KubeObject } from '@tinykube/api';
import { internalError, invalid } from '../errors';
import { IpNotAvailableError, IpRangeError } from '../rest/ip-allocator';
import type { ApiContext } from './context';

interface ServiceSpecLike {
  type?: string;
  clusterIP?: string;
  clusterIPs?: string[];
}

const specOf = (obj: KubeObject): ServiceSpecLike => (obj.spec ?? {}) as ServiceSpecLike;

/** The address this Service holds in the allocator, if any. */
export function allocatedIp(obj: KubeObject): string | undefined {
  const ip = specOf(obj).clusterIP;
  return ip && ip !== 'None' ? ip : undefined;
}

/** Fills spec.clusterIP(s) on a new Service; returns the claimed address so a failed create can give it back. */
export async function allocateServiceIp(ctx: ApiContext, svc: KubeObject): Promise<string | undefined> {
  const spec = specOf(svc);
  if (spec.type === 'ExternalName') return undefined;
  const requested = spec.clusterIP || spec.clusterIPs?.[0];
  if (requested === 'None') {
    spec.clusterIPs = ['None'];
    return undefined;
  }
  const owner = objectKey(svc);
  try {
    const ip = requested ? await ctx.ips.allocate(requested, owner) : await ctx.ips.allocateNext(owner);
    spec.clusterIP = ip;
    spec.clusterIPs = [ip];
    svc.spec = spec;
    return ip;
  } catch (e) {
    if (e instanceof IpNotAvailableError) {
      const name = svc.metadata.name ?? '';
      throw invalid('Service', '', name, `Service "${name}" is invalid: spec.clusterIPs: Invalid value: ["${e.ip}"]: ${e.message}`, [
        { reason: 'FieldValueInvalid', field: 'spec.clusterIPs', message: e.message },
      ]);
    }
    if (e instanceof IpRangeError) throw internalError(e.message);
    throw e;
  }
}

/** An update that leaves clusterIP out keeps the allocated one, as Kubernetes does. */
export function keepAllocatedIp(next: KubeObject, old: KubeObject): void {
  const oldSpec = specOf(old);
  const spec = specOf(next);
  if (!spec.clusterIP && oldSpec.clusterIP) spec.clusterIP = oldSpec.clusterIP;
  if (!spec.clusterIPs && oldSpec.clusterIPs) spec.clusterIPs = oldSpec.clusterIPs;
  next.spec = spec;
}

export async function releaseServiceIp(ctx: ApiContext, svc: KubeObject): Promise<void> {
  const ip = allocatedIp(svc);
  if (!ip) return;
  try {
    await ctx.ips.release(ip);
  } catch (err) {
    ctx.logger.error({ err, ip }, 'could not release a service IP');
  }
}
