import ExcelJS from 'exceljs';
import { randomBytes, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ACTIVITY_CATEGORIES, ACTIVITY_KINDS, STATS_BREAKDOWN_BY, TEAM_TYPES, minutesToHours, type StatsFilter } from '@wenming/shared';
import { stringify as stringifySync } from 'csv-stringify/sync';
import { attendanceLine } from '../../src/modules/exports/attendance-export.service';
import { attendanceCopySql, attendanceExportSql, type AttendanceExportRow } from '../../src/modules/exports/exports.repository';
import { Prng } from '../../src/database/seed/prng';
import { StatsService } from '../../src/modules/stats/stats.service';
import { statsTestSeed } from '../setup/random-county';
import { createTestApp, DEMO, bearer, demoIds, uniquePhone, type TestApp } from '../setup/test-app';

/**
 * Reconciliation: random county data written by direct SQL (the roll-up triggers must follow it), then for random
 * filters summary = breakdown total = sum of rows = export 合计 = an independent raw SQL aggregate; again after edits.
 * Every filter is restricted to two towns this suite creates, so other suites' rows never count.
 */

const SEED = statsTestSeed(); // printed in the suite's name, so a failure can be replayed
const rng = new Prng(SEED);
const ADDITIVE = ['activities', 'personTimes', 'serviceMinutes', 'audienceReached'] as const;

interface Town {
  regionId: string;
  instituteId: string;
  stationIds: string[];
  teamIds: string[];
}

