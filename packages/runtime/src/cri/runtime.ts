/**
 * The CRI as one TypeScript interface: one async method per RPC, request in, response out.
 * Implemented by CriClient (a real runtime over gRPC: tinykube-runtime or containerd), by FakeRuntime
 * (in memory, for tests and hollow nodes) and by the process driver (served by tinykube-runtime).
 * Failures are CriError subclasses (./errors.ts), whichever implementation raised them.
 */
import type * as t from './types';

export interface CriRuntimeService {
  version(req: t.VersionRequest): Promise<t.VersionResponse>;
  status(req: t.StatusRequest): Promise<t.StatusResponse>;

  runPodSandbox(req: t.RunPodSandboxRequest): Promise<t.RunPodSandboxResponse>;
  /** Idempotent for a known sandbox; NotFound for an unknown id (as containerd). */
  stopPodSandbox(req: t.StopPodSandboxRequest): Promise<t.StopPodSandboxResponse>;
  /** Idempotent: removing an unknown or removed sandbox succeeds. Kills and removes its containers. */
  removePodSandbox(req: t.RemovePodSandboxRequest): Promise<t.RemovePodSandboxResponse>;
  podSandboxStatus(req: t.PodSandboxStatusRequest): Promise<t.PodSandboxStatusResponse>;
  listPodSandbox(req: t.ListPodSandboxRequest): Promise<t.ListPodSandboxResponse>;

  createContainer(req: t.CreateContainerRequest): Promise<t.CreateContainerResponse>;
  startContainer(req: t.StartContainerRequest): Promise<t.StartContainerResponse>;
  /** SIGTERM, then SIGKILL after `timeout` seconds. Idempotent for a known container; NotFound for an unknown id. */
  stopContainer(req: t.StopContainerRequest): Promise<t.StopContainerResponse>;
  /** Idempotent: removing an unknown or removed container succeeds. A running one is killed first. */
  removeContainer(req: t.RemoveContainerRequest): Promise<t.RemoveContainerResponse>;
  listContainers(req: t.ListContainersRequest): Promise<t.ListContainersResponse>;
  containerStatus(req: t.ContainerStatusRequest): Promise<t.ContainerStatusResponse>;
  reopenContainerLog(req: t.ReopenContainerLogRequest): Promise<t.ReopenContainerLogResponse>;
  /** Runs a command "in" the container (exec probes). A non-zero exit is a response, not an error. */
  execSync(req: t.ExecSyncRequest): Promise<t.ExecSyncResponse>;
}

export interface CriImageService {
  listImages(req: t.ListImagesRequest): Promise<t.ListImagesResponse>;
  /** `image` is absent from the response when the image is not present. */
  imageStatus(req: t.ImageStatusRequest): Promise<t.ImageStatusResponse>;
  pullImage(req: t.PullImageRequest): Promise<t.PullImageResponse>;
  /** Idempotent. */
  removeImage(req: t.RemoveImageRequest): Promise<t.RemoveImageResponse>;
  imageFsInfo(req: t.ImageFsInfoRequest): Promise<t.ImageFsInfoResponse>;
}

export interface CriRuntime extends CriRuntimeService, CriImageService {
  /** Releases connections/timers. Does not stop containers. */
  close(): void | Promise<void>;
}

/** Every CRI method name, in the order of the proto's services (handy for call recording and servers). */
export const RUNTIME_SERVICE_METHODS = [
  'version',
  'runPodSandbox',
  'stopPodSandbox',
  'removePodSandbox',
  'podSandboxStatus',
  'listPodSandbox',
  'createContainer',
  'startContainer',
  'stopContainer',
  'removeContainer',
  'listContainers',
  'containerStatus',
  'reopenContainerLog',
  'execSync',
  'status',
] as const satisfies ReadonlyArray<keyof CriRuntimeService>;

export const IMAGE_SERVICE_METHODS = [
  'listImages',
  'imageStatus',
  'pullImage',
  'removeImage',
  'imageFsInfo',
] as const satisfies ReadonlyArray<keyof CriImageService>;

export type CriMethod = (typeof RUNTIME_SERVICE_METHODS)[number] | (typeof IMAGE_SERVICE_METHODS)[number];
