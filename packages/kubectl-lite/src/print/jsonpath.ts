/**
 * The JSONPath templates of `kubectl get -o jsonpath=...`: literal text, `{.a.b}`, `{.items[*].x}`,
 * `[n]`, `[a:b]`, `['dotted.key']`, `..name`, filters `[?(@.type=="Ready")]`, `{range ...}{end}` and
 * string literals like `{"\n"}`. Missing keys print nothing, as with kubectl's default
 * --allow-missing-template-keys=true.
 */
import { CliError } from '../errors';

type Segment =
  | { kind: 'field'; name: string }
  | { kind: 'recursive'; name: string }
  | { kind: 'wildcard' }
  | { kind: 'index'; start?: number; end?: number; single: boolean }
  | { kind: 'filter'; left: Path; op?: string; right?: Path | { literal: unknown } };

interface Path {
  root: boolean;
  segments: Segment[];
}

type Node = { kind: 'text'; text: string } | { kind: 'path'; path: Path } | { kind: 'literal'; text: string } | { kind: 'range'; path: Path; body: Node[] };

function fail(template: string, why: string): never {
  throw new CliError(`error parsing jsonpath ${template}, ${why}`);
}

function readBracket(s: string, i: number, template: string): [string, number] {
  let depth = 0;
  let quote = '';
  for (let j = i; j < s.length; j++) {
    const ch = s[j];
    if (quote) {
      if (ch === quote) quote = '';
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '[' || ch === '(') depth++;
    else if (ch === ']' || ch === ')') {
      depth--;
      if (depth === 0 && ch === ']') return [s.slice(i + 1, j), j + 1];
    }
  }
  return fail(template, 'unclosed [');
}

