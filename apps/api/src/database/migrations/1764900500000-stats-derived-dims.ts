import { MigrationInterface, QueryRunner } from 'typeorm';
import { masksOf, ORD_JOIN } from './1764900200000-stats-period-bits';

/**
 * More dimension values of stats_period_bits, and additive figures per (period, dimension value) — issue 15 part 2,
 * session 5: the breakdowns by town / team type / site / team, a team-type filter and the combined filters
 * (category + kind, team type + month) read a few hundred cells instead of the per-(volunteer, site|team) rows or
 * the 71 k day rows of stats_daily.
 *
 * stats_period_bits gets a grain 'a' (all time: period -infinity, one cell per dim and chunk) for every dim, and besides
 * '' / 'c:<category>' / 'k:<kind>' the dims (grains d / w / m / y / a unless said):
 *   'ck:<category>|<kind>'  an activity of that category AND that kind (exact for category + kind);
 *   'tn:<town id>' / 'tn:'  the town of the activity's site ('' = a county-level site, 县级);
 *   'tt:<team type>'        the type of the activity's team;
 *   's:<site id>', 't:<team id>'  grains 'y' and 'a' only: by=site / by=team over whole years or all time.
 * The town of a site and the type of a team are derived (a site can move to another region, a region to another
 * town, a team can change type): statement triggers on sites / regions / teams move the roll-up rows of the sites /
 * teams concerned from the old 'tn:' / 'tt:' cells to the new ones (moveDims), after taking SHARE ROW EXCLUSIVE on
 * stats_daily_volunteers so that no roll-up write computed with the old mapping is still uncommitted.
 *
 * stats_period_sums(grain, period, dim, activities, person_times, service_minutes, audience_reached): stats_daily
 * summed per period — grains 'a' (all time), 'y', 'm', 'w' (ISO week, its Monday) for dims '' (any) and
 * 'ck:<category>|<kind>', grains 'a', 'y', 'm' for 's:<site id>' and 't:<team id>'; every dimension is a partition of stats_daily, so the sums of any family add up
 * to the total, a town's figures are the sum of its sites', a team type's the sum of its teams' (derived at read
 * time: nothing to rebuild when a site moves). A range is read as whole periods from here + the remaining days from
 * stats_daily. Kept by statement triggers on stats_daily (insert +, update + new − old, delete −); a cell whose four
 * sums are all zero is deleted.
 */

/** Families of dimension values: which grains each has. */
const GRAINS: Record<string, string> = {
  d: `('d', r.day)`,
  w: `('w', date_trunc('week', r.day)::date)`,
  m: `('m', date_trunc('month', r.day)::date)`,
  y: `('y', date_trunc('year', r.day)::date)`,
  // all time: one cell per dim and chunk (period -infinity)
  a: `('a', '-infinity'::date)`,
};
const TOWN_OF_SITE = `(SELECT coalesce((CASE WHEN pr.level = 'town' THEN pr.id WHEN pr.level IN ('village', 'community') THEN pr.parent_id END)::text, '')
    FROM sites ps JOIN regions pr ON pr.id = ps.region_id WHERE ps.id = r.site_id)`;
const TYPE_OF_TEAM = `(SELECT pt.type::text FROM teams pt WHERE pt.id = r.team_id)`;

/**
 * The cells of relation `r(volunteer_id, day, site_id, team_id, category, kind)`:
 * (grain, period, dim, volunteer_id, cat, knd, twn, tty, site, team) — the match columns say which stats_daily_volunteers
 * rows keep a bit set (null = any). `families` limits the dims produced (all by default).
 */
type Family = 'any' | 'c' | 'k' | 'ck' | 'tn' | 'tt' | 's' | 't';

