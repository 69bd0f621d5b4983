/**
 * The text layout of `kubectl describe`: "Label:\tvalue" lines at indentation levels of two spaces,
 * aligned in blocks by the tabwriter rules (padding 2), maps printed one entry per line.
 */
import type { Event, KubeObject, ObjectMeta } from '@tinykube/api';
import { humanDuration, parseTime } from '@tinykube/api';
import { alignTabs } from '../print/tabwriter';

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** RFC 1123 with a numeric zone, as describe prints times: "Mon, 02 Jan 2006 15:04:05 +0000". */
export function describeTime(ts: string | undefined | null): string {
  if (!ts) return '<unset>';
  const d = new Date(ts);
  if (Number.isNaN(d.getTime())) return ts;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${DAYS[d.getUTCDay()]}, ${p(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}

export function orNone(v: string | number | undefined | null): string {
  return v === undefined || v === null || v === '' ? '<none>' : String(v);
}

export class DescribeWriter {
  private lines: string[] = [];

  line(level: number, ...cells: string[]): this {
    this.lines.push('  '.repeat(level) + cells.join('\t'));
    return this;
  }

  /** A map, first entry beside the title and the rest below it (`<none>` when empty). */
  map(level: number, title: string, entries: Array<[string, string]>, sep = '='): this {
    if (entries.length === 0) return this.line(level, `${title}:`, '<none>');
    entries.forEach(([k, v], i) => this.line(level, i === 0 ? `${title}:` : '', `${k}${sep}${v}`));
    return this;
  }

  labels(level: number, title: string, labels: Record<string, string> | undefined): this {
    return this.map(level, title, Object.entries(labels ?? {}).sort(([a], [b]) => a.localeCompare(b)));
  }

  annotations(level: number, annotations: Record<string, string> | undefined): this {
    const shown = Object.entries(annotations ?? {})
      .filter(([k]) => k !== LAST_APPLIED)
      .sort(([a], [b]) => a.localeCompare(b));
    return this.map(level, 'Annotations', shown, ': ');
  }

  /** Name, Namespace, Labels, Annotations: the head every describer starts with. */
  meta(meta: ObjectMeta, opts: { namespace: boolean }): this {
    this.line(0, 'Name:', meta.name ?? '');
    if (opts.namespace) this.line(0, 'Namespace:', meta.namespace ?? '');
    return this;
  }

  /** A small table (conditions, events) under a heading, each row indented one level. */
  table(level: number, header: string[], rows: string[][], underline = header.map((h) => '-'.repeat(h.length))): this {
    this.line(level, ...header);
    this.line(level, ...underline);
    for (const r of rows) this.line(level, ...r);
    return this;
  }

  events(events: Event[] | undefined, now: Date): this {
    if (events === undefined) return this;
    if (events.length === 0) return this.line(0, 'Events:', '<none>');
    this.line(0, 'Events:');
    const sorted = [...events].sort((a, b) => eventTime(a) - eventTime(b));
    return this.table(
      1,
      ['Type', 'Reason', 'Age', 'From', 'Message'],
      sorted.map((e) => [e.type ?? '', e.reason ?? '', eventAge(e, now), eventSource(e), (e.message ?? '').trim()]),
      // kubectl's fixed underline: "Age" gets four dashes.
      ['----', '------', '----', '----', '-------'],
    );
  }

  text(): string {
    return alignTabs(this.lines.join('\n'), 2);
  }
}

export function eventTime(e: Event): number {
  const ts = e.lastTimestamp || e.eventTime || e.firstTimestamp || e.metadata.creationTimestamp;
  return parseTime(ts) ?? 0;
}

/** "10s", or "10s (x3 over 2m)" for a repeated event. */
export function eventAge(e: Event, now: Date): string {
  const last = eventTime(e);
  const age = last ? humanDuration(now.getTime() - last) : '<unknown>';
  const count = e.series?.count ?? e.count ?? 1;
  if (count <= 1) return age;
  const firstTs = e.firstTimestamp || e.eventTime || e.metadata.creationTimestamp;
  const first = firstTs ? humanDuration(now.getTime() - Date.parse(firstTs)) : '<unknown>';
  return `${age} (x${count} over ${first})`;
}

export function eventSource(e: Event): string {
  return e.source?.component || e.reportingComponent || '';
}

export function controllerOf(obj: KubeObject): string | undefined {
  const ref = obj.metadata.ownerReferences?.find((r) => r.controller);
  return ref ? `${ref.kind}/${ref.name}` : undefined;
}