function parseLiteral(text: string): unknown {
  const t = text.trim();
  if (/^(['"]).*\1$/.test(t)) return t.slice(1, -1);
  if (t === 'true' || t === 'false') return t === 'true';
  if (t !== '' && !Number.isNaN(Number(t))) return Number(t);
  return t;
}

function parseFilter(body: string, template: string): Segment {
  const m = /^\?\((.*)\)$/s.exec(body.trim());
  if (!m) return fail(template, `unrecognized filter ${body}`);
  const expr = m[1].trim();
  const op = /\s*(==|!=|<=|>=|<|>)\s*/.exec(expr);
  if (!op) return { kind: 'filter', left: parsePath(expr, template) };
  const left = parsePath(expr.slice(0, op.index), template);
  const rightText = expr.slice(op.index + op[0].length);
  const right = /^[@$.]/.test(rightText.trim()) ? parsePath(rightText.trim(), template) : { literal: parseLiteral(rightText) };
  return { kind: 'filter', left, op: op[1], right };
}

function parseIndex(body: string, template: string): Segment {
  const t = body.trim();
  if (t === '*') return { kind: 'wildcard' };
  if (/^(['"]).*\1$/.test(t)) return { kind: 'field', name: t.slice(1, -1) };
  if (t.startsWith('?')) return parseFilter(t, template);
  const parts = t.split(':');
  const num = (p: string | undefined) => (p === undefined || p.trim() === '' ? undefined : Number(p));
  if (parts.some((p) => p.trim() !== '' && Number.isNaN(Number(p)))) return fail(template, `invalid array index ${t}`);
  if (parts.length === 1) return { kind: 'index', start: num(parts[0]), single: true };
  return { kind: 'index', start: num(parts[0]), end: num(parts[1]), single: false };
}

function readName(s: string, i: number): [string, number] {
  let name = '';
  let j = i;
  while (j < s.length && s[j] !== '.' && s[j] !== '[') {
    if (s[j] === '\\' && j + 1 < s.length) j++;
    name += s[j];
    j++;
  }
  return [name, j];
}

export function parsePath(text: string, template: string): Path {
  let s = text.trim();
  let root = false;
  if (s.startsWith('$')) {
    root = true;
    s = s.slice(1);
  } else if (s.startsWith('@')) s = s.slice(1);
  const segments: Segment[] = [];
  let i = 0;
  while (i < s.length) {
    if (s.startsWith('..', i)) {
      const [name, next] = readName(s, i + 2);
      segments.push({ kind: 'recursive', name });
      i = next;
    } else if (s[i] === '.') {
      const [name, next] = readName(s, i + 1);
      if (name === '*') segments.push({ kind: 'wildcard' });
      else if (name !== '') segments.push({ kind: 'field', name });
      i = next;
    } else if (s[i] === '[') {
      const [body, next] = readBracket(s, i, template);
      segments.push(parseIndex(body, template));
      i = next;
    } else {
      const [name, next] = readName(s, i);
      segments.push({ kind: 'field', name });
      i = next;
    }
  }
  return { root, segments };
}

function unquote(literal: string): string {
  return literal.slice(1, -1).replace(/\\(.)/g, (_m, c: string) => ({ n: '\n', t: '\t', r: '\r' })[c] ?? c);
}

export function parseTemplate(template: string): Node[] {
  const stack: Node[][] = [[]];
  const ranges: Array<{ path: Path }> = [];
  let i = 0;
  while (i < template.length) {
    const open = template.indexOf('{', i);
    if (open < 0) {
      stack[stack.length - 1].push({ kind: 'text', text: template.slice(i) });
      break;
    }
    if (open > i) stack[stack.length - 1].push({ kind: 'text', text: template.slice(i, open) });
    const close = template.indexOf('}', open);
    if (close < 0) fail(template, 'unclosed action');
    const action = template.slice(open + 1, close).trim();
    i = close + 1;
    if (action.startsWith('range ')) {
      ranges.push({ path: parsePath(action.slice(6), template) });
      stack.push([]);
    } else if (action === 'end') {
      const range = ranges.pop();
      const body = stack.pop();
      if (!range || !body) fail(template, 'not in range, nothing to end');
      stack[stack.length - 1].push({ kind: 'range', path: range.path, body });
    } else if (/^(['"]).*\1$/s.test(action)) {
      stack[stack.length - 1].push({ kind: 'literal', text: unquote(action) });
    } else {
      stack[stack.length - 1].push({ kind: 'path', path: parsePath(action, template) });
    }
  }
  if (ranges.length > 0) fail(template, 'range without end');
  return stack[0];
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function descend(value: unknown, name: string, out: unknown[]): void {
  if (isRecord(value)) {
    if (name in value) out.push(value[name]);
    for (const v of Object.values(value)) descend(v, name, out);
  } else if (Array.isArray(value)) for (const v of value) descend(v, name, out);
}

function compare(a: unknown, op: string, b: unknown): boolean {
  switch (op) {
    case '==':
      return a === b || String(a) === String(b);
    case '!=':
      return String(a) !== String(b);
    default: {
      const [x, y] = [Number(a), Number(b)];
      return op === '<' ? x < y : op === '>' ? x > y : op === '<=' ? x <= y : x >= y;
    }
  }
}

function step(values: unknown[], seg: Segment, root: unknown): unknown[] {
  const out: unknown[] = [];
  for (const v of values) {
    if (seg.kind === 'field' && isRecord(v) && seg.name in v) out.push(v[seg.name]);
    else if (seg.kind === 'recursive') descend(v, seg.name, out);
    else if (seg.kind === 'wildcard') out.push(...(Array.isArray(v) ? v : isRecord(v) ? Object.values(v) : []));
    else if (seg.kind === 'index' && Array.isArray(v)) {
      const norm = (n: number) => (n < 0 ? v.length + n : n);
      if (seg.single) {
        const idx = norm(seg.start ?? 0);
        if (idx >= 0 && idx < v.length) out.push(v[idx]);
      } else out.push(...v.slice(norm(seg.start ?? 0), seg.end === undefined ? undefined : norm(seg.end)));
    } else if (seg.kind === 'filter' && Array.isArray(v)) {
      for (const item of v) {
        const left = evaluate(seg.left, item, root);
        if (!seg.op || !seg.right) {
          if (left.length > 0) out.push(item);
          continue;
        }
        const right = 'literal' in seg.right ? [seg.right.literal] : evaluate(seg.right, item, root);
        if (left.length > 0 && right.length > 0 && compare(left[0], seg.op, right[0])) out.push(item);
      }
    }
  }
  return out;
}

function evaluate(path: Path, current: unknown, root: unknown): unknown[] {
  let values = [path.root ? root : current];
  for (const seg of path.segments) values = step(values, seg, root);
  return values;
}

function show(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v === null || v === undefined) return '';
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

function render(nodes: Node[], current: unknown, root: unknown): string {
  let out = '';
  for (const n of nodes) {
    if (n.kind === 'text' || n.kind === 'literal') out += n.text;
    else if (n.kind === 'path') out += evaluate(n.path, current, root).map(show).join(' ');
    else {
      let items = evaluate(n.path, current, root);
      if (items.length === 1 && Array.isArray(items[0])) items = items[0];
      for (const item of items) out += render(n.body, item, root);
    }
  }
  return out;
}

/** Renders a kubectl JSONPath template against a value (an object, or a List of them). */
export function renderJsonPath(template: string, value: unknown): string {
  return render(parseTemplate(template), value, value);
}
