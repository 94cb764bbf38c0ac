/**
 * libpq's password file, read here rather than by `pg` (whose own reading is deprecated and prints a warning
 * on every command): `PGPASSFILE` or `~/.pgpass`, lines `host:port:database:user:password`, `*` matching
 * anything, `\:` and `\\` escaped, `#` comments; the first matching line wins. As libpq does, a file that
 * others may read or write is ignored.
 */
import { readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export interface PgpassTarget {
  host: string;
  port: number | string;
  database: string;
  user: string;
}

export function pgpassFile(env: Readonly<Record<string, string | undefined>>): string {
  return env['PGPASSFILE'] ?? join(env['HOME'] ?? homedir(), '.pgpass');
}

/** The fields of one line, unescaped; a line with fewer than five fields is skipped. */
export function pgpassFields(line: string): string[] | undefined {
  const fields: string[] = [];
  let current = '';
  for (let i = 0; i < line.length; i += 1) {
    const ch = line[i] as string;
    if (ch === '\\' && i + 1 < line.length) current += line[++i];
    else if (ch === ':' && fields.length < 4) {
      fields.push(current);
      current = '';
    } else current += ch;
  }
  fields.push(current);
  return fields.length === 5 ? fields : undefined;
}

export function pgpassLookup(target: PgpassTarget, env: Readonly<Record<string, string | undefined>> = process.env): string | undefined {
  const file = pgpassFile(env);
  let text: string;
  try {
    if ((statSync(file).mode & 0o077) !== 0) return undefined;
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  const wanted = [target.host, String(target.port), target.database, target.user];
  for (const raw of text.split(/\r?\n/)) {
    if (raw.trim() === '' || raw.startsWith('#')) continue;
    const fields = pgpassFields(raw);
    if (fields && wanted.every((value, i) => fields[i] === '*' || fields[i] === value)) return fields[4];
  }
  return undefined;
}
