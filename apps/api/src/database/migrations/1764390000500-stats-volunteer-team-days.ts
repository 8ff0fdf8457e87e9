import { MigrationInterface, QueryRunner } from 'typeorm';
import { bitsOf } from './1764380000500-stats-volunteer-days';

/**
 * Per-(volunteer, team) presence bitmaps of days (issue 15, the second design of docs/benchmarks.md): the exact
 * distinct-volunteer count of a filter restricted by team (teamId, teamType, a leader's teams) or a breakdown by team
 * or team type, with no site/category/kind restriction, is `count(*)` over the bitmaps of those teams whose bits
 * intersect the range (grouped by volunteer when several teams), instead of a scan of stats_daily_volunteers.
 *
 * stats_volunteer_team_days(volunteer_id, team_id, first_day, days): bit i set iff stats_daily_volunteers has a
 * row (day = first_day + i, team_id, volunteer_id) (any site, category, kind). Same representation and the same
 * bit functions (stats_bits_or/andnot) as stats_volunteer_site_days; maintained by its own statement-level triggers
 * on stats_daily_volunteers, so it follows every roll-up change in the same transaction.
 *
 * Meant to stay compact under the daily write pattern: the bitmaps are rewritten in place (a day's check-ins set bits
 * of rows that exist already), no indexed column changes, so with free space on the page the update can be HOT and
 * the old version pruned on the page without VACUUM. fillfactor 80 on the three bitmap tables leaves that space.
 */
const T = { table: 'stats_volunteer_team_days', keys: ['volunteer_id', 'team_id'] };

function setBits(rel: string): string {
  const k = T.keys.join(', ');
  return `
    INSERT INTO ${T.table} AS s (${k}, first_day, days)
    SELECT * FROM (${bitsOf(T.keys, `SELECT DISTINCT ${k}, day FROM (${rel}) r`)}) g ORDER BY ${k}
    ON CONFLICT (${k}) DO UPDATE SET
      first_day = least(s.first_day, EXCLUDED.first_day),
      days = stats_bits_or(s.first_day, s.days, EXCLUDED.first_day, EXCLUDED.days);`;
}

function clearBits(rel: string): string {
  const k = T.keys.join(', ');
  const gone = `SELECT DISTINCT o.volunteer_id, o.team_id, o.day FROM (${rel}) o
    WHERE NOT EXISTS (SELECT 1 FROM stats_daily_volunteers v WHERE v.day = o.day AND v.volunteer_id = o.volunteer_id AND v.team_id = o.team_id)`;
  return `
    PERFORM 1 FROM ${T.table} s WHERE (s.volunteer_id, s.team_id) IN (SELECT ${k} FROM (${rel}) q)
      ORDER BY s.volunteer_id, s.team_id FOR UPDATE;

    UPDATE ${T.table} s SET
      first_day = least(s.first_day, g.first_day),
      days = stats_bits_andnot(s.first_day, s.days, g.first_day, g.days)
    FROM (${bitsOf(T.keys, gone)}) g
    WHERE s.volunteer_id = g.volunteer_id AND s.team_id = g.team_id;

    DELETE FROM ${T.table} s USING (SELECT DISTINCT ${k} FROM (${rel}) q) k
    WHERE s.volunteer_id = k.volunteer_id AND s.team_id = k.team_id AND position(B'1' IN s.days) = 0;`;
}

export class StatsVolunteerTeamDays1764390000500 implements MigrationInterface {
  name = 'StatsVolunteerTeamDays1764390000500';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE stats_volunteer_team_days (
        volunteer_id uuid NOT NULL,
        team_id uuid NOT NULL,
        first_day date NOT NULL,
        days varbit NOT NULL,
        PRIMARY KEY (volunteer_id, team_id)
      ) WITH (fillfactor = 80)`);
    await q.query(`CREATE INDEX idx_stats_vtd_team ON stats_volunteer_team_days(team_id)`);
    await q.query(`ALTER TABLE stats_volunteer_site_days SET (fillfactor = 80)`);
    await q.query(`ALTER TABLE stats_volunteer_days SET (fillfactor = 80)`);

    const cols = `SELECT volunteer_id, team_id, day FROM`;
    await q.query(`
      CREATE FUNCTION stats_vol_team_days_ins() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN ${setBits(`${cols} new_rows`)}
        RETURN NULL;
      END $fn$`);
    const added = `${cols} new_rows EXCEPT ${cols} old_rows`;
    const removed = `${cols} old_rows EXCEPT ${cols} new_rows`;
    await q.query(`
      CREATE FUNCTION stats_vol_team_days_upd() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        IF NOT EXISTS (${added}) AND NOT EXISTS (${removed}) THEN RETURN NULL; END IF;
        ${setBits(added)}
        ${clearBits(removed)}
        RETURN NULL;
      END $fn$`);
    await q.query(`
      CREATE FUNCTION stats_vol_team_days_del() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN ${clearBits(`${cols} old_rows`)}
        RETURN NULL;
      END $fn$`);
    await q.query(
      `CREATE TRIGGER trg_stats_vol_team_days_ins AFTER INSERT ON stats_daily_volunteers REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_vol_team_days_ins()`,
    );
    await q.query(
      `CREATE TRIGGER trg_stats_vol_team_days_upd AFTER UPDATE ON stats_daily_volunteers REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_vol_team_days_upd()`,
    );
    await q.query(
      `CREATE TRIGGER trg_stats_vol_team_days_del AFTER DELETE ON stats_daily_volunteers REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_vol_team_days_del()`,
    );

    await q.query(`INSERT INTO stats_volunteer_team_days (volunteer_id, team_id, first_day, days)
      ${bitsOf(T.keys, `SELECT DISTINCT volunteer_id, team_id, day FROM stats_daily_volunteers`)}`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const e of ['ins', 'upd', 'del']) await q.query(`DROP TRIGGER IF EXISTS trg_stats_vol_team_days_${e} ON stats_daily_volunteers`);
    for (const e of ['ins', 'upd', 'del']) await q.query(`DROP FUNCTION IF EXISTS stats_vol_team_days_${e}()`);
    await q.query(`DROP TABLE IF EXISTS stats_volunteer_team_days`);
    await q.query(`ALTER TABLE stats_volunteer_site_days RESET (fillfactor)`);
    await q.query(`ALTER TABLE stats_volunteer_days RESET (fillfactor)`);
  }
}
