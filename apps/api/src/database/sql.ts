import { createHash } from 'node:crypto';
import { QueryFailedError, type DataSource, type EntityManager } from 'typeorm';

/**
 * The one small SQL toolbox every repository uses (issue 16): positional parameters, typed rows,
 * `RETURNING` answers, LIKE patterns, and the deadlock-retrying transaction.
 * Repositories (`<module>.repository.ts`) hold a module's SQL; services never call `query` themselves.
 */

/** Anything that can run a query: the DataSource, or the EntityManager of the current transaction. */
export type Queryable = Pick<EntityManager, 'query'> | Pick<DataSource, 'query'>;

/** Positional SQL parameters: `p.add(v)` pushes a value and answers its placeholder (`$3`). */
export class Params {
  readonly values: unknown[];
  constructor(initial: unknown[] = []) {
    this.values = [...initial];
  }
  add(v: unknown): string {
    this.values.push(v);
    return `$${this.values.length}`;
  }
}

/** Rows of a SELECT (or INSERT … RETURNING), typed by the caller. */
export async function selectRows<T>(db: Queryable, sql: string, params: unknown[] = []): Promise<T[]> {
  return (await db.query(sql, params)) as T[];
}

/** The first row, or undefined. */
export async function selectOne<T>(db: Queryable, sql: string, params: unknown[] = []): Promise<T | undefined> {
  return ((await db.query(sql, params)) as T[])[0];
}

/** TypeORM answers UPDATE/DELETE … RETURNING on PostgreSQL as [rows, affected]; INSERT … RETURNING as rows. */
export function returnedRows<T>(result: unknown): T[] {
  return Array.isArray(result) && Array.isArray(result[0]) ? (result[0] as T[]) : (result as T[]);
}

/** Run an UPDATE/DELETE/INSERT … RETURNING and answer its rows. */
export async function mutateReturning<T>(db: Queryable, sql: string, params: unknown[] = []): Promise<T[]> {
  return returnedRows<T>(await db.query(sql, params));
}

/** One SELECT and its positional parameters. */
export interface SqlPart {
  sql: string;
  params: unknown[];
}

/**
 * Several read-only SELECTs in ONE statement (one round trip, one planned statement): each part answered as a JSON
 * array (`json_agg`), so the driver parses one row instead of every row of every part (issue 15: a 350-row
 * breakdown sent three statements and parsed ~1,050 rows). Each part's `$n` are renumbered after the parts before it,
 * so a part must use `$` only for its parameters. In the answer, numbers (bigint and numeric sums too) are JSON
 * numbers, dates and timestamps ISO strings, SQL NULL is null.
 */
export async function selectParts<K extends string>(db: Queryable, parts: Record<K, SqlPart>, opts: { prepared?: boolean } = {}): Promise<Record<K, unknown[]>> {
  const names = Object.keys(parts) as K[];
  const params: unknown[] = [];
  const columns = names.map((name, i) => {
    const part = parts[name];
    const offset = params.length;
    params.push(...part.params);
    const sql = offset ? part.sql.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + offset}`) : part.sql;
    return `(SELECT coalesce(json_agg(p${i}), '[]'::json) FROM (${sql}) p${i}) AS "${name}"`;
  });
  const sql = `SELECT ${columns.join(', ')}`;
  const [row] = (await (opts.prepared ? preparedQuery(db, sql, params) : db.query(sql, params))) as Array<Record<K, unknown[]>>;
  return row;
}

/** The pg pool behind a DataSource (PostgreSQL and the embedded database's socket both use `pg`), or undefined. */
function pgPool(db: Queryable): { query(config: { name?: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] }> } | undefined {
  const pool = (db as Partial<DataSource>).driver && ((db as DataSource).driver as unknown as { master?: { query?: unknown } }).master;
  return pool && typeof pool.query === 'function' ? (pool as ReturnType<typeof pgPool>) : undefined;
}

/** How many statement texts one process prepares at most (each pooled connection keeps its own copy and plan). */
export const PREPARED_MAX = 200;
const preparedNames = new Map<string, string>();

/**
 * A read as a named prepared statement on the DataSource's pool (issue 15): the connection parses the text once and
 * PostgreSQL reuses its plan, instead of parsing and planning it for every request — the statistics' single statements
 * spent 1.5–3 ms of their 6–8 ms there (bench/prepared.mjs). The name is a hash of the text; past PREPARED_MAX
 * distinct texts (or on an EntityManager, inside a transaction) it is an ordinary query. Errors come back as
 * TypeORM's QueryFailedError, as from `db.query`.
 */
export async function preparedQuery(db: Queryable, sql: string, params: unknown[]): Promise<unknown[]> {
  const pool = pgPool(db);
  let name = preparedNames.get(sql);
  if (!pool || (!name && preparedNames.size >= PREPARED_MAX)) return db.query(sql, params) as Promise<unknown[]>;
  if (!name) {
    name = `wm_${createHash('sha1').update(sql).digest('base64url').slice(0, 20)}`;
    preparedNames.set(sql, name);
  }
  try {
    return (await pool.query({ name, text: sql, values: params })).rows;
  } catch (err) {
    throw new QueryFailedError(sql, params, err as Error);
  }
}

/** `%text%` for ILIKE with `\`, `%` and `_` escaped (PostgreSQL's default escape character is `\`). */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** A UUID no row has: `= ANY($1)` with an empty scope must match nothing, and `IN ()` is not SQL. */
export const NO_ID = '00000000-0000-0000-0000-000000000000';
/** An id list that may be empty, made safe for `IN (:...ids)` / `= ANY(…)`. */
export const idsOrNone = (ids: readonly string[]): string[] => (ids.length ? [...ids] : [NO_ID]);

/** PostgreSQL aborted the transaction as a deadlock victim (40P01) or a serialization failure (40001). */
export function isRetryableTxError(err: unknown): boolean {
  const e = err as { code?: string; driverError?: { code?: string } } | undefined;
  const code = e?.code ?? e?.driverError?.code;
  return code === '40P01' || code === '40001';
}

/**
 * Run `fn` in one transaction; retry a few times if PostgreSQL aborts it as a deadlock victim or a
 * serialization failure. Every module that locks rows uses this, so a lost race is retried, never a 500.
 */
export async function inTransaction<T>(db: DataSource, fn: (em: EntityManager) => Promise<T>, attempts = 4): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await db.transaction(fn);
    } catch (err) {
      if (i >= attempts || !isRetryableTxError(err)) throw err;
      await new Promise((r) => setTimeout(r, 5 * i + Math.floor(Math.random() * 10)));
    }
  }
}

// ---- repo-b (issue 16): counts of list pages

/** A `SELECT count(*) … AS n` answered as a number (0 when no row). */
export async function selectCount(db: Queryable, sql: string, params: unknown[] = []): Promise<number> {
  return Number((await selectOne<{ n: number | string }>(db, sql, params))?.n ?? 0);
}
