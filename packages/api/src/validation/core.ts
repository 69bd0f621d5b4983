/** Checks of the smaller core/v1 kinds and of Leases. */
import { isConfigMapKey, isValidLabelValue } from '../names';
import { asObj, isObj, items, num, present, str, strings, type Obj } from './access';
import { IPNet } from '../ipnet';
import { validateLabelName, validateQuantity } from './common';
import { duplicate, invalid, notSupported, required, tooLong, type FieldError } from './errors';
import { validateFinalizerName } from './meta';
import { TAINT_EFFECTS } from './podspec';

/** Kubernetes' cap on the data of one ConfigMap or Secret: 1 MiB, what etcd comfortably stores. */
export const MAX_CONFIG_DATA_BYTES = 1024 * 1024;

function validateDataKeys(data: unknown, field: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const key of Object.keys(asObj(data))) {
    errs.push(...isConfigMapKey(key).map((msg) => invalid(`${field}[${key}]`, key, msg)));
  }
  return errs;
}

/** Bytes a base64 value decodes to, or undefined when it is not base64. */
function base64Bytes(value: string): number | undefined {
  const compact = value.replace(/[\r\n]/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact) || compact.length % 4 !== 0) return undefined;
  return Buffer.from(compact, 'base64').length;
}

export function validateConfigMap(obj: Obj): FieldError[] {
  const data = asObj(obj.data);
  const binaryData = asObj(obj.binaryData);
  const errs = [...validateDataKeys(data, 'data'), ...validateDataKeys(binaryData, 'binaryData')];
  let total = 0;
  for (const [key, value] of Object.entries(data)) {
    if (key in binaryData) errs.push(invalid(`data[${key}]`, key, 'duplicate of key present in binaryData'));
    total += Buffer.byteLength(str(value));
  }
  for (const [key, value] of Object.entries(binaryData)) {
    const bytes = base64Bytes(str(value));
    if (bytes === undefined) errs.push(invalid(`binaryData[${key}]`, '<binary data>', 'must be base64 encoded'));
    total += bytes ?? 0;
  }
  // Field '' means the object as a whole, as in Kubernetes.
  if (total > MAX_CONFIG_DATA_BYTES) errs.push(tooLong('', MAX_CONFIG_DATA_BYTES));
  return errs;
}

/** Keys each well-known secret type must carry. */
const REQUIRED_SECRET_KEYS: Readonly<Record<string, readonly string[]>> = {
  'kubernetes.io/dockercfg': ['.dockercfg'],
  'kubernetes.io/dockerconfigjson': ['.dockerconfigjson'],
  'kubernetes.io/ssh-auth': ['ssh-privatekey'],
  'kubernetes.io/tls': ['tls.crt', 'tls.key'],
};

/**
 * Secrets. `stringData` is a write-only convenience that the apiserver folds into `data` before storing;
 * it is checked here as if already folded, so a secret cannot slip past the size limit through it.
 */
export function validateSecret(obj: Obj): FieldError[] {
  const data = asObj(obj.data);
  const stringData = asObj(obj.stringData);
  const errs = [...validateDataKeys(data, 'data'), ...validateDataKeys(stringData, 'stringData')];
  let total = 0;
  for (const [key, value] of Object.entries(data)) {
    if (key in stringData) continue;
    const bytes = base64Bytes(str(value));
    if (bytes === undefined) errs.push(invalid(`data[${key}]`, '<secret contents redacted>', 'must be base64 encoded'));
    total += bytes ?? 0;
  }
  for (const value of Object.values(stringData)) total += Buffer.byteLength(str(value));
  if (total > MAX_CONFIG_DATA_BYTES) errs.push(tooLong('data', MAX_CONFIG_DATA_BYTES));
  const type = str(obj.type);
  const keys = new Set([...Object.keys(data), ...Object.keys(stringData)]);
  for (const key of REQUIRED_SECRET_KEYS[type] ?? []) {
    if (!keys.has(key)) errs.push(required(`data[${key}]`));
  }
  if (type === 'kubernetes.io/basic-auth' && !keys.has('username') && !keys.has('password')) {
    errs.push(required('data[username]'), required('data[password]'));
  }
  if (type === 'kubernetes.io/service-account-token') {
    const annotations = asObj(asObj(obj.metadata).annotations);
    const key = 'kubernetes.io/service-account.name';
    if (str(annotations[key]) === '') errs.push(required(`metadata.annotations[${key}]`));
  }
  return errs;
}