export function cellsOf2(
  r: string,
  families: Family[] = ['any', 'c', 'k', 'ck', 'tn', 'tt', 's', 't'],
  grains: Array<'d' | 'w' | 'm' | 'y' | 'a'> = ['d', 'w', 'm', 'y', 'a'],
  /** `r` carries the town (text, '' = county level) and team type itself (columns town, ttype): a mapping being changed */
  given = false,
): string {
  const has = (f: string) => families.includes(f as never);
  const vals: string[] = [];
  const n = 'NULL::text';
  const nu = 'NULL::uuid';
  if (has('any')) vals.push(`('', ${n}, ${n}, ${n}, ${n}, ${nu}, ${nu}, false)`);
  if (has('c')) vals.push(`('c:' || r.category, r.category::text, ${n}, ${n}, ${n}, ${nu}, ${nu}, false)`);
  if (has('k')) vals.push(`('k:' || r.kind, ${n}, r.kind::text, ${n}, ${n}, ${nu}, ${nu}, false)`);
  if (has('ck')) vals.push(`('ck:' || r.category || '|' || r.kind, r.category::text, r.kind::text, ${n}, ${n}, ${nu}, ${nu}, false)`);
  if (has('tn')) vals.push(`('tn:' || r.town, ${n}, ${n}, r.town, ${n}, ${nu}, ${nu}, false)`);
  if (has('tt')) vals.push(`('tt:' || r.ttype, ${n}, ${n}, ${n}, r.ttype, ${nu}, ${nu}, false)`);
  if (has('s')) vals.push(`('s:' || r.site_id, ${n}, ${n}, ${n}, ${n}, r.site_id, ${nu}, true)`);
  if (has('t')) vals.push(`('t:' || r.team_id, ${n}, ${n}, ${n}, ${n}, ${nu}, r.team_id, true)`);
  const town = has('tn') ? TOWN_OF_SITE : n;
  const ttype = has('tt') ? TYPE_OF_TEAM : n;
  const src = given
    ? `(${r})`
    : `(SELECT r0.*, ${town.replace(/r\.site_id/g, 'r0.site_id')} AS town, ${ttype.replace(/r\.team_id/g, 'r0.team_id')} AS ttype FROM (${r}) r0)`;
  return `SELECT g.grain, g.period, m.dim, r.volunteer_id, m.cat, m.knd, m.twn, m.tty, m.site, m.team
    FROM ${src} r
    CROSS JOIN LATERAL (VALUES ${grains.map((g) => GRAINS[g]).join(', ')}) g(grain, period)
    CROSS JOIN LATERAL (VALUES ${vals.join(', ')}) m(dim, cat, knd, twn, tty, site, team, year_only)
    WHERE NOT m.year_only OR g.grain IN ('y', 'a')`;
}

const KEY = 'dim, grain, period, chunk';

function assignOrdinals(r: string): string {
  return `
    INSERT INTO stats_volunteer_ordinals (volunteer_id)
    SELECT DISTINCT r.volunteer_id FROM (${r}) r
    WHERE NOT EXISTS (SELECT 1 FROM stats_volunteer_ordinals o WHERE o.volunteer_id = r.volunteer_id)
    ORDER BY 1 ON CONFLICT DO NOTHING;`;
}

/** Set the bits of `r(volunteer_id, day, site_id, team_id, category, kind)`. */
function setBits(r: string, families?: Family[], given = false): string {
  return `${assignOrdinals(r)}
    INSERT INTO stats_period_bits AS s (${KEY}, bits)
    SELECT ${KEY}, bits FROM (${masksOf(`SELECT c.grain, c.period, c.dim, o.ord FROM (${cellsOf2(r, families, undefined, given)}) c ${ORD_JOIN}`)}) g ORDER BY ${KEY}
    ON CONFLICT (${KEY}) DO UPDATE SET bits = s.bits | EXCLUDED.bits
    WHERE (s.bits | EXCLUDED.bits) <> s.bits;`;
}

