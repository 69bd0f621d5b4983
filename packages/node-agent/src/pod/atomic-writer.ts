/**
 * Writes a set of files into a volume directory so a reader never sees half an update: the files go
 * into a fresh hidden directory, a `..data` symlink is switched to it in one rename, and each visible
 * name is a symlink through `..data`. This is how Kubernetes' ConfigMap and Secret volumes update in
 * place, and why their files appear as symlinks inside containers.
 */
import { mkdir, readdir, readlink, rename, rm, symlink, writeFile, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

export interface VolumeFile {
  /** Relative path inside the volume (may contain subdirectories). */
  path: string;
  data: Buffer;
  mode: number;
}

const DATA_LINK = '..data';

/** Returns false when the volume already held exactly these files (nothing written). */
export async function writeAtomically(dir: string, files: VolumeFile[]): Promise<boolean> {
  await mkdir(dir, { recursive: true });
  if (await sameContent(dir, files)) return false;
  const stamp = `..${new Date().toISOString().replace(/[:.]/g, '_')}.${process.pid}.${Math.random().toString(36).slice(2, 8)}`;
  const staging = join(dir, stamp);
  await mkdir(staging);
  for (const f of files) {
    const target = join(staging, f.path);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, f.data, { mode: f.mode });
  }
  const previous = await readlink(join(dir, DATA_LINK)).catch(() => undefined);
  const tmpLink = join(dir, `..data_tmp`);
  await rm(tmpLink, { force: true });
  await symlink(stamp, tmpLink);
  await rename(tmpLink, join(dir, DATA_LINK));

  const wanted = new Set(files.map((f) => f.path.split('/')[0]));
  for (const name of wanted) {
    const link = join(dir, name);
    const existing = await readlink(link).catch(() => undefined);
    if (existing !== join(DATA_LINK, name)) {
      await rm(link, { recursive: true, force: true });
      await symlink(join(DATA_LINK, name), link);
    }
  }
  for (const entry of await readdir(dir)) {
    if (entry.startsWith('..') || wanted.has(entry)) continue;
    await rm(join(dir, entry), { recursive: true, force: true });
  }
  if (previous && previous !== stamp) await rm(join(dir, previous), { recursive: true, force: true });
  return true;
}

async function sameContent(dir: string, files: VolumeFile[]): Promise<boolean> {
  const current = await readlink(join(dir, DATA_LINK)).catch(() => undefined);
  if (!current) return false;
  const listed = await listFiles(join(dir, current));
  if (listed.length !== files.length) return false;
  for (const f of files) {
    const data = await readFile(join(dir, current, f.path)).catch(() => undefined);
    if (!data || !data.equals(f.data)) return false;
  }
  return true;
}

async function listFiles(root: string, prefix = ''): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(join(root, prefix), { withFileTypes: true }).catch(() => [])) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...(await listFiles(root, rel)));
    else out.push(rel);
  }
  return out;
}
