/**
 * Key-range helpers shared by both backends. Keys are compared the way JavaScript compares strings
 * (UTF-16 code units). For the ASCII keys the apiserver writes (`/registry/<resource>/<ns>/<name>`)
 * that is the same order as etcd's byte order.
 */

/** Index of the first element of the sorted array that is > `key` (binary search, O(log n)). */
export function upperBound(sorted: readonly string[], key: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] <= key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the first element of the sorted array that is >= `key` (binary search, O(log n)). */
export function lowerBound(sorted: readonly string[], key: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The exclusive end of the byte range holding every key that starts with `prefix`: the prefix with
 * its last byte incremented (trailing 0xff bytes dropped first). An empty result means "no upper
 * bound", which etcd spells as a single zero byte.
 */
export function prefixRangeEnd(prefix: Buffer): Buffer {
  const end = Buffer.from(prefix);
  for (let i = end.length - 1; i >= 0; i--) {
    if (end[i] < 0xff) {
      end[i]++;
      return end.subarray(0, i + 1);
    }
  }
  return Buffer.from([0]);
}

/** The etcd [key, rangeEnd) pair covering every key under `prefix` (all keys for the empty prefix). */
export function prefixRange(prefix: string): { key: Buffer; rangeEnd: Buffer } {
  const key = Buffer.from(prefix, 'utf8');
  // etcd rejects an empty key; "\0" with range end "\0" means every key.
  if (key.length === 0) return { key: Buffer.from([0]), rangeEnd: Buffer.from([0]) };
  return { key, rangeEnd: prefixRangeEnd(key) };
}
