import { SelectorParseError } from './errors';
import { formatLabels, parseLabelSelector, Requirement, selectorFromSet } from './labels';

describe('parseLabelSelector: printed form', () => {
  it.each([
    ['', ''],
    ['a=b', 'a=b'],
    ['a==b', 'a==b'],
    ['a!=b', 'a!=b'],
    ['a', 'a'],
    ['!a', '!a'],
    ['a=', 'a='],
    ['a in (x,y)', 'a in (x,y)'],
    ['a in (y, x, y)', 'a in (x,y)'],
    ['a notin (x)', 'a notin (x)'],
    ['a in ()', 'a in ()'],
    ['a in (x,,y)', 'a in (,x,y)'],
    ['a>5', 'a>5'],
    ['a<3', 'a<3'],
    ['x=1,a=2', 'a=2,x=1'],
    ['  a = b ,  c  ', 'a=b,c'],
    ['example.com/app=web,!example.com/legacy', 'example.com/app=web,!example.com/legacy'],
    ['in=notin', 'in=notin'],
  ])('%j -> %j', (input, printed) => {
    expect(parseLabelSelector(input).toString()).toBe(printed);
  });

  it('treats the empty selector as selecting everything', () => {
    const s = parseLabelSelector('');
    expect(s.isEmpty()).toBe(true);
    expect(s.matches(undefined)).toBe(true);
    expect(s.matches({ a: 'b' })).toBe(true);
    expect(parseLabelSelector('a').isEmpty()).toBe(false);
  });
});

describe('parseLabelSelector: matching', () => {
  const labels = { app: 'web', tier: 'frontend', version: '12', empty: '' };
  it.each([
    ['app=web', true],
    ['app==web', true],
    ['app=db', false],
    ['app!=db', true],
    ['app!=web', false],
    ['missing!=x', true],
    ['missing=x', false],
    ['app in (db,web)', true],
    ['app in (db)', false],
    ['missing in (a)', false],
    ['app notin (db)', true],
    ['app notin (web)', false],
    ['missing notin (web)', true],
    ['app', true],
    ['missing', false],
    ['!missing', true],
    ['!app', false],
    ['empty=', true],
    ['empty', true],
    ['version>11', true],
    ['version>12', false],
    ['version<13', true],
    ['app>1', false],
    ['missing<1', false],
    ['app=web,tier=frontend', true],
    ['app=web,tier=backend', false],
  ])('%j on %j', (selector, expected) => {
    expect(parseLabelSelector(selector).matches(labels)).toBe(expected);
  });

  it('matches absent labels like an empty map', () => {
    expect(parseLabelSelector('a!=b').matches(undefined)).toBe(true);
    expect(parseLabelSelector('a').matches(null)).toBe(false);
  });
});

describe('parseLabelSelector: errors', () => {
  it.each([
    ['=b', "found '=', expected: !, identifier, or 'end of string'"],
    ['a=b,', "found '', expected: identifier after ','"],
    ['a=b c', "found 'c', expected: ',' or 'end of string'"],
    ['a=b=c', "found '=', expected: ',' or 'end of string'"],
    ['!a=b', "found '=', expected: ',' or 'end of string'"],
    ['a b', "unable to parse requirement: found 'b', expected: in, notin, =, ==, !=, gt, lt"],
    ['a!b', "unable to parse requirement: found '!', expected: in, notin, =, ==, !=, gt, lt"],
    ['a in x', "unable to parse requirement: found 'x' expected: '('"],
    ['a in (x', "unable to parse requirement: found '', expected: ',' or ')'"],
    ['a in (x y)', "unable to parse requirement: found 'y', expected: ',' or ')'"],
    ['a in (=)', "unable to parse requirement: found '=', expected: ',', ')' or identifier"],
    ['a=(', "unable to parse requirement: found '(', expected: identifier"],
    ['a>x', `unable to parse requirement: values[0]: Invalid value: "x": for 'Gt', 'Lt' operators, the value must be an integer`],
  ])('%j', (input, message) => {
    expect(() => parseLabelSelector(input)).toThrow(SelectorParseError);
    expect(() => parseLabelSelector(input)).toThrow(message);
  });

  it('validates keys and values', () => {
    expect(() => parseLabelSelector('-a=b')).toThrow(/^unable to parse requirement: <nil>: Invalid value: "-a": name part must consist of/);
    expect(() => parseLabelSelector('a=-b')).toThrow(/^unable to parse requirement: values\[0\]\[a\]: Invalid value: "-b": a valid label must be/);
    expect(() => parseLabelSelector(`a=${'x'.repeat(64)}`)).toThrow(/must be no more than 63 characters/);
  });
});

describe('helpers', () => {
  it('selectorFromSet builds equality requirements', () => {
    const s = selectorFromSet({ tier: 'fe', app: 'web' });
    expect(s.toString()).toBe('app=web,tier=fe');
    expect(s.matches({ app: 'web', tier: 'fe', extra: 'x' })).toBe(true);
    expect(s.requiresExactMatch('app')).toBe('web');
    expect(selectorFromSet({}).isEmpty()).toBe(true);
  });

  it('Requirement.create checks operator arity', () => {
    expect(() => Requirement.create('a', '=', [])).toThrow(
      'values: Invalid value: []string{}: exact-match compatibility requires one single value',
    );
    expect(() => Requirement.create('a', 'exists', ['x'])).toThrow(
      'values: Invalid value: []string{"x"}: values set must be empty for exists and does not exist',
    );
  });

  it('formatLabels sorts and shows <none> when empty', () => {
    expect(formatLabels({ b: '2', a: '1' })).toBe('a=1,b=2');
    expect(formatLabels({})).toBe('<none>');
    expect(formatLabels(undefined)).toBe('<none>');
  });
});
