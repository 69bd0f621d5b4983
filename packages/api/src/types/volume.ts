import type { Static } from '@sinclair/typebox';
import { str, bool, int32, int64, quantity, oneOf, list, opt, req, embed, message } from '../define/dsl';
import { LocalObjectReference, ObjectFieldSelector, ResourceFieldSelector } from './common';

export type HostPathType =
  | ''
  | 'DirectoryOrCreate'
  | 'Directory'
  | 'FileOrCreate'
  | 'File'
  | 'Socket'
  | 'CharDevice'
  | 'BlockDevice';

export const NFSVolumeSource = message('k8s.io.api.core.v1.NFSVolumeSource', {
  server: opt(1, str),
  path: opt(2, str),
  readOnly: opt(3, bool),
});
export type NFSVolumeSource = Static<typeof NFSVolumeSource>;

export const KeyToPath = message('k8s.io.api.core.v1.KeyToPath', {
  key: req(1, str),
  path: req(2, str),
  mode: opt(3, int32, { ptr: true }),
});
export type KeyToPath = Static<typeof KeyToPath>;

export const SecretProjection = message('k8s.io.api.core.v1.SecretProjection', {
  ...embed('localObjectReference', 1, LocalObjectReference),
  items: opt(2, list(KeyToPath)),
  optional: opt(4, bool, { ptr: true }),
});
export type SecretProjection = Static<typeof SecretProjection>;

export const DownwardAPIVolumeFile = message('k8s.io.api.core.v1.DownwardAPIVolumeFile', {
  path: req(1, str),
  fieldRef: opt(2, ObjectFieldSelector),
  resourceFieldRef: opt(3, ResourceFieldSelector),
  mode: opt(4, int32, { ptr: true }),
});
export type DownwardAPIVolumeFile = Static<typeof DownwardAPIVolumeFile>;

export const DownwardAPIProjection = message('k8s.io.api.core.v1.DownwardAPIProjection', {
  items: opt(1, list(DownwardAPIVolumeFile)),
});
export type DownwardAPIProjection = Static<typeof DownwardAPIProjection>;

export const ConfigMapProjection = message('k8s.io.api.core.v1.ConfigMapProjection', {
  ...embed('localObjectReference', 1, LocalObjectReference),
  items: opt(2, list(KeyToPath)),
  optional: opt(4, bool, { ptr: true }),
});
export type ConfigMapProjection = Static<typeof ConfigMapProjection>;

export const ServiceAccountTokenProjection = message('k8s.io.api.core.v1.ServiceAccountTokenProjection', {
  audience: opt(1, str),
  expirationSeconds: opt(2, int64, { ptr: true }),
  path: opt(3, str),
});
export type ServiceAccountTokenProjection = Static<typeof ServiceAccountTokenProjection>;

export const VolumeProjection = message('k8s.io.api.core.v1.VolumeProjection', {
  secret: opt(1, SecretProjection),
  downwardAPI: opt(2, DownwardAPIProjection),
  configMap: opt(3, ConfigMapProjection),
  serviceAccountToken: opt(4, ServiceAccountTokenProjection),
});
export type VolumeProjection = Static<typeof VolumeProjection>;

export const ProjectedVolumeSource = message('k8s.io.api.core.v1.ProjectedVolumeSource', {
  sources: opt(1, list(VolumeProjection)),
  defaultMode: opt(2, int32, { ptr: true }),
});
export type ProjectedVolumeSource = Static<typeof ProjectedVolumeSource>;

export const ImageVolumeSource = message('k8s.io.api.core.v1.ImageVolumeSource', {
  reference: opt(1, str),
  pullPolicy: opt(2, str),
});
export type ImageVolumeSource = Static<typeof ImageVolumeSource>;

export const HostPathVolumeSource = message('k8s.io.api.core.v1.HostPathVolumeSource', {
  path: req(1, str),
  type: opt(2, str, { ptr: true }),
});
export type HostPathVolumeSource = Static<typeof HostPathVolumeSource>;

export const EmptyDirVolumeSource = message('k8s.io.api.core.v1.EmptyDirVolumeSource', {
  medium: opt(1, oneOf<'' | 'Memory'>()),
  sizeLimit: opt(2, quantity),
});
export type EmptyDirVolumeSource = Static<typeof EmptyDirVolumeSource>;

export const SecretVolumeSource = message('k8s.io.api.core.v1.SecretVolumeSource', {
  secretName: opt(1, str),
  items: opt(2, list(KeyToPath)),
  defaultMode: opt(3, int32, { ptr: true }),
  optional: opt(4, bool, { ptr: true }),
});
export type SecretVolumeSource = Static<typeof SecretVolumeSource>;

export const PersistentVolumeClaimVolumeSource = message('k8s.io.api.core.v1.PersistentVolumeClaimVolumeSource', {
  claimName: req(1, str),
  readOnly: opt(2, bool),
});
export type PersistentVolumeClaimVolumeSource = Static<typeof PersistentVolumeClaimVolumeSource>;

export const DownwardAPIVolumeSource = message('k8s.io.api.core.v1.DownwardAPIVolumeSource', {
  items: opt(1, list(DownwardAPIVolumeFile)),
  defaultMode: opt(2, int32, { ptr: true }),
});
export type DownwardAPIVolumeSource = Static<typeof DownwardAPIVolumeSource>;

export const ConfigMapVolumeSource = message('k8s.io.api.core.v1.ConfigMapVolumeSource', {
  ...embed('localObjectReference', 1, LocalObjectReference),
  items: opt(2, list(KeyToPath)),
  defaultMode: opt(3, int32, { ptr: true }),
  optional: opt(4, bool, { ptr: true }),
});
export type ConfigMapVolumeSource = Static<typeof ConfigMapVolumeSource>;

export const VolumeSource = message('k8s.io.api.core.v1.VolumeSource', {
  hostPath: opt(1, HostPathVolumeSource),
  emptyDir: opt(2, EmptyDirVolumeSource),
  secret: opt(6, SecretVolumeSource),
  nfs: opt(7, NFSVolumeSource),
  persistentVolumeClaim: opt(10, PersistentVolumeClaimVolumeSource),
  downwardAPI: opt(16, DownwardAPIVolumeSource),
  configMap: opt(19, ConfigMapVolumeSource),
  projected: opt(26, ProjectedVolumeSource),
  image: opt(30, ImageVolumeSource),
});
export type VolumeSource = Static<typeof VolumeSource>;

export const Volume = message('k8s.io.api.core.v1.Volume', {
  name: req(1, str),
  ...embed('volumeSource', 2, VolumeSource),
});
export type Volume = Static<typeof Volume>;
