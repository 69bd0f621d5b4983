/** Checks of one container: ports, env, resources, probes, lifecycle hooks and volume mounts. */
import { isConfigMapKey, isEnvVarName, isValidPortName } from '../names';
import { asObj, isObj, items, num, present, str, strings, type Obj } from './access';
import {
  NON_NEGATIVE_ERROR,
  PORT_RANGE_ERROR,
  isValidPortNum,
  toQuantity,
  validateDNS1123Label,
  validateLabelName,
  validatePortNumOrName,
  validateProtocol,
  validateQuantity,
} from './common';
import { duplicate, forbidden, invalid, notFound, notSupported, required, type FieldError } from './errors';

const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'];
const TERMINATION_MESSAGE_POLICIES = ['File', 'FallbackToLogsOnError'];
const STANDARD_CONTAINER_RESOURCES = new Set(['cpu', 'memory', 'ephemeral-storage']);

function validateContainerPorts(ports: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  for (const [port, i] of items(ports)) {
    const p = `${path}[${i}]`;
    const name = str(port.name);
    if (name !== '') {
      errs.push(...isValidPortName(name).map((msg) => invalid(`${p}.name`, name, msg)));
      if (names.has(name)) errs.push(duplicate(`${p}.name`, name));
      names.add(name);
    }
    const containerPort = num(port.containerPort) ?? 0;
    if (containerPort === 0) errs.push(required(`${p}.containerPort`));
    else if (!isValidPortNum(containerPort)) errs.push(invalid(`${p}.containerPort`, containerPort, PORT_RANGE_ERROR));
    const hostPort = num(port.hostPort) ?? 0;
    if (hostPort !== 0 && !isValidPortNum(hostPort)) errs.push(invalid(`${p}.hostPort`, hostPort, PORT_RANGE_ERROR));
    errs.push(...validateProtocol(port.protocol, `${p}.protocol`));
  }
  return errs;
}

function validateKeySelector(ref: Obj, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const key = str(ref.key);
  if (key === '') errs.push(required(`${path}.key`));
  else errs.push(...isConfigMapKey(key).map((msg) => invalid(`${path}.key`, key, msg)));
  if (str(ref.name) === '') errs.push(required(`${path}.name`));
  return errs;
}

function validateEnvVarSource(valueFrom: Obj, hasValue: boolean, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const sources = ['fieldRef', 'resourceFieldRef', 'configMapKeyRef', 'secretKeyRef'].filter((k) => isObj(valueFrom[k]));
  if (sources.length === 0) {
    errs.push(invalid(path, '', 'must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`'));
  } else if (sources.length > 1) {
    errs.push(invalid(path, '', 'may not have more than one field specified at a time'));
  }
  if (sources.length > 0 && hasValue) errs.push(invalid(path, '', 'may not be specified when `value` is not empty'));
  if (isObj(valueFrom.fieldRef)) {
    if (str(valueFrom.fieldRef.apiVersion) === '') errs.push(required(`${path}.fieldRef.apiVersion`));
    if (str(valueFrom.fieldRef.fieldPath) === '') errs.push(required(`${path}.fieldRef.fieldPath`));
  }
  if (isObj(valueFrom.resourceFieldRef) && str(valueFrom.resourceFieldRef.resource) === '') {
    errs.push(required(`${path}.resourceFieldRef.resource`));
  }
  if (isObj(valueFrom.configMapKeyRef)) errs.push(...validateKeySelector(valueFrom.configMapKeyRef, `${path}.configMapKeyRef`));
  if (isObj(valueFrom.secretKeyRef)) errs.push(...validateKeySelector(valueFrom.secretKeyRef, `${path}.secretKeyRef`));
  return errs;
}

function validateEnv(env: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const [envVar, i] of items(env)) {
    const p = `${path}[${i}]`;
    const name = str(envVar.name);
    if (name === '') errs.push(required(`${p}.name`));
    else errs.push(...isEnvVarName(name).map((msg) => invalid(`${p}.name`, name, msg)));
    if (isObj(envVar.valueFrom)) errs.push(...validateEnvVarSource(envVar.valueFrom, str(envVar.value) !== '', `${p}.valueFrom`));
  }
  return errs;
}

