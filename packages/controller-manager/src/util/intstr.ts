/** IntOrString values as Deployments use them: a number, or a percentage of a total ("25%"). */
import type { IntOrString } from '@tinykube/api';

export class InvalidIntOrPercentError extends Error {
  constructor(readonly value: IntOrString) {
    super(`invalid value for IntOrString: invalid type: string is not a percentage: "${String(value)}"`);
    this.name = 'InvalidIntOrPercentError';
  }
}

/**
 * The value scaled against `total`: a number as is, "N%" as N% of total, rounded up or down. Kubernetes
 * rounds maxSurge up and maxUnavailable down, so a rollout always moves and never drops below its floor.
 */
export function scaledValue(v: IntOrString | undefined, total: number, roundUp: boolean, fallback: IntOrString): number {
  const value = v ?? fallback;
  if (typeof value === 'number') return value;
  const m = /^(\d+)%$/.exec(value);
  if (!m) {
    if (/^\d+$/.test(value)) return Number(value);
    throw new InvalidIntOrPercentError(value);
  }
  const exact = (Number(m[1]) * total) / 100;
  return roundUp ? Math.ceil(exact) : Math.floor(exact);
}
