/**
 * What a runtime remembers about sandboxes and containers, and how that becomes CRI messages and
 * answers CRI filters. Shared by FakeRuntime and the process driver so both report the same shapes.
 */
import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import { InvalidArgumentError } from './errors';
import type * as t from './types';

export interface SandboxRecord {
  id: string;
  config: t.PodSandboxConfig;
  runtimeHandler: string;
  state: t.PodSandboxState;
  /** Nanoseconds since the epoch. */
  createdAt: number;
  /** '' for host-network pods. */
  ip: string;
}

export interface ContainerRecord {
  id: string;
  podSandboxId: string;
  config: t.ContainerConfig;
  /** The normalized image name and its id (image_ref). */
  imageName: string;
  imageRef: string;
  state: t.ContainerState;
  createdAt: number;
  startedAt: number;
  finishedAt: number;
  exitCode: number;
  reason: string;
  message: string;
  /** Absolute CRI log path, '' when the sandbox or container gave none. */
  logPath: string;
}

/** 64 hex characters, like containerd's ids. */
export function newId(): string {
  return randomBytes(32).toString('hex');
}

export function nowNs(): number {
  return Date.now() * 1e6;
}

export function validateSandboxConfig(config: t.PodSandboxConfig | undefined, method: string): t.PodSandboxConfig {
  const md = config?.metadata;
  if (!config || !md || !md.name || !md.namespace || !md.uid) {
    throw new InvalidArgumentError('sandbox config must include metadata with name, namespace and uid', { method });
  }
  return config;
}

export function validateContainerConfig(config: t.ContainerConfig | undefined, method: string): t.ContainerConfig {
  if (!config?.metadata?.name) throw new InvalidArgumentError('container config must include metadata.name', { method });
  if (!config.image?.image) throw new InvalidArgumentError('container config must include image.image', { method });
  return config;
}

/** The sandbox uses the node's network (hostNetwork: true). */
export function usesHostNetwork(config: t.PodSandboxConfig): boolean {
  return config.linux?.securityContext?.namespaceOptions?.network === 'NODE';
}

export function containerLogPath(sandbox: t.PodSandboxConfig, container: t.ContainerConfig): string {
  if (!sandbox.logDirectory || !container.logPath) return '';
  return path.resolve(sandbox.logDirectory, container.logPath);
}

export function sameSandboxMetadata(a: t.PodSandboxMetadata, b: t.PodSandboxMetadata): boolean {
  return a.name === b.name && a.namespace === b.namespace && a.uid === b.uid && (a.attempt ?? 0) === (b.attempt ?? 0);
}

function matchesLabels(labels: t.StringMap | undefined, selector: t.StringMap | undefined): boolean {
  if (!selector) return true;
  return Object.entries(selector).every(([k, v]) => labels?.[k] === v);
}

/** CRI filters match an id by prefix (as crictl and containerd do) and ANDs all given fields. */
export function sandboxMatches(s: SandboxRecord, filter: t.PodSandboxFilter | undefined): boolean {
  if (!filter) return true;
  if (filter.id && !s.id.startsWith(filter.id)) return false;
  if (filter.state && filter.state.state !== s.state) return false;
  return matchesLabels(s.config.labels, filter.labelSelector);
}

export function containerMatches(c: ContainerRecord, filter: t.ContainerFilter | undefined): boolean {
  if (!filter) return true;
  if (filter.id && !c.id.startsWith(filter.id)) return false;
  if (filter.podSandboxId && !c.podSandboxId.startsWith(filter.podSandboxId)) return false;
  if (filter.state && filter.state.state !== c.state) return false;
  return matchesLabels(c.config.labels, filter.labelSelector);
}

function sandboxMetadata(s: SandboxRecord): t.PodSandboxMetadata {
  const md = s.config.metadata;
  return { name: md.name, uid: md.uid, namespace: md.namespace, attempt: md.attempt ?? 0 };
}

export function toPodSandbox(s: SandboxRecord): t.PodSandbox {
  return {
    id: s.id,
    metadata: sandboxMetadata(s),
    state: s.state,
    createdAt: s.createdAt,
    labels: { ...s.config.labels },
    annotations: { ...s.config.annotations },
    runtimeHandler: s.runtimeHandler,
  };
}

export function toPodSandboxStatus(s: SandboxRecord): t.PodSandboxStatus {
  const options = s.config.linux?.securityContext?.namespaceOptions;
  return {
    ...toPodSandbox(s),
    network: { ip: s.ip, additionalIps: [] },
    linux: { namespaces: { options: { network: options?.network ?? 'POD', pid: options?.pid ?? 'POD', ipc: options?.ipc ?? 'POD', targetId: options?.targetId ?? '' } } },
  };
}

export function toContainer(c: ContainerRecord): t.Container {
  return {
    id: c.id,
    podSandboxId: c.podSandboxId,
    metadata: { name: c.config.metadata.name, attempt: c.config.metadata.attempt ?? 0 },
    image: { image: c.imageName, annotations: {} },
    imageRef: c.imageRef,
    state: c.state,
    createdAt: c.createdAt,
    labels: { ...c.config.labels },
    annotations: { ...c.config.annotations },
    imageId: c.imageRef,
  };
}

export function toContainerStatus(c: ContainerRecord): t.ContainerStatus {
  return {
    id: c.id,
    metadata: { name: c.config.metadata.name, attempt: c.config.metadata.attempt ?? 0 },
    state: c.state,
    createdAt: c.createdAt,
    startedAt: c.startedAt,
    finishedAt: c.finishedAt,
    exitCode: c.exitCode,
    image: { image: c.imageName, annotations: {} },
    imageRef: c.imageRef,
    reason: c.reason,
    message: c.message,
    labels: { ...c.config.labels },
    annotations: { ...c.config.annotations },
    mounts: (c.config.mounts ?? []).map((m) => ({ ...m })),
    logPath: c.logPath,
    resources: c.config.linux?.resources ? { linux: { ...c.config.linux.resources } } : undefined,
    imageId: c.imageRef,
  };
}

/** Reason a finished container reports, as containerd does: Completed for 0, Error otherwise. */
export function exitReason(exitCode: number): string {
  return exitCode === 0 ? 'Completed' : 'Error';
}

/** Exit code of a process killed by a signal, as shells and runtimes report it (SIGKILL -> 137). */
export function signalExitCode(signal: NodeJS.Signals | number): number {
  const n = typeof signal === 'number' ? signal : (SIGNAL_NUMBERS[signal] ?? 0);
  return 128 + n;
}

const SIGNAL_NUMBERS: Partial<Record<NodeJS.Signals, number>> = {
  SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGILL: 4, SIGTRAP: 5, SIGABRT: 6, SIGBUS: 7, SIGFPE: 8, SIGKILL: 9,
  SIGUSR1: 10, SIGSEGV: 11, SIGUSR2: 12, SIGPIPE: 13, SIGALRM: 14, SIGTERM: 15,
};
