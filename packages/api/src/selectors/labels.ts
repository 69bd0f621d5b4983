/**
 * Label selectors: requirements ANDed together, matched against an object's labels, with the string form
 * Kubernetes uses on the wire (`?labelSelector=app=web,tier in (a,b),!legacy`).
 */
import { isQualifiedName, isValidLabelValue } from '../names';
import { aggregateMessage, goQuote, goStringSlice, SelectorParseError } from './errors';
import { Token, TokenKind, tokenize } from './lexer';

/** Operators as Kubernetes names them (selection.Operator). */
export type LabelOperator = '=' | '==' | '!=' | 'in' | 'notin' | 'exists' | '!' | 'gt' | 'lt';

export type Labels = Record<string, string> | undefined | null;

export interface Selector {
  matches(labels: Labels): boolean;
  /** True for the selector that selects everything. */
  isEmpty(): boolean;
  toString(): string;
}

const has = (labels: Labels, key: string): boolean =>
  labels != null && Object.prototype.hasOwnProperty.call(labels, key);

/** Checks a Gt/Lt operand; Kubernetes accepts what Go's ParseInt accepts. */
const INTEGER_RE = /^[+-]?\d+$/;
const parseInteger = (s: string): bigint | undefined => (INTEGER_RE.test(s) ? BigInt(s) : undefined);

export class Requirement {
  private readonly valueSet: ReadonlySet<string>;

  private constructor(
    readonly key: string,
    readonly operator: LabelOperator,
    readonly values: readonly string[],
  ) {
    this.valueSet = new Set(values);
  }

  /**
   * Builds a requirement, checking the key, the number of values for the operator and each value.
   * `path` prefixes field names in messages, as Kubernetes' field paths do.
   */
  static create(key: string, operator: LabelOperator, values: readonly string[], path = ''): Requirement {
    const child = (name: string): string => (path ? `${path}.${name}` : name);
    const problems: string[] = [];
    const keyErrors = isQualifiedName(key);
    if (keyErrors.length) problems.push(`${child('key')}: Invalid value: ${goQuote(key)}: ${keyErrors.join('; ')}`);
    const valuesPath = child('values');
    const invalidValues = (detail: string): string => `${valuesPath}: Invalid value: ${goStringSlice(values)}: ${detail}`;
    switch (operator) {
      case 'in':
      case 'notin':
        if (values.length === 0) problems.push(invalidValues("for 'in', 'notin' operators, values set can't be empty"));
        break;
      case '=':
      case '==':
      case '!=':
        if (values.length !== 1) problems.push(invalidValues('exact-match compatibility requires one single value'));
        break;
      case 'exists':
      case '!':
        if (values.length !== 0) problems.push(invalidValues('values set must be empty for exists and does not exist'));
        break;
      case 'gt':
      case 'lt':
        if (values.length !== 1) problems.push(invalidValues("for 'Gt', 'Lt' operators, exactly one value is required"));
        values.forEach((v, i) => {
          if (parseInteger(v) === undefined) {
            problems.push(`${valuesPath}[${i}]: Invalid value: ${goQuote(v)}: for 'Gt', 'Lt' operators, the value must be an integer`);
          }
        });
        break;
    }
    values.forEach((v, i) => {
      const errs = isValidLabelValue(v);
      if (errs.length) problems.push(`${valuesPath}[${i}][${key}]: Invalid value: ${goQuote(v)}: ${errs.join('; ')}`);
    });
    if (problems.length) throw new SelectorParseError(aggregateMessage(problems));
    return new Requirement(key, operator, [...values]);
  }

  matches(labels: Labels): boolean {
    const present = has(labels, this.key);
    const value = present && labels ? labels[this.key] : '';
    switch (this.operator) {
      case '=':
      case '==':
      case 'in':
        return present && this.valueSet.has(value);
      case '!=':
      case 'notin':
        return !present || !this.valueSet.has(value);
      case 'exists':
        return present;
      case '!':
        return !present;
      case 'gt':
      case 'lt': {
        const actual = present ? parseInteger(value) : undefined;
        const bound = this.values.length === 1 ? parseInteger(this.values[0]) : undefined;
        if (actual === undefined || bound === undefined) return false;
        return this.operator === 'gt' ? actual > bound : actual < bound;
      }
    }
  }

