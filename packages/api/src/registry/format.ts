/** Formatting helpers shared by the table printers: ages, readable lists and defensive readers. */
import { parseTime } from '../time';
import type { KubeObject } from '../types/meta';

/**
 * kubectl's compact age ("45s", "5m3s", "3h2m", "2d", "3y120d"): precise when young, coarser with age.
 * Up to a second of clock skew in the future reads as "0s"; more reads as "<invalid>".
 */
export function humanDuration(ms: number): string {
  const seconds = Math.trunc(ms / 1000);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.trunc(ms / 60_000);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 180) return `${minutes}m`;
  const hours = Math.trunc(ms / 3_600_000);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  const days = Math.trunc(hours / 24);
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${days}d` : `${days}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${days}d`;
  const years = Math.trunc(days / 365);
  if (hours < 24 * 365 * 8) {
    const d = days % 365;
    return d === 0 ? `${years}y` : `${years}y${d}d`;
  }
  return `${years}y`;
}

/** Age of a timestamp at `now`, "<unknown>" when there is none. */
export function since(ts: string | undefined | null, now: Date): string {
  const t = parseTime(ts);
  return t === undefined ? '<unknown>' : humanDuration(now.getTime() - t);
}

export function age(obj: KubeObject, now: Date): string {
  return since(obj.metadata?.creationTimestamp, now);
}

/** An array field that may be missing (or, defensively, not an array at all). */
export function list<T>(value: T[] | undefined | null): T[] {
  return Array.isArray(value) ? value : [];
}

/** Number of keys of a map field that may be missing. */
export function count(map: Record<string, unknown> | undefined | null): number {
  return map && typeof map === 'object' ? Object.keys(map).length : 0;
}

export function firstNonEmpty(...values: (string | undefined | null)[]): string {
  return values.find((v): v is string => typeof v === 'string' && v.length > 0) ?? '';
}

/** Names and images of containers, each comma-joined (the CONTAINERS and IMAGES columns). */
export function containerCells(containers: { name?: string; image?: string }[] | undefined): [string, string] {
  const cs = list(containers);
  return [cs.map((c) => c.name ?? '').join(','), cs.map((c) => c.image ?? '').join(',')];
}

/** Reads a loosely typed view of an object; printers must cope with any field being absent. */
export function view<T>(obj: KubeObject): T & KubeObject {
  return obj as T & KubeObject;
}

/** metadata.name and metadata.namespace: the field selectors every kind supports. */
export function metaFields(obj: KubeObject): Record<string, string> {
  return { 'metadata.name': obj.metadata?.name ?? '', 'metadata.namespace': obj.metadata?.namespace ?? '' };
}

export const META_FIELDS = ['metadata.name', 'metadata.namespace'];
