/**
 * CriClient: the CRI over gRPC to a real runtime (tinykube-runtime, containerd) on a unix socket.
 * One grpc-js channel carries both services; every call has a deadline; every failure becomes a
 * CriError subclass picked by its gRPC code.
 */
import * as grpc from '@grpc/grpc-js';
import { criErrorFromCode } from './errors';
import { criServiceDefinitions, grpcMethodName, stripNulls } from './proto';
import type { CriRuntime } from './runtime';
import type * as t from './types';

export interface CriClientOptions {
  /** Deadline for one call, as the kubelet's --runtime-request-timeout (default 2 minutes). */
  timeoutMs?: number;
}

export const DEFAULT_CRI_TIMEOUT_MS = 2 * 60_000;

/** `unix:///run/x.sock`, `unix:/run/x.sock` or a bare absolute path -> a grpc-js target. */
export function grpcTarget(endpoint: string): string {
  if (endpoint.startsWith('/')) return `unix://${endpoint}`;
  return endpoint;
}

type Service = 'runtime' | 'image';

export class CriClient implements CriRuntime {
  readonly endpoint: string;
  private readonly client: grpc.Client;
  private readonly timeoutMs: number;

  constructor(endpoint: string, options: CriClientOptions = {}) {
    this.endpoint = endpoint;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_CRI_TIMEOUT_MS;
    // Large messages: ListContainers on a busy node, ExecSync output (capped at 16 MiB by runtimes).
    this.client = new grpc.Client(grpcTarget(endpoint), grpc.credentials.createInsecure(), {
      'grpc.max_receive_message_length': 32 * 1024 * 1024,
    });
  }

  close(): void {
    this.client.close();
  }

  private call<Req, Res>(service: Service, method: string, request: Req, extraMs = 0): Promise<Res> {
    const definition = criServiceDefinitions()[service][grpcMethodName(method)];
    if (!definition) return Promise.reject(new Error(`CRI method ${method} is not in proto/api.proto`));
    const deadline = Date.now() + this.timeoutMs + extraMs;
    return new Promise<Res>((resolve, reject) => {
      this.client.makeUnaryRequest<Req, Res>(
        definition.path,
        definition.requestSerialize as (value: Req) => Buffer,
        definition.responseDeserialize as (value: Buffer) => Res,
        request,
        new grpc.Metadata(),
        { deadline },
        (err, response) => {
          if (err) {
            reject(criErrorFromCode(err.code, err.details || err.message, { method, cause: err }));
          } else {
            resolve(stripNulls(response as Res));
          }
        },
      );
    });
  }

  version(req: t.VersionRequest): Promise<t.VersionResponse> {
    return this.call('runtime', 'version', req);
  }
  status(req: t.StatusRequest): Promise<t.StatusResponse> {
    return this.call('runtime', 'status', req);
  }
  runPodSandbox(req: t.RunPodSandboxRequest): Promise<t.RunPodSandboxResponse> {
    return this.call('runtime', 'runPodSandbox', req);
  }
  stopPodSandbox(req: t.StopPodSandboxRequest): Promise<t.StopPodSandboxResponse> {
    return this.call('runtime', 'stopPodSandbox', req);
  }
  removePodSandbox(req: t.RemovePodSandboxRequest): Promise<t.RemovePodSandboxResponse> {
    return this.call('runtime', 'removePodSandbox', req);
  }
  podSandboxStatus(req: t.PodSandboxStatusRequest): Promise<t.PodSandboxStatusResponse> {
    return this.call('runtime', 'podSandboxStatus', req);
  }
  listPodSandbox(req: t.ListPodSandboxRequest): Promise<t.ListPodSandboxResponse> {
    return this.call('runtime', 'listPodSandbox', req);
  }
  createContainer(req: t.CreateContainerRequest): Promise<t.CreateContainerResponse> {
    return this.call('runtime', 'createContainer', req);
  }
  startContainer(req: t.StartContainerRequest): Promise<t.StartContainerResponse> {
    return this.call('runtime', 'startContainer', req);
  }
  /** The deadline grows by the stop timeout: the runtime may legitimately wait that long. */
  stopContainer(req: t.StopContainerRequest): Promise<t.StopContainerResponse> {
    return this.call('runtime', 'stopContainer', req, (req.timeout ?? 0) * 1000);
  }
  removeContainer(req: t.RemoveContainerRequest): Promise<t.RemoveContainerResponse> {
    return this.call('runtime', 'removeContainer', req);
  }
  listContainers(req: t.ListContainersRequest): Promise<t.ListContainersResponse> {
    return this.call('runtime', 'listContainers', req);
  }
  containerStatus(req: t.ContainerStatusRequest): Promise<t.ContainerStatusResponse> {
    return this.call('runtime', 'containerStatus', req);
  }
  reopenContainerLog(req: t.ReopenContainerLogRequest): Promise<t.ReopenContainerLogResponse> {
    return this.call('runtime', 'reopenContainerLog', req);
  }
  execSync(req: t.ExecSyncRequest): Promise<t.ExecSyncResponse> {
    return this.call('runtime', 'execSync', req, (req.timeout ?? 0) * 1000);
  }
  listImages(req: t.ListImagesRequest): Promise<t.ListImagesResponse> {
    return this.call('image', 'listImages', req);
  }
  imageStatus(req: t.ImageStatusRequest): Promise<t.ImageStatusResponse> {
    return this.call('image', 'imageStatus', req);
  }
  pullImage(req: t.PullImageRequest): Promise<t.PullImageResponse> {
    return this.call('image', 'pullImage', req);
  }
  removeImage(req: t.RemoveImageRequest): Promise<t.RemoveImageResponse> {
    return this.call('image', 'removeImage', req);
  }
  imageFsInfo(req: t.ImageFsInfoRequest): Promise<t.ImageFsInfoResponse> {
    return this.call('image', 'imageFsInfo', req);
  }
}