  toString(): string {
    const prefix = this.operator === '!' ? '!' : '';
    if (this.operator === 'exists' || this.operator === '!') return `${prefix}${this.key}`;
    // Values print sorted so equal selectors print equally, whatever order they were given in.
    const values = this.values.length === 1 ? this.values[0] : [...this.values].sort().join(',');
    switch (this.operator) {
      case 'in':
        return `${this.key} in (${values})`;
      case 'notin':
        return `${this.key} notin (${values})`;
      case 'gt':
        return `${this.key}>${values}`;
      case 'lt':
        return `${this.key}<${values}`;
      default:
        return `${this.key}${this.operator}${values}`;
    }
  }
}

/** Requirements ANDed together; no requirements selects everything. */
export class RequirementsSelector implements Selector {
  readonly requirements: readonly Requirement[];

  constructor(requirements: readonly Requirement[]) {
    // Sorted by key (stably) so that the printed form is deterministic, as in Kubernetes.
    this.requirements = [...requirements].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  matches(labels: Labels): boolean {
    return this.requirements.every((r) => r.matches(labels));
  }

  isEmpty(): boolean {
    return this.requirements.length === 0;
  }

  toString(): string {
    return this.requirements.map((r) => r.toString()).join(',');
  }

  /** The value this selector pins a label to with = or ==, if any (handy for indexers). */
  requiresExactMatch(key: string): string | undefined {
    const r = this.requirements.find((x) => x.key === key && (x.operator === '=' || x.operator === '=='));
    return r?.values[0];
  }
}

/** The selector that matches nothing (a nil structured selector in Kubernetes). */
class NothingSelector implements Selector {
  matches(): boolean {
    return false;
  }
  isEmpty(): boolean {
    return false;
  }
  toString(): string {
    return '';
  }
}

export function everything(): RequirementsSelector {
  return new RequirementsSelector([]);
}

export function nothing(): Selector {
  return new NothingSelector();
}

/** An equality selector from a label map (e.g. a Service's spec.selector); an empty map selects everything. */
export function selectorFromSet(set: Record<string, string> | undefined | null): RequirementsSelector {
  return new RequirementsSelector(Object.entries(set ?? {}).map(([k, v]) => Requirement.create(k, '=', [v])));
}

/** Labels as "k=v,k2=v2" sorted by key, or "<none>" when there are none (kubectl's table format). */
export function formatLabels(labels: Record<string, string> | undefined | null): string {
  const text = Object.keys(labels ?? {})
    .sort()
    .map((k) => `${k}=${(labels ?? {})[k]}`)
    .join(',');
  return text === '' ? '<none>' : text;
}

/** Parses the string form of a label selector; throws SelectorParseError with Kubernetes' wording. */
export function parseLabelSelector(input: string): RequirementsSelector {
  return new RequirementsSelector(new LabelSelectorParser(tokenize(input)).parse());
}

const BINARY_OPERATORS = 'in, notin, =, ==, !=, gt, lt';

class LabelSelectorParser {
  private pos = 0;

  constructor(private readonly tokens: Token[]) {}

  /** In value positions the words "in" and "notin" are ordinary identifiers. */
  private peek(asValue = true): Token {
    const t = this.tokens[Math.min(this.pos, this.tokens.length - 1)];
    return asValue && (t.kind === 'in' || t.kind === 'notin') ? { kind: 'identifier', literal: t.literal } : t;
  }

  private next(asValue = true): Token {
    const t = this.peek(asValue);
    if (this.pos < this.tokens.length - 1) this.pos++;
    return t;
  }

