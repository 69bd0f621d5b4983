/**
 * FakeRuntime: the CRI in memory. Node-agent unit tests drive it (call recording, injected errors,
 * containers that exit on command); hollow nodes run on it (containers are Running the moment they
 * start and never exit on their own). Its answers have the same shapes and error classes as
 * CriClient's against a real runtime, including Stop/Remove idempotency and NotFound for unknown ids.
 */
import { ImageStore, imageIdOf } from '../images';
import { IpPool } from '../ip-pool';
import { AlreadyExistsError, FailedPreconditionError, NotFoundError } from './errors';
import {
  type ContainerRecord,
  type SandboxRecord,
  containerLogPath,
  containerMatches,
  exitReason,
  newId,
  nowNs,
  sameSandboxMetadata,
  sandboxMatches,
  signalExitCode,
  toContainer,
  toContainerStatus,
  toPodSandbox,
  toPodSandboxStatus,
  usesHostNetwork,
  validateContainerConfig,
  validateSandboxConfig,
} from './records';
import type { CriMethod, CriRuntime } from './runtime';
import type * as t from './types';

export interface FakeRuntimeOptions {
  /** Images present from the start (PullImage adds more). */
  images?: string[];
  /** Pod IPs come from here (default 10.88.0.0/16, containerd's default bridge range). */
  podIpRange?: string;
  /** Record every call in `calls` (default true; hollow nodes turn it off to save memory). */
  recordCalls?: boolean;
  /** Answers ExecSync; default: exit 0 with no output. */
  exec?: (containerId: string, cmd: string[]) => { exitCode: number; stdout?: string; stderr?: string };
}

export interface RecordedCall {
  method: CriMethod;
  request: unknown;
}

export class FakeRuntime implements CriRuntime {
  readonly calls: RecordedCall[] = [];
  readonly images: ImageStore;
  private readonly sandboxes = new Map<string, SandboxRecord>();
  private readonly containers = new Map<string, ContainerRecord>();
  private readonly ips: IpPool;
  private readonly pendingErrors = new Map<CriMethod, Error[]>();
  private readonly recordCalls: boolean;
  private exec: NonNullable<FakeRuntimeOptions['exec']>;

  constructor(options: FakeRuntimeOptions = {}) {
    this.images = new ImageStore(options.images ?? []);
    this.ips = new IpPool(options.podIpRange ?? '10.88.0.0/16');
    this.recordCalls = options.recordCalls ?? true;
    this.exec = options.exec ?? (() => ({ exitCode: 0 }));
  }

  // ---- test controls ----

  /** The next call of `method` fails with `err` (queued: several calls fail in order). */
  failNext(method: CriMethod, err: Error): void {
    const queue = this.pendingErrors.get(method) ?? [];
    queue.push(err);
    this.pendingErrors.set(method, queue);
  }

  /** A running container's process ends with this exit code (as if it exited on its own). */
  exitContainer(containerId: string, exitCode: number, options: { reason?: string; message?: string } = {}): void {
    const c = this.containers.get(containerId);
    if (!c) throw new NotFoundError(`container ${containerId} not found`);
    if (c.state !== 'CONTAINER_RUNNING') throw new FailedPreconditionError(`container ${containerId} is ${c.state}, not running`);
    this.finish(c, exitCode, options.reason ?? exitReason(exitCode), options.message ?? '');
  }

  setExec(handler: NonNullable<FakeRuntimeOptions['exec']>): void {
    this.exec = handler;
  }

  callsOf(method: CriMethod): unknown[] {
    return this.calls.filter((c) => c.method === method).map((c) => c.request);
  }

  /** Current records, for assertions (copies). */
  listSandboxRecords(): SandboxRecord[] {
    return [...this.sandboxes.values()].map((s) => ({ ...s }));
  }

  listContainerRecords(): ContainerRecord[] {
    return [...this.containers.values()].map((c) => ({ ...c }));
  }

  close(): void {}

  private enter(method: CriMethod, request: unknown): void {
    if (this.recordCalls) this.calls.push({ method, request: structuredClone(request) });
    const queue = this.pendingErrors.get(method);
    const err = queue?.shift();
    if (queue && queue.length === 0) this.pendingErrors.delete(method);
    if (err) throw err;
  }

