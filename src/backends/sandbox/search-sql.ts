/**
 * SQL for finding rows by an identifier through the NOCASE indexes of migration 9: an exact match is
 * `col = ? COLLATE NOCASE`, a prefix is the range [prefix, prefix + U+FFFF) under NOCASE — both index seeks.
 * (`LIKE 'x%'` would be one too only with case-insensitive LIKE and no ESCAPE; the range says what it means.)
 */
import type { IdentifierKind, SearchQuery } from '../types/search.js';
import type { Db } from './database.js';

/** `column` starts with the text bound to `param`, case-insensitively (a range over the column's NOCASE index). */
export const prefixSql = (column: string, param: string): string =>
  `(${column} >= ${param} COLLATE NOCASE AND ${column} < (${param} || char(65535)) COLLATE NOCASE)`;

/** One statement per kind: the IDs of the rows that kind matches (each through an index). */
export type KindStatement =
  | { sql: string; value: (q: SearchQuery) => string | undefined }
  /** A statement whose SQL depends on the query (a name's words), with positional parameters. */
  | { build: (q: SearchQuery) => { sql: string; params: string[] } | undefined };
export type KindStatements = Partial<Record<IdentifierKind, KindStatement>>;

/** Binds a statement's value as `@v`, or builds it from the query; undefined when the kind has nothing to match. */
function bound(statement: KindStatement, query: SearchQuery): { sql: string; params: string[] | { v: string } } | undefined {
  if ('build' in statement) return statement.build(query);
  const value = statement.value(query);
  return value === undefined || value === '' ? undefined : { sql: statement.sql, params: { v: value } };
}

/** Runs each kind's statement in the query's order; the first kind that matched an ID is kept for it. */
export function matchIds(
  all: (sql: string, params: string[] | { v: string }) => string[],
  statements: KindStatements,
  query: SearchQuery,
): Map<string, IdentifierKind> {
  const found = new Map<string, IdentifierKind>();
  for (const kind of query.kinds) {
    const statement = statements[kind];
    const run = statement && bound(statement, query);
    if (!run) continue;
    for (const id of all(run.sql, run.params)) if (!found.has(id)) found.set(id, kind);
  }
  return found;
}

/** Runs a kind's statement for `matchIds`, at most `cap` IDs (a name prefix or a busy email may match thousands). */
export const idsOf =
  (db: Db, cap: number) =>
  (sql: string, params: string[] | { v: string }): string[] =>
    db.prepare<unknown[], { id: string }>(`${sql} LIMIT ${cap}`).all(params).map((r) => r.id);

export const textOf = (q: SearchQuery): string => q.text;

/** Newest first by creation time (ISO strings sort as times). */
export function newestFirst<T>(items: T[], createdAt: (item: T) => string): T[] {
  return items.sort((a, b) => createdAt(b).localeCompare(createdAt(a)));
}