const PERIOD_END = `CASE c.grain WHEN 'd' THEN c.period + 1 WHEN 'w' THEN c.period + 7
  WHEN 'm' THEN (c.period + interval '1 month')::date WHEN 'y' THEN (c.period + interval '1 year')::date ELSE 'infinity'::date END`;

/** A stats_daily_volunteers row v of the volunteer of cell c in c's period and dimension value. */
const STILL_THERE = `SELECT 1 FROM stats_daily_volunteers v WHERE v.volunteer_id = c.volunteer_id
      AND v.day >= c.period AND v.day < ${PERIOD_END} AND (c.cat IS NULL OR v.category = c.cat) AND (c.knd IS NULL OR v.kind = c.knd)
      AND (c.site IS NULL OR v.site_id = c.site) AND (c.team IS NULL OR v.team_id = c.team)
      AND (c.tty IS NULL OR c.tty = (SELECT pt.type::text FROM teams pt WHERE pt.id = v.team_id))
      AND (c.twn IS NULL OR c.twn = (SELECT coalesce((CASE WHEN pr.level = 'town' THEN pr.id WHEN pr.level IN ('village', 'community') THEN pr.parent_id END)::text, '')
            FROM sites ps JOIN regions pr ON pr.id = ps.region_id WHERE ps.id = v.site_id))`;

/** Clear the bits of `r(…)` in the cells where the volunteer has no row left. */
function clearBits(r: string, families?: Family[], given = false): string {
  const gone = `SELECT c.grain, c.period, c.dim, o.ord FROM (SELECT DISTINCT * FROM (${cellsOf2(r, families, undefined, given)}) c1) c ${ORD_JOIN}
    WHERE NOT EXISTS (${STILL_THERE})`;
  const keys = `SELECT DISTINCT c.grain, c.period, c.dim, o.ord >> 13 AS chunk FROM (${cellsOf2(r, families, undefined, given)}) c ${ORD_JOIN}`;
  const match = (a: string, b: string) => `(${a}.grain, ${a}.period, ${a}.dim, ${a}.chunk) = (${b}.grain, ${b}.period, ${b}.dim, ${b}.chunk)`;
  return `
    PERFORM 1 FROM stats_period_bits s WHERE (s.grain, s.period, s.dim, s.chunk) IN (${keys})
      ORDER BY s.dim, s.grain, s.period, s.chunk FOR UPDATE;
    UPDATE stats_period_bits s SET bits = s.bits & ~g.bits FROM (${masksOf(gone)}) g WHERE ${match('s', 'g')};
    DELETE FROM stats_period_bits s USING (${keys}) k WHERE ${match('s', 'k')} AND position(B'1' IN s.bits) = 0;`;
}

const COLS = `SELECT volunteer_id, day, site_id, team_id, category, kind FROM`;

/** stats_period_sums cells of relation `r` (stats_daily rows) with sign: (grain, period, dim, 4 sums). */
export function sumCellsOf(r: string, sign: 1 | -1): string {
  const s = sign === 1 ? '' : '-';
  return `SELECT g.grain, g.period, m.dim, ${s}r.activities::bigint AS activities, ${s}r.person_times::bigint AS person_times,
      ${s}r.service_minutes::bigint AS service_minutes, ${s}r.audience_reached::bigint AS audience_reached
    FROM (${r}) r
    CROSS JOIN LATERAL (VALUES ('w', date_trunc('week', r.day)::date), ('m', date_trunc('month', r.day)::date), ('y', date_trunc('year', r.day)::date),
      ('a', '-infinity'::date)) g(grain, period)
    CROSS JOIN LATERAL (VALUES ('', true), ('ck:' || r.category || '|' || r.kind, true), ('s:' || r.site_id, false), ('t:' || r.team_id, false)) m(dim, weekly)
    WHERE m.weekly OR g.grain <> 'w'`;
}

const SUM_KEY = 'dim, grain, period';
const SUM_COLS = 'activities, person_times, service_minutes, audience_reached';