  private finish(c: ContainerRecord, exitCode: number, reason: string, message: string): void {
    c.state = 'CONTAINER_EXITED';
    c.exitCode = exitCode;
    c.finishedAt = nowNs();
    c.reason = reason;
    c.message = message;
  }

  private sandbox(id: string): SandboxRecord {
    const s = this.sandboxes.get(id);
    if (!s) throw new NotFoundError(`pod sandbox ${id} not found`);
    return s;
  }

  private container(id: string): ContainerRecord {
    const c = this.containers.get(id);
    if (!c) throw new NotFoundError(`container ${id} not found`);
    return c;
  }

  // ---- RuntimeService ----

  async version(req: t.VersionRequest): Promise<t.VersionResponse> {
    this.enter('version', req);
    return { version: '0.1.0', runtimeName: 'fake', runtimeVersion: '0.1.0', runtimeApiVersion: 'v1' };
  }

  async status(req: t.StatusRequest): Promise<t.StatusResponse> {
    this.enter('status', req);
    const ready = (type: string) => ({ type, status: true, reason: '', message: '' });
    return { status: { conditions: [ready('RuntimeReady'), ready('NetworkReady')] }, info: {}, runtimeHandlers: [] };
  }

  async runPodSandbox(req: t.RunPodSandboxRequest): Promise<t.RunPodSandboxResponse> {
    this.enter('runPodSandbox', req);
    const config = validateSandboxConfig(req.config, 'runPodSandbox');
    for (const s of this.sandboxes.values()) {
      if (sameSandboxMetadata(s.config.metadata, config.metadata)) {
        throw new AlreadyExistsError(`pod sandbox name for ${config.metadata.namespace}/${config.metadata.name} attempt ${config.metadata.attempt ?? 0} is reserved for ${s.id}`);
      }
    }
    const id = newId();
    const ip = usesHostNetwork(config) ? '' : this.ips.allocate();
    this.sandboxes.set(id, { id, config: structuredClone(config), runtimeHandler: req.runtimeHandler ?? '', state: 'SANDBOX_READY', createdAt: nowNs(), ip });
    return { podSandboxId: id };
  }

  async stopPodSandbox(req: t.StopPodSandboxRequest): Promise<t.StopPodSandboxResponse> {
    this.enter('stopPodSandbox', req);
    const s = this.sandbox(req.podSandboxId);
    for (const c of this.containers.values()) {
      if (c.podSandboxId === s.id && c.state === 'CONTAINER_RUNNING') this.finish(c, signalExitCode('SIGKILL'), 'Error', '');
    }
    s.state = 'SANDBOX_NOTREADY';
    return {};
  }

  async removePodSandbox(req: t.RemovePodSandboxRequest): Promise<t.RemovePodSandboxResponse> {
    this.enter('removePodSandbox', req);
    const s = this.sandboxes.get(req.podSandboxId);
    if (!s) return {};
    for (const c of [...this.containers.values()]) if (c.podSandboxId === s.id) this.containers.delete(c.id);
    this.ips.release(s.ip);
    this.sandboxes.delete(s.id);
    return {};
  }

  async podSandboxStatus(req: t.PodSandboxStatusRequest): Promise<t.PodSandboxStatusResponse> {
    this.enter('podSandboxStatus', req);
    return { status: toPodSandboxStatus(this.sandbox(req.podSandboxId)), info: {}, containersStatuses: [], timestamp: nowNs() };
  }

  async listPodSandbox(req: t.ListPodSandboxRequest): Promise<t.ListPodSandboxResponse> {
    this.enter('listPodSandbox', req);
    return { items: [...this.sandboxes.values()].filter((s) => sandboxMatches(s, req.filter)).map(toPodSandbox) };
  }

