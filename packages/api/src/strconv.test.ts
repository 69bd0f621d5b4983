import { parseGoBool } from './strconv';

describe('parseGoBool (Go strconv.ParseBool)', () => {
  it.each(['1', 't', 'T', 'TRUE', 'true', 'True'])('%s is true', (v) => {
    expect(parseGoBool(v)).toBe(true);
  });
  it.each(['0', 'f', 'F', 'FALSE', 'false', 'False'])('%s is false', (v) => {
    expect(parseGoBool(v)).toBe(false);
  });
  it.each(['', 'yes', 'no', 'tRUE', 'on', ' true', '2'])('%j is not a Go boolean', (v) => {
    expect(parseGoBool(v)).toBeUndefined();
  });
});
