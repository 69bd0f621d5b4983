/**
 * pods/log: the apiserver holds no logs; like kube-apiserver it finds the pod's node and streams the
 * node agent's answer through (`GET http://<InternalIP>:<kubelet port>/containerLogs/<ns>/<pod>/<container>`,
 * the kubelet's path), so `kubectl logs` and `-f` work unchanged.
 */
import { findKind, type KubeObject, type ResourceInfo } from '@tinykube/api';
import { request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { ApiError, badRequest, internalError } from '../errors';
import type { ResourceRequest } from '../request/path';
import { optionalBoolParam } from '../request/query';
import type { ApiContext } from './context';

const BOOL_PARAMS = ['follow', 'previous', 'timestamps'];
const INT_PARAMS = ['tailLines', 'limitBytes', 'sinceSeconds'];
const DEFAULT_KUBELET_PORT = 10250;

interface PodLike {
  spec?: { nodeName?: string; containers?: Array<{ name: string }>; initContainers?: Array<{ name: string }> };
}

interface NodeLike {
  status?: {
    addresses?: Array<{ type: string; address: string }>;
    daemonEndpoints?: { kubeletEndpoint?: { Port?: number } };
  };
}

/** The query the node agent gets: only the parameters kubectl may send, each checked. */
export function logQuery(q: URLSearchParams): URLSearchParams {
  const out = new URLSearchParams();
  for (const p of BOOL_PARAMS) {
    const v = optionalBoolParam(q, p);
    if (v !== undefined) out.set(p, String(v));
  }
  for (const p of INT_PARAMS) {
    const v = q.get(p);
    if (v === null) continue;
    if (!/^\d+$/.test(v)) throw badRequest(`invalid ${p} "${v}": must be a non-negative integer`);
    out.set(p, v);
  }
  const sinceTime = q.get('sinceTime');
  if (sinceTime !== null) {
    if (Number.isNaN(Date.parse(sinceTime))) throw badRequest(`invalid sinceTime "${sinceTime}": must be an RFC 3339 time`);
    if (out.has('sinceSeconds')) throw badRequest('at most one of sinceTime or sinceSeconds may be specified');
    out.set('sinceTime', sinceTime);
  }
  return out;
}

export function chooseContainer(pod: KubeObject, requested: string | null): string {
  const spec = (pod as PodLike).spec ?? {};
  const names = (spec.containers ?? []).map((c) => c.name);
  const all = [...names, ...(spec.initContainers ?? []).map((c) => c.name)];
  const podName = pod.metadata.name as string;
  if (requested) {
    if (!all.includes(requested)) throw badRequest(`container ${requested} is not valid for pod ${podName}`);
    return requested;
  }
  if (names.length === 1) return names[0];
  throw badRequest(`a container name must be specified for pod ${podName}, choose one of: [${names.join(' ')}]`);
}

function nodeEndpoint(node: KubeObject): { host: string; port: number } {
  const status = (node as NodeLike).status ?? {};
  const addresses = status.addresses ?? [];
  const address = addresses.find((a) => a.type === 'InternalIP') ?? addresses.find((a) => a.type === 'Hostname');
  if (!address) throw internalError(`node ${node.metadata.name} has no address to reach its node agent at`);
  return { host: address.address, port: status.daemonEndpoints?.kubeletEndpoint?.Port || DEFAULT_KUBELET_PORT };
}

/** Streams the logs straight to `res`; returns once the node agent's answer has ended or the client left. */
export async function handlePodLog(ctx: ApiContext, r: ResourceRequest, query: URLSearchParams, res: ServerResponse): Promise<void> {
  const pod = await ctx.store.get(r.info, r.namespace, r.name as string);
  const container = chooseContainer(pod, query.get('container'));
  const params = logQuery(query);
  const nodeName = (pod as PodLike).spec?.nodeName;
  if (!nodeName) throw badRequest(`container "${container}" in pod "${pod.metadata.name}" is waiting to start: the pod is not scheduled to a node yet`);
  const node = await ctx.store.get(findKind('v1', 'Node') as ResourceInfo, undefined, nodeName);
  const { host, port } = nodeEndpoint(node);
  const path = `/containerLogs/${encodeURIComponent(r.namespace as string)}/${encodeURIComponent(pod.metadata.name as string)}/${encodeURIComponent(container)}?${params.toString()}`;

  const upstream = await new Promise<IncomingMessage>((resolve, reject) => {
    const req = httpRequest({ host, port, path, method: 'GET' }, resolve);
    req.on('error', (err) => reject(internalError(`Get "http://${host}:${port}${path}": ${err.message}`)));
    req.end();
    res.on('close', () => req.destroy());
  });
  if (upstream.statusCode !== 200) {
    const text = await readAll(upstream);
    const code = upstream.statusCode ?? 500;
    throw new ApiError(code, code === 404 ? 'NotFound' : code < 500 ? 'BadRequest' : 'InternalError', text.trim() || `node agent answered ${code}`);
  }
  res.writeHead(200, { 'Content-Type': 'text/plain', 'Cache-Control': 'no-cache, private', 'Transfer-Encoding': 'chunked' });
  res.flushHeaders();
  await new Promise<void>((resolve) => {
    upstream.pipe(res);
    upstream.on('end', resolve);
    upstream.on('error', () => resolve());
    res.on('close', () => {
      upstream.destroy();
      resolve();
    });
  });
}

async function readAll(stream: IncomingMessage): Promise<string> {
  let text = '';
  for await (const chunk of stream as AsyncIterable<Buffer>) text += chunk.toString('utf8');
  return text;
}
