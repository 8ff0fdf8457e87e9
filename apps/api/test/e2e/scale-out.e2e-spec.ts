import { DataSource } from 'typeorm';
import { JobsService } from '../../src/modules/jobs/jobs.service';
import { assertDataKey, DataKeyMismatchError } from '../../src/database/key-check';
import { createTestApp, DEMO, bearer, type TestApp } from '../setup/test-app';

/**
 * Issue 15, scale-out: what two API processes behind a balancer share goes through the database. Two app instances
 * on the same database stand in for two processes (bench/scale-out.mjs runs real ones behind HAProxy).
 */
describe('several API processes on one database', () => {
  let a: TestApp;
  let b: TestApp;
  beforeAll(async () => {
    a = await createTestApp();
    b = await createTestApp();
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  it('a login on one process is accepted by the other (same JWT_SECRET)', async () => {
    const token = await a.token(DEMO.county);
    const res = await b.http().get('/api/v1/me').set(bearer(token));
    expect(res.status).toBe(200);
  });

  it('a scheduled job for one period runs once when both processes fire it together', async () => {
    const date = '2031-03-03';
    const [x, y] = await Promise.all([a.app.get(JobsService).run('activity-reminders', { date }), b.app.get(JobsService).run('activity-reminders', { date })]);
    expect([x.ran, y.ran].filter(Boolean)).toHaveLength(1);
    expect(x.period).toBe(date);
    expect(y.period).toBe(date);
  });

  it('a process with another DATA_KEY is refused at start; the same key passes', async () => {
    const db = a.app.get(DataSource);
    await db.query(`DELETE FROM instance_keys`);
    try {
      await assertDataKey(db, Buffer.alloc(32, 1));
      await assertDataKey(db, Buffer.alloc(32, 1));
      await expect(assertDataKey(db, Buffer.alloc(32, 2))).rejects.toThrow(DataKeyMismatchError);
      await expect(assertDataKey(db, Buffer.alloc(32, 2))).rejects.toThrow('DATA_KEY');
      const [row] = await db.query(`SELECT data_key_check FROM instance_keys`);
      expect(row.data_key_check).toMatch(/^[0-9a-f]{64}$/); // a fingerprint, never the key
    } finally {
      await db.query(`DELETE FROM instance_keys`);
    }
  });
});

describe('heavy libraries load on first use (issue 15: idle footprint)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(async () => app?.close());

  it('the first XLSX export of a freshly started app is a workbook exceljs reads back', async () => {
    const res = await app
      .http()
      .get('/api/v1/exports/attendance')
      .query({ format: 'xlsx' })
      .set(bearer(await app.token(DEMO.county)))
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    expect(res.status).toBe(200);
    const { default: ExcelJS } = await import('exceljs');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body);
    const ws = wb.getWorksheet('考勤明细')!;
    expect(ws.getRow(1).getCell(1).value).toBe('志愿服务考勤明细');
    expect(ws.getRow(5).getCell(1).value).toBe('活动日期');
    // 3 title rows, a blank row, the header, then one row per attendance record (all of them: the county admin, all time)
    const [{ n }] = await app.app.get(DataSource).query(`SELECT count(*)::int AS n FROM attendance`);
    expect(ws.rowCount).toBe(5 + n);
  });

  it('the OpenAPI document is built on the first /api/docs-json request', async () => {
    const res = await app.http().get('/api/docs-json');
    expect(res.status).toBe(200);
    expect(res.body.paths['/api/v1/exports/attendance']).toBeDefined();
  });
});
