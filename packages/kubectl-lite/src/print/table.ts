/**
 * Prints the meta.k8s.io Tables the server sends, the way kubectl's table printer does: upper-cased
 * headers, priority-1 columns only with -o wide, a NAMESPACE column with -A, `kind/name` when several
 * kinds are printed, LABELS with --show-labels, three spaces between columns.
 */
import type { ListMeta, ObjectMeta, TableColumn } from '@tinykube/api';
import { alignCells } from './tabwriter';

export const TABLE_ACCEPT = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json';

export interface TableRow {
  cells: unknown[];
  object?: { metadata?: ObjectMeta };
}

export interface ServerTable {
  kind: 'Table';
  columnDefinitions: TableColumn[];
  rows: TableRow[];
  metadata?: ListMeta;
}

export interface TableOptions {
  wide?: boolean;
  withNamespace?: boolean;
  /** `deployment.apps`: prefixes the name column (kubectl does when several kinds are printed). */
  kindPrefix?: string;
  showLabels?: boolean;
  noHeaders?: boolean;
}

function cellText(cell: unknown): string {
  if (cell === null || cell === undefined) return '';
  const text = typeof cell === 'string' ? cell : typeof cell === 'object' ? JSON.stringify(cell) : String(cell);
  // kubectl cuts a cell at its first line break and marks the cut.
  const cut = text.search(/[\f\n\r]/);
  return cut >= 0 ? `${text.slice(0, cut)}...` : text;
}

function labelsText(meta: ObjectMeta | undefined): string {
  const labels = Object.entries(meta?.labels ?? {});
  return labels.length === 0 ? '<none>' : labels.map(([k, v]) => `${k}=${v}`).join(',');
}

/** Header and row cells for a table (without alignment). */
export function tableCells(table: ServerTable, opts: TableOptions): { header: string[]; rows: string[][] } {
  const visible = table.columnDefinitions.map((c, i) => ({ c, i })).filter(({ c }) => opts.wide || c.priority === 0);
  const nameIndex = opts.kindPrefix ? table.columnDefinitions.findIndex((c) => c.format === 'name') : -1;
  const header = visible.map(({ c }) => c.name.toUpperCase());
  if (opts.withNamespace) header.unshift('NAMESPACE');
  if (opts.showLabels) header.push('LABELS');
  const rows = table.rows.map((row) => {
    const cells = visible.map(({ i }) => {
      const text = cellText(row.cells[i]);
      return i === nameIndex ? `${opts.kindPrefix}/${text}` : text;
    });
    if (opts.withNamespace) cells.unshift(row.object?.metadata?.namespace ?? '');
    if (opts.showLabels) cells.push(labelsText(row.object?.metadata));
    return cells;
  });
  return { header, rows };
}

/**
 * Prints tables and remembers column widths, so that rows printed later (watch events) line up with
 * what was printed before unless they are wider.
 */
export class TablePrinter {
  private widths: number[] = [];

  constructor(
    private readonly write: (text: string) => void,
    private readonly opts: TableOptions,
  ) {}

  print(table: ServerTable, withHeader: boolean): void {
    const { header, rows } = tableCells(table, this.opts);
    const lines = withHeader && !this.opts.noHeaders ? [header, ...rows] : rows;
    if (lines.length === 0) return;
    const { text, widths } = alignCells(lines, { padding: 3, minWidths: this.widths });
    this.widths = widths;
    this.write(text);
  }
}
