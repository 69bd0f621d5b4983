/**
 * Node selector terms as Kubernetes evaluates them: terms are ORed, the requirements inside a term are
 * ANDed, an empty term matches nothing. matchExpressions look at labels; matchFields only knows
 * metadata.name. Gt/Lt compare a label's value as an integer.
 */
import type { Node, NodeSelector, NodeSelectorRequirement, NodeSelectorTerm } from '@tinykube/api';

const INTEGER = /^[+-]?\d+$/;

function parseInteger(s: string | undefined): number | undefined {
  return s !== undefined && INTEGER.test(s) ? Number(s) : undefined;
}

export function requirementMatches(req: NodeSelectorRequirement, fields: Record<string, string> | undefined): boolean {
  const has = fields !== undefined && Object.prototype.hasOwnProperty.call(fields, req.key);
  const value = has ? fields![req.key] : undefined;
  const values = req.values ?? [];
  switch (req.operator) {
    case 'In':
      return has && values.includes(value!);
    case 'NotIn':
      return !has || !values.includes(value!);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    case 'Gt':
    case 'Lt': {
      if (values.length !== 1) return false;
      const want = parseInteger(values[0]);
      const got = parseInteger(value);
      if (want === undefined || got === undefined) return false;
      return req.operator === 'Gt' ? got > want : got < want;
    }
    default:
      return false;
  }
}

export function termMatches(term: NodeSelectorTerm, node: Node): boolean {
  const exprs = term.matchExpressions ?? [];
  const fields = term.matchFields ?? [];
  if (exprs.length === 0 && fields.length === 0) return false;
  const labels = node.metadata.labels ?? {};
  for (const r of exprs) if (!requirementMatches(r, labels)) return false;
  if (fields.length > 0) {
    const nodeFields = { 'metadata.name': node.metadata.name ?? '' };
    for (const r of fields) if (!requirementMatches(r, nodeFields)) return false;
  }
  return true;
}

export function nodeSelectorMatches(selector: NodeSelector, node: Node): boolean {
  return selector.nodeSelectorTerms.some((t) => termMatches(t, node));
}
