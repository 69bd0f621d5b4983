/** Picks the response format from the Accept header: JSON, YAML, or a meta.k8s.io Table. */
import { notAcceptable } from '../errors';
import { parseIncludeObject, type TableFormat } from '../table';

export type ResponseFormat = { kind: 'json' } | { kind: 'yaml' } | TableFormat;

interface MediaRange {
  type: string;
  params: Record<string, string>;
}

function parseAccept(header: string): MediaRange[] {
  return header
    .split(',')
    .map((part) => {
      const [type, ...params] = part.split(';').map((s) => s.trim());
      const p: Record<string, string> = {};
      for (const kv of params) {
        const eq = kv.indexOf('=');
        if (eq > 0) p[kv.slice(0, eq).trim().toLowerCase()] = kv.slice(eq + 1).trim();
      }
      return { type: type.toLowerCase(), params: p };
    })
    .filter((m) => m.type !== '');
}

/**
 * `allowTable` is false for writes: Kubernetes only prints Tables for get, list and watch. The first
 * acceptable media range wins (clients list their preference first).
 */
export function negotiate(accept: string | undefined, query: URLSearchParams, allowTable: boolean): ResponseFormat {
  if (!accept || accept.trim() === '') return { kind: 'json' };
  for (const m of parseAccept(accept)) {
    if (m.params.as !== undefined) {
      const tableVersion = m.params.v === 'v1' || m.params.v === 'v1beta1' ? m.params.v : undefined;
      if (allowTable && m.params.as === 'Table' && m.params.g === 'meta.k8s.io' && tableVersion && m.type === 'application/json') {
        return { kind: 'table', apiVersion: `meta.k8s.io/${tableVersion}`, includeObject: parseIncludeObject(query.get('includeObject')) };
      }
      continue; // other transformations (PartialObjectMetadata, ...) are not served; try the next range
    }
    if (m.type === 'application/json' || m.type === '*/*' || m.type === 'application/*') return { kind: 'json' };
    if (m.type === 'application/yaml') return { kind: 'yaml' };
  }
  throw notAcceptable(accept);
}
