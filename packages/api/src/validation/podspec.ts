/** Checks of a PodSpec, wherever it appears: pods and the templates of Deployments and ReplicaSets. */
import { inclusiveRangeError, isValidLabelValue } from '../names';
import type { LabelSelector } from '../types/meta';
import { asObj, isObj, items, num, present, str, strings, type Obj } from './access';
import {
  validateDNS1123Label,
  validateDNS1123Subdomain,
  validateLabelName,
  validateLabels,
  validateQuantity,
  validateSelector,
} from './common';
import { validateContainer, validateContainerName } from './container';
import { duplicate, forbidden, invalid, notSupported, required, type FieldError } from './errors';

export const RESTART_POLICIES = ['Always', 'OnFailure', 'Never'];
const DNS_POLICIES = ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'];
export const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];
const HOST_PATH_TYPES = ['', 'DirectoryOrCreate', 'Directory', 'FileOrCreate', 'File', 'Socket', 'CharDevice', 'BlockDevice'];
const VOLUME_SOURCES = ['configMap', 'secret', 'emptyDir', 'hostPath', 'downwardAPI', 'persistentVolumeClaim'];
const FILE_MODE_ERROR = 'must be a number between 0 and 0777 (octal), both inclusive';
const MAX_INT32 = 2147483647;

function validateEnum(value: unknown, allowed: readonly string[], field: string): FieldError[] {
  const s = str(value);
  if (s === '') return [required(field)];
  return allowed.includes(s) ? [] : [notSupported(field, s, allowed)];
}

function validateFileMode(mode: unknown, field: string): FieldError[] {
  return typeof mode === 'number' && (mode < 0 || mode > 0o777) ? [invalid(field, mode, FILE_MODE_ERROR)] : [];
}

function validateRelativePath(path: string, field: string): FieldError[] {
  if (path === '') return [required(field)];
  const errs: FieldError[] = [];
  if (path.startsWith('/')) errs.push(invalid(field, path, 'must be a relative path'));
  if (path.split('/').includes('..')) errs.push(invalid(field, path, "must not contain '..'"));
  return errs;
}

function validateKeyToPaths(list: unknown, field: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const [item, i] of items(list)) {
    if (str(item.key) === '') errs.push(required(`${field}[${i}].key`));
    errs.push(...validateRelativePath(str(item.path), `${field}[${i}].path`));
    errs.push(...validateFileMode(item.mode, `${field}[${i}].mode`));
  }
  return errs;
}

function validateVolumeSource(volume: Obj, path: string): FieldError[] {
  const sources = VOLUME_SOURCES.filter((s) => present(volume[s]));
  if (sources.length === 0) return [required(path, 'must specify a volume type')];
  const errs = sources.slice(1).map((s) => forbidden(`${path}.${s}`, 'may not specify more than 1 volume type'));
  const { configMap, secret, hostPath, emptyDir, persistentVolumeClaim, downwardAPI } = volume;
  if (isObj(configMap)) {
    if (str(configMap.name) === '') errs.push(required(`${path}.configMap.name`));
    errs.push(...validateFileMode(configMap.defaultMode, `${path}.configMap.defaultMode`));
    errs.push(...validateKeyToPaths(configMap.items, `${path}.configMap.items`));
  }
  if (isObj(secret)) {
    if (str(secret.secretName) === '') errs.push(required(`${path}.secret.secretName`));
    errs.push(...validateFileMode(secret.defaultMode, `${path}.secret.defaultMode`));
    errs.push(...validateKeyToPaths(secret.items, `${path}.secret.items`));
  }
  if (isObj(hostPath)) {
    if (str(hostPath.path) === '') errs.push(required(`${path}.hostPath.path`));
    const type = str(hostPath.type);
    if (!HOST_PATH_TYPES.includes(type)) errs.push(notSupported(`${path}.hostPath.type`, type, HOST_PATH_TYPES));
  }
  if (isObj(emptyDir)) {
    const medium = str(emptyDir.medium);
    if (medium !== '' && medium !== 'Memory') errs.push(notSupported(`${path}.emptyDir.medium`, medium, ['', 'Memory']));
    if (present(emptyDir.sizeLimit)) errs.push(...validateQuantity(emptyDir.sizeLimit, `${path}.emptyDir.sizeLimit`));
  }
  if (isObj(persistentVolumeClaim) && str(persistentVolumeClaim.claimName) === '') {
    errs.push(required(`${path}.persistentVolumeClaim.claimName`));
  }
  if (isObj(downwardAPI)) {
    errs.push(...validateFileMode(downwardAPI.defaultMode, `${path}.downwardAPI.defaultMode`));
    for (const [item, i] of items(downwardAPI.items)) {
      const p = `${path}.downwardAPI.items[${i}]`;
      errs.push(...validateRelativePath(str(item.path), `${p}.path`));
      if (isObj(item.fieldRef) === isObj(item.resourceFieldRef)) {
        errs.push(invalid(p, 'resource', 'fieldRef and resourceFieldRef can not be specified simultaneously'));
      }
    }
  }
  return errs;
}

