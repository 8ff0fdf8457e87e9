import { randomBytes, randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { ACTIVITY_CATEGORIES, ACTIVITY_KINDS, TEAM_TYPES, type StatsFilter } from '@wenming/shared';
import type { AuthUser } from '../../src/common/auth/auth-user';
import { Prng } from '../../src/database/seed/prng';

/**
 * Random statistics data written by SQL, shared by the property tests of the statistics fast paths
 * (stats-bitmap, stats-team-bitmap): two new towns (institute + station each), a team at each new site and one at
 * the county center, 25 volunteers, 120 activities over eight years clustered on a few days, and 1–10 attendance
 * records each (mostly confirmed). The seed is printed in the suite's name so a failure can be replayed
 * (STATS_TEST_SEED).
 */
export const statsTestSeed = (): number => Number(process.env.STATS_TEST_SEED ?? Date.now() % 1e9);

export const DAY0 = Date.UTC(2019, 0, 1);
export const SPAN = 365 * 8;
export const isoDay = (offset: number) => new Date(DAY0 + offset * 86400_000).toISOString().slice(0, 10);

export interface RandomCounty {
  centerId: string;
  townIds: string[];
  /** institute, station of town 0, then of town 1 */
  siteIds: string[];
  teamIds: string[];
  volunteerIds: string[];
  activityIds: string[];
}

/** A login as the guard would put it on the request. */
export async function userOf(db: DataSource, phone: string): Promise<AuthUser> {
  const [u] = await db.query(`SELECT id, phone, role, site_id, volunteer_id FROM users WHERE phone = $1`, [phone]);
  return { id: u.id, phone: u.phone, role: u.role, siteId: u.site_id, volunteerId: u.volunteer_id };
}

/** `label` prefixes every name (e.g. 位图, 队图) so that a leftover row tells which suite wrote it. */
export async function insertRandomCounty(db: DataSource, rng: Prng, label: string): Promise<RandomCounty> {
  const c: RandomCounty = { centerId: '', townIds: [], siteIds: [], teamIds: [], volunteerIds: [], activityIds: [] };
  const [countyRegion] = await db.query(`SELECT id FROM regions WHERE level = 'county' LIMIT 1`);
  const [center] = await db.query(`SELECT id FROM sites WHERE level = 'center' LIMIT 1`);
  c.centerId = center.id;
  const tag = randomBytes(4).toString('hex');
  for (let ti = 0; ti < 2; ti++) {
    const regionId = randomUUID();
    await db.query(`INSERT INTO regions (id, name, level, parent_id, code) VALUES ($1, $2, 'town', $3, $4)`, [
      regionId,
      `${label}测试${tag}镇${ti}`,
      countyRegion.id,
      `B${tag}${ti}`,
    ]);
    c.townIds.push(regionId);
    const instituteId = randomUUID();
    await db.query(`INSERT INTO sites (id, name, level, region_id, parent_id) VALUES ($1, $2, 'institute', $3, $4)`, [
      instituteId,
      `${label}测试${tag}镇${ti}实践所`,
      regionId,
      center.id,
    ]);
    const villageId = randomUUID();
    await db.query(`INSERT INTO regions (id, name, level, parent_id, code) VALUES ($1, $2, 'village', $3, $4)`, [
      villageId,
      `${label}${tag}村${ti}`,
      regionId,
      `B${tag}${ti}0`,
    ]);
    const stationId = randomUUID();
    await db.query(`INSERT INTO sites (id, name, level, region_id, parent_id) VALUES ($1, $2, 'station', $3, $4)`, [
      stationId,
      `${label}${tag}村${ti}实践站`,
      villageId,
      instituteId,
    ]);
    c.siteIds.push(instituteId, stationId);
  }
  // teams at every new site and one at the county-level center (town key null, 县级)
  for (const siteId of [...c.siteIds, center.id]) {
    const id = randomUUID();
    await db.query(`INSERT INTO teams (id, name, type, site_id) VALUES ($1, $2, $3, $4)`, [id, `${label}${tag}队${c.teamIds.length}`, rng.pick(TEAM_TYPES), siteId]);
    c.teamIds.push(id);
  }
  for (let i = 0; i < 25; i++) {
    const id = randomUUID();
    await db.query(`INSERT INTO volunteers (id, name, site_id) VALUES ($1, $2, $3)`, [id, `${label}${i}`, c.siteIds[i % c.siteIds.length]]);
    c.volunteerIds.push(id);
  }
  // 120 activities over eight years, clustered on a few days so (volunteer, site, day) repeats across teams/kinds
  const days = Array.from({ length: 40 }, () => rng.int(0, SPAN));
  const acts: unknown[][] = [];
  for (let i = 0; i < 120; i++) {
    const teamId = rng.pick(c.teamIds);
    const day = DAY0 + rng.pick(days) * 86400_000 + (rng.next() < 0.3 ? rng.int(-3, 3) * 86400_000 : 0);
    const startsAt = new Date(day + (rng.int(0, 23) - 8) * 3600_000); // Shanghai hour; early hours are the previous UTC day
    const endsAt = new Date(startsAt.getTime() + rng.int(30, 240) * 60_000);
    acts.push([
      randomUUID(),
      `${label}活动${i}`,
      rng.pick(ACTIVITY_KINDS),
      rng.pick(ACTIVITY_CATEGORIES),
      teamId,
      startsAt,
      endsAt,
      rng.pick(['published', 'completed', 'completed'] as const),
      randomBytes(16).toString('hex'),
    ]);
  }
  const p: unknown[] = [];
  const values = acts.map((a) => {
    const base = p.length;
    return `(${a.map((v) => (p.push(v), `$${p.length}`)).join(',')}, (SELECT site_id FROM teams WHERE id = $${base + 5}::uuid))`;
  });
  await db.query(`INSERT INTO activities (id, title, kind, category, team_id, starts_at, ends_at, status, checkin_secret, site_id) VALUES ${values.join(',')}`, p);
  c.activityIds.push(...acts.map((a) => a[0] as string));
  const att: unknown[][] = [];
  for (const a of acts) {
    for (const v of [...c.volunteerIds].sort(() => rng.next() - 0.5).slice(0, rng.int(1, 10))) {
      att.push([a[0], v, a[5], a[6], 'manual', rng.int(10, 240), rng.pick(['confirmed', 'confirmed', 'confirmed', 'pending', 'rejected'] as const)]);
    }
  }
  // two statements: the second adds days to existing bitmaps (the ON CONFLICT merge)
  const half = Math.floor(att.length / 2);
  for (const part of [att.slice(0, half), att.slice(half)]) {
    const p2: unknown[] = [];
    const v2 = part.map((a) => `(${a.map((v) => (p2.push(v), `$${p2.length}`)).join(',')})`);
    await db.query(`INSERT INTO attendance (activity_id, volunteer_id, check_in_at, check_out_at, method, minutes, status) VALUES ${v2.join(',')}`, p2);
  }
  return c;
}

/** Removes what insertRandomCounty wrote; `beforePlaces` runs once the people and their records are gone. */
export async function deleteRandomCounty(db: DataSource, c: RandomCounty, beforePlaces?: () => Promise<void>): Promise<void> {
  await db.query(`DELETE FROM attendance WHERE activity_id = ANY($1::uuid[])`, [c.activityIds]);
  await db.query(`DELETE FROM activities WHERE id = ANY($1::uuid[])`, [c.activityIds]);
  await db.query(`DELETE FROM teams WHERE id = ANY($1::uuid[])`, [c.teamIds]);
  await db.query(`DELETE FROM volunteers WHERE id = ANY($1::uuid[])`, [c.volunteerIds]);
  await beforePlaces?.();
  await db.query(`DELETE FROM sites WHERE id = ANY($1::uuid[]) AND level = 'station'`, [c.siteIds]);
  await db.query(`DELETE FROM sites WHERE id = ANY($1::uuid[])`, [c.siteIds]);
  await db.query(`DELETE FROM regions WHERE parent_id = ANY($1::uuid[])`, [c.townIds]);
  await db.query(`DELETE FROM regions WHERE id = ANY($1::uuid[])`, [c.townIds]);
}

/** Adds a random date range (both ends, one end or none) within the data's eight years and a little beyond. */
export function withRandomRange(rng: Prng, f: StatsFilter): StatsFilter {
  const d = rng.next();
  const a = rng.int(-30, SPAN + 30);
  const b = Math.min(a + rng.pick([0, 1, 6, 30, 200, 900, 3000]), SPAN + 400);
  if (d < 0.45) Object.assign(f, { from: isoDay(a), to: isoDay(b) });
  else if (d < 0.6) f.from = isoDay(a);
  else if (d < 0.75) f.to = isoDay(b);
  return f;
}

export interface BitmapRow {
  volunteer_id: string;
  key: string;
  first_day: string;
  bits: string;
}

/** The stored day bitmaps of these volunteers, normalized (first set day, bits trimmed); `keySql` names the second key. */
export async function storedBitmaps(db: DataSource, table: string, keySql: string, volunteerIds: string[]): Promise<BitmapRow[]> {
  return db.query(
    `SELECT volunteer_id, ${keySql} AS key, (first_day + position('1' IN days::text) - 1)::text AS first_day, trim(BOTH '0' FROM days::text) AS bits
     FROM ${table} WHERE volunteer_id = ANY($1::uuid[]) ORDER BY 1, 2`,
    [volunteerIds],
  );
}

/** The same bitmaps recomputed day by day from stats_daily_volunteers, keyed by `keySql` of that table. */
export async function expectedBitmaps(db: DataSource, keySql: string, volunteerIds: string[]): Promise<BitmapRow[]> {
  const rows: Array<{ volunteer_id: string; key: string; day: string }> = await db.query(
    `SELECT DISTINCT volunteer_id, ${keySql} AS key, day::text AS day FROM stats_daily_volunteers
     WHERE volunteer_id = ANY($1::uuid[]) ORDER BY 1, 2, 3`,
    [volunteerIds],
  );
  const out = new Map<string, { volunteer_id: string; key: string; first_day: string; bits: string[] }>();
  for (const r of rows) {
    const k = `${r.volunteer_id}|${r.key}`;
    const e = out.get(k) ?? { volunteer_id: r.volunteer_id, key: r.key, first_day: r.day, bits: [] };
    const i = Math.round((Date.parse(r.day) - Date.parse(e.first_day)) / 86400_000);
    while (e.bits.length < i) e.bits.push('0');
    e.bits[i] = '1';
    out.set(k, e);
  }
  return [...out.values()].map((e) => ({ ...e, bits: e.bits.join('') }));
}
