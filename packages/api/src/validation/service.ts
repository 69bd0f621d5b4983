/** core/v1 Service and Endpoints checks. */
import { asObj, items, num, present, str, strings, type Obj } from './access';
import {
  PORT_RANGE_ERROR,
  isValidPortNum,
  validateDNS1123Label,
  validateDNS1123Subdomain,
  validateIP,
  validateLabels,
  validatePortNumOrName,
  validateProtocol,
} from './common';
import { duplicate, forbidden, invalid, notSupported, required, type FieldError } from './errors';

const SERVICE_TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];
const SESSION_AFFINITIES = ['ClientIP', 'None'];
const TRAFFIC_POLICIES = ['Cluster', 'Local'];
const IP_FAMILY_POLICIES = ['SingleStack', 'PreferDualStack', 'RequireDualStack'];
const IP_FAMILIES = ['IPv4', 'IPv6'];

function validateServicePorts(spec: Obj, headless: boolean): FieldError[] {
  const errs: FieldError[] = [];
  const ports = items(spec.ports);
  const names = new Set<string>();
  const seen = new Set<string>();
  for (const [port, i] of ports) {
    const p = `spec.ports[${i}]`;
    const name = str(port.name);
    // With several ports, endpoints and DNS SRV records tell them apart by name.
    if (ports.length > 1 && name === '') errs.push(required(`${p}.name`));
    else if (name !== '') {
      errs.push(...validateDNS1123Label(name, `${p}.name`));
      if (names.has(name)) errs.push(duplicate(`${p}.name`, name));
      names.add(name);
    }
    const portNumber = num(port.port) ?? 0;
    if (!isValidPortNum(portNumber)) errs.push(invalid(`${p}.port`, portNumber, PORT_RANGE_ERROR));
    errs.push(...validateProtocol(port.protocol, `${p}.protocol`));
    // A headless service proxies nothing, so Kubernetes tolerates a missing targetPort there.
    if (present(port.targetPort) || !headless) errs.push(...validatePortNumOrName(port.targetPort, `${p}.targetPort`));
    if ((num(port.nodePort) ?? 0) !== 0) {
      if (spec.type === 'ClusterIP') errs.push(forbidden(`${p}.nodePort`, "may not be used when `type` is 'ClusterIP'"));
      else if (!isValidPortNum(port.nodePort)) errs.push(invalid(`${p}.nodePort`, port.nodePort, PORT_RANGE_ERROR));
    }
    const key = JSON.stringify({ protocol: str(port.protocol), port: portNumber });
    if (seen.has(key)) errs.push(duplicate(p, { protocol: str(port.protocol), port: portNumber }));
    seen.add(key);
  }
  return errs;
}

function validateClusterIPs(spec: Obj): FieldError[] {
  const errs: FieldError[] = [];
  const clusterIP = str(spec.clusterIP);
  const clusterIPs = strings(spec.clusterIPs);
  if (spec.type === 'ExternalName') {
    if (clusterIP !== '' || clusterIPs.length > 0) errs.push(forbidden('spec.clusterIPs', 'may not be set for ExternalName services'));
    return errs;
  }
  // clusterIPs, when given, repeats clusterIP first: check the address once.
  if (clusterIPs.length === 0 && clusterIP !== '' && clusterIP !== 'None') errs.push(...validateIP(clusterIP, 'spec.clusterIP'));
  if (clusterIPs.length > 0 && clusterIPs[0] !== clusterIP) {
    errs.push(invalid('spec.clusterIPs', clusterIPs, 'first value must match `clusterIP`'));
  }
  if (clusterIPs.length > 2) errs.push(invalid('spec.clusterIPs', clusterIPs, 'may only hold up to 2 values'));
  clusterIPs.forEach((ip, i) => {
    if (ip === 'None') {
      if (i > 0 || clusterIPs.length > 1) errs.push(invalid('spec.clusterIPs', clusterIPs, "'None' must be the first and only value"));
    } else {
      errs.push(...validateIP(ip, `spec.clusterIPs[${i}]`));
    }
  });
  if (clusterIP === 'None' && (spec.type === 'NodePort' || spec.type === 'LoadBalancer')) {
    errs.push(invalid('spec.clusterIPs[0]', 'None', `may not be set to 'None' for ${String(spec.type)} services`));
  }
  return errs;
}

