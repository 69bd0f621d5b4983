/**
 * The local image store shared by FakeRuntime and the process driver. No registry exists here: an image
 * is a name in the store, PullImage adds it, and the id is a hash of the normalized name (stable across
 * restarts and nodes, as a real digest would be).
 */
import { createHash } from 'node:crypto';
import type { Image, ImageSpec } from './cri/types';

/**
 * Normalizes an image reference the way containerd and docker do, so `busybox`, `library/busybox` and
 * `docker.io/library/busybox:latest` are one image: a registry domain (docker.io when the first path
 * component does not look like a host), `library/` for docker.io's official images, and `:latest` when
 * neither a tag nor a digest is given. An image id (`sha256:<hex>`) is returned unchanged.
 */
export function normalizeImageRef(ref: string): string {
  const name = ref.trim();
  if (/^sha256:[0-9a-f]{64}$/.test(name)) return name;
  const slash = name.indexOf('/');
  const first = slash === -1 ? '' : name.slice(0, slash);
  const hasDomain = first !== '' && (first.includes('.') || first.includes(':') || first === 'localhost');
  let full = hasDomain ? name : `docker.io/${name}`;
  if (full.startsWith('docker.io/') && !full.slice('docker.io/'.length).includes('/')) {
    full = `docker.io/library/${full.slice('docker.io/'.length)}`;
  }
  const lastPart = full.slice(full.lastIndexOf('/') + 1);
  if (!full.includes('@') && !lastPart.includes(':')) full += ':latest';
  return full;
}

export function imageIdOf(normalizedRef: string): string {
  if (normalizedRef.startsWith('sha256:')) return normalizedRef;
  return `sha256:${createHash('sha256').update(normalizedRef).digest('hex')}`;
}

/** Repository without tag or digest: `docker.io/library/busybox:1.36` -> `docker.io/library/busybox`. */
export function imageRepository(normalizedRef: string): string {
  const at = normalizedRef.indexOf('@');
  const noDigest = at === -1 ? normalizedRef : normalizedRef.slice(0, at);
  const slash = noDigest.lastIndexOf('/');
  const colon = noDigest.lastIndexOf(':');
  return colon > slash ? noDigest.slice(0, colon) : noDigest;
}

/** Size reported for every stored image: CRI requires > 0, and there are no layers to measure. */
const NOMINAL_IMAGE_SIZE = 1024;

export class ImageStore {
  private readonly names = new Set<string>();

  /** `onChange` runs after every change with the full sorted list (the process driver persists it). */
  constructor(initial: Iterable<string> = [], private readonly onChange?: (names: string[]) => void) {
    for (const n of initial) this.names.add(normalizeImageRef(n));
  }

  /** The stored name for a reference or an image id; undefined when absent. */
  resolve(ref: string): string | undefined {
    const n = normalizeImageRef(ref);
    if (this.names.has(n)) return n;
    if (n.startsWith('sha256:')) return [...this.names].find((name) => imageIdOf(name) === n);
    return undefined;
  }

  list(filter?: ImageSpec): Image[] {
    const wanted = filter?.image ? this.resolve(filter.image) : undefined;
    if (filter?.image && !wanted) return [];
    return [...this.names].filter((n) => !wanted || n === wanted).sort().map((n) => imageOf(n));
  }

  status(spec: ImageSpec): Image | undefined {
    const n = this.resolve(spec.image);
    return n ? imageOf(n) : undefined;
  }

  /** Adds the name (any name: there is nothing to download) and answers its image ref (the id). */
  pull(spec: ImageSpec): string {
    const n = normalizeImageRef(spec.image);
    if (!this.names.has(n)) {
      this.names.add(n);
      this.onChange?.(this.all());
    }
    return imageIdOf(n);
  }

  remove(spec: ImageSpec): void {
    const n = this.resolve(spec.image);
    if (n && this.names.delete(n)) this.onChange?.(this.all());
  }

  all(): string[] {
    return [...this.names].sort();
  }
}

function imageOf(name: string): Image {
  const isId = name.startsWith('sha256:');
  return {
    id: imageIdOf(name),
    repoTags: isId || name.includes('@') ? [] : [name],
    repoDigests: name.includes('@') ? [name] : [],
    size: NOMINAL_IMAGE_SIZE,
    username: '',
    spec: { image: imageIdOf(name), annotations: {} },
    pinned: false,
  };
}
