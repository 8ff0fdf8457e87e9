import { DataSource } from 'typeorm';
import { selectParts } from '../../src/database/sql';
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
