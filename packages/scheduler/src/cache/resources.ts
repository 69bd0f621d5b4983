/**
 * Resource arithmetic the way the scheduler needs it: plain numbers (milli-CPU, bytes, pod slots) parsed
 * once per object from exact quantities, so the filter loop never parses a string.
 */
import { parseQuantity, type Container, type Node, type Pod, type QuantityValue, type ResourceList } from '@tinykube/api';

export interface Resources {
  milliCpu: number;
  /** Bytes. */
  memory: number;
}

export interface Allocatable extends Resources {
  pods: number;
}

/**
 * Kubernetes scores a pod that asks for nothing as if it asked for this much (its "non-zero" request),
 * so BestEffort pods still spread out instead of piling onto one node.
 */
export const DEFAULT_MILLI_CPU_REQUEST = 100;
export const DEFAULT_MEMORY_REQUEST = 200 * 1024 * 1024;

export class InvalidQuantityError extends Error {
  constructor(
    readonly resource: string,
    readonly value: QuantityValue,
  ) {
    super(`invalid quantity ${JSON.stringify(value)} for resource ${resource}`);
    this.name = 'InvalidQuantityError';
  }
}

function quantity(name: string, v: QuantityValue): { milli: number; value: number } {
  try {
    const q = parseQuantity(String(v));
    return { milli: Number(q.milliValue()), value: Number(q.value()) };
  } catch {
    throw new InvalidQuantityError(name, v);
  }
}

export function zeroResources(): Resources {
  return { milliCpu: 0, memory: 0 };
}

function fromList(list: ResourceList | undefined, defaults?: Resources): Resources {
  const cpu = list?.cpu;
  const memory = list?.memory;
  return {
    milliCpu: cpu === undefined ? (defaults?.milliCpu ?? 0) : quantity('cpu', cpu).milli,
    memory: memory === undefined ? (defaults?.memory ?? 0) : quantity('memory', memory).value,
  };
}

function add(a: Resources, b: Resources): Resources {
  return { milliCpu: a.milliCpu + b.milliCpu, memory: a.memory + b.memory };
}

function max(a: Resources, b: Resources): Resources {
  return { milliCpu: Math.max(a.milliCpu, b.milliCpu), memory: Math.max(a.memory, b.memory) };
}

const isSidecar = (c: Container): boolean => c.restartPolicy === 'Always';

/**
 * A pod's effective request, as Kubernetes counts it: app containers run together, so they add up;
 * init containers run one at a time before them, so only the largest matters, and the pod needs
 * max(sum of app containers, largest init container). Sidecars (init containers with restartPolicy
 * Always) keep running, so they add to everything started after them. Pod overhead comes on top.
 */
export function podRequests(pod: Pod, defaults?: Resources): Resources {
  const spec = pod.spec;
  let total = zeroResources();
  for (const c of spec?.containers ?? []) total = add(total, fromList(c.resources?.requests, defaults));
  let sidecars = zeroResources();
  let initPeak = zeroResources();
  for (const c of spec?.initContainers ?? []) {
    const req = fromList(c.resources?.requests, defaults);
    let during: Resources;
    if (isSidecar(c)) {
      total = add(total, req);
      sidecars = add(sidecars, req);
      during = sidecars;
    } else {
      during = add(req, sidecars);
    }
    initPeak = max(initPeak, during);
  }
  total = max(total, initPeak);
  if (spec?.overhead) total = add(total, fromList(spec.overhead));
  return total;
}

/** The request used for scoring: missing cpu/memory requests count as the defaults above. */
export function podNonZeroRequests(pod: Pod): Resources {
  return podRequests(pod, { milliCpu: DEFAULT_MILLI_CPU_REQUEST, memory: DEFAULT_MEMORY_REQUEST });
}

/** What the scheduler may hand out on a node: status.allocatable, else status.capacity. */
export function nodeAllocatable(node: Node): Allocatable {
  const list = node.status?.allocatable ?? node.status?.capacity;
  const base = fromList(list);
  const pods = list?.pods;
  return { ...base, pods: pods === undefined ? 0 : quantity('pods', pods).value };
}