function validateResourceName(name: string, path: string): FieldError[] {
  const errs = validateLabelName(name, path);
  if (errs.length === 0 && !name.includes('/') && !STANDARD_CONTAINER_RESOURCES.has(name) && !name.startsWith('hugepages-')) {
    errs.push(invalid(path, name, 'must be a standard resource for containers'));
  }
  return errs;
}

export function validateResources(resources: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const res = asObj(resources);
  const limits = asObj(res.limits);
  const requests = asObj(res.requests);
  for (const [name, value] of Object.entries(limits)) {
    errs.push(...validateResourceName(name, `${path}.limits[${name}]`));
    errs.push(...validateQuantity(value, `${path}.limits[${name}]`));
  }
  for (const [name, value] of Object.entries(requests)) {
    const field = `${path}.requests[${name}]`;
    errs.push(...validateResourceName(name, field));
    errs.push(...validateQuantity(value, field));
    const request = toQuantity(value);
    const limit = toQuantity(limits[name]);
    if (request !== undefined && limit !== undefined && request.cmp(limit) > 0) {
      errs.push(invalid(field, request.toString(), `must be less than or equal to ${name} limit of ${limit.toString()}`));
    }
  }
  return errs;
}

const HANDLER_KINDS = ['exec', 'httpGet', 'tcpSocket', 'grpc', 'sleep'] as const;

/** Probes and hooks name exactly one way to act; `allowed` says which ones this place supports. */
function validateHandler(handler: Obj, allowed: readonly string[], path: string): FieldError[] {
  const errs: FieldError[] = [];
  const kinds = HANDLER_KINDS.filter((k) => allowed.includes(k) && present(handler[k]));
  if (kinds.length === 0) return [required(path, 'must specify a handler type')];
  for (const extra of kinds.slice(1)) errs.push(forbidden(`${path}.${extra}`, 'may not specify more than 1 handler type'));
  if (isObj(handler.exec) && strings(handler.exec.command).length === 0) errs.push(required(`${path}.exec.command`));
  if (isObj(handler.httpGet)) {
    const httpGet = handler.httpGet;
    if (str(httpGet.path) === '') errs.push(required(`${path}.httpGet.path`));
    errs.push(...validatePortNumOrName(httpGet.port, `${path}.httpGet.port`));
    const scheme = str(httpGet.scheme);
    if (scheme !== 'HTTP' && scheme !== 'HTTPS') errs.push(notSupported(`${path}.httpGet.scheme`, scheme, ['HTTP', 'HTTPS']));
  }
  if (isObj(handler.tcpSocket)) errs.push(...validatePortNumOrName(handler.tcpSocket.port, `${path}.tcpSocket.port`));
  if (isObj(handler.grpc)) {
    const port = num(handler.grpc.port) ?? 0;
    if (!isValidPortNum(port)) errs.push(invalid(`${path}.grpc.port`, port, PORT_RANGE_ERROR));
  }
  return errs;
}

const PROBE_COUNTERS = ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold'];

function validateProbe(probe: unknown, path: string, successMustBeOne: boolean): FieldError[] {
  if (!isObj(probe)) return [];
  const errs = validateHandler(probe, ['exec', 'httpGet', 'tcpSocket', 'grpc'], path);
  for (const counter of PROBE_COUNTERS) {
    const value = num(probe[counter]);
    if (value !== undefined && value < 0) errs.push(invalid(`${path}.${counter}`, value, NON_NEGATIVE_ERROR));
  }
  // A liveness or startup probe that needs several successes would only delay a restart decision.
  const success = num(probe.successThreshold);
  if (successMustBeOne && success !== undefined && success !== 1) errs.push(invalid(`${path}.successThreshold`, success, 'must be 1'));
  return errs;
}

function validateLifecycle(lifecycle: unknown, path: string): FieldError[] {
  if (!isObj(lifecycle)) return [];
  const errs: FieldError[] = [];
  for (const hook of ['postStart', 'preStop']) {
    const handler = lifecycle[hook];
    if (isObj(handler)) errs.push(...validateHandler(handler, ['exec', 'httpGet', 'tcpSocket', 'sleep'], `${path}.${hook}`));
  }
  return errs;
}

