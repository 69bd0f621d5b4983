/**
 * Pod volumes as files under the agent's root dir, handed to the runtime as CRI mounts:
 * `<root>/pods/<uid>/volumes/kubernetes.io~<plugin>/<volume>` (the kubelet's layout). ConfigMap and
 * Secret volumes are written atomically and refreshed on every sync; emptyDir is a directory that lives
 * as long as the pod; hostPath is the host's own path, created first for the *OrCreate types.
 */
import { mkdir, rm, stat, writeFile } from 'node:fs/promises';
import { join, normalize } from 'node:path';
import type { Container, KeyToPath, Pod, Volume } from '@tinykube/api';
import type { Mount } from '@tinykube/runtime';
import { writeAtomically, type VolumeFile } from './atomic-writer';
import { VolumeMountError } from './errors';
import { expandVariables, lookupIn } from './expansion';
import { configMapEntries, secretEntries, type ObjectSource } from './object-source';

const DEFAULT_MODE = 0o644;

export function podDir(rootDir: string, uid: string): string {
  return join(rootDir, 'pods', uid);
}

/** Sets up every volume of the pod; returns volume name -> host path. */
export async function setUpVolumes(rootDir: string, pod: Pod, objects: ObjectSource): Promise<Map<string, string>> {
  const base = join(podDir(rootDir, pod.metadata.uid ?? ''), 'volumes');
  const paths = new Map<string, string>();
  for (const volume of pod.spec?.volumes ?? []) {
    try {
      paths.set(volume.name, await setUpVolume(base, pod, volume, objects));
    } catch (err) {
      if (err instanceof VolumeMountError) throw err;
      throw new VolumeMountError(volume.name, `MountVolume.SetUp failed for volume "${volume.name}" : ${(err as Error).message}`);
    }
  }
  return paths;
}

async function setUpVolume(base: string, pod: Pod, volume: Volume, objects: ObjectSource): Promise<string> {
  const namespace = pod.metadata.namespace ?? 'default';
  const fail = (msg: string) => new VolumeMountError(volume.name, `MountVolume.SetUp failed for volume "${volume.name}" : ${msg}`);
  if (volume.configMap) {
    const dir = join(base, 'kubernetes.io~configmap', volume.name);
    const src = volume.configMap;
    const cm = await objects.configMap(namespace, src.name ?? '');
    if (!cm && !src.optional) throw fail(`configmap "${src.name}" not found`);
    const entries = cm ? configMapEntries(cm) : new Map<string, Buffer>();
    await writeAtomically(dir, projectFiles(entries, src.items, src.defaultMode, src.optional, (k) => fail(`configmap references non-existent config key: ${k}`)));
    return dir;
  }
  if (volume.secret) {
    const dir = join(base, 'kubernetes.io~secret', volume.name);
    const src = volume.secret;
    const secret = await objects.secret(namespace, src.secretName ?? '');
    if (!secret && !src.optional) throw fail(`secret "${src.secretName}" not found`);
    const entries = secret ? secretEntries(secret) : new Map<string, Buffer>();
    await writeAtomically(dir, projectFiles(entries, src.items, src.defaultMode, src.optional, (k) => fail(`references non-existent secret key: ${k}`)));
    return dir;
  }
  if (volume.emptyDir) {
    const dir = join(base, 'kubernetes.io~empty-dir', volume.name);
    await mkdir(dir, { recursive: true, mode: 0o777 });
    return dir;
  }
  if (volume.hostPath) {
    await prepareHostPath(volume.hostPath.path, volume.hostPath.type ?? '', fail);
    return volume.hostPath.path;
  }
  throw fail('this volume type is not supported by tinykube');
}

function projectFiles(
  entries: Map<string, Buffer>,
  items: KeyToPath[] | undefined,
  defaultMode: number | undefined,
  optional: boolean | undefined,
  missingKey: (key: string) => Error,
): VolumeFile[] {
  const mode = defaultMode ?? DEFAULT_MODE;
  if (!items || items.length === 0) return [...entries].map(([key, data]) => ({ path: key, data, mode }));
  const files: VolumeFile[] = [];
  for (const item of items) {
    const data = entries.get(item.key);
    if (data === undefined) {
      if (optional) continue;
      throw missingKey(item.key);
    }
    files.push({ path: normalize(item.path), data, mode: item.mode ?? mode });
  }
  return files;
}

async function prepareHostPath(path: string, type: string, fail: (msg: string) => Error): Promise<void> {
  const info = await stat(path).catch(() => undefined);
  switch (type) {
    case 'DirectoryOrCreate':
      if (!info) await mkdir(path, { recursive: true, mode: 0o755 });
      else if (!info.isDirectory()) throw fail(`hostPath type check failed: ${path} is not a directory`);
      return;
    case 'FileOrCreate':
      if (!info) await writeFile(path, '', { mode: 0o644 });
      else if (!info.isFile()) throw fail(`hostPath type check failed: ${path} is not a file`);
      return;
    case 'Directory':
      if (!info?.isDirectory()) throw fail(`hostPath type check failed: ${path} is not a directory`);
      return;
    case 'File':
      if (!info?.isFile()) throw fail(`hostPath type check failed: ${path} is not a file`);
      return;
    case 'Socket':
      if (!info?.isSocket()) throw fail(`hostPath type check failed: ${path} is not a socket file`);
      return;
    default:
      return;
  }
}

/** The CRI mounts of one container; subPath and subPathExpr (expanded from its env) select a path inside. */
export function containerMounts(container: Container, volumePaths: Map<string, string>, env: Array<{ name: string; value: string }>): Mount[] {
  const mounts: Mount[] = [];
  for (const vm of container.volumeMounts ?? []) {
    const hostPath = volumePaths.get(vm.name);
    if (hostPath === undefined) continue;
    const sub = vm.subPath || (vm.subPathExpr ? expandVariables(vm.subPathExpr, lookupIn(env)) : '');
    mounts.push({ containerPath: vm.mountPath, hostPath: sub ? join(hostPath, normalize(sub)) : hostPath, readonly: vm.readOnly ?? false });
  }
  return mounts;
}

/** Removes the pod's directory (its emptyDirs and projected volumes) once the pod is gone. */
export async function tearDownPodDir(rootDir: string, uid: string): Promise<void> {
  await rm(podDir(rootDir, uid), { recursive: true, force: true });
}
