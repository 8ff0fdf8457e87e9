import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Presence bitmaps for fast exact distinct-volunteer counts (docs/benchmarks.md, "next step").
 *
 * stats_volunteer_site_days: one row per (volunteer, site) that has at least one row in stats_daily_volunteers;
 *   bit i of `days` (1-based position i + 1) is set iff stats_daily_volunteers has a row for
 *   (day = first_day + i, site_id, volunteer_id) (any team, category, kind).
 * Keyed by site (not town) so the town of a site stays derived at query time (a site moved to another region is
 * counted under its new town at once), and so every filter that is only a date range and a set of sites (townId,
 * siteId subtree, a site admin's scope) is answered from it: count the volunteers with a row whose bits intersect
 * the range. A row spans first_day .. first_day + length(days) - 1 only (no fixed base date: any day works and the
 * bitmap of ten years is ~460 bytes, stored inline).
 *
 * stats_volunteer_days: the same per volunteer over all sites (bit set iff the volunteer has any roll-up row that
 *   day): the count for a filter without a site restriction needs no grouping (one row per volunteer).
 *
 * Maintained by statement-level triggers ON stats_daily_volunteers (transition tables), so every change of the
 * roll-up — from the attendance/activities triggers or from rebuildStats — is followed in the same transaction:
 * a new (day, site, volunteer) sets its bit; when the last row of a (day, site, volunteer) is deleted the bit is
 * cleared and a row left with no bit set is deleted.
 */

/** A bitmap table: its name and key columns (besides first_day, days). */
interface Target {
  table: string;
  keys: string[];
}
const BY_SITE: Target = { table: 'stats_volunteer_site_days', keys: ['volunteer_id', 'site_id'] };
const BY_VOLUNTEER: Target = { table: 'stats_volunteer_days', keys: ['volunteer_id'] };

/** Bits from a relation `d(<keys>, day)` of DISTINCT rows: one (<keys>, first_day, days) per key. */
export function bitsOf(keys: string[], rel: string): string {
  const k = keys.join(', ');
  // each day contributes (gap to the previous day − 1) zeros and a one; the first day of a key is bit 0
  return `SELECT ${k}, min(day) AS first_day,
      string_agg(lpad('1', (day - prev)::int, '0'), '' ORDER BY day)::varbit AS days
    FROM (SELECT ${keys.map((c) => `d.${c}`).join(', ')}, d.day,
            coalesce(lag(d.day) OVER (PARTITION BY ${keys.map((c) => `d.${c}`).join(', ')} ORDER BY d.day), d.day - 1) AS prev
          FROM (${rel}) d) x
    GROUP BY ${k}`;
}

/** Set the bits of `rel(volunteer_id, site_id, day)` (any duplicates) in table `t`. */
function setBits(t: Target, rel: string): string {
  const k = t.keys.join(', ');
  return `
    INSERT INTO ${t.table} AS s (${k}, first_day, days)
    SELECT * FROM (${bitsOf(t.keys, `SELECT DISTINCT ${k}, day FROM (${rel}) r`)}) g ORDER BY ${k}
    ON CONFLICT (${k}) DO UPDATE SET
      first_day = least(s.first_day, EXCLUDED.first_day),
      days = stats_bits_or(s.first_day, s.days, EXCLUDED.first_day, EXCLUDED.days);`;
}

/** Clear the bits of `rel(volunteer_id, site_id, day)` in table `t` whose key and day have no roll-up row left. */
function clearBits(t: Target, rel: string): string {
  const k = t.keys.join(', ');
  const gone = `SELECT DISTINCT ${t.keys.map((c) => `o.${c}`).join(', ')}, o.day FROM (${rel}) o
    WHERE NOT EXISTS (SELECT 1 FROM stats_daily_volunteers v WHERE v.day = o.day AND ${t.keys.map((c) => `v.${c} = o.${c}`).join(' AND ')})`;
  const match = (a: string, b: string) => t.keys.map((c) => `${a}.${c} = ${b}.${c}`).join(' AND ');
  // lock the bitmaps in key order first (as the upserts are ordered), so two transactions clearing bits of the same
  // volunteers cannot deadlock on the UPDATE's arbitrary join order
  return `
    PERFORM 1 FROM ${t.table} s WHERE (${t.keys.map((c) => `s.${c}`).join(', ')}) IN (SELECT ${k} FROM (${rel}) q)
      ORDER BY ${t.keys.map((c) => `s.${c}`).join(', ')} FOR UPDATE;

    UPDATE ${t.table} s SET
      first_day = least(s.first_day, g.first_day),
      days = stats_bits_andnot(s.first_day, s.days, g.first_day, g.days)
    FROM (${bitsOf(t.keys, gone)}) g
    WHERE ${match('s', 'g')};

    DELETE FROM ${t.table} s USING (SELECT DISTINCT ${k} FROM (${rel}) q) k
    WHERE ${match('s', 'k')} AND position(B'1' IN s.days) = 0;`;
}

export class StatsVolunteerDays1764380000500 implements MigrationInterface {
  name = 'StatsVolunteerDays1764380000500';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE stats_volunteer_site_days (
        volunteer_id uuid NOT NULL,
        site_id uuid NOT NULL,
        first_day date NOT NULL,
        days varbit NOT NULL,
        PRIMARY KEY (volunteer_id, site_id)
      )`);
    await q.query(`CREATE INDEX idx_stats_vsd_site ON stats_volunteer_site_days(site_id)`);
    await q.query(`
      CREATE TABLE stats_volunteer_days (
        volunteer_id uuid PRIMARY KEY,
        first_day date NOT NULL,
        days varbit NOT NULL
      )`);
    // b placed at bit offset `off` of a string of `len` bits (zeros elsewhere)
    await q.query(`
      CREATE FUNCTION stats_bits_align(b varbit, off int, len int) RETURNS varbit LANGUAGE sql IMMUTABLE STRICT AS $fn$
        SELECT repeat('0', off)::varbit || b || repeat('0', len - off - length(b))::varbit
      $fn$`);
    // (f0, b0) | (f1, b1), both re-based on least(f0, f1)
    await q.query(`
      CREATE FUNCTION stats_bits_or(f0 date, b0 varbit, f1 date, b1 varbit) RETURNS varbit LANGUAGE sql IMMUTABLE STRICT AS $fn$
        SELECT stats_bits_align(b0, f0 - s, l) | stats_bits_align(b1, f1 - s, l)
        FROM (SELECT least(f0, f1) AS s, greatest(f0 - least(f0, f1) + length(b0), f1 - least(f0, f1) + length(b1)) AS l) x
      $fn$`);
    // (f0, b0) & ~(f1, b1), re-based on least(f0, f1)
    await q.query(`
      CREATE FUNCTION stats_bits_andnot(f0 date, b0 varbit, f1 date, b1 varbit) RETURNS varbit LANGUAGE sql IMMUTABLE STRICT AS $fn$
        SELECT stats_bits_align(b0, f0 - s, l) & ~stats_bits_align(b1, f1 - s, l)
        FROM (SELECT least(f0, f1) AS s, greatest(f0 - least(f0, f1) + length(b0), f1 - least(f0, f1) + length(b1)) AS l) x
      $fn$`);

    const ins = `SELECT DISTINCT volunteer_id, site_id, day FROM new_rows`;
    await q.query(`
      CREATE FUNCTION stats_vol_days_ins() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN ${setBits(BY_SITE, ins)} ${setBits(BY_VOLUNTEER, ins)}
        RETURN NULL;
      END $fn$`);
    // the roll-up triggers only update person_times (key unchanged: nothing to do); a key change is handled as
    // delete old + insert new
    const added = `SELECT volunteer_id, site_id, day FROM new_rows EXCEPT SELECT volunteer_id, site_id, day FROM old_rows`;
    const removed = `SELECT volunteer_id, site_id, day FROM old_rows EXCEPT SELECT volunteer_id, site_id, day FROM new_rows`;
    await q.query(`
      CREATE FUNCTION stats_vol_days_upd() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        IF NOT EXISTS (${added}) AND NOT EXISTS (${removed}) THEN RETURN NULL; END IF;
        ${setBits(BY_SITE, added)} ${setBits(BY_VOLUNTEER, added)}
        ${clearBits(BY_SITE, removed)} ${clearBits(BY_VOLUNTEER, removed)}
        RETURN NULL;
      END $fn$`);
    await q.query(`
      CREATE FUNCTION stats_vol_days_del() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN ${clearBits(BY_SITE, `SELECT volunteer_id, site_id, day FROM old_rows`)}
        ${clearBits(BY_VOLUNTEER, `SELECT volunteer_id, site_id, day FROM old_rows`)}
        RETURN NULL;
      END $fn$`);
    await q.query(
      `CREATE TRIGGER trg_stats_vol_days_ins AFTER INSERT ON stats_daily_volunteers REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_vol_days_ins()`,
    );
    await q.query(
      `CREATE TRIGGER trg_stats_vol_days_upd AFTER UPDATE ON stats_daily_volunteers REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_vol_days_upd()`,
    );
    await q.query(
      `CREATE TRIGGER trg_stats_vol_days_del AFTER DELETE ON stats_daily_volunteers REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_vol_days_del()`,
    );

    // backfill from the existing roll-up
    await q.query(`INSERT INTO stats_volunteer_site_days (volunteer_id, site_id, first_day, days)
      ${bitsOf(BY_SITE.keys, `SELECT DISTINCT volunteer_id, site_id, day FROM stats_daily_volunteers`)}`);
    await q.query(`INSERT INTO stats_volunteer_days (volunteer_id, first_day, days)
      ${bitsOf(BY_VOLUNTEER.keys, `SELECT DISTINCT volunteer_id, day FROM stats_daily_volunteers`)}`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const e of ['ins', 'upd', 'del']) await q.query(`DROP TRIGGER IF EXISTS trg_stats_vol_days_${e} ON stats_daily_volunteers`);
    for (const e of ['ins', 'upd', 'del']) await q.query(`DROP FUNCTION IF EXISTS stats_vol_days_${e}()`);
    await q.query(`DROP FUNCTION IF EXISTS stats_bits_or(date, varbit, date, varbit)`);
    await q.query(`DROP FUNCTION IF EXISTS stats_bits_andnot(date, varbit, date, varbit)`);
    await q.query(`DROP FUNCTION IF EXISTS stats_bits_align(varbit, int, int)`);
    await q.query(`DROP TABLE IF EXISTS stats_volunteer_site_days`);
    await q.query(`DROP TABLE IF EXISTS stats_volunteer_days`);
  }
}
