import { DataSource } from 'typeorm';
import { loadConfig, ConfigError } from '../../src/config/app-config';
import { READ_DB } from '../../src/database/read-database.module';
import { createTestApp, DEMO, bearer, type TestApp } from '../setup/test-app';

/**
 * DATABASE_READ_URL: statistics and exports read through a second pool (a streaming replica in production;
 * bench/scale-out.sh runs a real one). Here the "replica" URL points at the test database itself, which proves the
 * wiring: a separate DataSource answers /stats and /exports with the primary's figures.
 */
const onPostgres = process.env.WM_TEST_DB_KIND === 'postgres';

describe('read replica (DATABASE_READ_URL)', () => {
  it('is refused on the embedded database (no replica there)', () => {
    expect(() =>
      loadConfig({ DATA_DIR: '/tmp/wenming-test-data', JWT_SECRET: 'x'.repeat(32), DATA_KEY: 'a'.repeat(64), DATABASE_READ_URL: 'postgresql://h/db' }),
    ).toThrow(ConfigError);
  });

  (onPostgres ? describe : describe.skip)('on PostgreSQL', () => {
    let primary: TestApp;
    let replica: TestApp;
    beforeAll(async () => {
      primary = await createTestApp();
      replica = await createTestApp({ DATABASE_READ_URL: process.env.WM_TEST_DB_URL! });
    });
    afterAll(async () => {
      await replica?.close();
      await primary?.close();
    });

    it('stats and exports read through their own pool and answer what the primary answers', async () => {
      expect(primary.app.get(READ_DB)).toBe(primary.app.get(DataSource));
      expect(replica.app.get(READ_DB)).not.toBe(replica.app.get(DataSource));
      const admin = bearer(await primary.token(DEMO.county));
      const q = { from: '2025-01-01', to: '2026-12-31' };
      const a = await primary
        .http()
        .get('/api/v1/stats/breakdown')
        .query({ ...q, by: 'town' })
        .set(admin);
      const b = await replica
        .http()
        .get('/api/v1/stats/breakdown')
        .query({ ...q, by: 'town' })
        .set(admin);
      expect(b.status).toBe(200);
      expect(b.body).toEqual(a.body);
      const csv = await replica
        .http()
        .get('/api/v1/exports/attendance')
        .query({ ...q, format: 'csv' })
        .set(admin);
      expect(csv.status).toBe(200);
      const base = await primary
        .http()
        .get('/api/v1/exports/attendance')
        .query({ ...q, format: 'csv' })
        .set(admin);
      const body = (t: string) => t.slice(t.indexOf('活动日期,'));
      expect(body(csv.text)).toBe(body(base.text));
    });
  });
});