/** Add the signed sums of `delta` (union of sumCellsOf) to stats_period_sums; delete the cells left at zero. */
function applySums(delta: string): string {
  return `
    INSERT INTO stats_period_sums AS s (${SUM_KEY}, ${SUM_COLS})
    SELECT ${SUM_KEY}, sum(activities), sum(person_times), sum(service_minutes), sum(audience_reached) FROM (${delta}) d
    GROUP BY ${SUM_KEY}
    HAVING sum(activities) <> 0 OR sum(person_times) <> 0 OR sum(service_minutes) <> 0 OR sum(audience_reached) <> 0
    ORDER BY ${SUM_KEY}
    ON CONFLICT (${SUM_KEY}) DO UPDATE SET activities = s.activities + EXCLUDED.activities, person_times = s.person_times + EXCLUDED.person_times,
      service_minutes = s.service_minutes + EXCLUDED.service_minutes, audience_reached = s.audience_reached + EXCLUDED.audience_reached;
    DELETE FROM stats_period_sums s USING (SELECT DISTINCT ${SUM_KEY} FROM (${delta}) d) k
    WHERE (s.dim, s.grain, s.period) = (k.dim, k.grain, k.period)
      AND s.activities = 0 AND s.person_times = 0 AND s.service_minutes = 0 AND s.audience_reached = 0;`;
}

const DAILY = `SELECT day, site_id, team_id, category, kind, ${SUM_COLS} FROM`;

/**
 * The roll-up rows `moved(volunteer_id, day, site_id, team_id, category, kind, town, ttype)` whose town or team type
 * changed, with the OLD values: clear their bits from the old dims where the volunteer has no row left there under the
 * new mapping (the check reads the mapping as it is now), then set them in the new dims. Proportional to the rows of the
 * moved sites / teams, not to a whole town or type. SHARE ROW EXCLUSIVE on stats_daily_volunteers first: every roll-up
 * writer that computed a cell with the old mapping has committed before this reads, later ones wait for the new one.
 */
function moveDims(family: 'tn' | 'tt', moved: string): string {
  const rows = `SELECT volunteer_id, day, site_id, team_id, category, kind FROM (${moved}) m0`;
  return `
    LOCK TABLE stats_daily_volunteers IN SHARE ROW EXCLUSIVE MODE;
    ${clearBits(moved, [family], true)}
    ${setBits(rows, [family])}`;
}

/** Town (text, '' = county level) of region alias `x` (id, level, parent_id). */
/** The roll-up columns of stats_daily_volunteers v. */
const V = 'v.volunteer_id, v.day, v.site_id, v.team_id, v.category, v.kind';
const TOWN_OF_REGION = (x: string) =>
  `coalesce((CASE WHEN ${x}.level = 'town' THEN ${x}.id WHEN ${x}.level IN ('village', 'community') THEN ${x}.parent_id END)::text, '')`;

export class StatsDerivedDims1764900500000 implements MigrationInterface {
  name = 'StatsDerivedDims1764900500000';

