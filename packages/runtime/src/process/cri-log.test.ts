import * as fs from 'node:fs';
import * as path from 'node:path';
import { tempDir } from '../testing/helpers';
import { CriLogCopier, MAX_LINE, criLogLine, parseCriLogLine } from './cri-log';

describe('CRI log lines', () => {
  it.each([
    ['2024-05-01T10:00:00.123000000Z stdout F hello world', { time: '2024-05-01T10:00:00.123000000Z', stream: 'stdout', complete: true, text: 'hello world' }],
    ['2024-05-01T10:00:00.1Z stderr P part', { time: '2024-05-01T10:00:00.1Z', stream: 'stderr', complete: false, text: 'part' }],
    ['2024-05-01T10:00:00Z stdout F ', { time: '2024-05-01T10:00:00Z', stream: 'stdout', complete: true, text: '' }],
    ['not a cri line', undefined],
  ])('parses %j', (line, expected) => {
    expect(parseCriLogLine(line)).toEqual(expected);
  });

  it('formats a line with nine fraction digits that parses back', () => {
    const line = criLogLine('stderr', 'F', 'x y', Date.UTC(2024, 0, 2, 3, 4, 5, 6));
    expect(line).toBe('2024-01-02T03:04:05.006000000Z stderr F x y\n');
    expect(parseCriLogLine(line.trimEnd())?.text).toBe('x y');
  });
});

describe('CriLogCopier', () => {
  let dir: string;
  beforeEach(() => (dir = tempDir('crilog')));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const texts = (file: string) => fs.readFileSync(file, 'utf8').trimEnd().split('\n').map((l) => parseCriLogLine(l));

  it('copies complete lines, holds an unterminated one until the process is gone, and resumes from its offsets', () => {
    const log = path.join(dir, 'logs', 'c', '0.log');
    fs.writeFileSync(path.join(dir, 'stdout'), 'one\ntw');
    const copier = new CriLogCopier(dir, log);
    expect(copier.copy()).toBe(true);
    expect(texts(log).map((r) => r?.text)).toEqual(['one']);
    fs.appendFileSync(path.join(dir, 'stdout'), 'o\nthree');
    fs.writeFileSync(path.join(dir, 'stderr'), 'err\n');
    copier.copy();
    copier.close();
    // A new copier (a restarted runtime) continues where the persisted offsets say.
    const resumed = new CriLogCopier(dir, log, { ...copier.offsets });
    expect(resumed.copy()).toBe(false);
    resumed.copy(true);
    resumed.close();
    expect(texts(log).map((r) => [r?.stream, r?.complete, r?.text])).toEqual([
      ['stdout', true, 'one'],
      ['stdout', true, 'two'],
      ['stderr', true, 'err'],
      ['stdout', true, 'three'],
    ]);
  });

  it('cuts an overlong line into partial records followed by a full one', () => {
    const log = path.join(dir, 'out.log');
    fs.writeFileSync(path.join(dir, 'stdout'), `${'x'.repeat(MAX_LINE + 10)}\n`);
    const copier = new CriLogCopier(dir, log);
    copier.copy();
    copier.close();
    expect(texts(log).map((r) => [r?.complete, r?.text.length])).toEqual([[false, MAX_LINE], [true, 10]]);
  });

  it('writes nothing when the container has no log path', () => {
    fs.writeFileSync(path.join(dir, 'stdout'), 'a\n');
    expect(new CriLogCopier(dir, '').copy(true)).toBe(false);
  });
});
