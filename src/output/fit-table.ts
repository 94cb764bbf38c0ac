/**
 * Fitting a table to the terminal's width. Each view says, per column, how much it is worth on a narrow
 * screen (`priority`: 1 is always shown, higher numbers go first) and whether its text may be cut
 * (`truncate`; never an ID or an amount: a cut ID or amount is a wrong one). Columns are dropped first,
 * lowest value first, until the rest would fit with their long text cut to a readable width; then the
 * widest cuttable column is shortened, with an ellipsis, until the table fits or nothing more can be cut. A table whose essential columns do not fit in a box
 * even then is drawn without the box (columns two spaces apart), which is as narrow as a table gets.
 * `--wide` skips all of it.
 */
import { displayWidth } from './display-width.js';

export interface FitColumn {
  header: string;
  /** 1 (default): never dropped; 2, 3…: dropped on a narrow terminal, highest first. */
  priority?: number | undefined;
  /** Long text may be cut with an ellipsis (names, emails, descriptions, errors). */
  truncate?: boolean | undefined;
}

export interface TableFit {
  /** Indexes of the columns shown, in their order. */
  keep: number[];
  /** Per column index: the widest a cell may be (undefined: as wide as it is). */
  maxWidth: Map<number, number>;
  /** Headers of the columns left out. */
  dropped: string[];
  /** Whether the table fits the width once fitted (false: even its essential columns do not). */
  fits: boolean;
}

/** `box`: cli-table3's borders; `plain`: no borders, columns two spaces apart. */
export type TableLayout = 'box' | 'plain';

/** A cut column still shows its header and a few characters. */
const MIN_CUT_WIDTH = 6;
/** While columns are being dropped, cuttable text counts this wide: a long email must not push out a column. */
const COMFORTABLE_CUT_WIDTH = 20;

/** cli-table3's box: one border before each column and one at the end, one space of padding each side. */
export function tableWidth(widths: readonly number[], layout: TableLayout = 'box'): number {
  if (layout === 'plain') return widths.reduce((n, w) => n + w, 0) + 2 * Math.max(0, widths.length - 1);
  return widths.reduce((n, w) => n + w + 3, 1);
}

export function fitTable(columns: readonly FitColumn[], cells: readonly (readonly string[])[], width: number, layout: TableLayout = 'box'): TableFit {
  const natural = columns.map((c, i) => Math.max(displayWidth(c.header), ...cells.map((row) => displayWidth(row[i] ?? ''))));
  const keep = columns.map((_, i) => i);
  const dropped: string[] = [];
  const comfortable = (i: number): number =>
    columns[i]?.truncate ? Math.min(natural[i] ?? 0, Math.max(COMFORTABLE_CUT_WIDTH, displayWidth(columns[i]?.header ?? ''))) : (natural[i] ?? 0);
  const current = (): number => tableWidth(keep.map(comfortable), layout);
  while (current() > width) {
    // The lowest-valued column still shown; on a tie, the rightmost.
    let victim = -1;
    for (const i of keep) if ((columns[i]?.priority ?? 1) > 1 && (victim < 0 || (columns[i]?.priority ?? 1) >= (columns[victim]?.priority ?? 1))) victim = i;
    if (victim < 0) break;
    keep.splice(keep.indexOf(victim), 1);
    dropped.push(columns[victim]?.header ?? '');
  }
  const maxWidth = new Map<number, number>();
  const widths = new Map(keep.map((i) => [i, natural[i] ?? 0]));
  const floor = (i: number): number => Math.max(MIN_CUT_WIDTH, displayWidth(columns[i]?.header ?? ''));
  let excess = tableWidth([...widths.values()], layout) - width;
  while (excess > 0) {
    let widest = -1;
    for (const i of keep) {
      const w = widths.get(i) ?? 0;
      if (columns[i]?.truncate && w > floor(i) && (widest < 0 || w > (widths.get(widest) ?? 0))) widest = i;
    }
    if (widest < 0) break;
    const w = widths.get(widest) ?? 0;
    widths.set(widest, w - 1);
    maxWidth.set(widest, w - 1);
    excess--;
  }
  return { keep, maxWidth, dropped, fits: excess <= 0 };
}