  async up(q: QueryRunner): Promise<void> {
    // 'ck:' + category + '|' + kind can pass 40 characters (a longer varchar limit rewrites nothing)
    await q.query(`ALTER TABLE stats_period_bits ALTER COLUMN dim TYPE varchar(80)`);
    await q.query(`
      CREATE TABLE stats_period_sums (
        grain char(1) NOT NULL,
        period date NOT NULL,
        dim varchar(80) NOT NULL,
        activities bigint NOT NULL,
        person_times bigint NOT NULL,
        service_minutes bigint NOT NULL,
        audience_reached bigint NOT NULL,
        PRIMARY KEY (dim, grain, period)
      ) WITH (fillfactor = 80)`);

    // the period-bit triggers with the new dims (same names: the functions are replaced)
    await q.query(`
      CREATE OR REPLACE FUNCTION stats_period_bits_ins() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        IF NOT EXISTS (SELECT 1 FROM new_rows) THEN RETURN NULL; END IF;
        ${setBits(`${COLS} new_rows`)}
        RETURN NULL;
      END $fn$`);
    const added = `${COLS} new_rows EXCEPT ${COLS} old_rows`;
    const removed = `${COLS} old_rows EXCEPT ${COLS} new_rows`;
    await q.query(`
      CREATE OR REPLACE FUNCTION stats_period_bits_upd() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        IF NOT EXISTS (${added}) AND NOT EXISTS (${removed}) THEN RETURN NULL; END IF;
        ${setBits(added)}
        ${clearBits(removed)}
        RETURN NULL;
      END $fn$`);
    await q.query(`
      CREATE OR REPLACE FUNCTION stats_period_bits_del() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        IF NOT EXISTS (SELECT 1 FROM old_rows) THEN RETURN NULL; END IF;
        ${clearBits(`${COLS} old_rows`)}
        RETURN NULL;
      END $fn$`);

    // derived dims moved when the mapping changes (only the rows of the sites / teams concerned)
    await q.query(`
      CREATE FUNCTION stats_sites_region_upd() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        IF NOT EXISTS (SELECT 1 FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE o.region_id IS DISTINCT FROM n.region_id) THEN RETURN NULL; END IF;
        ${moveDims(
          'tn',
          `SELECT ${V}, ${TOWN_OF_REGION('r')} AS town, NULL::text AS ttype
           FROM old_rows o JOIN new_rows n ON n.id = o.id JOIN regions r ON r.id = o.region_id JOIN stats_daily_volunteers v ON v.site_id = o.id
           WHERE o.region_id IS DISTINCT FROM n.region_id`,
        )}
        RETURN NULL;
      END $fn$`);
    await q.query(`
      CREATE FUNCTION stats_regions_upd() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        IF NOT EXISTS (SELECT 1 FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE ${TOWN_OF_REGION('o')} <> ${TOWN_OF_REGION('n')}) THEN RETURN NULL; END IF;
        ${moveDims(
          'tn',
          `SELECT ${V}, ${TOWN_OF_REGION('o')} AS town, NULL::text AS ttype
           FROM old_rows o JOIN new_rows n ON n.id = o.id JOIN sites s ON s.region_id = o.id JOIN stats_daily_volunteers v ON v.site_id = s.id
           WHERE ${TOWN_OF_REGION('o')} <> ${TOWN_OF_REGION('n')}`,
        )}
        RETURN NULL;
      END $fn$`);
    await q.query(`
      CREATE FUNCTION stats_teams_type_upd() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        IF NOT EXISTS (SELECT 1 FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE o.type IS DISTINCT FROM n.type) THEN RETURN NULL; END IF;
        ${moveDims(
          'tt',
          `SELECT ${V}, NULL::text AS town, o.type::text AS ttype
           FROM old_rows o JOIN new_rows n ON n.id = o.id JOIN stats_daily_volunteers v ON v.team_id = o.id
           WHERE o.type IS DISTINCT FROM n.type`,
        )}
        RETURN NULL;
      END $fn$`);
    await q.query(
      `CREATE TRIGGER trg_stats_sites_region_upd AFTER UPDATE ON sites REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_sites_region_upd()`,
    );
    await q.query(
      `CREATE TRIGGER trg_stats_regions_upd AFTER UPDATE ON regions REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_regions_upd()`,
    );
    await q.query(
      `CREATE TRIGGER trg_stats_teams_type_upd AFTER UPDATE ON teams REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_teams_type_upd()`,
    );

    // additive sums per period, kept from stats_daily
    await q.query(`
      CREATE FUNCTION stats_period_sums_ins() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        IF NOT EXISTS (SELECT 1 FROM new_rows) THEN RETURN NULL; END IF;
        ${applySums(sumCellsOf(`${DAILY} new_rows`, 1))}
        RETURN NULL;
      END $fn$`);
    await q.query(`
      CREATE FUNCTION stats_period_sums_upd() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        IF NOT EXISTS (SELECT 1 FROM new_rows) THEN RETURN NULL; END IF;
        ${applySums(`${sumCellsOf(`${DAILY} new_rows`, 1)} UNION ALL ${sumCellsOf(`${DAILY} old_rows`, -1)}`)}
        RETURN NULL;
      END $fn$`);
    await q.query(`
      CREATE FUNCTION stats_period_sums_del() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        IF NOT EXISTS (SELECT 1 FROM old_rows) THEN RETURN NULL; END IF;
        ${applySums(sumCellsOf(`${DAILY} old_rows`, -1))}
        RETURN NULL;
      END $fn$`);
    for (const [e, event, ref] of [
      ['ins', 'INSERT', 'NEW TABLE AS new_rows'],
      ['upd', 'UPDATE', 'OLD TABLE AS old_rows NEW TABLE AS new_rows'],
      ['del', 'DELETE', 'OLD TABLE AS old_rows'],
    ])
      await q.query(
        `CREATE TRIGGER trg_stats_period_sums_${e} AFTER ${event} ON stats_daily REFERENCING ${ref} FOR EACH STATEMENT EXECUTE FUNCTION stats_period_sums_${e}()`,
      );

    // backfill: the new dims of the period bitmaps, the sums
    const rows = `SELECT volunteer_id, day, site_id, team_id, category, kind FROM stats_daily_volunteers`;
    await q.query(`INSERT INTO stats_period_bits (grain, period, dim, chunk, bits)
      ${masksOf(`SELECT c.grain, c.period, c.dim, o.ord FROM (${cellsOf2(rows, ['ck', 'tn', 'tt', 's', 't'])}) c ${ORD_JOIN}`)}`);
    await q.query(`INSERT INTO stats_period_bits (grain, period, dim, chunk, bits)
      ${masksOf(`SELECT c.grain, c.period, c.dim, o.ord FROM (${cellsOf2(rows, ['any', 'c', 'k'], ['a'])}) c ${ORD_JOIN}`)}`);
    await q.query(`INSERT INTO stats_period_sums (${SUM_KEY}, ${SUM_COLS})
      SELECT ${SUM_KEY}, sum(activities), sum(person_times), sum(service_minutes), sum(audience_reached)
      FROM (${sumCellsOf(`${DAILY} stats_daily`, 1)}) d GROUP BY ${SUM_KEY}`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const e of ['ins', 'upd', 'del']) await q.query(`DROP TRIGGER IF EXISTS trg_stats_period_sums_${e} ON stats_daily`);
    for (const e of ['ins', 'upd', 'del']) await q.query(`DROP FUNCTION IF EXISTS stats_period_sums_${e}()`);
    await q.query(`DROP TRIGGER IF EXISTS trg_stats_sites_region_upd ON sites`);
    await q.query(`DROP TRIGGER IF EXISTS trg_stats_regions_upd ON regions`);
    await q.query(`DROP TRIGGER IF EXISTS trg_stats_teams_type_upd ON teams`);
    await q.query(`DROP FUNCTION IF EXISTS stats_sites_region_upd()`);
    await q.query(`DROP FUNCTION IF EXISTS stats_regions_upd()`);
    await q.query(`DROP FUNCTION IF EXISTS stats_teams_type_upd()`);
    await q.query(`DROP TABLE IF EXISTS stats_period_sums`);
    await q.query(`DELETE FROM stats_period_bits WHERE dim LIKE 'ck:%' OR dim LIKE 'tn:%' OR dim LIKE 'tt:%' OR dim LIKE 's:%' OR dim LIKE 't:%'`);
    // the functions of 1764900200000 come back by re-running that migration's bodies: not done here (down is for tests)
  }
}
