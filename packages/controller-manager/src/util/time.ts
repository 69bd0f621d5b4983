/** meta/v1 Time on the wire: RFC 3339 to the second, as Kubernetes writes condition timestamps. */
export function metaTime(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** Milliseconds of a meta/v1 Time, or undefined when absent or unparseable. */
export function parseTime(t: string | undefined | null): number | undefined {
  if (!t) return undefined;
  const ms = Date.parse(t);
  return Number.isNaN(ms) ? undefined : ms;
}