describe(`statistics and exports (seed ${SEED})`, () => {
  let t: TestApp;
  let db: DataSource;
  let admin: Record<string, string>;
  let ids: Awaited<ReturnType<typeof demoIds>>;
  const towns: Town[] = [];
  const volunteerIds: string[] = [];
  const activityIds: string[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    db = t.app.get(DataSource);
    admin = bearer(await t.token(DEMO.county));
    ids = await demoIds(t);
    const [county] = await db.query(`SELECT id FROM regions WHERE level = 'county' LIMIT 1`);
    const [center] = await db.query(`SELECT id FROM sites WHERE level = 'center' LIMIT 1`);
    const tag = randomBytes(4).toString('hex');
    for (let ti = 0; ti < 2; ti++) {
      const regionId = randomUUID();
      await db.query(`INSERT INTO regions (id, name, level, parent_id, code) VALUES ($1, $2, 'town', $3, $4)`, [
        regionId,
        `统计测试${tag}镇${ti}`,
        county.id,
        `S${tag}${ti}`,
      ]);
      const instituteId = randomUUID();
      await db.query(`INSERT INTO sites (id, name, level, region_id, parent_id) VALUES ($1, $2, 'institute', $3, $4)`, [
        instituteId,
        `统计测试${tag}镇${ti}实践所`,
        regionId,
        center.id,
      ]);
      const stationIds: string[] = [];
      for (let si = 0; si < 2; si++) {
        const villageId = randomUUID();
        await db.query(`INSERT INTO regions (id, name, level, parent_id, code) VALUES ($1, $2, $3, $4, $5)`, [
          villageId,
          `测试${tag}村${ti}${si}`,
          si ? 'community' : 'village',
          regionId,
          `S${tag}${ti}${si}`,
        ]);
        const stationId = randomUUID();
        await db.query(`INSERT INTO sites (id, name, level, region_id, parent_id) VALUES ($1, $2, 'station', $3, $4)`, [
          stationId,
          `测试${tag}村${ti}${si}实践站`,
          villageId,
          instituteId,
        ]);
        stationIds.push(stationId);
      }
      const teamIds: string[] = [];
      for (const siteId of [instituteId, ...stationIds]) {
        const id = randomUUID();
        await db.query(`INSERT INTO teams (id, name, type, site_id) VALUES ($1, $2, $3, $4)`, [id, `测试${tag}队${teamIds.length}-${ti}`, rng.pick(TEAM_TYPES), siteId]);
        teamIds.push(id);
      }
      towns.push({ regionId, instituteId, stationIds, teamIds });
    }
    for (let i = 0; i < 30; i++) {
      const id = randomUUID();
      await db.query(`INSERT INTO volunteers (id, name, phone, site_id) VALUES ($1, $2, $3, $4)`, [
        id,
        `统计${i}`,
        i % 3 ? uniquePhone() : null,
        towns[i % 2].stationIds[0],
      ]);
      volunteerIds.push(id);
    }
    // activities over 2025-12 … 2026-03 (crosses a year and ISO weeks), some on Fridays as service days
    const acts: unknown[][] = [];
    for (let i = 0; i < 70; i++) {
      const town = rng.pick(towns);
      const teamId = rng.pick(town.teamIds);
      const day = new Date(Date.UTC(2025, 11, 1) + rng.int(0, 120) * 86400_000);
      const hour = rng.int(0, 23); // Shanghai hour: early hours are the previous day in UTC
      const startsAt = new Date(day.getTime() + (hour - 8) * 3600_000);
      const endsAt = new Date(startsAt.getTime() + rng.int(30, 300) * 60_000);
      const kind = rng.next() < 0.4 ? 'service_day' : rng.pick(ACTIVITY_KINDS);
      const status = rng.pick(['published', 'completed', 'completed', 'completed', 'draft'] as const);
      acts.push([
        randomUUID(),
        `统计活动${i}`,
        kind,
        rng.pick(ACTIVITY_CATEGORIES),
        teamId,
        startsAt,
        endsAt,
        status,
        rng.next() < 0.2 ? null : rng.int(0, 300),
        randomBytes(16).toString('hex'),
      ]);
    }
    const params: unknown[] = [];
    const values = acts.map((a) => {
      const base = params.length;
      return `(${a.map((v) => (params.push(v), `$${params.length}`)).join(',')}, (SELECT site_id FROM teams WHERE id = $${base + 5}::uuid))`;
    });
    await db.query(
      `INSERT INTO activities (id, title, kind, category, team_id, starts_at, ends_at, status, audience_reached, checkin_secret, site_id) VALUES ${values.join(',')}`,
      params,
    );
    activityIds.push(...acts.map((a) => a[0] as string));
    // attendance: one multi-row statement (statement-level trigger with many rows)
    const att: unknown[][] = [];
    for (const a of acts) {
      const vs = [...volunteerIds].sort(() => rng.next() - 0.5).slice(0, rng.int(0, 8));
      for (const v of vs) {
        const status = rng.pick(['confirmed', 'confirmed', 'pending', 'rejected'] as const);
        att.push([a[0], v, a[5], a[6], 'manual', status === 'pending' && rng.next() < 0.5 ? null : rng.int(0, 300), status]);
      }
    }
    const p2: unknown[] = [];
    const v2 = att.map((a) => `(${a.map((v) => (p2.push(v), `$${p2.length}`)).join(',')})`);
    await db.query(`INSERT INTO attendance (activity_id, volunteer_id, check_in_at, check_out_at, method, minutes, status) VALUES ${v2.join(',')}`, p2);
  });
  // remove the suite's county rows again: other suites count the county's 18 towns (the triggers follow the deletes)
  afterAll(async () => {
    await db.query(`DELETE FROM attendance WHERE activity_id = ANY($1::uuid[])`, [activityIds]);
    await db.query(`DELETE FROM activities WHERE id = ANY($1::uuid[])`, [activityIds]);
    await db.query(`DELETE FROM teams WHERE id = ANY($1::uuid[])`, [towns.flatMap((x) => x.teamIds)]);
    await db.query(`DELETE FROM volunteers WHERE id = ANY($1::uuid[])`, [volunteerIds]);
    await db.query(`DELETE FROM sites WHERE id = ANY($1::uuid[])`, [towns.flatMap((x) => x.stationIds)]);
    await db.query(`DELETE FROM sites WHERE id = ANY($1::uuid[])`, [towns.map((x) => x.instituteId)]);
    await db.query(`DELETE FROM regions WHERE parent_id = ANY($1::uuid[])`, [towns.map((x) => x.regionId)]);
    await db.query(`DELETE FROM regions WHERE id = ANY($1::uuid[])`, [towns.map((x) => x.regionId)]);
    const [left] = await db.query(`SELECT count(*)::int AS n FROM stats_daily WHERE team_id = ANY($1::uuid[])`, [towns.flatMap((x) => x.teamIds)]);
    expect(left.n).toBe(0);
    await t.close();
  });

  /** Independent raw aggregate over activities + attendance (no roll-up involved). */
  async function raw(f: StatsFilter) {
    const townIds = f.townId ? [f.townId] : towns.map((x) => x.regionId);
    const day = `(a.starts_at AT TIME ZONE 'Asia/Shanghai')::date`;
    const p: unknown[] = [townIds];
    const c: string[] = [`(r.id = ANY($1::uuid[]) OR r.parent_id = ANY($1::uuid[]))`];
    const add = (sql: string, v: unknown) => (p.push(v), c.push(sql.replace('?', `$${p.length}`)));
    if (f.from) add(`${day} >= ?::date`, f.from);
    if (f.to) add(`${day} <= ?::date`, f.to);
    if (f.teamId) add(`a.team_id = ?`, f.teamId);
    if (f.teamType) add(`tm.type = ?`, f.teamType);
    if (f.category) add(`a.category = ?`, f.category);
    if (f.kind) add(`a.kind = ?`, f.kind);
    if (f.siteId) add(`(s.id = ? OR s.parent_id = $${p.length + 1})`, f.siteId);
    const [row] = await db.query(
      `WITH acts AS (SELECT a.* FROM activities a JOIN sites s ON s.id = a.site_id JOIN regions r ON r.id = s.region_id JOIN teams tm ON tm.id = a.team_id WHERE ${c.join(' AND ')})
       SELECT (SELECT count(*) FROM acts WHERE status = 'completed')::int AS activities,
              (SELECT coalesce(sum(audience_reached), 0) FROM acts WHERE status = 'completed')::int AS "audienceReached",
              count(t.id)::int AS "personTimes", count(DISTINCT t.volunteer_id)::int AS volunteers, coalesce(sum(t.minutes), 0)::int AS "serviceMinutes"
       FROM acts a JOIN attendance t ON t.activity_id = a.id AND t.status = 'confirmed' WHERE a.status <> 'cancelled'`,
      p,
    );
    return { ...row, serviceHours: minutesToHours(row.serviceMinutes) };
  }

  function randomFilter(): StatsFilter {
    const town = rng.pick(towns);
    const f: StatsFilter = rng.next() < 0.7 ? { townId: town.regionId } : { siteId: rng.next() < 0.5 ? town.instituteId : rng.pick(town.stationIds) };
    if (f.siteId && rng.next() < 0.3) f.townId = town.regionId;
    if (rng.next() < 0.6) {
      const d1 = new Date(Date.UTC(2025, 11, 1) + rng.int(0, 80) * 86400_000).toISOString().slice(0, 10);
      const d2 = new Date(new Date(d1).getTime() + rng.int(0, 60) * 86400_000).toISOString().slice(0, 10);
      f.from = d1;
      if (rng.next() < 0.8) f.to = d2;
    }
    if (rng.next() < 0.25) f.teamId = rng.pick(town.teamIds);
    if (rng.next() < 0.25) f.teamType = rng.pick(TEAM_TYPES);
    if (rng.next() < 0.25) f.category = rng.pick(ACTIVITY_CATEGORIES);
    if (rng.next() < 0.25) f.kind = rng.pick(ACTIVITY_KINDS);
    return f;
  }

  async function reconcile(f: StatsFilter, withExports = false) {
    const expected = await raw(f);
    const summary = await t.http().get('/api/v1/stats/summary').query(f).set(admin);
    expect(summary.status).toBe(200);
    const { filter: _f, ...figs } = summary.body;
    expect({ f, figs }).toEqual({ f, figs: expected });
    for (const by of STATS_BREAKDOWN_BY) {
      const b = await t
        .http()
        .get('/api/v1/stats/breakdown')
        .query({ ...f, by })
        .set(admin);
      expect(b.status).toBe(200);
      expect({ f, by, total: b.body.total }).toEqual({ f, by, total: expected });
      for (const k of ADDITIVE) expect({ by, k, sum: b.body.rows.reduce((s: number, r: Record<string, number>) => s + r[k], 0) }).toEqual({ by, k, sum: expected[k] });
      for (const r of b.body.rows) expect(r.volunteers).toBeLessThanOrEqual(expected.volunteers);
      expect(b.body.notes).toMatch(/distinct/);
    }
    if (withExports) {
      const csv = await t
        .http()
        .get('/api/v1/exports/stats')
        .query({ ...f, by: 'town', format: 'csv' })
        .set(admin);
      expect(csv.status).toBe(200);
      expect(csv.text.charCodeAt(0)).toBe(0xfeff);
      const total = csv.text
        .split('\r\n')
        .find((l) => l.startsWith('合计,'))!
        .split(',')
        .slice(1)
        .map(Number);
      expect(total).toEqual([expected.activities, expected.personTimes, expected.volunteers, expected.serviceHours, expected.serviceMinutes, expected.audienceReached]);
      const xlsx = await t
        .http()
        .get('/api/v1/exports/stats')
        .query({ ...f, by: 'category', format: 'xlsx' })
        .set(admin)
        .buffer(true)
        .parse(binary);
      expect(xlsx.status).toBe(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(xlsx.body);
      const rows: unknown[][] = [];
      wb.worksheets[0].eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
      expect(rows.find((r) => r[0] === '合计')!.slice(1)).toEqual([
        expected.activities,
        expected.personTimes,
        expected.volunteers,
        expected.serviceHours,
        expected.serviceMinutes,
        expected.audienceReached,
      ]);
    }
    return expected;
  }

  it('summary = breakdown total = Σ rows = raw SQL for random filters (and the exports’ 合计)', async () => {
    const all = await reconcile({ townId: towns[0].regionId }, true);
    expect(all.personTimes).toBeGreaterThan(0);
    for (let i = 0; i < 8; i++) await reconcile(randomFilter(), i < 2);
  });

  it('stays exact after edits: reject, cancel, minutes corrected, activity moved to another day/category, completed late', async () => {
    const [conf] = await db.query(`SELECT id FROM attendance WHERE status = 'confirmed' AND activity_id = ANY($1::uuid[]) LIMIT 1`, [activityIds]);
    await db.query(`UPDATE attendance SET status = 'rejected', rejected_reason = '测试' WHERE id = $1`, [conf.id]);
    await db.query(`UPDATE attendance SET minutes = minutes + 17 WHERE status = 'confirmed' AND activity_id = ANY($1::uuid[])`, [activityIds.slice(0, 20)]);
    await db.query(`UPDATE attendance SET status = 'confirmed', minutes = 45 WHERE status = 'pending' AND activity_id = ANY($1::uuid[])`, [activityIds.slice(20, 40)]);
    const [victim] = await db.query(`SELECT activity_id FROM attendance WHERE status = 'confirmed' AND activity_id = ANY($1::uuid[]) LIMIT 1`, [activityIds]);
    await db.query(`UPDATE attendance SET status = 'rejected' WHERE activity_id = $1 AND status = 'confirmed'`, [victim.activity_id]);
    await db.query(`UPDATE activities SET status = 'cancelled' WHERE id = $1`, [victim.activity_id]);
    await db.query(
      `UPDATE activities SET starts_at = starts_at + interval '3 days', ends_at = ends_at + interval '3 days', category = 'health' WHERE id = ANY($1::uuid[])`,
      [activityIds.slice(40, 50)],
    );
    await db.query(`UPDATE activities SET team_id = $2, site_id = (SELECT site_id FROM teams WHERE id = $2) WHERE id = ANY($1::uuid[])`, [
      activityIds.slice(50, 55),
      towns[1].teamIds[2],
    ]);
    await db.query(`UPDATE activities SET status = 'completed', audience_reached = 88 WHERE status IN ('published', 'draft') AND id = ANY($1::uuid[])`, [
      activityIds.slice(55, 65),
    ]);
    await db.query(`UPDATE activities SET audience_reached = coalesce(audience_reached, 0) + 1 WHERE status = 'completed' AND id = ANY($1::uuid[])`, [
      activityIds.slice(0, 10),
    ]);
    await db.query(`DELETE FROM attendance WHERE status = 'pending' AND activity_id = ANY($1::uuid[])`, [activityIds]);
    // the cancelled activity's people left its day bucket, unless another confirmed attendance of the bucket keeps them
    const [cancelled] = await db.query(
      `SELECT count(*)::int AS n FROM stats_daily_volunteers v JOIN activities a ON a.id = $1 AND v.team_id = a.team_id AND v.day = (a.starts_at AT TIME ZONE 'Asia/Shanghai')::date AND v.category = a.category AND v.kind = a.kind
        WHERE v.volunteer_id IN (SELECT volunteer_id FROM attendance WHERE activity_id = $1)
          AND NOT EXISTS (SELECT 1 FROM attendance t JOIN activities o ON o.id = t.activity_id
                           WHERE t.volunteer_id = v.volunteer_id AND t.status = 'confirmed' AND o.id <> $1 AND o.team_id = a.team_id
                             AND o.category = a.category AND o.kind = a.kind AND (o.starts_at AT TIME ZONE 'Asia/Shanghai')::date = v.day)`,
      [victim.activity_id],
    );
    expect(cancelled.n).toBe(0);
    await reconcile({ townId: towns[0].regionId }, true);
    await reconcile({ townId: towns[1].regionId });
    for (let i = 0; i < 5; i++) await reconcile(randomFilter());
  });

  it('breakdown labels: town names, team types, categories, months and ISO weeks in Chinese', async () => {
    const f = { townId: towns[0].regionId };
    const town = await t
      .http()
      .get('/api/v1/stats/breakdown')
      .query({ ...f, by: 'town' })
      .set(admin);
    expect(town.body.rows.map((r: { label: string }) => r.label)).toEqual([expect.stringMatching(/^统计测试.*镇0$/)]);
    const month = await t
      .http()
      .get('/api/v1/stats/breakdown')
      .query({ ...f, by: 'month' })
      .set(admin);
    for (const r of month.body.rows) expect(r.key).toMatch(/^20\d\d-\d\d$/);
    const week = await t
      .http()
      .get('/api/v1/stats/breakdown')
      .query({ ...f, by: 'week' })
      .set(admin);
    for (const r of week.body.rows) expect(r.label).toMatch(/^20\d\d-W\d\d$/);
    const cat = await t
      .http()
      .get('/api/v1/stats/breakdown')
      .query({ ...f, by: 'category' })
      .set(admin);
    for (const r of cat.body.rows) expect(r.label).toMatch(/^[\u4e00-\u9fa5]+$/);
    // sites and teams by their names as they are now (read alongside the figures, for every key of the answer)
    for (const [by, table] of [
      ['site', 'sites'],
      ['team', 'teams'],
    ] as const) {
      const res = await t
        .http()
        .get('/api/v1/stats/breakdown')
        .query({ ...f, by })
        .set(admin);
      expect(res.status).toBe(200);
      const keys = res.body.rows.map((r: { key: string }) => r.key);
      expect(keys.length).toBeGreaterThan(0);
      const names = new Map<string, string>(
        (await db.query(`SELECT id, name FROM ${table} WHERE id = ANY($1::uuid[])`, [keys])).map((x: { id: string; name: string }) => [x.id, x.name]),
      );
      for (const r of res.body.rows) expect(r.label).toBe(names.get(r.key));
    }
  });

  it('service days: Friday service_day activities, one row per date, totals reconcile', async () => {
    const f = { townId: towns[0].regionId };
    const res = await t.http().get('/api/v1/stats/service-days').query(f).set(admin);
    expect(res.status).toBe(200);
    const expected = await raw({ ...f, kind: 'service_day' });
    const [fri] = await db.query(
      `SELECT count(*)::int AS n, count(DISTINCT t.volunteer_id)::int AS v, coalesce(sum(t.minutes), 0)::int AS m FROM activities a
       JOIN attendance t ON t.activity_id = a.id AND t.status = 'confirmed'
       JOIN sites s ON s.id = a.site_id JOIN regions r ON r.id = s.region_id
       WHERE (r.id = $1 OR r.parent_id = $1) AND a.kind = 'service_day' AND a.status <> 'cancelled'
         AND extract(isodow FROM (a.starts_at AT TIME ZONE 'Asia/Shanghai')::date) = 5`,
      [f.townId],
    );
    expect(res.body.total).toMatchObject({ personTimes: fri.n, volunteers: fri.v, serviceMinutes: fri.m, serviceHours: minutesToHours(fri.m) });
    expect(fri.n).toBeLessThanOrEqual(expected.personTimes);
    for (const r of res.body.rows) {
      expect(new Date(`${r.date}T00:00:00Z`).getUTCDay()).toBe(5);
      expect(r.teams).toBeGreaterThan(0);
    }
    expect(res.body.rows.reduce((s: number, r: { serviceMinutes: number }) => s + r.serviceMinutes, 0)).toBe(res.body.total.serviceMinutes);
  });

  it('attendance export: streamed CSV with BOM, masked phones, RFC 5987 file name; XLSX opens', async () => {
    const f = { townId: towns[1].regionId, from: '2025-12-01', to: '2026-03-31' };
    const res = await t
      .http()
      .get('/api/v1/exports/attendance')
      .query({ ...f, format: 'csv' })
      .set(admin);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/csv/);
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="wenming-attendance-2025-12-01-2026-03-31\.csv"; filename\*=UTF-8''%E5%BF%97/);
    expect(res.text.charCodeAt(0)).toBe(0xfeff);
    const lines = res.text.slice(1).split('\r\n').filter(Boolean);
    const header = lines.findIndex((l) => l.startsWith('活动日期,'));
    expect(header).toBeGreaterThan(0);
    const body = lines.slice(header + 1);
    const [n] = await db.query(
      `SELECT count(*)::int AS n FROM attendance t JOIN activities a ON a.id = t.activity_id JOIN sites s ON s.id = a.site_id JOIN regions r ON r.id = s.region_id
       WHERE (r.id = $1 OR r.parent_id = $1) AND (a.starts_at AT TIME ZONE 'Asia/Shanghai')::date BETWEEN $2 AND $3`,
      [f.townId, f.from, f.to],
    );
    expect(body).toHaveLength(n.n);
    expect(res.text).not.toMatch(/,1[3-9]\d{9},/);
    expect(body.some((l) => /,1\d\d\*\*\*\*\d{4},/.test(l))).toBe(true);
    const xlsx = await t
      .http()
      .get('/api/v1/exports/attendance')
      .query({ ...f, format: 'xlsx' })
      .set(admin)
      .buffer(true)
      .parse(binary);
    expect(xlsx.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.body);
    // 4 title rows (the blank one dropped from `lines` above) + header + detail rows
    expect(wb.worksheets[0].rowCount).toBe(header + 2 + n.n);
  });

  it('attendance CSV: the COPY path (PostgreSQL) writes byte for byte what the row-by-row path writes', async () => {
    const f = { townId: towns[0].regionId };
    const res = await t
      .http()
      .get('/api/v1/exports/attendance')
      .query({ ...f, format: 'csv' })
      .set(admin);
    expect(res.status).toBe(200);
    const [u] = await db.query(`SELECT id, phone, role, site_id AS "siteId", volunteer_id AS "volunteerId" FROM users WHERE phone = $1`, [DEMO.county]);
    const r = await t.app.get(StatsService).resolve(u, f);
    const params: unknown[] = [];
    const rows: AttendanceExportRow[] = await db.query(attendanceExportSql(r, params), params);
    expect(rows.length).toBeGreaterThan(0);
    const body = stringifySync(rows.map(attendanceLine), { record_delimiter: 'windows' });
    const text = res.text.slice(1);
    const headerAt = text.indexOf('活动日期,');
    const afterHeader = text.indexOf('\r\n', headerAt) + 2;
    expect(text.slice(afterHeader)).toBe(body);
    // and the SQL shaping itself equals attendanceLine on this database, row for row
    const p2: unknown[] = [];
    const shaped: Array<Record<string, unknown>> = await db.query(attendanceCopySql(r, p2), p2);
    expect(shaped.map((x) => Object.values(x).map((v) => (v === null ? '' : String(v))))).toEqual(rows.map((x) => attendanceLine(x).map(String)));
  });

  it('scope: 401 without login, plain volunteer 403, leader only own teams, site admin only its subtree', async () => {
    expect((await t.http().get('/api/v1/stats/summary')).status).toBe(401);
    expect((await t.http().get('/api/v1/exports/stats').query({ by: 'town', format: 'csv' })).status).toBe(401);
    const member = bearer(await t.token(DEMO.member));
    const m = await t.http().get('/api/v1/stats/summary').set(member);
    expect(m.status).toBe(403);
    expect(m.body.code).toBe('STATS_SCOPE_REQUIRED');
    const leader = bearer(await t.token(DEMO.leader));
    expect((await t.http().get('/api/v1/stats/summary').set(leader)).status).toBe(200);
    expect((await t.http().get('/api/v1/stats/summary').query({ teamId: ids.demoTeamId }).set(leader)).status).toBe(200);
    const other = await t.http().get('/api/v1/stats/breakdown').query({ by: 'team', teamId: towns[0].teamIds[0] }).set(leader);
    expect(other.status).toBe(403);
    expect(other.body.code).toBe('OUT_OF_SCOPE');
    // a leader's breakdown holds only the teams they lead
    const led = await t.http().get('/api/v1/stats/breakdown').query({ by: 'team' }).set(leader);
    for (const r of led.body.rows) expect(r.key).toBe(ids.demoTeamId);
    const site = bearer(await t.token(DEMO.site));
    expect((await t.http().get('/api/v1/stats/summary').query({ townId: towns[0].regionId }).set(site)).status).toBe(403);
    expect((await t.http().get('/api/v1/stats/summary').query({ siteId: ids.otherInstituteId }).set(site)).status).toBe(403);
    expect((await t.http().get('/api/v1/exports/attendance').query({ format: 'csv', siteId: ids.otherInstituteId }).set(site)).status).toBe(403);
    expect((await t.http().get('/api/v1/stats/summary').query({ siteId: ids.yongqingStationId }).set(site)).status).toBe(200);
  });

  it('validation: 400 with details for bad by/format/dates/ids/enums; 404 for an unknown town', async () => {
    const bad = await t.http().get('/api/v1/stats/breakdown').query({ by: 'county', from: '2026-02-30', teamType: 'x' }).set(admin);
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['by', 'from', 'teamType']);
    expect((await t.http().get('/api/v1/stats/summary').query({ from: '2026-03-01', to: '2026-02-01' }).set(admin)).status).toBe(400);
    expect((await t.http().get('/api/v1/stats/summary').query({ teamId: 'nope' }).set(admin)).status).toBe(400);
    expect((await t.http().get('/api/v1/stats/summary').query({ bogus: 1 }).set(admin)).status).toBe(400);
    expect((await t.http().get('/api/v1/exports/stats').query({ by: 'town', format: 'pdf' }).set(admin)).status).toBe(400);
    expect((await t.http().get('/api/v1/stats/summary').query({ townId: randomUUID() }).set(admin)).status).toBe(404);
    const village = await t
      .http()
      .get('/api/v1/stats/summary')
      .query({ townId: (await db.query(`SELECT region_id FROM sites WHERE id = $1`, [towns[0].stationIds[0]]))[0].region_id })
      .set(admin);
    expect(village.status).toBe(400);
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
