import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { randomBytes, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { createTestApp, DEMO, bearer, demoIds, type TestApp } from '../setup/test-app';

/**
 * GET /exports/service-days (issue 11): the 志愿服务日 table as CSV/XLSX with the filters and scope of
 * /stats/service-days; its rows and 合计 are the API's rows and total. Two Friday service days of the demo team (and a
 * Thursday one that must not count) in 2019, a year no other suite writes, removed again afterwards.
 */
describe('service-day export', () => {
  let t: TestApp;
  let db: DataSource;
  let county: Record<string, string>;
  let site: Record<string, string>;
  let yongqingTown: string;
  let otherTown: string;
  const activityIds: string[] = [];
  const YEAR = { from: '2019-01-01', to: '2019-12-31' };

  beforeAll(async () => {
    t = await createTestApp();
    db = t.app.get(DataSource);
    county = bearer(await t.token(DEMO.county));
    site = bearer(await t.token(DEMO.site));
    const towns: Array<{ id: string; name: string }> = await db.query(`SELECT id, name FROM regions WHERE level = 'town' ORDER BY code`);
    yongqingTown = towns.find((r) => r.name.startsWith('永清镇'))!.id;
    otherTown = towns.find((r) => r.name.startsWith('红堡镇'))!.id;
    const ids = await demoIds(t);
    // 2019-03-01 and 2019-03-08 are Fridays, 2019-03-07 a Thursday; 09:00 Beijing time
    for (const [day, minutes] of [
      ['2019-03-01', 120],
      ['2019-03-08', 90],
      ['2019-03-07', 60],
    ] as const) {
      const id = randomUUID();
      activityIds.push(id);
      const startsAt = new Date(`${day}T01:00:00Z`);
      await db.query(
        `INSERT INTO activities (id, title, kind, category, team_id, starts_at, ends_at, status, audience_reached, checkin_secret, site_id)
         VALUES ($1, $2, 'service_day', 'sanitation', $3, $4, $5, 'completed', 30, $6, $7)`,
        [id, `志愿服务日导出测试${day}`, ids.demoTeamId, startsAt, new Date(startsAt.getTime() + 3 * 3600_000), randomBytes(16).toString('hex'), ids.yongqingStationId],
      );
      for (const v of [ids.leaderVolunteerId, ids.memberVolunteerId]) {
        await db.query(
          `INSERT INTO attendance (activity_id, volunteer_id, check_in_at, check_out_at, method, minutes, status) VALUES ($1, $2, $3, $4, 'manual', $5, 'confirmed')`,
          [id, v, startsAt, new Date(startsAt.getTime() + minutes * 60_000), minutes],
        );
      }
    }
  });
  afterAll(async () => {
    await db.query(`DELETE FROM attendance WHERE activity_id = ANY($1::uuid[])`, [activityIds]);
    await db.query(`DELETE FROM activities WHERE id = ANY($1::uuid[])`, [activityIds]);
    await t.close();
  });

  const rowsOf = (csvText: string) => parse(csvText.replace(/^\ufeff/, ''), { relax_column_count: true }) as string[][];

  it('CSV: BOM, CRLF, Chinese headers and file name, one row per date, 合计 = /stats/service-days total', async () => {
    const api = await t.http().get('/api/v1/stats/service-days').query(YEAR).set(county);
    expect(api.status).toBe(200);
    expect(api.body.rows.map((r: { date: string }) => r.date)).toEqual(['2019-03-01', '2019-03-08']);
    expect(api.body.total).toMatchObject({ activities: 2, personTimes: 4, volunteers: 2, serviceMinutes: 420, teams: 1 });
    const res = await t
      .http()
      .get('/api/v1/exports/service-days')
      .query({ ...YEAR, format: 'csv' })
      .set(county);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/csv/);
    expect(res.headers['cache-control']).toBe('no-store');
    const disposition = res.headers['content-disposition'] as string;
    expect(disposition).toContain('filename="wenming-service-days-2019-01-01-2019-12-31.csv"');
    expect(decodeURIComponent(disposition.split("UTF-8''")[1])).toBe('志愿服务日统计_2019-01-01至2019-12-31.csv');
    expect(res.text.startsWith('\ufeff')).toBe(true);
    expect(res.text).toContain('\r\n');
    const rows = rowsOf(res.text);
    const h = rows.findIndex((r) => r[0] === '日期');
    expect(rows[h]).toEqual(['日期', '星期', '活动场次', '服务人次', '志愿者人数', '服务时长(小时)', '服务时长(分钟)', '参与队伍数']);
    const body = rows.slice(h + 1).filter((r) => /^\d{4}-\d\d-\d\d$/.test(r[0]));
    expect(body.map((r) => r[0])).toEqual(api.body.rows.map((r: { date: string }) => r.date));
    for (const r of body) expect(r[1]).toBe('星期五');
    const total = rows.find((r) => r[0] === '合计')!;
    expect(total[1]).toBe('2天');
    const tot = api.body.total;
    expect(total.slice(2, 8).map(Number)).toEqual([tot.activities, tot.personTimes, tot.volunteers, tot.serviceHours, tot.serviceMinutes, tot.teams]);
    // additive columns of the rows add up to 合计
    for (const col of [2, 3, 6]) expect(body.reduce((s, r) => s + Number(r[col]), 0)).toBe(Number(total[col]));
  });

  it('XLSX with a date range and a town: opens, rows and 合计 match the API, filter in words', async () => {
    const f = { townId: yongqingTown, ...YEAR };
    const api = await t.http().get('/api/v1/stats/service-days').query(f).set(county);
    const res = await t
      .http()
      .get('/api/v1/exports/service-days')
      .query({ ...f, format: 'xlsx' })
      .set(county)
      .buffer(true)
      .parse(binary);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/spreadsheetml/);
    expect(decodeURIComponent((res.headers['content-disposition'] as string).split("UTF-8''")[1])).toBe('志愿服务日统计_2019-01-01至2019-12-31.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as never);
    const ws = wb.getWorksheet('志愿服务日')!;
    const values: unknown[][] = [];
    ws.eachRow((row) => values.push((row.values as unknown[]).slice(1)));
    expect(String(values[1][0])).toContain('乡镇：永清镇');
    const total = values.find((r) => r[0] === '合计')!;
    expect(api.body.total.personTimes).toBe(4);
    expect(total[3]).toBe(api.body.total.personTimes);
    expect(total[6]).toBe(api.body.total.serviceMinutes);
    expect(values.filter((r) => /^\d{4}-\d\d-\d\d$/.test(String(r[0]))).length).toBe(api.body.rows.length);
  });

  it('site admin: own town exports (合计 = their /stats/service-days); another town is 403, bad format 400, no login 401', async () => {
    const api = await t
      .http()
      .get('/api/v1/stats/service-days')
      .query({ townId: yongqingTown, ...YEAR })
      .set(site);
    expect(api.status).toBe(200);
    expect(api.body.total.serviceMinutes).toBe(420);
    const own = await t
      .http()
      .get('/api/v1/exports/service-days')
      .query({ townId: yongqingTown, ...YEAR, format: 'csv' })
      .set(site);
    expect(own.status).toBe(200);
    const total = rowsOf(own.text).find((r) => r[0] === '合计')!;
    expect(Number(total[3])).toBe(api.body.total.personTimes);
    expect(Number(total[6])).toBe(api.body.total.serviceMinutes);
    const whole = await t.http().get('/api/v1/stats/service-days').set(site);
    const wholeCsv = await t.http().get('/api/v1/exports/service-days').query({ format: 'csv' }).set(site);
    expect(Number(rowsOf(wholeCsv.text).find((r) => r[0] === '合计')![3])).toBe(whole.body.total.personTimes);

    const other = await t.http().get('/api/v1/exports/service-days').query({ townId: otherTown, format: 'csv' }).set(site);
    expect(other.status).toBe(403);
    expect(other.body.message).toMatch(/不在您的管理范围内/);
    expect(other.headers['content-disposition']).toBeUndefined();
    const bad = await t.http().get('/api/v1/exports/service-days').query({ format: 'pdf' }).set(county);
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/format/);
    expect((await t.http().get('/api/v1/exports/service-days').query({ format: 'csv' })).status).toBe(401);
  });
});

/** supertest parser collecting a binary body. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function binary(res: any, cb: (err: Error | null, body: Buffer) => void) {
  const chunks: Buffer[] = [];
  const stream = res as unknown as NodeJS.ReadableStream;
  stream.on('data', (c: Buffer) => chunks.push(c));
  stream.on('end', () => cb(null, Buffer.concat(chunks)));
}
