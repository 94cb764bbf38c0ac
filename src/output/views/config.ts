/** How settings and profiles look, and what changing them reports. */
import type { ResolvedSettings } from '../../config/resolve.js';
import type { ProfileRow, SettingRow } from '../../services/config/settings.js';
import { renderList, writeJson, type Column, type RenderTarget } from '../render.js';
import type { Reporter } from './reporter.js';

export interface SettingsView {
  rows: SettingRow[];
  settings: ResolvedSettings;
  configFile: string;
}

/** Unset values read "(unset)" on a terminal and stay empty when piped; `showOrigin` adds where each came from. */
export async function renderSettings(target: RenderTarget, out: Reporter, view: SettingsView, options: { showOrigin: boolean; tty: boolean }): Promise<void> {
  const columns: Column<SettingRow>[] = [
    { header: 'Key', value: (r) => r.key },
    { header: 'Value', value: (r) => r.value ?? (options.tty ? '(unset)' : ''), truncate: true },
    ...(options.showOrigin ? [{ header: 'Origin', value: (r: SettingRow) => r.origin, priority: 3 }, { header: 'Source', value: (r: SettingRow) => r.source, priority: 2, truncate: true }] : []),
  ];
  // A list is a bare array (README "JSON output"); each setting names the file it is kept in.
  await renderList(target, view.rows, columns, (r) =>
    r.map((row) => ({ key: row.key, value: row.value, ...(options.showOrigin ? { origin: row.origin, source: row.source } : {}), config_file: view.configFile })),
  );
  for (const s of view.settings.shadowed) out.logger.warn(`${s.variable} overrides the ${s.key} set in profile "${view.settings.profile.value}".`);
}

/** One value and a newline (an unset value is an empty line); with --json, the setting as `config list --show-origin --json` shows it. */
export function renderSettingValue(target: RenderTarget, view: { row: SettingRow; configFile: string }): void {
  const { row } = view;
  if (target.mode === 'json') writeJson(target, { key: row.key, value: row.value, origin: row.origin, source: row.source, config_file: view.configFile });
  else target.stdout.write(`${row.value ?? ''}\n`);
}

export function renderSettingSet(out: Reporter, change: { key: string; value: string; profile: string; file: string }): void {
  out.logger.success(`Set ${change.key} = ${change.value} in profile "${change.profile}" (${change.file}).`);
}

export function renderSettingUnset(out: Reporter, change: { key: string; profile: string }): void {
  out.logger.success(`Removed ${change.key} from profile "${change.profile}".`);
}

const profileColumns: Column<ProfileRow>[] = [
  { header: 'Name', value: (r) => (r.current ? `${r.name} *` : r.name) },
  { header: 'Backend', value: (r) => r.backend ?? 'sandbox (default)', priority: 2 },
  { header: 'Store', value: (r) => r.store },
  { header: 'Base URL', value: (r) => r.base_url, priority: 3, truncate: true },
];

export async function renderProfiles(target: RenderTarget, rows: readonly ProfileRow[]): Promise<void> {
  await renderList(target, rows, profileColumns, (r) => r);
}

export function renderProfileAdded(out: Reporter, name: string, used: boolean): void {
  out.logger.success(`Created profile "${name}"${used ? ' and switched to it' : ''}.`);
}

export function renderProfileUsed(out: Reporter, name: string): void {
  out.logger.success(`Now using profile "${name}".`);
}

export const removeProfileQuestion = (name: string): string => `Delete profile "${name}"?`;

export function renderProfileRemoved(out: Reporter, name: string): void {
  out.logger.success(`Removed profile "${name}".`);
}
