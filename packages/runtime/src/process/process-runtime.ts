/**
 * The `process` driver: a CriRuntime whose containers are plain host processes (no root, no isolation).
 * Sandboxes are records plus a pod directory and a loopback pod IP; containers are processes started by
 * the Supervisor; everything is persisted by the StateStore so a restarted runtime picks up where it was.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Logger } from 'pino';
import { ImageStore, imageIdOf } from '../images';
import { IpPool } from '../ip-pool';
import { AlreadyExistsError, FailedPreconditionError, InvalidArgumentError, NotFoundError } from '../cri/errors';
import {
  type SandboxRecord,
  containerLogPath,
  containerMatches,
  newId,
  nowNs,
  sameSandboxMetadata,
  sandboxMatches,
  toContainer,
  toContainerStatus,
  toPodSandbox,
  toPodSandboxStatus,
  usesHostNetwork,
  validateContainerConfig,
  validateSandboxConfig,
} from '../cri/records';
import type { CriRuntime } from '../cri/runtime';
import type * as t from '../cri/types';
import { type LaunchSpec, launchSpec, linkMounts, resolveArgv } from './command';
import { execSyncProcess } from './exec';
import { type ProcessContainerRecord, StateStore } from './store';
import { Supervisor } from './supervisor';

export const RUNTIME_NAME = 'tinykube';
export const RUNTIME_VERSION = '0.1.0';

export interface ProcessRuntimeOptions {
  /** State directory (sandboxes, containers, raw output, pod directories). */
  root: string;
  /** Pod IPs, one loopback address per pod (default 127.1.0.0/16). */
  podIpRange?: string;
  /** How often output is copied into CRI logs and adopted processes are checked (default 250 ms). */
  pollIntervalMs?: number;
  logger?: Logger;
}

export class ProcessRuntime implements CriRuntime {
  private readonly store: StateStore;
  private readonly images: ImageStore;
  private readonly ips: IpPool;
  private readonly supervisor: Supervisor;
  private readonly sandboxes = new Map<string, SandboxRecord>();
  private readonly containers = new Map<string, ProcessContainerRecord>();
  private readonly starting = new Set<string>();

  constructor(options: ProcessRuntimeOptions) {
    this.store = new StateStore(options.root);
    this.images = new ImageStore(this.store.loadImages(), (names) => this.store.saveImages(names));
    this.ips = new IpPool(options.podIpRange ?? '127.1.0.0/16');
    this.supervisor = new Supervisor(this.store, options.pollIntervalMs ?? 250, options.logger);
    for (const s of this.store.loadSandboxes()) {
      this.sandboxes.set(s.id, s);
      this.ips.reserve(s.ip);
    }
    for (const c of this.store.loadContainers()) {
      this.containers.set(c.id, c);
      if (c.state === 'CONTAINER_RUNNING') this.supervisor.adopt(c);
    }
    options.logger?.info({ root: options.root, sandboxes: this.sandboxes.size, containers: this.containers.size }, 'process runtime state loaded');
  }

  close(): void {
    this.supervisor.close();
  }

  private sandbox(id: string): SandboxRecord {
    const s = this.sandboxes.get(id);
    if (!s) throw new NotFoundError(`pod sandbox ${id} not found`);
    return s;
  }

  private container(id: string): ProcessContainerRecord {
    const c = this.containers.get(id);
    if (!c) throw new NotFoundError(`container ${id} not found`);
    return c;
  }

  private launchSpecOf(c: ProcessContainerRecord, argv: string[]): LaunchSpec {
    const s = this.sandbox(c.podSandboxId);
    const dir = this.store.containerDir(s.id, c.config.metadata.name);
    fs.mkdirSync(dir, { recursive: true });
    return launchSpec(c.config, s.config, argv, dir);
  }

  // ---- RuntimeService ----

  async version(_req: t.VersionRequest): Promise<t.VersionResponse> {
    return { version: '0.1.0', runtimeName: RUNTIME_NAME, runtimeVersion: RUNTIME_VERSION, runtimeApiVersion: 'v1' };
  }

  async status(_req: t.StatusRequest): Promise<t.StatusResponse> {
    const ready = (type: string) => ({ type, status: true, reason: '', message: '' });
    return {
      status: { conditions: [ready('RuntimeReady'), ready('NetworkReady')] },
      info: {},
      runtimeHandlers: [{ name: '', features: { recursiveReadOnlyMounts: false, userNamespaces: false } }],
    };
  }

