/** One row of the benchmark table: a figure, its baseline measured in the same run, and the target. */
export interface FigureResult {
  figure: string;
  value: number;
  unit: string;
  baseline: { label: string; value: number; unit: string } | null;
  /** value ÷ baseline (for times, lower is better; for rates, higher is better). */
  ratio: number | null;
  target: string;
  met: boolean | null;
  peakRssMb: number | null;
  runs: number;
  notes: string;
}

export interface BenchOptions {
  quick: boolean;
  /**
   * `--scale <factor>`: multiplies every figure's data size (orders, links, transactions, rows), quick or
   * full; 1 is the default table. Run counts and latencies stay as they are.
   */
  scale: number;
  /** Built CLI entry (bin/merchant.js). */
  bin: string;
  projectRoot: string;
  log: (line: string) => void;
}

export type Figure = (options: BenchOptions) => Promise<FigureResult[]>;

/** A figure's data size: the quick or full size times the scale, at least one. */
export function sized(options: Pick<BenchOptions, 'quick' | 'scale'>, quick: number, full: number): number {
  return Math.max(1, Math.round((options.quick ? quick : full) * options.scale));
}

