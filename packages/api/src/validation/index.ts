/**
 * Validation of the first-wave kinds, with Kubernetes' field paths, error types and messages. Callers run
 * applyDefaults first, as Kubernetes validates defaulted objects (an empty restartPolicy is an error here).
 */
import { checkSchemaTypes, unknownFieldPaths } from '../schema';
import type { KubeObject } from '../types/meta';
import { asObj, type Obj } from './access';
import { validateDeploymentSpec, validateReplicaSetSpec } from './apps';
import {
  validateBinding,
  validateConfigMap,
  validateEvent,
  validateLease,
  validateNamespace,
  validateNode,
  validateSecret,
} from './core';
import { typeInvalid, type FieldError } from './errors';
import { nameValidatorFor, validateObjectMeta, validateObjectMetaUpdate } from './meta';
import { validatePodSpec } from './podspec';
import { validateEndpoints, validateServiceSpec } from './service';
import { validateKindUpdate } from './update';

export type { FieldError, FieldErrorType } from './errors';
export { fieldErrorString, formatFieldErrors } from './errors';
export { TOTAL_ANNOTATION_SIZE_LIMIT_BYTES } from './meta';
export { MAX_CONFIG_DATA_BYTES } from './core';

export interface ValidationOptions {
  /** Whether the kind lives in namespaces (metadata.namespace required) or not (forbidden). */
  namespaced: boolean;
}

const kindValidators: ReadonlyMap<string, (obj: Obj) => FieldError[]> = new Map([
  ['Pod', (obj: Obj) => validatePodSpec(obj.spec, 'spec', { isTemplate: false })],
  ['Deployment', validateDeploymentSpec],
  ['ReplicaSet', validateReplicaSetSpec],
  ['Service', validateServiceSpec],
  ['Endpoints', validateEndpoints],
  ['ConfigMap', validateConfigMap],
  ['Secret', validateSecret],
  ['Namespace', validateNamespace],
  ['Node', validateNode],
  ['Event', validateEvent],
  ['Lease', validateLease],
  ['Binding', validateBinding],
]);

/**
 * Checks an object about to be created. JSON type errors come alone: Kubernetes rejects such a body while
 * decoding, before any semantic check could run on half-understood fields.
 */
export function validateCreate(kind: string, obj: KubeObject, opts: ValidationOptions): FieldError[] {
  const typeErrors = checkSchemaTypes(kind, obj).map((issue) =>
    typeInvalid(issue.field, issue.value, `must be of type ${issue.expectedType}`),
  );
  if (typeErrors.length > 0) return typeErrors;
  // A Binding is never stored; its metadata only echoes the pod's, which the URL already names.
  const metaErrors =
    kind === 'Binding' ? [] : validateObjectMeta(obj.metadata, { nameFn: nameValidatorFor(kind), namespaced: opts.namespaced });
  return [...metaErrors, ...(kindValidators.get(kind)?.(obj) ?? [])];
}

/** Checks an update: everything validateCreate checks on the new object, plus what may not change. */
export function validateUpdate(kind: string, obj: KubeObject, old: KubeObject, opts: ValidationOptions): FieldError[] {
  const errs = validateCreate(kind, obj, opts);
  if (errs.some((e) => e.type === 'FieldValueTypeInvalid')) return errs;
  return [...validateObjectMetaUpdate(obj.metadata, asObj(old).metadata), ...errs, ...validateKindUpdate(kind, obj, old)];
}

/**
 * Fields the kind does not define, as Kubernetes' strict decoding names them: `spec.replicaz`,
 * `spec.template.spec.containers[0].imagee`. The apiserver turns them into 'unknown field "<path>"'
 * (fieldValidation=Strict: 400; Warn: warnings; Ignore: nothing).
 */
export function findUnknownFields(kind: string, obj: KubeObject): string[] {
  return unknownFieldPaths(kind, obj);
}
