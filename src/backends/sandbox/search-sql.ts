/**
 * SQL for finding rows by an identifier through the NOCASE indexes of migration 9: an exact match is
 * `col = ? COLLATE NOCASE`, a prefix is the range [prefix, prefix + U+FFFF) under NOCASE — both index seeks.
 * (`LIKE 'x%'` would be one too only with case-insensitive LIKE and no ESCAPE; the range says what it means.)
 */
import type { IdentifierKind, SearchQuery } from '../types/search.js';

/** `column` starts with the text bound to `param`, case-insensitively (a range over the column's NOCASE index). */
export const prefixSql = (column: string, param: string): string =>
  `(${column} >= ${param} COLLATE NOCASE AND ${column} < (${param} || char(65535)) COLLATE NOCASE)`;

/** One statement per kind: the IDs of the rows that kind matches (each through an index). */
export type KindStatements = Partial<Record<IdentifierKind, { sql: string; value: (q: SearchQuery) => string | undefined }>>;

/** Runs each kind's statement in the query's order; the first kind that matched an ID is kept for it. */
export function matchIds(
  all: (sql: string, value: string) => string[],
  statements: KindStatements,
  query: SearchQuery,
): Map<string, IdentifierKind> {
  const found = new Map<string, IdentifierKind>();
  for (const kind of query.kinds) {
    const statement = statements[kind];
    const value = statement?.value(query);
    if (!statement || value === undefined || value === '') continue;
    for (const id of all(statement.sql, value)) if (!found.has(id)) found.set(id, kind);
  }
  return found;
}

export const textOf = (q: SearchQuery): string => q.text;

/** Newest first by creation time (ISO strings sort as times). */
export function newestFirst<T>(items: T[], createdAt: (item: T) => string): T[] {
  return items.sort((a, b) => createdAt(b).localeCompare(createdAt(a)));
}
