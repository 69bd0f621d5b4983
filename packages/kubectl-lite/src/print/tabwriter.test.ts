import { alignCells, alignTabs } from './tabwriter';

describe('alignCells', () => {
  it('pads every column but the last to its widest cell plus padding', () => {
    const { text, widths } = alignCells(
      [
        ['NAME', 'READY', 'AGE'],
        ['web-1', '1/1', '5s'],
      ],
      { padding: 3 },
    );
    expect(text).toBe('NAME    READY   AGE\nweb-1   1/1     5s\n');
    expect(widths).toEqual([8, 8]);
  });

  it('keeps remembered widths so later rows line up with the header', () => {
    const { text } = alignCells([['a', 'b', 'c']], { padding: 3, minWidths: [8, 8] });
    expect(text).toBe('a       b       c\n');
  });

  it('starts new column blocks after a line with fewer cells, as describe output needs', () => {
    const text = alignTabs('Name:\tweb\nNamespace:\tdefault\nEvents:\n  Type\tReason\n  ----\t------\n', 2);
    expect(text).toBe('Name:       web\nNamespace:  default\nEvents:\n  Type  Reason\n  ----  ------\n');
  });
});
