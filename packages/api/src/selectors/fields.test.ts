import { SelectorParseError } from './errors';
import { escapeFieldValue, fieldSelectorFromSet, parseFieldSelector, unescapeFieldValue } from './fields';

describe('parseFieldSelector', () => {
  it.each([
    ['', '', []],
    [',,', '', []],
    ['a=b', 'a=b', [{ field: 'a', op: '=', value: 'b' }]],
    ['a==b', 'a=b', [{ field: 'a', op: '=', value: 'b' }]],
    ['a!=b', 'a!=b', [{ field: 'a', op: '!=', value: 'b' }]],
    ['a=', 'a=', [{ field: 'a', op: '=', value: '' }]],
    ['b=1,a=2', 'a=2,b=1', [{ field: 'a', op: '=', value: '2' }, { field: 'b', op: '=', value: '1' }]],
    ['a=x\\,y', 'a=x\\,y', [{ field: 'a', op: '=', value: 'x,y' }]],
    ['a=x\\=y', 'a=x\\=y', [{ field: 'a', op: '=', value: 'x=y' }]],
    ['a=x\\\\y', 'a=x\\\\y', [{ field: 'a', op: '=', value: 'x\\y' }]],
    ['a=x\\,y,b=z', 'a=x\\,y,b=z', [{ field: 'a', op: '=', value: 'x,y' }, { field: 'b', op: '=', value: 'z' }]],
  ])('%j prints %j', (input, printed, requirements) => {
    const s = parseFieldSelector(input);
    expect(s.toString()).toBe(printed);
    expect(s.requirements).toEqual(requirements);
    expect(s.isEmpty()).toBe(requirements.length === 0);
  });

  it.each([
    ['spec.nodeName=n1', { 'spec.nodeName': 'n1' }, true],
    ['spec.nodeName=n1', { 'spec.nodeName': 'n2' }, false],
    ['spec.nodeName=', { 'spec.nodeName': '' }, true],
    ['spec.nodeName=', {}, true],
    ['spec.nodeName!=', { 'spec.nodeName': 'n1' }, true],
    ['status.phase!=Succeeded,status.phase!=Failed', { 'status.phase': 'Running' }, true],
    ['status.phase!=Succeeded,status.phase!=Failed', { 'status.phase': 'Failed' }, false],
    ['metadata.name=a\\,b', { 'metadata.name': 'a,b' }, true],
  ])('%j on %j', (selector, fields, expected) => {
    expect(parseFieldSelector(selector).matches(fields)).toBe(expected);
  });

  it.each([
    ['a', "invalid selector: 'a'; can't understand 'a'"],
    ['a=b,c', "invalid selector: 'a=b,c'; can't understand 'c'"],
    ['a=b=c', 'invalid field selector: unescaped character in value: 61'],
    ['a=x\\y', 'invalid field selector: invalid escape sequence: \\y'],
    ['a=x\\', 'invalid field selector: invalid escape sequence: \\'],
  ])('%j fails: %s', (input, message) => {
    expect(() => parseFieldSelector(input)).toThrow(SelectorParseError);
    expect(() => parseFieldSelector(input)).toThrow(message);
  });

  it('reports the field a selector pins', () => {
    expect(parseFieldSelector('spec.nodeName=n1,status.phase!=Failed').requiresExactMatch('spec.nodeName')).toBe('n1');
    expect(parseFieldSelector('status.phase!=Failed').requiresExactMatch('status.phase')).toBeUndefined();
  });
});

describe('escaping', () => {
  it('round-trips any value', () => {
    for (const v of ['plain', 'a,b', 'a=b', 'a\\b', ',=\\', '']) {
      expect(unescapeFieldValue(escapeFieldValue(v))).toBe(v);
    }
  });

  it('builds a selector from a set', () => {
    expect(fieldSelectorFromSet({ 'metadata.name': 'a,b', 'metadata.namespace': 'ns' }).toString()).toBe(
      'metadata.name=a\\,b,metadata.namespace=ns',
    );
  });
});
