/** ObjectMeta checks every kind shares: names, namespace, labels, annotations, owners, finalizers. */
import { isDNS1123Label, isDNS1123Subdomain, isQualifiedName, isValidPathSegmentName } from '../names';
import { asObj, items, present, str, strings, type Obj } from './access';
import { validateLabels, validateNonNegative } from './common';
import { forbidden, invalid, required, tooLong, type FieldError } from './errors';

/** Kubernetes' limit on the summed size of an object's annotation keys and values. */
export const TOTAL_ANNOTATION_SIZE_LIMIT_BYTES = 256 * 1024;

export type NameValidator = (name: string) => string[];

/** Namespaces and Services become DNS labels (`<svc>.<ns>.svc`), so their names must be one. */
const DNS_LABEL_NAMED_KINDS = new Set(['Namespace', 'Service']);
const SUBDOMAIN_NAMED_KINDS = new Set([
  'Node',
  'Pod',
  'Endpoints',
  'Event',
  'ConfigMap',
  'Secret',
  'ServiceAccount',
  'Deployment',
  'ReplicaSet',
  'Lease',
]);

/** The name rule of a kind; kinds this package does not know only need names that fit in a URL path. */
export function nameValidatorFor(kind: string): NameValidator {
  if (DNS_LABEL_NAMED_KINDS.has(kind)) return isDNS1123Label;
  if (SUBDOMAIN_NAMED_KINDS.has(kind)) return isDNS1123Subdomain;
  return isValidPathSegmentName;
}

/**
 * A generateName is a prefix: the random suffix makes a trailing '-' legal, so it is checked as if
 * the dash were followed by a character.
 */
function maskTrailingDash(prefix: string): string {
  return prefix.length > 1 && prefix.endsWith('-') ? `${prefix.slice(0, -1)}a` : prefix;
}

const STANDARD_FINALIZERS = new Set(['kubernetes', 'orphan', 'foregroundDeletion']);

export function validateFinalizerName(name: string, field: string): FieldError[] {
  const errs = isQualifiedName(name).map((msg) => invalid(field, name, msg));
  if (errs.length === 0 && !name.includes('/') && !STANDARD_FINALIZERS.has(name)) {
    errs.push(invalid(field, name, 'name is neither a standard finalizer name nor is it fully qualified'));
  }
  return errs;
}

export function validateAnnotations(annotations: unknown, field: string): FieldError[] {
  const errs: FieldError[] = [];
  let totalBytes = 0;
  for (const [key, value] of Object.entries(asObj(annotations))) {
    // Annotation keys are compared case-insensitively, so only their lowercase form must be qualified.
    errs.push(...isQualifiedName(key.toLowerCase()).map((msg) => invalid(field, key, msg)));
    totalBytes += Buffer.byteLength(key) + Buffer.byteLength(str(value));
  }
  if (totalBytes > TOTAL_ANNOTATION_SIZE_LIMIT_BYTES) errs.push(tooLong(field, TOTAL_ANNOTATION_SIZE_LIMIT_BYTES));
  return errs;
}

function validateOwnerReferences(refs: unknown, field: string): FieldError[] {
  const errs: FieldError[] = [];
  const controllers: string[] = [];
  for (const [ref, i] of items(refs)) {
    const path = `${field}[${i}]`;
    if (str(ref.apiVersion) === '') errs.push(invalid(`${path}.apiVersion`, '', 'version must not be empty'));
    if (str(ref.kind) === '') errs.push(invalid(`${path}.kind`, '', 'kind must not be empty'));
    if (str(ref.name) === '') errs.push(invalid(`${path}.name`, '', 'name must not be empty'));
    if (str(ref.uid) === '') errs.push(invalid(`${path}.uid`, '', 'uid must not be empty'));
    if (ref.controller === true) controllers.push(`${str(ref.kind)}/${str(ref.name)}`);
  }
  if (controllers.length > 1) {
    errs.push(
      invalid(field, controllers, `Only one reference can have Controller set to true. Found "true" in references for ${controllers.join(' and ')}`),
    );
  }
  return errs;
}

export interface MetaRules {
  nameFn: NameValidator;
  /** Whether metadata.namespace must be set (namespaced kinds) or must be empty (cluster-scoped ones). */
  namespaced: boolean;
}

export function validateObjectMeta(metadata: unknown, rules: MetaRules, path = 'metadata'): FieldError[] {
  const meta: Obj = asObj(metadata);
  const errs: FieldError[] = [];
  const name = str(meta.name);
  const generateName = str(meta.generateName);
  if (generateName !== '') {
    for (const msg of rules.nameFn(maskTrailingDash(generateName))) {
      errs.push(invalid(`${path}.generateName`, generateName, msg));
    }
  }
  // The apiserver derives the name from generateName before it stores the object; until then a
  // generateName stands in for it.
  if (name === '') {
    if (generateName === '') errs.push(required(`${path}.name`, 'name or generateName is required'));
  } else {
    for (const msg of rules.nameFn(name)) errs.push(invalid(`${path}.name`, name, msg));
  }
  const namespace = str(meta.namespace);
  if (rules.namespaced) {
    if (namespace === '') errs.push(required(`${path}.namespace`));
    else for (const msg of isDNS1123Label(namespace)) errs.push(invalid(`${path}.namespace`, namespace, msg));
  } else if (namespace !== '') {
    errs.push(forbidden(`${path}.namespace`, 'not allowed on this type'));
  }
  errs.push(...validateNonNegative(meta.generation, `${path}.generation`));
  errs.push(...validateLabels(meta.labels, `${path}.labels`));
  errs.push(...validateAnnotations(meta.annotations, `${path}.annotations`));
  errs.push(...validateOwnerReferences(meta.ownerReferences, `${path}.ownerReferences`));
  for (const finalizer of strings(meta.finalizers)) {
    errs.push(...validateFinalizerName(finalizer, `${path}.finalizers`));
  }
  return errs;
}

/** Labels and annotations of an embedded template's metadata (no name or namespace of its own). */
export function validateTemplateMeta(metadata: unknown, path: string): FieldError[] {
  const meta = asObj(metadata);
  return [...validateLabels(meta.labels, `${path}.labels`), ...validateAnnotations(meta.annotations, `${path}.annotations`)];
}

/** Identity fields an update may not change. */
const IMMUTABLE_META_FIELDS = ['name', 'namespace', 'uid', 'creationTimestamp'] as const;

export function validateObjectMetaUpdate(metadata: unknown, oldMetadata: unknown): FieldError[] {
  const meta = asObj(metadata);
  const old = asObj(oldMetadata);
  const errs: FieldError[] = [];
  for (const key of IMMUTABLE_META_FIELDS) {
    if (str(meta[key]) !== str(old[key])) errs.push(invalid(`metadata.${key}`, meta[key] ?? '', 'field is immutable'));
  }
  if (typeof meta.generation === 'number' && typeof old.generation === 'number' && meta.generation < old.generation) {
    errs.push(invalid('metadata.generation', meta.generation, 'must not be decremented'));
  }
  // Once deletion started, finalizers may only be removed, so the deletion can finish.
  if (present(old.deletionTimestamp)) {
    const before = new Set(strings(old.finalizers));
    for (const finalizer of strings(meta.finalizers)) {
      if (!before.has(finalizer)) {
        errs.push(forbidden('metadata.finalizers', `no new finalizers can be added if the object is being deleted, found new finalizer ${JSON.stringify(finalizer)}`));
      }
    }
  }
  return errs;
}
