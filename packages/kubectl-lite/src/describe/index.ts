/** Describers by kind, the generic one for the rest, and the Events search they share. */
import type { Event, KubeObject } from '@tinykube/api';
import type { CliContext } from '../context';
import { listObjects } from '../resources/fetch';
import { resolveOne } from '../resources/resolve';
import { toYaml } from '../print/objects';
import { describeNamespace, describeNode, describeService } from './cluster';
import { describePod } from './pod';
import type { Describer, DescribeInput } from './types';
import { describeDeployment, describeReplicaSet } from './workloads';
import { describeTime, DescribeWriter } from './writer';

const DESCRIBERS: Record<string, Describer> = {
  Pod: describePod,
  Deployment: describeDeployment,
  ReplicaSet: describeReplicaSet,
  Node: describeNode,
  Service: describeService,
  Namespace: describeNamespace,
};

/** Kinds without a describer: the head, then every other top-level field as indented YAML. */
function describeGeneric({ info, obj, events, now }: DescribeInput): string {
  const w = new DescribeWriter().meta(obj.metadata, { namespace: info.namespaced });
  w.labels(0, 'Labels', obj.metadata.labels);
  w.annotations(0, obj.metadata.annotations);
  w.line(0, 'API Version:', info.apiVersion);
  w.line(0, 'Kind:', info.kind);
  w.line(0, 'Created:', describeTime(obj.metadata.creationTimestamp));
  for (const [key, value] of Object.entries(obj)) {
    if (['apiVersion', 'kind', 'metadata'].includes(key) || value === undefined) continue;
    const title = `${key[0].toUpperCase()}${key.slice(1)}:`;
    if (value === null || typeof value !== 'object') {
      w.line(0, title, String(value));
      continue;
    }
    w.line(0, title);
    for (const l of toYaml(value).trimEnd().split('\n')) w.line(1, l);
  }
  w.events(events, now);
  return w.text();
}

/** Events whose involvedObject is this object, as kubectl finds them. */
export async function eventsFor(ctx: CliContext, obj: KubeObject, kind: string): Promise<Event[]> {
  const fields = [`involvedObject.name=${obj.metadata.name}`, `involvedObject.kind=${kind}`];
  if (obj.metadata.namespace) fields.push(`involvedObject.namespace=${obj.metadata.namespace}`);
  // Node agents report node events with the node's name as uid, so a Node is matched without it.
  if (obj.metadata.uid && kind !== 'Node') fields.push(`involvedObject.uid=${obj.metadata.uid}`);
  const list = await listObjects<Event>(ctx, resolveOne('events'), { namespace: obj.metadata.namespace, fieldSelector: fields.join(',') });
  return list.items;
}

export async function describe(input: Omit<DescribeInput, 'events'>, withEvents: boolean): Promise<string> {
  const events = withEvents && input.info.kind !== 'Event' ? await eventsFor(input.ctx, input.obj, input.info.kind) : undefined;
  const describer = DESCRIBERS[input.info.kind] ?? describeGeneric;
  return describer({ ...input, events });
}
