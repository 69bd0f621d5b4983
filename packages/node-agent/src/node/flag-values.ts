/** Parsers for the kubelet's list-valued flags: --node-labels, --register-with-taints, resource lists. */
import { parseQuantity, type ResourceList, type Taint } from '@tinykube/api';

export class FlagValueError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FlagValueError';
  }
}

function items(value: string): string[] {
  return value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** `k=v,k2=v2` (a label may have an empty value: `k=`). */
export function parseNodeLabels(value: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of items(value)) {
    const eq = item.indexOf('=');
    if (eq <= 0) throw new FlagValueError(`invalid label "${item}": must be key=value`);
    out[item.slice(0, eq)] = item.slice(eq + 1);
  }
  return out;
}

const EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'] as const;

/** `key=value:Effect` or `key:Effect`, comma-separated. */
export function parseTaints(value: string): Taint[] {
  return items(value).map((item) => {
    const colon = item.lastIndexOf(':');
    if (colon <= 0) throw new FlagValueError(`invalid taint spec: ${item}`);
    const effect = item.slice(colon + 1);
    if (!(EFFECTS as readonly string[]).includes(effect)) throw new FlagValueError(`invalid taint effect: ${effect}, unsupported taint effect`);
    const kv = item.slice(0, colon);
    const eq = kv.indexOf('=');
    const taint: Taint = { key: eq < 0 ? kv : kv.slice(0, eq), effect: effect as Taint['effect'] };
    if (eq >= 0) taint.value = kv.slice(eq + 1);
    if (!taint.key) throw new FlagValueError(`invalid taint spec: ${item}`);
    return taint;
  });
}

/** `cpu=4,memory=8Gi,pods=110`, each a valid quantity. */
export function parseResourceList(value: string): ResourceList {
  const out: ResourceList = {};
  for (const [k, v] of Object.entries(parseNodeLabels(value))) {
    try {
      out[k] = parseQuantity(v).canonicalString();
    } catch {
      throw new FlagValueError(`invalid quantity for ${k}: "${v}"`);
    }
  }
  return out;
}