  async runPodSandbox(req: t.RunPodSandboxRequest): Promise<t.RunPodSandboxResponse> {
    const config = validateSandboxConfig(req.config, 'runPodSandbox');
    if (req.runtimeHandler) throw new InvalidArgumentError(`unknown runtime handler ${JSON.stringify(req.runtimeHandler)}`);
    for (const s of this.sandboxes.values()) {
      if (sameSandboxMetadata(s.config.metadata, config.metadata)) {
        throw new AlreadyExistsError(`pod sandbox name for ${config.metadata.namespace}/${config.metadata.name} attempt ${config.metadata.attempt ?? 0} is reserved for ${s.id}`);
      }
    }
    const id = newId();
    const ip = usesHostNetwork(config) ? '' : this.ips.allocate();
    const record: SandboxRecord = { id, config: structuredClone(config), runtimeHandler: '', state: 'SANDBOX_READY', createdAt: nowNs(), ip };
    fs.mkdirSync(this.store.podDir(id), { recursive: true });
    this.store.saveSandbox(record);
    this.sandboxes.set(id, record);
    return { podSandboxId: id };
  }

  async stopPodSandbox(req: t.StopPodSandboxRequest): Promise<t.StopPodSandboxResponse> {
    const s = this.sandbox(req.podSandboxId);
    // The kubelet stops containers gracefully first; whatever still runs now is killed.
    await Promise.all([...this.containers.values()].filter((c) => c.podSandboxId === s.id).map((c) => this.supervisor.stop(c.id, 0)));
    if (s.state !== 'SANDBOX_NOTREADY') {
      s.state = 'SANDBOX_NOTREADY';
      this.store.saveSandbox(s);
    }
    return {};
  }

  async removePodSandbox(req: t.RemovePodSandboxRequest): Promise<t.RemovePodSandboxResponse> {
    const s = this.sandboxes.get(req.podSandboxId);
    if (!s) return {};
    for (const c of [...this.containers.values()]) {
      if (c.podSandboxId === s.id) await this.removeContainer({ containerId: c.id });
    }
    this.store.deleteSandbox(s.id);
    this.sandboxes.delete(s.id);
    this.ips.release(s.ip);
    return {};
  }

  async podSandboxStatus(req: t.PodSandboxStatusRequest): Promise<t.PodSandboxStatusResponse> {
    const s = this.sandbox(req.podSandboxId);
    const info: t.StringMap = req.verbose ? { podDir: this.store.podDir(s.id) } : {};
    return { status: toPodSandboxStatus(s), info, containersStatuses: [], timestamp: nowNs() };
  }

  async listPodSandbox(req: t.ListPodSandboxRequest): Promise<t.ListPodSandboxResponse> {
    return { items: [...this.sandboxes.values()].filter((s) => sandboxMatches(s, req.filter)).map(toPodSandbox) };
  }

  async createContainer(req: t.CreateContainerRequest): Promise<t.CreateContainerResponse> {
    const config = validateContainerConfig(req.config, 'createContainer');
    const s = this.sandbox(req.podSandboxId);
    if (s.state !== 'SANDBOX_READY') throw new FailedPreconditionError(`pod sandbox ${s.id} is not ready`);
    const imageName = this.images.resolve(config.image.image);
    if (!imageName) throw new NotFoundError(`image "${config.image.image}" not found: pull it first`);
    if (!resolveArgv(config, imageName)) {
      throw new InvalidArgumentError(`no command specified: image "${imageName}" has no default command in the process runtime, so the container must set command`);
    }
    const attempt = config.metadata.attempt ?? 0;
    for (const c of this.containers.values()) {
      if (c.podSandboxId === s.id && c.config.metadata.name === config.metadata.name && (c.config.metadata.attempt ?? 0) === attempt) {
        throw new AlreadyExistsError(`container name ${config.metadata.name} attempt ${attempt} is reserved for ${c.id}`);
      }
    }
    const record: ProcessContainerRecord = {
      id: newId(),
      podSandboxId: s.id,
      config: structuredClone(config),
      imageName,
      imageRef: imageIdOf(imageName),
      state: 'CONTAINER_CREATED',
      createdAt: nowNs(),
      startedAt: 0,
      finishedAt: 0,
      exitCode: 0,
      reason: '',
      message: '',
      logPath: containerLogPath(s.config, config),
      pid: 0,
      pidStartTime: '',
      logOffsets: { stdout: 0, stderr: 0 },
      lastSignal: '',
    };
    this.store.saveContainer(record);
    this.containers.set(record.id, record);
    return { containerId: record.id };
  }

