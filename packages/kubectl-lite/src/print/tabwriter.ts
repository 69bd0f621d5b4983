/**
 * Column alignment with the rules of Go's text/tabwriter, which kubectl prints everything through.
 * Cells are tab-terminated; the last cell of a line is not aligned. A column "block" is a run of
 * consecutive lines that all have a cell in that column, so a line with fewer cells (a section heading
 * in `describe`) starts new blocks below it, exactly as kubectl's output does.
 */

export interface TabwriterOptions {
  /** Spaces added after the widest cell of a column (kubectl: 3 for tables, 2 for describe). */
  padding: number;
  /**
   * Widths (including padding) remembered from earlier output: a column is never narrower than this.
   * kubectl keeps them between watch events so rows printed later line up with the header.
   */
  minWidths?: number[];
}

const width = (s: string): number => [...s].length;

/** Aligns lines of cells; returns the text and the widths of the first block's columns. */
export function alignCells(lines: string[][], opts: TabwriterOptions): { text: string; widths: number[] } {
  const out: string[] = [];
  const widths: number[] = [];
  const firstBlockWidths: number[] = [];

  const writeLines = (from: number, to: number): void => {
    for (let i = from; i < to; i++) {
      const line = lines[i];
      let text = '';
      line.forEach((cell, j) => {
        text += cell;
        if (j < widths.length && j < line.length - 1) text += ' '.repeat(Math.max(0, widths[j] - width(cell)));
      });
      out.push(text);
    }
  };

  const format = (line0: number, line1: number): void => {
    const column = widths.length;
    let start = line0;
    for (let i = line0; i < line1; i++) {
      if (column >= lines[i].length - 1) continue;
      writeLines(start, i);
      let w = opts.minWidths?.[column] ?? 0;
      let end = i;
      for (; end < line1 && column < lines[end].length - 1; end++) {
        w = Math.max(w, width(lines[end][column]) + opts.padding);
      }
      widths.push(w);
      if (firstBlockWidths.length === column) firstBlockWidths.push(w);
      format(i, end);
      widths.pop();
      start = end;
      i = end - 1;
    }
    writeLines(start, line1);
  };

  format(0, lines.length);
  return { text: out.map((l) => `${l}\n`).join(''), widths: firstBlockWidths };
}

/** Aligns tab-separated lines (a convenience for describe output written as "Label:\tvalue"). */
export function alignTabs(text: string, padding: number): string {
  const lines = text.replace(/\n$/, '').split('\n').map((l) => l.split('\t'));
  return alignCells(lines, { padding }).text;
}