function validateOptionalEnum(value: unknown, allowed: readonly string[], field: string): FieldError[] {
  const s = str(value);
  return s === '' || allowed.includes(s) ? [] : [notSupported(field, s, allowed)];
}

export function validateServiceSpec(obj: Obj): FieldError[] {
  const spec = asObj(obj.spec);
  const errs: FieldError[] = [];
  const type = str(spec.type);
  if (type === '') errs.push(required('spec.type'));
  else if (!SERVICE_TYPES.includes(type)) errs.push(notSupported('spec.type', type, SERVICE_TYPES));
  const headless = spec.clusterIP === 'None';
  if (items(spec.ports).length === 0 && !headless && type !== 'ExternalName') errs.push(required('spec.ports'));
  if (type === 'ExternalName') {
    const cname = str(spec.externalName).replace(/\.$/, '');
    if (cname === '') errs.push(required('spec.externalName'));
    else errs.push(...validateDNS1123Subdomain(cname, 'spec.externalName'));
  }
  errs.push(...validateServicePorts(spec, headless));
  errs.push(...validateClusterIPs(spec));
  errs.push(...validateLabels(spec.selector, 'spec.selector'));
  const affinity = str(spec.sessionAffinity);
  if (affinity === '') errs.push(required('spec.sessionAffinity'));
  else if (!SESSION_AFFINITIES.includes(affinity)) errs.push(notSupported('spec.sessionAffinity', affinity, SESSION_AFFINITIES));
  errs.push(...validateOptionalEnum(spec.externalTrafficPolicy, TRAFFIC_POLICIES, 'spec.externalTrafficPolicy'));
  errs.push(...validateOptionalEnum(spec.internalTrafficPolicy, TRAFFIC_POLICIES, 'spec.internalTrafficPolicy'));
  errs.push(...validateOptionalEnum(spec.ipFamilyPolicy, IP_FAMILY_POLICIES, 'spec.ipFamilyPolicy'));
  strings(spec.ipFamilies).forEach((family, i) => {
    if (!IP_FAMILIES.includes(family)) errs.push(notSupported(`spec.ipFamilies[${i}]`, family, IP_FAMILIES));
  });
  strings(spec.externalIPs).forEach((ip, i) => errs.push(...validateIP(ip, `spec.externalIPs[${i}]`)));
  return errs;
}

/**
 * Endpoints. Unlike Kubernetes, loopback and link-local addresses are accepted: tinykube's process
 * runtime runs pods on the host's loopback, and the endpoints controller must be able to publish them.
 */
export function validateEndpoints(obj: Obj): FieldError[] {
  const errs: FieldError[] = [];
  for (const [subset, i] of items(obj.subsets)) {
    const path = `subsets[${i}]`;
    const addresses = items(subset.addresses);
    const notReady = items(subset.notReadyAddresses);
    if (addresses.length === 0 && notReady.length === 0) {
      errs.push(required(path, 'must specify `addresses` or `notReadyAddresses`'));
    }
    for (const [list, field] of [[addresses, 'addresses'], [notReady, 'notReadyAddresses']] as const) {
      for (const [address, j] of list) {
        const p = `${path}.${field}[${j}]`;
        errs.push(...validateIP(address.ip, `${p}.ip`));
        if (str(address.hostname) !== '') errs.push(...validateDNS1123Label(str(address.hostname), `${p}.hostname`));
        if (str(address.nodeName) !== '') errs.push(...validateDNS1123Subdomain(str(address.nodeName), `${p}.nodeName`));
      }
    }
    const ports = items(subset.ports);
    for (const [port, j] of ports) {
      const p = `${path}.ports[${j}]`;
      const name = str(port.name);
      if (ports.length > 1 && name === '') errs.push(required(`${p}.name`));
      else if (name !== '') errs.push(...validateDNS1123Label(name, `${p}.name`));
      const portNumber = num(port.port) ?? 0;
      if (!isValidPortNum(portNumber)) errs.push(invalid(`${p}.port`, portNumber, PORT_RANGE_ERROR));
      errs.push(...validateProtocol(port.protocol, `${p}.protocol`));
    }
  }
  return errs;
}