function validateVolumeMounts(mounts: unknown, volumes: ReadonlySet<string>, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const mountPaths = new Set<string>();
  for (const [mount, i] of items(mounts)) {
    const p = `${path}[${i}]`;
    const name = str(mount.name);
    if (name === '') errs.push(required(`${p}.name`));
    else if (!volumes.has(name)) errs.push(notFound(`${p}.name`, name));
    const mountPath = str(mount.mountPath);
    if (mountPath === '') errs.push(required(`${p}.mountPath`));
    else if (mountPaths.has(mountPath)) errs.push(invalid(`${p}.mountPath`, mountPath, 'must be unique'));
    mountPaths.add(mountPath);
    const subPath = str(mount.subPath);
    if (subPath.startsWith('/')) errs.push(invalid(`${p}.subPath`, subPath, 'must be a relative path'));
    if (subPath.split('/').includes('..')) errs.push(invalid(`${p}.subPath`, subPath, "must not contain '..'"));
  }
  return errs;
}

export interface ContainerRules {
  /** Pods need images; templates may leave them for tooling to fill in. */
  requireImage: boolean;
  /** Probes are not allowed on (non-sidecar) init containers. */
  isInit: boolean;
  volumes: ReadonlySet<string>;
}

/** Everything about one container except its name, whose uniqueness spans the whole pod. */
export function validateContainer(container: Obj, path: string, rules: ContainerRules): FieldError[] {
  const errs: FieldError[] = [];
  const image = str(container.image);
  if (rules.requireImage && image.trim() === '') errs.push(required(`${path}.image`));
  errs.push(...validateContainerPorts(container.ports, `${path}.ports`));
  errs.push(...validateEnv(container.env, `${path}.env`));
  errs.push(...validateResources(container.resources, `${path}.resources`));
  errs.push(...validateVolumeMounts(container.volumeMounts, rules.volumes, `${path}.volumeMounts`));
  errs.push(...validateLifecycle(container.lifecycle, `${path}.lifecycle`));
  const probes: Array<[string, boolean]> = [['livenessProbe', true], ['readinessProbe', false], ['startupProbe', true]];
  const sidecar = container.restartPolicy === 'Always';
  for (const [probe, successMustBeOne] of probes) {
    if (rules.isInit && !sidecar && present(container[probe])) {
      errs.push(forbidden(`${path}.${probe}`, 'may not be set for init containers without restartPolicy=Always'));
    } else {
      errs.push(...validateProbe(container[probe], `${path}.${probe}`, successMustBeOne));
    }
  }
  // Only init containers take a restartPolicy, and only 'Always', which turns them into sidecars.
  if (present(container.restartPolicy)) {
    if (!rules.isInit) errs.push(forbidden(`${path}.restartPolicy`, 'may not be set for non-init containers'));
    else if (!sidecar) errs.push(notSupported(`${path}.restartPolicy`, container.restartPolicy, ['Always']));
  }
  const pullPolicy = str(container.imagePullPolicy);
  if (pullPolicy === '') errs.push(required(`${path}.imagePullPolicy`));
  else if (!PULL_POLICIES.includes(pullPolicy)) errs.push(notSupported(`${path}.imagePullPolicy`, pullPolicy, PULL_POLICIES));
  const messagePolicy = str(container.terminationMessagePolicy);
  if (messagePolicy === '') errs.push(required(`${path}.terminationMessagePolicy`));
  else if (!TERMINATION_MESSAGE_POLICIES.includes(messagePolicy)) {
    errs.push(notSupported(`${path}.terminationMessagePolicy`, messagePolicy, TERMINATION_MESSAGE_POLICIES));
  }
  return errs;
}

/** Container names: required, DNS labels, unique across init and regular containers. */
export function validateContainerName(name: string, path: string, seen: Set<string>): FieldError[] {
  if (name === '') return [required(path)];
  const errs = validateDNS1123Label(name, path);
  if (seen.has(name)) errs.push(duplicate(path, name));
  seen.add(name);
  return errs;
}
