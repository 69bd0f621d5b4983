/**
 * Field selectors (`?fieldSelector=spec.nodeName=node-1,status.phase!=Succeeded`): equality terms ANDed
 * together. Values may escape '\', ',' and '=' with a backslash, as in Kubernetes' fields package.
 */
import { SelectorParseError } from './errors';

export interface FieldRequirement {
  field: string;
  op: '=' | '!=';
  value: string;
}

export interface FieldSelector {
  requirements: FieldRequirement[];
  matches(fields: Record<string, string>): boolean;
  isEmpty(): boolean;
  toString(): string;
}

/** Escapes a literal value for use in a field selector. */
export function escapeFieldValue(value: string): string {
  return value.replace(/[\\,=]/g, (c) => `\\${c}`);
}

/** Undoes escapeFieldValue; unescaped ',' or '=' and unknown escapes are errors. */
export function unescapeFieldValue(value: string): string {
  let out = '';
  let escaping = false;
  for (const c of value) {
    if (escaping) {
      if (c !== '\\' && c !== ',' && c !== '=') {
        throw new SelectorParseError(`invalid field selector: invalid escape sequence: \\${c}`);
      }
      out += c;
      escaping = false;
    } else if (c === '\\') {
      escaping = true;
    } else if (c === ',' || c === '=') {
      // Kubernetes prints the rune as its code point here (Go's %v of a rune).
      throw new SelectorParseError(`invalid field selector: unescaped character in value: ${c.codePointAt(0)}`);
    } else {
      out += c;
    }
  }
  if (escaping) throw new SelectorParseError('invalid field selector: invalid escape sequence: \\');
  return out;
}

/** Splits on commas that are not escaped; escapes stay in the terms. */
function splitTerms(selector: string): string[] {
  if (selector === '') return [];
  const terms: string[] = [];
  let start = 0;
  let escaping = false;
  for (let i = 0; i < selector.length; i++) {
    const c = selector[i];
    if (escaping) escaping = false;
    else if (c === '\\') escaping = true;
    else if (c === ',') {
      terms.push(selector.slice(start, i));
      start = i + 1;
    }
  }
  terms.push(selector.slice(start));
  return terms;
}

/** The first operator in the term splits it; '!=' and '==' win over '=' at the same position. */
function splitTerm(term: string): [string, '=' | '!=', string] | undefined {
  for (let i = 0; i < term.length; i++) {
    const rest = term.slice(i);
    if (rest.startsWith('!=')) return [term.slice(0, i), '!=', term.slice(i + 2)];
    if (rest.startsWith('==')) return [term.slice(0, i), '=', term.slice(i + 2)];
    if (rest.startsWith('=')) return [term.slice(0, i), '=', term.slice(i + 1)];
  }
  return undefined;
}

class AndFieldSelector implements FieldSelector {
  constructor(readonly requirements: FieldRequirement[]) {}

  matches(fields: Record<string, string>): boolean {
    return this.requirements.every((r) => {
      const actual = Object.prototype.hasOwnProperty.call(fields, r.field) ? fields[r.field] : '';
      return r.op === '=' ? actual === r.value : actual !== r.value;
    });
  }

  isEmpty(): boolean {
    return this.requirements.length === 0;
  }

  toString(): string {
    return this.requirements.map((r) => `${r.field}${r.op}${escapeFieldValue(r.value)}`).join(',');
  }

  /** The value this selector pins a field to with '=', if any (e.g. spec.nodeName for a node agent's watch). */
  requiresExactMatch(field: string): string | undefined {
    return this.requirements.find((r) => r.field === field && r.op === '=')?.value;
  }
}

/** Parses a field selector; throws SelectorParseError with Kubernetes' wording. Terms come out sorted. */
export function parseFieldSelector(selector: string): FieldSelector & { requiresExactMatch(field: string): string | undefined } {
  const requirements: FieldRequirement[] = [];
  for (const term of splitTerms(selector).sort()) {
    if (term === '') continue;
    const parts = splitTerm(term);
    if (!parts) throw new SelectorParseError(`invalid selector: '${selector}'; can't understand '${term}'`);
    const [field, op, raw] = parts;
    requirements.push({ field, op, value: unescapeFieldValue(raw) });
  }
  return new AndFieldSelector(requirements);
}

/** A selector requiring every field of the map to equal its value (fields.SelectorFromSet). */
export function fieldSelectorFromSet(set: Record<string, string>): FieldSelector {
  return new AndFieldSelector(
    Object.keys(set)
      .sort()
      .map((field) => ({ field, op: '=' as const, value: set[field] })),
  );
}
