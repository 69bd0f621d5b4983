/**
 * How the process driver turns a ContainerConfig into a host process: which argv (the config's, else
 * the image's default), which environment, which working directory, and how volume mounts become
 * visible to a process that shares the host's filesystem.
 *
 * Mounts: a process cannot get a private mount without root, so the driver (1) creates a symlink
 * `<container dir>/<containerPath>` -> hostPath, so relative paths work from the default working
 * directory, and (2) rewrites absolute paths that start with a mount's containerPath to its hostPath in
 * command, args, env values and workingDir (e.g. `cat /etc/config/key` reads the ConfigMap's file).
 * Paths a program builds at run time, or reads from its own config files, are not rewritten.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { imageRepository } from '../images';
import type { ContainerConfig, Mount, PodSandboxConfig } from '../cri/types';

/** Entrypoint and Cmd of the images the process driver knows, as docker would run them. */
export const BUILTIN_IMAGES: Record<string, { entrypoint: string[]; cmd: string[] }> = {
  'docker.io/library/busybox': { entrypoint: [], cmd: ['sh'] },
  'docker.io/library/alpine': { entrypoint: [], cmd: ['sh'] },
  'docker.io/library/debian': { entrypoint: [], cmd: ['bash'] },
  'docker.io/library/ubuntu': { entrypoint: [], cmd: ['bash'] },
  'docker.io/library/node': { entrypoint: [], cmd: ['node'] },
  'docker.io/library/python': { entrypoint: [], cmd: ['python3'] },
  // The real pause image runs /pause, which sleeps until signalled.
  'registry.k8s.io/pause': { entrypoint: ['sleep', 'infinity'], cmd: [] },
};

/**
 * Docker's rule: command replaces the entrypoint and drops the image's cmd; args replace the cmd.
 * Undefined when nothing is left to run (an unknown image and no command).
 */
export function resolveArgv(config: ContainerConfig, imageName: string): string[] | undefined {
  const image = BUILTIN_IMAGES[imageRepository(imageName)] ?? { entrypoint: [], cmd: [] };
  const command = config.command ?? [];
  const args = config.args ?? [];
  const argv = command.length > 0 ? [...command, ...args] : [...image.entrypoint, ...(args.length > 0 ? args : image.cmd)];
  return argv.length > 0 ? argv : undefined;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Rewrites containerPath prefixes (whole path components only) to host paths inside a string. */
export function pathRewriter(mounts: Mount[]): (s: string) => string {
  const usable = mounts.filter((m) => m.containerPath.startsWith('/') && m.hostPath && m.containerPath !== '/');
  if (usable.length === 0) return (s) => s;
  const byPath = new Map(usable.map((m) => [path.posix.normalize(m.containerPath).replace(/\/$/, ''), m.hostPath]));
  const alternatives = [...byPath.keys()].sort((a, b) => b.length - a.length).map(escapeRegExp).join('|');
  // A path starts a string or follows a separator a shell or key=value would put before it.
  const re = new RegExp(`(^|[\\s'"=:(,;])(${alternatives})(?=$|[/\\s'"):,;])`, 'g');
  return (s) => s.replace(re, (_m, lead: string, p: string) => `${lead}${byPath.get(p) ?? p}`);
}

/** Creates `<containerDir>/<containerPath>` symlinks to the mounts' host paths (replacing old ones). */
export function linkMounts(containerDir: string, mounts: Mount[]): void {
  for (const m of mounts) {
    if (!m.containerPath.startsWith('/') || !m.hostPath || m.containerPath === '/') continue;
    const link = path.join(containerDir, m.containerPath);
    if (!link.startsWith(containerDir + path.sep)) continue;
    fs.mkdirSync(path.dirname(link), { recursive: true });
    fs.rmSync(link, { force: true, recursive: false });
    fs.symlinkSync(m.hostPath, link);
  }
}

export interface LaunchSpec {
  argv: string[];
  env: Record<string, string>;
  cwd: string;
}

/**
 * The environment is small and predictable, like a container's: PATH (the runtime's own, as an image
 * would set one), HOME (the container directory), HOSTNAME (the pod's), then the config's envs in order.
 */
export function launchSpec(config: ContainerConfig, sandbox: PodSandboxConfig, argv: string[], containerDir: string): LaunchSpec {
  const rewrite = pathRewriter(config.mounts ?? []);
  const env: Record<string, string> = {
    PATH: process.env.PATH || '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
    HOME: containerDir,
    HOSTNAME: sandbox.hostname || sandbox.metadata.name,
  };
  for (const kv of config.envs ?? []) env[kv.key] = rewrite(kv.value);
  return { argv: argv.map(rewrite), env, cwd: workingDirectory(config.workingDir, rewrite, containerDir) };
}

/**
 * A workingDir inside a mount becomes the host path; one that exists on the host is used as is;
 * any other is created inside the container directory; none means the container directory.
 */
function workingDirectory(workingDir: string | undefined, rewrite: (s: string) => string, containerDir: string): string {
  if (!workingDir) return containerDir;
  const mapped = rewrite(workingDir);
  if (mapped !== workingDir || (path.isAbsolute(workingDir) && isDirectory(workingDir))) return mapped;
  const inside = path.join(containerDir, workingDir);
  fs.mkdirSync(inside, { recursive: true });
  return inside;
}

function isDirectory(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}