  async createContainer(req: t.CreateContainerRequest): Promise<t.CreateContainerResponse> {
    this.enter('createContainer', req);
    const config = validateContainerConfig(req.config, 'createContainer');
    const s = this.sandbox(req.podSandboxId);
    if (s.state !== 'SANDBOX_READY') throw new FailedPreconditionError(`pod sandbox ${s.id} is not ready`);
    const imageName = this.images.resolve(config.image.image);
    if (!imageName) throw new NotFoundError(`image "${config.image.image}" not found: pull it first`);
    for (const c of this.containers.values()) {
      if (c.podSandboxId === s.id && c.config.metadata.name === config.metadata.name && (c.config.metadata.attempt ?? 0) === (config.metadata.attempt ?? 0)) {
        throw new AlreadyExistsError(`container name ${config.metadata.name} attempt ${config.metadata.attempt ?? 0} is reserved for ${c.id}`);
      }
    }
    const id = newId();
    this.containers.set(id, {
      id,
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
    });
    return { containerId: id };
  }

  async startContainer(req: t.StartContainerRequest): Promise<t.StartContainerResponse> {
    this.enter('startContainer', req);
    const c = this.container(req.containerId);
    if (c.state !== 'CONTAINER_CREATED') throw new FailedPreconditionError(`container ${c.id} is in ${c.state} state, not CONTAINER_CREATED`);
    c.state = 'CONTAINER_RUNNING';
    c.startedAt = nowNs();
    return {};
  }

  async stopContainer(req: t.StopContainerRequest): Promise<t.StopContainerResponse> {
    this.enter('stopContainer', req);
    const c = this.container(req.containerId);
    // A graceful stop ends like a process that died of SIGTERM; timeout 0 means SIGKILL at once.
    if (c.state === 'CONTAINER_RUNNING') this.finish(c, signalExitCode((req.timeout ?? 0) > 0 ? 'SIGTERM' : 'SIGKILL'), 'Error', '');
    return {};
  }

  async removeContainer(req: t.RemoveContainerRequest): Promise<t.RemoveContainerResponse> {
    this.enter('removeContainer', req);
    this.containers.delete(req.containerId);
    return {};
  }

  async listContainers(req: t.ListContainersRequest): Promise<t.ListContainersResponse> {
    this.enter('listContainers', req);
    return { containers: [...this.containers.values()].filter((c) => containerMatches(c, req.filter)).map(toContainer) };
  }

  async containerStatus(req: t.ContainerStatusRequest): Promise<t.ContainerStatusResponse> {
    this.enter('containerStatus', req);
    return { status: toContainerStatus(this.container(req.containerId)), info: {} };
  }

  async reopenContainerLog(req: t.ReopenContainerLogRequest): Promise<t.ReopenContainerLogResponse> {
    this.enter('reopenContainerLog', req);
    const c = this.container(req.containerId);
    if (c.state !== 'CONTAINER_RUNNING') throw new FailedPreconditionError(`container ${c.id} is not running`);
    return {};
  }

  async execSync(req: t.ExecSyncRequest): Promise<t.ExecSyncResponse> {
    this.enter('execSync', req);
    const c = this.container(req.containerId);
    if (c.state !== 'CONTAINER_RUNNING') throw new FailedPreconditionError(`container ${c.id} is not running`);
    const r = this.exec(c.id, req.cmd);
    return { exitCode: r.exitCode, stdout: Buffer.from(r.stdout ?? ''), stderr: Buffer.from(r.stderr ?? '') };
  }

  // ---- ImageService ----

  async listImages(req: t.ListImagesRequest): Promise<t.ListImagesResponse> {
    this.enter('listImages', req);
    return { images: this.images.list(req.filter?.image) };
  }

  async imageStatus(req: t.ImageStatusRequest): Promise<t.ImageStatusResponse> {
    this.enter('imageStatus', req);
    return { image: this.images.status(req.image), info: {} };
  }

  async pullImage(req: t.PullImageRequest): Promise<t.PullImageResponse> {
    this.enter('pullImage', req);
    return { imageRef: this.images.pull(req.image) };
  }

  async removeImage(req: t.RemoveImageRequest): Promise<t.RemoveImageResponse> {
    this.enter('removeImage', req);
    this.images.remove(req.image);
    return {};
  }

  async imageFsInfo(req: t.ImageFsInfoRequest): Promise<t.ImageFsInfoResponse> {
    this.enter('imageFsInfo', req);
    const usage = { timestamp: nowNs(), fsId: { mountpoint: '/fake' }, usedBytes: { value: 0 }, inodesUsed: { value: 0 } };
    return { imageFilesystems: [usage], containerFilesystems: [] };
  }
}
