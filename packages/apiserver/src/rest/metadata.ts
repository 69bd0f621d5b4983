/**
 * The metadata rules every kind shares: what the server sets on create (uid, creationTimestamp, a name
 * from generateName, generation), what a client can never change on update, and when generation moves.
 */
import { randomInt, randomUUID } from 'node:crypto';
import { deepEqual, metaTime, type KubeObject } from '@tinykube/api';
import { badRequest } from '../errors';

// Kubernetes leaves out vowels and look-alike characters so generated names never spell words.
const NAME_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';
const GENERATED_SUFFIX_LENGTH = 5;
const MAX_NAME_LENGTH = 63;

export function generateName(prefix: string): string {
  const base = prefix.length > MAX_NAME_LENGTH - GENERATED_SUFFIX_LENGTH ? prefix.slice(0, MAX_NAME_LENGTH - GENERATED_SUFFIX_LENGTH) : prefix;
  let suffix = '';
  for (let i = 0; i < GENERATED_SUFFIX_LENGTH; i++) suffix += NAME_ALPHABET[randomInt(NAME_ALPHABET.length)];
  return base + suffix;
}

/** Everything but metadata and status: a change here is a spec change and bumps generation. */
export function specOf(obj: KubeObject): Record<string, unknown> {
  const { metadata: _m, status: _s, apiVersion: _a, kind: _k, ...rest } = obj;
  return rest;
}

export function prepareCreateMetadata(obj: KubeObject, now: Date, tracksGeneration: boolean): void {
  const meta = obj.metadata;
  if (meta.resourceVersion) throw badRequest('resourceVersion should not be set on objects to be created');
  if (!meta.name && meta.generateName) meta.name = generateName(meta.generateName);
  meta.uid = randomUUID();
  meta.creationTimestamp = metaTime(now);
  delete meta.deletionTimestamp;
  delete meta.deletionGracePeriodSeconds;
  delete meta.selfLink;
  if (tracksGeneration) meta.generation = 1;
  else delete meta.generation;
}

/** Carries the server-owned fields over from the stored object and moves generation on spec changes. */
export function prepareUpdateMetadata(obj: KubeObject, old: KubeObject, tracksGeneration: boolean): void {
  const meta = obj.metadata;
  const oldMeta = old.metadata;
  meta.uid = oldMeta.uid;
  meta.creationTimestamp = oldMeta.creationTimestamp;
  meta.namespace = oldMeta.namespace;
  if (oldMeta.generateName !== undefined && meta.generateName === undefined) meta.generateName = oldMeta.generateName;
  // Only the delete path sets these; an update can neither set nor clear them.
  if (oldMeta.deletionTimestamp) meta.deletionTimestamp = oldMeta.deletionTimestamp;
  else delete meta.deletionTimestamp;
  if (oldMeta.deletionGracePeriodSeconds !== undefined) meta.deletionGracePeriodSeconds = oldMeta.deletionGracePeriodSeconds;
  else delete meta.deletionGracePeriodSeconds;
  delete meta.selfLink;
  if (tracksGeneration) {
    const oldGen = oldMeta.generation ?? 1;
    meta.generation = deepEqual(specOf(obj), specOf(old)) ? oldGen : oldGen + 1;
  } else {
    delete meta.generation;
  }
}

/** A write that would store exactly what is stored is skipped, so watchers see no empty MODIFIED. */
export function sameStoredContent(a: KubeObject, b: KubeObject): boolean {
  const strip = (o: KubeObject) => ({ ...o, metadata: { ...o.metadata, resourceVersion: undefined } });
  return deepEqual(strip(a), strip(b));
}