  parse(): Requirement[] {
    const requirements: Requirement[] = [];
    for (;;) {
      const t = this.peek();
      if (t.kind === 'end') return requirements;
      if (t.kind !== 'identifier' && t.kind !== '!') {
        throw new SelectorParseError(`found '${t.literal}', expected: !, identifier, or 'end of string'`);
      }
      requirements.push(this.requirementOrFail());
      const sep = this.next();
      if (sep.kind === 'end') return requirements;
      if (sep.kind !== ',') throw new SelectorParseError(`found '${sep.literal}', expected: ',' or 'end of string'`);
      const after = this.peek();
      if (after.kind !== 'identifier' && after.kind !== '!') {
        throw new SelectorParseError(`found '${after.literal}', expected: identifier after ','`);
      }
    }
  }

  private requirementOrFail(): Requirement {
    try {
      return this.requirement();
    } catch (err) {
      if (err instanceof SelectorParseError) throw new SelectorParseError(`unable to parse requirement: ${err.message}`);
      throw err;
    }
  }

  private requirement(): Requirement {
    let t = this.next();
    const negated = t.kind === '!';
    if (negated) t = this.next();
    if (t.kind !== 'identifier') throw new SelectorParseError(`found '${t.literal}', expected: identifier`);
    const key = t.literal;
    const keyErrors = isQualifiedName(key);
    // Kubernetes validates the key here with no field path, which prints as "<nil>".
    if (keyErrors.length) throw new SelectorParseError(`<nil>: Invalid value: ${goQuote(key)}: ${keyErrors.join('; ')}`);
    const follow = this.peek().kind;
    if (negated) return Requirement.create(key, '!', []);
    if (follow === 'end' || follow === ',') return Requirement.create(key, 'exists', []);

    const op = this.operator();
    const values = op === 'in' || op === 'notin' ? this.valueList() : [this.exactValue()];
    return Requirement.create(key, op, values);
  }

  private operator(): LabelOperator {
    const t = this.next(false);
    const ops: Partial<Record<TokenKind, LabelOperator>> = {
      in: 'in', notin: 'notin', '=': '=', '==': '==', '!=': '!=', '>': 'gt', '<': 'lt',
    };
    const op = ops[t.kind];
    if (!op) throw new SelectorParseError(`found '${t.literal}', expected: ${BINARY_OPERATORS}`);
    return op;
  }

  /** "= value"; a missing value (end or comma) means the empty string. */
  private exactValue(): string {
    const ahead = this.peek();
    if (ahead.kind === 'end' || ahead.kind === ',') return '';
    const t = this.next();
    if (t.kind !== 'identifier') throw new SelectorParseError(`found '${t.literal}', expected: identifier`);
    return t.literal;
  }

  /** "(a,b,c)"; empty slots such as "()" or "(a,)" stand for the empty string. Result is a sorted set. */
  private valueList(): string[] {
    const open = this.next();
    if (open.kind !== '(') throw new SelectorParseError(`found '${open.literal}' expected: '('`);
    const first = this.peek();
    const values = new Set<string>();
    if (first.kind === ')') {
      this.next();
      values.add('');
      return [...values];
    }
    if (first.kind !== 'identifier' && first.kind !== ',') {
      throw new SelectorParseError(`found '${first.literal}', expected: ',', ')' or identifier`);
    }
    this.identifierList(values);
    if (this.next().kind !== ')') throw new SelectorParseError(`found '${first.literal}', expected: ')'`);
    return [...values].sort();
  }

  private identifierList(values: Set<string>): void {
    for (;;) {
      const t = this.next();
      if (t.kind === 'identifier') {
        values.add(t.literal);
        const ahead = this.peek();
        if (ahead.kind === ')') return;
        if (ahead.kind !== ',') throw new SelectorParseError(`found '${ahead.literal}', expected: ',' or ')'`);
      } else if (t.kind === ',') {
        if (values.size === 0) values.add('');
        const ahead = this.peek();
        if (ahead.kind === ')') {
          values.add('');
          return;
        }
        if (ahead.kind === ',') {
          this.next();
          values.add('');
        }
      } else {
        throw new SelectorParseError(`found '${t.literal}', expected: ',', or identifier`);
      }
    }
  }
}
