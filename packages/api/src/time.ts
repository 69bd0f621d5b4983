/**
 * Timestamps as Kubernetes writes them. Go marshals meta/v1 Time as RFC 3339 in UTC to the second
 * (`2026-12-03T21:00:00Z`) and MicroTime (Events' eventTime, Leases' renewTime) with exactly six fraction
 * digits; CRI log lines carry nine. Every component formats through these so all agree byte for byte.
 */

/** A point in time: milliseconds since the epoch, or a Date. */
export type Instant = number | Date;

export class InvalidTimeError extends Error {
  constructor(readonly value: unknown) {
    super(`invalid time ${String(value)}: out of the range a timestamp can hold`);
    this.name = 'InvalidTimeError';
  }
}

const millisOf = (t: Instant): number => (typeof t === 'number' ? t : t.getTime());

/**
 * RFC 3339 in UTC from whole seconds and nanoseconds, with exactly `fractionDigits` digits after the
 * second (0 drops the fraction; extra precision is cut, never rounded, as Go does).
 */
export function formatRFC3339(seconds: number, nanos: number, fractionDigits: 0 | 3 | 6 | 9): string {
  const date = new Date(seconds * 1000);
  if (Number.isNaN(date.getTime())) throw new InvalidTimeError(seconds);
  const base = date.toISOString().slice(0, 19);
  if (fractionDigits === 0) return `${base}Z`;
  const fraction = String(Math.floor(nanos)).padStart(9, '0').slice(0, fractionDigits);
  return `${base}.${fraction}Z`;
}

function formatMillis(t: Instant, fractionDigits: 0 | 3 | 6 | 9): string {
  const ms = millisOf(t);
  if (!Number.isFinite(ms)) throw new InvalidTimeError(t);
  const seconds = Math.floor(ms / 1000);
  return formatRFC3339(seconds, Math.round((ms - seconds * 1000) * 1e6), fractionDigits);
}

/** meta/v1 Time: `2026-12-03T21:00:00Z` (the fraction is dropped: a Time holds whole seconds). */
export function metaTime(t: Instant): string {
  return formatMillis(t, 0);
}

/** meta/v1 MicroTime: `2026-12-03T21:00:00.123000Z` (six digits; milliseconds are what a clock gives us). */
export function microTime(t: Instant): string {
  return formatMillis(t, 6);
}

/** RFC 3339 with nine fraction digits (Go's RFC3339Nano with trailing zeros kept), as CRI log lines use. */
export function rfc3339Nano(t: Instant): string {
  return formatMillis(t, 9);
}

/** Milliseconds of an RFC 3339 timestamp, or undefined when absent or unparseable. */
export function parseTime(t: string | undefined | null): number | undefined {
  if (!t) return undefined;
  const ms = Date.parse(t);
  return Number.isNaN(ms) ? undefined : ms;
}
