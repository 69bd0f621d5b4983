/** CRI ImageService messages (same conventions as ./types.ts, which re-exports them). */
import type { ImageSpec, Int64Value, PodSandboxConfig, StringMap } from './types';

// ---- images ----

export interface Image {
  id: string;
  repoTags: string[];
  repoDigests: string[];
  size: number;
  uid?: Int64Value;
  username: string;
  spec?: ImageSpec;
  pinned: boolean;
}

export interface ListImagesRequest {
  filter?: { image?: ImageSpec };
}

export interface ListImagesResponse {
  images: Image[];
}

export interface ImageStatusRequest {
  image: ImageSpec;
  verbose?: boolean;
}

export interface ImageStatusResponse {
  /** Absent when the image is not present (not an error). */
  image?: Image;
  info: StringMap;
}

export interface AuthConfig {
  username?: string;
  password?: string;
  auth?: string;
  serverAddress?: string;
  identityToken?: string;
  registryToken?: string;
}

export interface PullImageRequest {
  image: ImageSpec;
  auth?: AuthConfig;
  sandboxConfig?: PodSandboxConfig;
}

export interface PullImageResponse {
  imageRef: string;
}

export interface RemoveImageRequest {
  image: ImageSpec;
}
export type RemoveImageResponse = Record<string, never>;

export type ImageFsInfoRequest = Record<string, never>;

export interface FilesystemUsage {
  timestamp: number;
  fsId?: { mountpoint: string };
  usedBytes?: { value: number };
  inodesUsed?: { value: number };
}

export interface ImageFsInfoResponse {
  imageFilesystems: FilesystemUsage[];
  containerFilesystems: FilesystemUsage[];
}