export function validateNamespace(obj: Obj): FieldError[] {
  return strings(asObj(obj.spec).finalizers).flatMap((f) => validateFinalizerName(f, 'spec.finalizers'));
}

function validateTaints(taints: unknown): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  for (const [taint, i] of items(taints)) {
    const p = `spec.taints[${i}]`;
    const key = str(taint.key);
    errs.push(...validateLabelName(key, `${p}.key`));
    const value = str(taint.value);
    const msgs = isValidLabelValue(value);
    if (msgs.length > 0) errs.push(invalid(`${p}.value`, value, msgs.join(';')));
    const effect = str(taint.effect);
    if (effect === '') errs.push(required(`${p}.effect`));
    else if (!TAINT_EFFECTS.includes(effect)) errs.push(notSupported(`${p}.effect`, effect, TAINT_EFFECTS));
    const identity = `${key}\u0000${effect}`;
    if (seen.has(identity)) {
      const err = duplicate(p, taint);
      errs.push({ ...err, message: `${err.message}: taints must be unique by key and effect pair` });
    }
    seen.add(identity);
  }
  return errs;
}

export function validateNode(obj: Obj): FieldError[] {
  const spec = asObj(obj.spec);
  const errs = validateTaints(spec.taints);
  const podCIDRs = strings(spec.podCIDRs);
  const cidrs: Array<[string, string]> = podCIDRs.map((c, i) => [c, `spec.podCIDRs[${i}]`]);
  if (podCIDRs.length === 0 && str(spec.podCIDR) !== '') cidrs.push([str(spec.podCIDR), 'spec.podCIDR']);
  for (const [cidr, field] of cidrs) {
    if (!IPNet.isValid(cidr)) errs.push(invalid(field, cidr, 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)'));
  }
  const status = asObj(obj.status);
  for (const list of ['capacity', 'allocatable']) {
    for (const [name, value] of Object.entries(asObj(status[list]))) {
      errs.push(...validateQuantity(value, `status.${list}[${name}]`));
    }
  }
  return errs;
}

/**
 * Events. Old-style events (no eventTime) only need their namespace to match the involved object's;
 * new-style ones (eventTime set) also name who reported what.
 */
export function validateEvent(obj: Obj): FieldError[] {
  const errs: FieldError[] = [];
  const namespace = str(asObj(obj.metadata).namespace);
  const involvedNamespace = str(asObj(obj.involvedObject).namespace);
  const field = 'involvedObject.namespace';
  const mismatch = 'does not match event.namespace';
  if (!present(obj.eventTime)) {
    // Events about cluster-scoped objects live in "default" (or nowhere, for very old clients).
    if (involvedNamespace === '' ? namespace !== '' && namespace !== 'default' : namespace !== involvedNamespace) {
      errs.push(invalid(field, involvedNamespace, mismatch));
    }
    return errs;
  }
  if (involvedNamespace === '' && namespace !== 'default' && namespace !== 'kube-system') {
    errs.push(invalid(field, involvedNamespace, mismatch));
  }
  for (const field_ of ['reportingComponent', 'reportingInstance', 'action', 'reason']) {
    if (str(obj[field_]) === '') errs.push(required(field_));
  }
  return errs;
}

export function validateLease(obj: Obj): FieldError[] {
  const spec = asObj(obj.spec);
  const errs: FieldError[] = [];
  const duration = num(spec.leaseDurationSeconds);
  if (duration !== undefined && duration <= 0) errs.push(invalid('spec.leaseDurationSeconds', duration, 'must be greater than 0'));
  const transitions = num(spec.leaseTransitions);
  if (transitions !== undefined && transitions < 0) {
    errs.push(invalid('spec.leaseTransitions', transitions, 'must be greater than or equal to 0'));
  }
  return errs;
}

/** A Binding only says which node a pod goes to. */
export function validateBinding(obj: Obj): FieldError[] {
  const target = isObj(obj.target) ? obj.target : {};
  const errs: FieldError[] = [];
  const kind = str(target.kind);
  if (kind !== '' && kind !== 'Node') errs.push(notSupported('target.kind', kind, ['Node', '<empty>']));
  if (str(target.name) === '') errs.push(required('target.name'));
  return errs;
}
