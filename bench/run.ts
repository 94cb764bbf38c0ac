/**
 * `npm run bench`: runs every figure, prints one table (figure, median, baseline measured in the same
 * run, ratio, target) and writes it as JSON to bench/results/. `--quick` runs each figure tiny (the test
 * suite does this once so the benchmark code cannot rot); `--only <name>` runs one figure; `--scale <factor>`
 * multiplies every figure's data size (the rows name the sizes measured; targets stated for a size scale
 * with it, ratios stay ratios) and writes its table beside latest.json, which stays the default sizes.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Figure, FigureResult } from './figure.js';
import { parseRunOptions, resultFile, USAGE, wantsHelp, type RunOptions } from './options.js';
import { bulkHttpFigure } from './figures/bulk-http.js';
import { importsFigure } from './figures/imports.js';
import { sandboxCaptureFigure } from './figures/sandbox-capture.js';
import { sandboxCaptureVolumeFigure } from './figures/sandbox-capture-volume.js';
import { settlementExportFigure } from './figures/settlement-export.js';
import { sharedJournalFigure } from './figures/shared-journal.js';
import { startupFigure } from './figures/startup.js';
import { volumeReadsFigure } from './figures/volume-reads.js';

const FIGURES: Record<string, Figure> = {
  startup: startupFigure,
  'bulk-http': bulkHttpFigure,
  'sandbox-capture': sandboxCaptureFigure,
  'sandbox-capture-volume': sandboxCaptureVolumeFigure,
  'settlement-export': settlementExportFigure,
  imports: importsFigure,
  'shared-journal': sharedJournalFigure,
  'volume-reads': volumeReadsFigure,
};

function fmt(n: number | null | undefined, digits = 1): string {
  if (n === null || n === undefined || Number.isNaN(n)) return '-';
  return n >= 100 ? n.toFixed(0) : n.toFixed(digits);
}

export function renderTable(results: readonly FigureResult[]): string {
  const header = ['Figure', 'Median', 'Baseline (same run)', 'Ratio', 'Target', 'Met', 'Peak RSS'];
  const rows = results.map((r) => [
    r.figure,
    `${fmt(r.value)} ${r.unit}`,
    r.baseline ? `${r.baseline.label}: ${fmt(r.baseline.value)} ${r.baseline.unit}` : '-',
    r.ratio === null ? '-' : `${fmt(r.ratio, 2)}×`,
    r.target,
    r.met === null ? '-' : r.met ? 'yes' : 'NO',
    r.peakRssMb === null ? '-' : `${fmt(r.peakRssMb)} MB`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

async function main({ quick, only, scale }: RunOptions): Promise<void> {
  const projectRoot = fileURLToPath(new URL('../../', import.meta.url));
  const bin = join(projectRoot, 'bin', 'merchant.js');
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const results: FigureResult[] = [];
  for (const [name, figure] of Object.entries(FIGURES)) {
    if (only && only !== name) continue;
    log(`▶ ${name}${quick ? ' (quick)' : ''}${scale === 1 ? '' : ` (sizes ×${scale})`}`);
    results.push(...(await figure({ quick, scale, bin, projectRoot, log })));
  }
  const table = renderTable(results);
  process.stdout.write(`${table}\n`);
  const dir = join(projectRoot, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const document = { date: new Date().toISOString(), node: process.version, cpus: cpus().length, cpu_model: cpus()[0]?.model ?? null, load_average: loadavg(), quick, only: only ?? null, scale, results };
  // latest.json always holds the full table at the default sizes; any other run is written beside it.
  writeFileSync(join(dir, resultFile(quick, only, scale)), `${JSON.stringify(document, null, 2)}\n`);
}

let options: RunOptions | undefined;
try {
  if (wantsHelp(process.argv.slice(2))) process.stdout.write(`${USAGE}\nfigures: ${Object.keys(FIGURES).join(', ')}\n`);
  else options = parseRunOptions(process.argv.slice(2), Object.keys(FIGURES));
} catch (error) {
  process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 2;
}
if (options) await main(options);
