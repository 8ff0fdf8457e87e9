import { DataSource, QueryFailedError } from 'typeorm';
import { createDataSource } from '../../src/database/data-source';
import { PREPARED_MAX, preparedQuery, selectParts } from '../../src/database/sql';
import { createTestApp, type TestApp } from '../setup/test-app';

/** selectParts: several SELECTs in one statement, each part's parameters renumbered after the parts before it. */
describe('selectParts', () => {
  let t: TestApp;
  let db: DataSource;
  beforeAll(async () => {
    t = await createTestApp();
    db = t.app.get(DataSource);
  });
  afterAll(() => t.close());

  it('answers every part as its rows, with its own parameters, numbers as numbers and an empty part as []', async () => {
    const answer = await selectParts(db, {
      first: { sql: `SELECT g AS n, $2::text || g AS label FROM generate_series(1, $1::int) g ORDER BY g`, params: [3, 'x'] },
      second: { sql: `SELECT $1::text AS key, sum(g)::bigint AS total, NULL::text AS none FROM generate_series(1, $2::int) g`, params: ['k', 10] },
      empty: { sql: `SELECT 1 AS n WHERE $1::boolean`, params: [false] },
    });
    expect(answer.first).toEqual([
      { n: 1, label: 'x1' },
      { n: 2, label: 'x2' },
      { n: 3, label: 'x3' },
    ]);
    expect(answer.second).toEqual([{ key: 'k', total: 55, none: null }]);
    expect(answer.empty).toEqual([]);
  });

  it('a part whose parameter is refused fails the whole statement (nothing half-answered)', async () => {
    await expect(
      selectParts(db, {
        ok: { sql: `SELECT 1 AS n`, params: [] },
        bad: { sql: `SELECT $1::int AS n`, params: ['not a number'] },
      }),
    ).rejects.toThrow();
  });
});

/** preparedQuery: reads as named statements on the pool's connections (parsed and planned once per connection). */
describe('preparedQuery', () => {
  let one: DataSource;
  beforeAll(async () => {
    // one connection, so pg_prepared_statements shows what this pool prepared
    one = createDataSource(process.env.WM_TEST_DB_URL!, { poolSize: 1 });
    await one.initialize();
  });
  afterAll(() => one.destroy());

  const prepared = async (): Promise<Array<{ name: string; statement: string }>> =>
    (await one.query(`SELECT name, statement FROM pg_prepared_statements WHERE name LIKE 'wm\\_%' ORDER BY name`)) as Array<{ name: string; statement: string }>;

  it('answers as db.query does and prepares the text once on the connection, whatever the parameters', async () => {
    const sql = `SELECT g AS n, $2::text || g AS label FROM generate_series(1, $1::int) g ORDER BY g`;
    expect(await preparedQuery(one, sql, [2, 'a'])).toEqual(await one.query(sql, [2, 'a']));
    expect(await preparedQuery(one, sql, [3, 'b'])).toEqual([
      { n: 1, label: 'b1' },
      { n: 2, label: 'b2' },
      { n: 3, label: 'b3' },
    ]);
    const mine = (await prepared()).filter((p) => p.statement === sql);
    expect(mine).toHaveLength(1);
    expect(mine[0].name).toMatch(/^wm_[\w-]{20}$/);
    // selectParts({ prepared: true }) goes the same way
    const parts = await selectParts(one, { a: { sql: `SELECT $1::int AS n`, params: [7] } }, { prepared: true });
    expect(parts.a).toEqual([{ n: 7 }]);
    expect((await prepared()).some((p) => p.statement.includes('SELECT $1::int AS n'))).toBe(true);
  });

  it("a refused parameter is TypeORM's QueryFailedError with PostgreSQL's code, as from db.query", async () => {
    const err = await preparedQuery(one, `SELECT $1::int AS n`, ['not a number']).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(QueryFailedError);
    expect((err as { driverError: { code: string } }).driverError.code).toBe('22P02');
  });

  it('inside a transaction (an EntityManager) it is an ordinary query: nothing is prepared', async () => {
    const before = (await prepared()).length;
    const rows = await one.transaction((em) => preparedQuery(em, `SELECT 41 + $1::int AS n`, [1]));
    expect(rows).toEqual([{ n: 42 }]);
    expect(await prepared()).toHaveLength(before);
  });

  it(`past ${PREPARED_MAX} distinct texts a process prepares no more (each connection would keep them all)`, async () => {
    // (a query error makes the pool replace its connection, so the connection may hold fewer than the process named)
    for (let i = 0; i < PREPARED_MAX; i++) expect(await preparedQuery(one, `SELECT ${i} + $1::int AS n /* fill */`, [1])).toEqual([{ n: i + 1 }]);
    expect(await preparedQuery(one, `SELECT 1000 + $1::int AS n /* past the cap */`, [1])).toEqual([{ n: 1001 }]);
    const names = await prepared();
    expect(names.length).toBeGreaterThan(PREPARED_MAX / 2);
    expect(names.length).toBeLessThanOrEqual(PREPARED_MAX);
    expect(names.some((p) => p.statement.includes('past the cap'))).toBe(false);
  });
});
