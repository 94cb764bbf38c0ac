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
  /** Built CLI entry (bin/merchant.js). */
  bin: string;
  projectRoot: string;
  log: (line: string) => void;
}

export type Figure = (options: BenchOptions) => Promise<FigureResult[]>;
