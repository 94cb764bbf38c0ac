/** How `db status` and `db migrate` look: one row per schema, what is applied and what is pending. */
import type { ComponentStatus, DatabaseStatus } from '../../services/db/database-schema.js';
import { renderRecord, type Column, type RenderTarget } from '../render.js';

const columns: Column<ComponentStatus>[] = [
  { header: 'Schema', value: (c) => c.component },
  { header: 'Applied', value: (c) => (c.applied.length ? c.applied.join(',') : '(none)') },
  { header: 'Pending', value: (c) => (c.pending.length ? c.pending.map((p) => `${p.version} ${p.name}`).join('; ') : '(none)') },
  { header: 'Where', value: (c) => c.location },
];

export async function renderDatabaseStatus(target: RenderTarget, s: DatabaseStatus): Promise<void> {
  const fields: [string, string][] = [
    ['Engine', s.engine === 'postgresql' ? 'PostgreSQL (shared)' : 'SQLite (this machine)'],
    ['Server version', s.server_version],
    ['Location', s.location],
    ['Pending steps', s.pending === 0 ? 'none' : `${s.pending} (run: merchant db migrate)`],
  ];
  if (s.migrated) fields.push(['Applied now', s.migrated.length ? s.migrated.map((m) => `${m.component} ${m.version}`).join(', ') : 'nothing (already up to date)']);
  await renderRecord(target, fields, s, [{ title: 'Schemas', rows: s.components, columns }]);
}
