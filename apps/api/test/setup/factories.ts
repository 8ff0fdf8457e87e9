import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { addDays, isoWeekday, shanghaiDate } from '@wenming/shared';
import type { TestApp } from './test-app';

/** Direct inserts for tests that need rows in a given state without walking the whole flow. */
export async function insertActivity(
  t: TestApp,
  a: {
    teamId: string;
    startsAt: Date;
    endsAt: Date;
    capacity?: number | null;
    kind?: string;
    category?: string;
    status?: string;
    title?: string;
    audienceReached?: number | null;
  },
): Promise<{ id: string; siteId: string }> {
  const db = t.app.get(DataSource);
  const [team] = await db.query(`SELECT site_id FROM teams WHERE id = $1`, [a.teamId]);
  const [row] = await db.query(
    `INSERT INTO activities (title, kind, category, site_id, team_id, starts_at, ends_at, capacity, status, audience_reached, checkin_secret)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11) RETURNING id`,
    [
      a.title ?? '测试活动',
      a.kind ?? 'themed',
      a.category ?? 'civility_persuasion',
      team.site_id,
      a.teamId,
      a.startsAt,
      a.endsAt,
      a.capacity ?? null,
      a.status ?? 'published',
      a.audienceReached ?? null,
      randomBytes(32).toString('hex'),
    ],
  );
  return { id: row.id, siteId: team.site_id };
}

/** The first date (Asia/Shanghai) on ISO weekday `wd` at least `minDays` after today. */
export function nextWeekday(wd: number, minDays: number): string {
  let d = addDays(shanghaiDate(new Date()), minDays);
  while (isoWeekday(d) !== wd) d = addDays(d, 1);
  return d;
}
