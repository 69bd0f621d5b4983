import type { LabelSelector } from '../types/meta';
import { SelectorParseError } from './errors';
import { formatLabelSelector, labelSelectorAsSelector, validateLabelSelector } from './label-selector';

describe('labelSelectorAsSelector', () => {
  it('selects nothing for a missing selector and everything for an empty one', () => {
    expect(labelSelectorAsSelector(undefined).matches({ a: 'b' })).toBe(false);
    expect(labelSelectorAsSelector(null).matches({})).toBe(false);
    expect(labelSelectorAsSelector(null).isEmpty()).toBe(false);
    expect(labelSelectorAsSelector({}).matches({ a: 'b' })).toBe(true);
    expect(labelSelectorAsSelector({ matchLabels: {}, matchExpressions: [] }).isEmpty()).toBe(true);
  });

  const selector: LabelSelector = {
    matchLabels: { app: 'web' },
    matchExpressions: [
      { key: 'tier', operator: 'In', values: ['fe', 'be'] },
      { key: 'env', operator: 'NotIn', values: ['prod'] },
      { key: 'team', operator: 'Exists' },
      { key: 'legacy', operator: 'DoesNotExist' },
    ],
  };

  it('prints requirements sorted by key', () => {
    expect(labelSelectorAsSelector(selector).toString()).toBe('app=web,env notin (prod),!legacy,team,tier in (be,fe)');
  });

  it.each([
    [{ app: 'web', tier: 'fe', team: 'a' }, true],
    [{ app: 'web', tier: 'fe', team: 'a', env: 'dev' }, true],
    [{ app: 'web', tier: 'fe', team: 'a', env: 'prod' }, false],
    [{ app: 'web', tier: 'fe', team: 'a', legacy: 'x' }, false],
    [{ app: 'web', tier: 'fe' }, false],
    [{ app: 'db', tier: 'fe', team: 'a' }, false],
  ])('matches %j: %s', (labels, expected) => {
    expect(labelSelectorAsSelector(selector).matches(labels)).toBe(expected);
  });

  it('rejects unknown operators and invalid requirements', () => {
    const badOp = { matchExpressions: [{ key: 'a', operator: 'Foo' }] } as unknown as LabelSelector;
    expect(() => labelSelectorAsSelector(badOp)).toThrow('"Foo" is not a valid label selector operator');
    expect(() => labelSelectorAsSelector({ matchExpressions: [{ key: 'a', operator: 'In', values: [] }] })).toThrow(
      "values: Invalid value: []string{}: for 'in', 'notin' operators, values set can't be empty",
    );
    expect(() => labelSelectorAsSelector({ matchLabels: { 'a b': 'x' } })).toThrow(SelectorParseError);
  });

  it('formats like kubectl wide output', () => {
    expect(formatLabelSelector({ matchLabels: { app: 'web' } })).toBe('app=web');
    expect(formatLabelSelector({})).toBe('<none>');
    expect(formatLabelSelector({ matchLabels: { '-x': 'y' } })).toBe('<error>');
  });
});

describe('validateLabelSelector', () => {
  it('accepts a well-formed selector', () => {
    expect(validateLabelSelector({ matchLabels: { app: 'web' }, matchExpressions: [{ key: 'a', operator: 'Exists' }] }, 'spec.selector')).toEqual([]);
  });

  it('requires values for In/NotIn and forbids them for Exists/DoesNotExist', () => {
    const errs = validateLabelSelector(
      {
        matchExpressions: [
          { key: 'a', operator: 'In' },
          { key: 'b', operator: 'DoesNotExist', values: ['x'] },
        ],
      },
      'spec.selector',
    );
    expect(errs.map((e) => [e.field, e.type, e.message])).toEqual([
      ['spec.selector.matchExpressions[0].values', 'FieldValueRequired', "Required value: must be specified when `operator` is 'In' or 'NotIn'"],
      ['spec.selector.matchExpressions[1].values', 'FieldValueForbidden', "Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'"],
    ]);
  });

  it('reports bad operators, keys and values with their paths', () => {
    const ls = {
      matchLabels: { 'bad key': 'ok', good: '-bad' },
      matchExpressions: [{ key: 'k', operator: 'Sometimes', values: ['x'] }],
    } as unknown as LabelSelector;
    const errs = validateLabelSelector(ls, 'spec.selector');
    expect(errs.map((e) => e.field)).toEqual([
      'spec.selector.matchLabels',
      'spec.selector.matchLabels',
      'spec.selector.matchExpressions[0].operator',
    ]);
    expect(errs[0].message).toMatch(/^Invalid value: "bad key": name part must consist of/);
    expect(errs[1].message).toMatch(/^Invalid value: "-bad": a valid label must be an empty string/);
    expect(errs[2].message).toBe('Invalid value: "Sometimes": not a valid selector operator');
  });

  it('checks expression keys and values', () => {
    const errs = validateLabelSelector({ matchExpressions: [{ key: '', operator: 'In', values: ['ok', 'not ok'] }] }, 's');
    expect(errs.map((e) => e.field)).toEqual(['s.matchExpressions[0].key', 's.matchExpressions[0].key', 's.matchExpressions[0].values[1]']);
    expect(errs[0].message).toBe('Invalid value: "": name part must be non-empty');
  });
});
