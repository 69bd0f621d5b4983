import { CriLogParser, selectLines, splitRecords } from './cri-log';

const log = [
  '2024-01-01T00:00:01.000000000Z stdout F first',
  '2024-01-01T00:00:02.000000000Z stderr P part one, ',
  '2024-01-01T00:00:02.500000000Z stderr F part two',
  '2024-01-01T00:00:03.000000000Z stdout F ',
  '2024-01-01T00:00:04.000000000Z stdout F last',
];

describe('CRI log reading', () => {
  const lines = new CriLogParser().parse(log);

  it('joins partial records and keeps empty lines', () => {
    expect(lines.map((l) => l.text)).toEqual(['first', 'part one, part two', '', 'last']);
  });

  it.each([
    [{ timestamps: false }, ['first\n', 'part one, part two\n', '\n', 'last\n']],
    [{ timestamps: false, tailLines: 2 }, ['\n', 'last\n']],
    [{ timestamps: false, tailLines: 0 }, []],
    [{ timestamps: true, tailLines: 1 }, ['2024-01-01T00:00:04.000000000Z last\n']],
    [{ timestamps: false, sinceMs: Date.parse('2024-01-01T00:00:03Z') }, ['\n', 'last\n']],
  ])('%j', (opts, expected) => {
    expect(selectLines(lines, opts)).toEqual(expected);
  });

  it('splits chunks on whole records only', () => {
    expect(splitRecords('a\nb\nhalf')).toEqual({ records: ['a', 'b'], rest: 'half' });
    expect(splitRecords('nothing yet')).toEqual({ records: [], rest: 'nothing yet' });
  });
});