  async startContainer(req: t.StartContainerRequest): Promise<t.StartContainerResponse> {
    const c = this.container(req.containerId);
    if (c.state !== 'CONTAINER_CREATED' || this.starting.has(c.id)) {
      throw new FailedPreconditionError(`container ${c.id} is in ${c.state} state, not CONTAINER_CREATED`);
    }
    const s = this.sandbox(c.podSandboxId);
    if (s.state !== 'SANDBOX_READY') throw new FailedPreconditionError(`pod sandbox ${s.id} is not ready`);
    this.starting.add(c.id);
    try {
      const spec = this.launchSpecOf(c, resolveArgv(c.config, c.imageName) ?? []);
      linkMounts(this.store.containerDir(s.id, c.config.metadata.name), c.config.mounts ?? []);
      if (c.logPath) {
        // The log file exists from the start (as containerd creates it), even before any output.
        fs.mkdirSync(path.dirname(c.logPath), { recursive: true });
        fs.closeSync(fs.openSync(c.logPath, 'a'));
      }
      await this.supervisor.launch(c, spec);
    } finally {
      this.starting.delete(c.id);
    }
    return {};
  }

  async stopContainer(req: t.StopContainerRequest): Promise<t.StopContainerResponse> {
    const c = this.container(req.containerId);
    await this.supervisor.stop(c.id, Math.max(0, req.timeout ?? 0));
    return {};
  }

  async removeContainer(req: t.RemoveContainerRequest): Promise<t.RemoveContainerResponse> {
    const c = this.containers.get(req.containerId);
    if (!c) return {};
    await this.supervisor.stop(c.id, 0);
    this.store.deleteContainer(c.id);
    this.containers.delete(c.id);
    return {};
  }

  async listContainers(req: t.ListContainersRequest): Promise<t.ListContainersResponse> {
    return { containers: [...this.containers.values()].filter((c) => containerMatches(c, req.filter)).map(toContainer) };
  }

  async containerStatus(req: t.ContainerStatusRequest): Promise<t.ContainerStatusResponse> {
    const c = this.container(req.containerId);
    const info: t.StringMap = req.verbose ? { pid: String(c.pid), stateDir: this.store.containerStateDir(c.id) } : {};
    return { status: toContainerStatus(c), info };
  }

  async reopenContainerLog(req: t.ReopenContainerLogRequest): Promise<t.ReopenContainerLogResponse> {
    const c = this.container(req.containerId);
    if (!this.supervisor.reopenLog(c.id)) throw new FailedPreconditionError(`container ${c.id} is not running`);
    return {};
  }

  async execSync(req: t.ExecSyncRequest): Promise<t.ExecSyncResponse> {
    const c = this.container(req.containerId);
    if (c.state !== 'CONTAINER_RUNNING') throw new FailedPreconditionError(`container ${c.id} is not running`);
    if (!req.cmd?.length) throw new InvalidArgumentError('cmd must not be empty');
    return execSyncProcess(this.launchSpecOf(c, req.cmd), req.timeout ?? 0);
  }

  // ---- ImageService ----

  async listImages(req: t.ListImagesRequest): Promise<t.ListImagesResponse> {
    return { images: this.images.list(req.filter?.image) };
  }

  async imageStatus(req: t.ImageStatusRequest): Promise<t.ImageStatusResponse> {
    if (!req.image?.image) throw new InvalidArgumentError('image.image must not be empty');
    return { image: this.images.status(req.image), info: {} };
  }

  async pullImage(req: t.PullImageRequest): Promise<t.PullImageResponse> {
    if (!req.image?.image) throw new InvalidArgumentError('image.image must not be empty');
    return { imageRef: this.images.pull(req.image) };
  }

  async removeImage(req: t.RemoveImageRequest): Promise<t.RemoveImageResponse> {
    if (req.image?.image) this.images.remove(req.image);
    return {};
  }

  async imageFsInfo(_req: t.ImageFsInfoRequest): Promise<t.ImageFsInfoResponse> {
    const usage = { timestamp: nowNs(), fsId: { mountpoint: this.store.root }, usedBytes: { value: 0 }, inodesUsed: { value: 0 } };
    return { imageFilesystems: [usage], containerFilesystems: [] };
  }
}
