/** What an update may not change, per kind. The new object's own validity is checked separately. */
import { semanticDeepEqual } from '../deep-equal';
import { asObj, items, num, str, strings, type Obj } from './access';
import { forbidden, invalid, type FieldError } from './errors';

const POD_UPDATABLE_FIELDS =
  'pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,' +
  '`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),' +
  '`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)';

function withoutSeconds(toleration: Obj): Obj {
  const { tolerationSeconds: _ignored, ...rest } = toleration;
  return rest;
}

/** Every old toleration must still be there; only its tolerationSeconds may change. */
function onlyAddedTolerations(tolerations: unknown, oldTolerations: unknown): boolean {
  const current = items(tolerations).map(([t]) => withoutSeconds(t));
  return items(oldTolerations).every(([old]) => current.some((t) => semanticDeepEqual(t, withoutSeconds(old))));
}

/** Copies the container images of `from` into the same-named... same-indexed containers of `into`. */
function copyImages(into: unknown, from: unknown): void {
  if (!Array.isArray(into) || !Array.isArray(from) || into.length !== from.length) return;
  into.forEach((container, i) => {
    const source: unknown = from[i];
    if (container !== null && typeof container === 'object' && source !== null && typeof source === 'object') {
      (container as Obj).image = (source as Obj).image;
    }
  });
}

function validatePodUpdate(spec: Obj, oldSpec: Obj): FieldError[] {
  const errs: FieldError[] = [];
  // Compare a copy in which every updatable field already holds the old value: what differs is forbidden.
  const munged = structuredClone(spec);
  copyImages(munged.containers, oldSpec.containers);
  copyImages(munged.initContainers, oldSpec.initContainers);
  munged.activeDeadlineSeconds = oldSpec.activeDeadlineSeconds;
  if (onlyAddedTolerations(spec.tolerations, oldSpec.tolerations)) munged.tolerations = oldSpec.tolerations;
  else errs.push(forbidden('spec.tolerations', 'existing toleration can not be modified except its tolerationSeconds'));
  const oldGrace = num(oldSpec.terminationGracePeriodSeconds);
  if (oldGrace !== undefined && oldGrace < 0 && spec.terminationGracePeriodSeconds === 1) {
    munged.terminationGracePeriodSeconds = oldGrace;
  }
  const changed = [...new Set([...Object.keys(munged), ...Object.keys(oldSpec)])].filter(
    (key) => !semanticDeepEqual(munged[key], oldSpec[key]),
  );
  if (changed.length > 0) {
    errs.push(forbidden('spec', `${POD_UPDATABLE_FIELDS}\n  changed: ${changed.map((k) => `spec.${k}`).join(', ')}`));
  }
  const deadline = num(spec.activeDeadlineSeconds);
  const oldDeadline = num(oldSpec.activeDeadlineSeconds);
  if (deadline === undefined && oldDeadline !== undefined) {
    errs.push(invalid('spec.activeDeadlineSeconds', null, 'must not update from a positive integer to nil value'));
  } else if (deadline !== undefined && oldDeadline !== undefined && deadline > oldDeadline) {
    errs.push(invalid('spec.activeDeadlineSeconds', deadline, 'must be less than or equal to previous value'));
  }
  return errs;
}

function validateSelectorUpdate(spec: Obj, oldSpec: Obj): FieldError[] {
  // apps/v1 fixed selectors: changing one would orphan every pod the workload owns.
  return semanticDeepEqual(spec.selector, oldSpec.selector) ? [] : [invalid('spec.selector', spec.selector ?? null, 'field is immutable')];
}

function primaryClusterIP(spec: Obj): string {
  return strings(spec.clusterIPs)[0] ?? str(spec.clusterIP);
}

function validateServiceUpdate(spec: Obj, oldSpec: Obj): FieldError[] {
  // Switching to or from ExternalName releases or allocates the address; otherwise it is fixed once set.
  if (spec.type === 'ExternalName' || oldSpec.type === 'ExternalName') return [];
  const oldIP = primaryClusterIP(oldSpec);
  const newIP = primaryClusterIP(spec);
  return oldIP !== '' && newIP !== oldIP ? [invalid('spec.clusterIPs[0]', newIP, 'may not change once set')] : [];
}

const IMMUTABLE_DETAIL = 'field is immutable when `immutable` is set';

/** ConfigMaps and Secrets marked immutable keep their data, and stay immutable, for good. */
function validateImmutableData(obj: Obj, old: Obj, dataFields: readonly string[]): FieldError[] {
  if (old.immutable !== true) return [];
  const errs: FieldError[] = [];
  if (obj.immutable !== true) errs.push(forbidden('immutable', IMMUTABLE_DETAIL));
  for (const field of dataFields) {
    if (!semanticDeepEqual(obj[field], old[field])) errs.push(forbidden(field, IMMUTABLE_DETAIL));
  }
  return errs;
}

function validateSecretUpdate(obj: Obj, old: Obj): FieldError[] {
  const errs = validateImmutableData(obj, old, ['data']);
  if (str(obj.type) !== str(old.type)) errs.push(invalid('type', str(obj.type), 'field is immutable'));
  return errs;
}

function validateNodeUpdate(spec: Obj, oldSpec: Obj): FieldError[] {
  // The pod CIDR is handed out once; pods already carry addresses from it.
  const oldCIDRs = strings(oldSpec.podCIDRs);
  if (oldCIDRs.length > 0 && !semanticDeepEqual(strings(spec.podCIDRs), oldCIDRs)) {
    return [forbidden('spec.podCIDRs', 'node updates may not change podCIDR except from "" to valid')];
  }
  return [];
}

/** Kind-specific immutability checks of an update. */
export function validateKindUpdate(kind: string, obj: Obj, old: Obj): FieldError[] {
  const spec = asObj(obj.spec);
  const oldSpec = asObj(old.spec);
  switch (kind) {
    case 'Pod':
      return validatePodUpdate(spec, oldSpec);
    case 'Deployment':
    case 'ReplicaSet':
      return validateSelectorUpdate(spec, oldSpec);
    case 'Service':
      return validateServiceUpdate(spec, oldSpec);
    case 'ConfigMap':
      return validateImmutableData(obj, old, ['data', 'binaryData']);
    case 'Secret':
      return validateSecretUpdate(obj, old);
    case 'Node':
      return validateNodeUpdate(spec, oldSpec);
    default:
      return [];
  }
}
