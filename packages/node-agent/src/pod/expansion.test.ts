import { expandVariables, lookupIn } from './expansion';

describe('expandVariables', () => {
  const lookup = lookupIn([
    { name: 'POD_IP', value: '127.0.0.5' },
    { name: 'PORT', value: '8080' },
    { name: 'EMPTY', value: '' },
  ]);
  it.each([
    ['plain text', 'plain text'],
    ['$(POD_IP):$(PORT)', '127.0.0.5:8080'],
    ['--listen=$(POD_IP)', '--listen=127.0.0.5'],
    ['$(UNDEFINED) stays', '$(UNDEFINED) stays'],
    ['$$(POD_IP) is escaped', '$(POD_IP) is escaped'],
    ['$$ becomes $', '$ becomes $'],
    ['a $ alone', 'a $ alone'],
    ['ends with $', 'ends with $'],
    ['$x is not a reference', '$x is not a reference'],
    ['$(POD_IP unclosed', '$(POD_IP unclosed'],
    ['[$(EMPTY)]', '[]'],
    ['$(PORT)$(PORT)', '80808080'],
    ['$$$(PORT)', '$8080'],
  ])('%s -> %s', (input, expected) => {
    expect(expandVariables(input, lookup)).toBe(expected);
  });

  it('uses the last definition of a name', () => {
    expect(expandVariables('$(A)', lookupIn([{ name: 'A', value: '1' }, { name: 'A', value: '2' }]))).toBe('2');
  });
});