/** Volume names are DNS labels, unique in the pod; returns the set of names for the mounts to refer to. */
function validateVolumes(volumes: unknown, path: string): { errs: FieldError[]; names: Set<string> } {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  for (const [volume, i] of items(volumes)) {
    const p = `${path}[${i}]`;
    const name = str(volume.name);
    if (name === '') errs.push(required(`${p}.name`));
    else errs.push(...validateDNS1123Label(name, `${p}.name`));
    if (names.has(name)) errs.push(duplicate(`${p}.name`, name));
    names.add(name);
    errs.push(...validateVolumeSource(volume, p));
  }
  return { errs, names };
}

export function validateTolerations(tolerations: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const [toleration, i] of items(tolerations)) {
    const p = `${path}[${i}]`;
    const key = str(toleration.key);
    const operator = str(toleration.operator);
    const effect = str(toleration.effect);
    if (key !== '') errs.push(...validateLabelName(key, `${p}.key`));
    if (key === '' && operator !== 'Exists') {
      errs.push(invalid(`${p}.operator`, operator, 'operator must be Exists when `key` is empty, which means "match all values and all keys"'));
    }
    if (present(toleration.tolerationSeconds) && effect !== 'NoExecute') {
      errs.push(invalid(`${p}.effect`, effect, "effect must be 'NoExecute' when `tolerationSeconds` is set"));
    }
    if (operator === '' || operator === 'Equal') {
      const value = str(toleration.value);
      const msgs = isValidLabelValue(value);
      if (msgs.length > 0) errs.push(invalid(`${p}.operator`, value, msgs.join(';')));
    } else if (operator === 'Exists') {
      if (str(toleration.value) !== '') errs.push(invalid(`${p}.operator`, toleration, "value must be empty when `operator` is 'Exists'"));
    } else {
      errs.push(notSupported(`${p}.operator`, operator, ['Equal', 'Exists']));
    }
    if (effect !== '' && !TAINT_EFFECTS.includes(effect)) errs.push(notSupported(`${p}.effect`, effect, TAINT_EFFECTS));
  }
  return errs;
}

function validateNodeSelectorRequirement(req: Obj, path: string): FieldError[] {
  const errs = validateLabelName(str(req.key), `${path}.key`);
  const values = strings(req.values);
  switch (req.operator) {
    case 'In':
    case 'NotIn':
      if (values.length === 0) errs.push(required(`${path}.values`, "must be specified when `operator` is 'In' or 'NotIn'"));
      break;
    case 'Exists':
    case 'DoesNotExist':
      if (values.length > 0) errs.push(forbidden(`${path}.values`, "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
      break;
    case 'Gt':
    case 'Lt':
      if (values.length !== 1) errs.push(required(`${path}.values`, "must be specified single value when `operator` is 'Lt' or 'Gt'"));
      else if (!/^-?[0-9]+$/.test(values[0] ?? '')) errs.push(invalid(`${path}.values[0]`, values[0], 'must be an integer'));
      break;
    default:
      errs.push(invalid(`${path}.operator`, str(req.operator), 'not a valid selector operator'));
  }
  return errs;
}

function validateNodeSelectorTerm(term: Obj, path: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const [req, i] of items(term.matchExpressions)) errs.push(...validateNodeSelectorRequirement(req, `${path}.matchExpressions[${i}]`));
  for (const [req, i] of items(term.matchFields)) errs.push(...validateNodeSelectorRequirement(req, `${path}.matchFields[${i}]`));
  return errs;
}

function validateWeight(weight: unknown, path: string): FieldError[] {
  const w = num(weight) ?? 0;
  return w < 1 || w > 100 ? [invalid(path, w, 'must be in the range 1-100')] : [];
}

function validatePodAffinityTerm(term: Obj, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (str(term.topologyKey) === '') errs.push(required(`${path}.topologyKey`, 'can not be empty'));
  else errs.push(...validateLabelName(str(term.topologyKey), `${path}.topologyKey`));
  for (const sel of ['labelSelector', 'namespaceSelector']) {
    if (isObj(term[sel])) errs.push(...validateSelector(term[sel] as LabelSelector, `${path}.${sel}`));
  }
  return errs;
}

function validateAffinity(affinity: unknown, path: string): FieldError[] {
  if (!isObj(affinity)) return [];
  const errs: FieldError[] = [];
  const nodeAffinity = asObj(affinity.nodeAffinity);
  const requiredTerms = nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution;
  if (isObj(requiredTerms)) {
    const p = `${path}.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution`;
    const terms = items(requiredTerms.nodeSelectorTerms);
    if (terms.length === 0) errs.push(required(`${p}.nodeSelectorTerms`, 'must have at least one node selector term'));
    for (const [term, i] of terms) errs.push(...validateNodeSelectorTerm(term, `${p}.nodeSelectorTerms[${i}]`));
  }
  const preferredPath = `${path}.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution`;
  for (const [pref, i] of items(nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution)) {
    errs.push(...validateWeight(pref.weight, `${preferredPath}[${i}].weight`));
    errs.push(...validateNodeSelectorTerm(asObj(pref.preference), `${preferredPath}[${i}].preference`));
  }
  for (const kind of ['podAffinity', 'podAntiAffinity']) {
    const pa = asObj(affinity[kind]);
    const base = `${path}.${kind}`;
    for (const [term, i] of items(pa.requiredDuringSchedulingIgnoredDuringExecution)) {
      errs.push(...validatePodAffinityTerm(term, `${base}.requiredDuringSchedulingIgnoredDuringExecution[${i}]`));
    }
    for (const [term, i] of items(pa.preferredDuringSchedulingIgnoredDuringExecution)) {
      const p = `${base}.preferredDuringSchedulingIgnoredDuringExecution[${i}]`;
      errs.push(...validateWeight(term.weight, `${p}.weight`));
      errs.push(...validatePodAffinityTerm(asObj(term.podAffinityTerm), `${p}.podAffinityTerm`));
    }
  }
  return errs;
}

/** Two containers may not claim the same host port and protocol: the node has only one of each. */
function validateHostPorts(containers: Array<[Obj, string]>): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  for (const [container, path] of containers) {
    for (const [port, i] of items(container.ports)) {
      const hostPort = num(port.hostPort) ?? 0;
      if (hostPort === 0) continue;
      const key = `${hostPort}/${str(port.protocol)}`;
      if (seen.has(key)) errs.push(duplicate(`${path}.ports[${i}].hostPort`, key));
      seen.add(key);
    }
  }
  return errs;
}

export interface PodSpecRules {
  /** Pods need container images; templates may leave them empty for tooling to fill in. */
  isTemplate: boolean;
}

export function validatePodSpec(specValue: unknown, path: string, rules: PodSpecRules): FieldError[] {
  const spec = asObj(specValue);
  const { errs, names: volumes } = validateVolumes(spec.volumes, `${path}.volumes`);
  const containerNames = new Set<string>();
  const allContainers: Array<[Obj, string]> = [];
  const containers = items(spec.containers);
  if (containers.length === 0) errs.push(required(`${path}.containers`));
  for (const [container, i] of containers) {
    const p = `${path}.containers[${i}]`;
    errs.push(...validateContainerName(str(container.name), `${p}.name`, containerNames));
    errs.push(...validateContainer(container, p, { requireImage: !rules.isTemplate, isInit: false, volumes }));
    allContainers.push([container, p]);
  }
  // Init containers come second so that a clash of names is reported on the init container.
  for (const [container, i] of items(spec.initContainers)) {
    const p = `${path}.initContainers[${i}]`;
    errs.push(...validateContainerName(str(container.name), `${p}.name`, containerNames));
    errs.push(...validateContainer(container, p, { requireImage: !rules.isTemplate, isInit: true, volumes }));
    allContainers.push([container, p]);
  }
  // Ephemeral containers (kubectl debug) are added to running pods through their own subresource only.
  if (Array.isArray(spec.ephemeralContainers) && spec.ephemeralContainers.length > 0) {
    errs.push(forbidden(`${path}.ephemeralContainers`, rules.isTemplate ? 'ephemeral containers not allowed in pod template' : 'cannot be set on create'));
  }
  errs.push(...validateHostPorts(allContainers));
  errs.push(...validateEnum(spec.restartPolicy, RESTART_POLICIES, `${path}.restartPolicy`));
  errs.push(...validateEnum(spec.dnsPolicy, DNS_POLICIES, `${path}.dnsPolicy`));
  errs.push(...validateLabels(spec.nodeSelector, `${path}.nodeSelector`));
  errs.push(...validateTolerations(spec.tolerations, `${path}.tolerations`));
  errs.push(...validateAffinity(spec.affinity, `${path}.affinity`));
  const deadline = num(spec.activeDeadlineSeconds);
  if (deadline !== undefined && (deadline < 1 || deadline > MAX_INT32)) {
    errs.push(invalid(`${path}.activeDeadlineSeconds`, deadline, inclusiveRangeError(1, MAX_INT32)));
  }
  for (const field of ['nodeName', 'serviceAccountName', 'priorityClassName', 'schedulerName']) {
    const value = str(spec[field]);
    if (value !== '') errs.push(...validateDNS1123Subdomain(value, `${path}.${field}`));
  }
  for (const field of ['hostname', 'subdomain']) {
    const value = str(spec[field]);
    if (value !== '') errs.push(...validateDNS1123Label(value, `${path}.${field}`));
  }
  if (isObj(spec.overhead)) {
    for (const [name, q] of Object.entries(spec.overhead)) errs.push(...validateQuantity(q, `${path}.overhead[${name}]`));
  }
  return errs;
}
