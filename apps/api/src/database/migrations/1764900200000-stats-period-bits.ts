import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Volunteer-indexed bitmaps per (period, dimension value) — issue 15, part 2: exact distinct volunteers of the
 * filters and breakdowns the per-volunteer day bitmaps cannot answer without a scan (category / kind filters,
 * by=category | kind | month | week), as `bit_count(bit_or(bits))` over a few hundred small rows.
 *
 * stats_volunteer_ordinals(volunteer_id, ord): a dense number per volunteer that has ever had a roll-up row
 *   (assigned on first appearance in stats_daily_volunteers, never reused).
 * stats_period_bits(grain, period, dim, chunk, bits): bit `ord % 8192` of row (grain, period, dim, ord / 8192) is set
 *   iff stats_daily_volunteers has a row of volunteer `ord` with a day in the period and the dimension value:
 *   grain 'd' day, 'w' ISO week (period = its Monday), 'm' month (its 1st), 'y' year (1 January);
 *   dim '' any, 'c:<category>', 'k:<kind>'. Every `bits` is exactly 8192 bits (one chunk = 1 KB), so rows OR
 *   together with the built-in bit_or and a new volunteer only ever adds a chunk.
 * A date range [from, to] is answered from whole years + whole months + the remaining days (whole weeks + days for
 * by=week), so any range costs at most ~60 day rows per chunk and dimension value besides the big periods.
 *
 * Maintained by statement-level triggers on stats_daily_volunteers (as the day bitmaps): a new (volunteer, day,
 * category, kind) ORs its bit into its 4 × 3 cells (skipping cells where it is set already: no new row version);
 * a removed one clears the bit of each cell where the volunteer has no roll-up row left in that period and
 * dimension value (checked on the new index (volunteer_id, day) INCLUDE (category, kind)); cells left empty are
 * deleted. Day cells are mostly zeros: stored compressed inline (STORAGE MAIN, toast_tuple_target 128).
 */
const CHUNK_BITS = 8192;

/** The cells of relation `r(volunteer_id, day, category, kind)`: (grain, period, dim, cat, kind, volunteer_id). */
export function cellsOf(r: string): string {
  return `SELECT g.grain, g.period, m.dim, m.cat, m.knd, r.volunteer_id
    FROM (${r}) r
    CROSS JOIN LATERAL (VALUES ('d', r.day), ('w', date_trunc('week', r.day)::date), ('m', date_trunc('month', r.day)::date),
      ('y', date_trunc('year', r.day)::date)) g(grain, period)
    CROSS JOIN LATERAL (VALUES ('', NULL::text, NULL::text), ('c:' || r.category, r.category::text, NULL), ('k:' || r.kind, NULL, r.kind::text)) m(dim, cat, knd)`;
}

/** One 8192-bit mask per (grain, period, dim, chunk) from relation `c(grain, period, dim, ord)` (duplicates allowed). */
export function masksOf(c: string): string {
  return `SELECT grain, period, dim, chunk,
      (string_agg(lpad('1', pos - prev, '0'), '' ORDER BY pos) || repeat('0', ${CHUNK_BITS - 1} - max(pos)))::varbit AS bits
    FROM (SELECT u.*, coalesce(lag(pos) OVER (PARTITION BY grain, period, dim, chunk ORDER BY pos), -1) AS prev
          FROM (SELECT DISTINCT grain, period, dim, ord >> 13 AS chunk, ord & ${CHUNK_BITS - 1} AS pos FROM (${c}) c0) u) x
    GROUP BY grain, period, dim, chunk`;
}

const KEY = 'dim, grain, period, chunk';
export const ORD_JOIN = `JOIN stats_volunteer_ordinals o ON o.volunteer_id = c.volunteer_id`;

/** Give the volunteers of `r(volunteer_id, …)` an ordinal if they have none (no sequence value burnt for the others). */
function assignOrdinals(r: string): string {
  return `
    INSERT INTO stats_volunteer_ordinals (volunteer_id)
    SELECT DISTINCT r.volunteer_id FROM (${r}) r
    WHERE NOT EXISTS (SELECT 1 FROM stats_volunteer_ordinals o WHERE o.volunteer_id = r.volunteer_id)
    ORDER BY 1 ON CONFLICT DO NOTHING;`;
}

/** Set the bits of `r(volunteer_id, day, category, kind)`. */
function setBits(r: string): string {
  return `${assignOrdinals(r)}
    INSERT INTO stats_period_bits AS s (${KEY}, bits)
    SELECT ${KEY}, bits FROM (${masksOf(`SELECT c.grain, c.period, c.dim, o.ord FROM (${cellsOf(r)}) c ${ORD_JOIN}`)}) g ORDER BY ${KEY}
    ON CONFLICT (${KEY}) DO UPDATE SET bits = s.bits | EXCLUDED.bits
    WHERE (s.bits | EXCLUDED.bits) <> s.bits;`;
}

/** End (exclusive) of the period of a cell `c`. */
const PERIOD_END = `CASE c.grain WHEN 'd' THEN c.period + 1 WHEN 'w' THEN c.period + 7
  WHEN 'm' THEN (c.period + interval '1 month')::date ELSE (c.period + interval '1 year')::date END`;

/** Clear the bits of `r(volunteer_id, day, category, kind)` in the cells where the volunteer has no row left. */
function clearBits(r: string): string {
  const gone = `SELECT c.grain, c.period, c.dim, o.ord FROM (SELECT DISTINCT * FROM (${cellsOf(r)}) c1) c ${ORD_JOIN}
    WHERE NOT EXISTS (SELECT 1 FROM stats_daily_volunteers v WHERE v.volunteer_id = c.volunteer_id
      AND v.day >= c.period AND v.day < ${PERIOD_END} AND (c.cat IS NULL OR v.category = c.cat) AND (c.knd IS NULL OR v.kind = c.knd))`;
  const keys = `SELECT DISTINCT c.grain, c.period, c.dim, o.ord >> 13 AS chunk FROM (${cellsOf(r)}) c ${ORD_JOIN}`;
  const match = (a: string, b: string) => `(${a}.grain, ${a}.period, ${a}.dim, ${a}.chunk) = (${b}.grain, ${b}.period, ${b}.dim, ${b}.chunk)`;
  // lock the cells in key order first (as the upserts are ordered), so two transactions clearing bits cannot deadlock
  return `
    PERFORM 1 FROM stats_period_bits s WHERE (s.grain, s.period, s.dim, s.chunk) IN (${keys})
      ORDER BY s.dim, s.grain, s.period, s.chunk FOR UPDATE;
    UPDATE stats_period_bits s SET bits = s.bits & ~g.bits FROM (${masksOf(gone)}) g WHERE ${match('s', 'g')};
    DELETE FROM stats_period_bits s USING (${keys}) k WHERE ${match('s', 'k')} AND position(B'1' IN s.bits) = 0;`;
}

const COLS = `SELECT volunteer_id, day, category, kind FROM`;

export class StatsPeriodBits1764900200000 implements MigrationInterface {
  name = 'StatsPeriodBits1764900200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SEQUENCE stats_volunteer_ord_seq AS int MINVALUE 0 START 0`);
    await q.query(`
      CREATE TABLE stats_volunteer_ordinals (
        volunteer_id uuid PRIMARY KEY,
        ord int NOT NULL UNIQUE DEFAULT nextval('stats_volunteer_ord_seq')
      )`);
    // owned by the column: TRUNCATE … RESTART IDENTITY (rebuild-stats) numbers the volunteers from 0 again
    await q.query(`ALTER SEQUENCE stats_volunteer_ord_seq OWNED BY stats_volunteer_ordinals.ord`);
    await q.query(`
      CREATE TABLE stats_period_bits (
        grain char(1) NOT NULL,
        period date NOT NULL,
        dim varchar(40) NOT NULL,
        chunk int NOT NULL,
        bits varbit NOT NULL,
        PRIMARY KEY (dim, grain, period, chunk)
      ) WITH (fillfactor = 70, toast_tuple_target = 128)`);
    await q.query(`ALTER TABLE stats_period_bits ALTER COLUMN bits SET STORAGE MAIN`);
    // "does the volunteer still have a row in this period (and category/kind)?" when bits are cleared
    await q.query(`CREATE INDEX idx_stats_vol_volunteer_day ON stats_daily_volunteers(volunteer_id, day) INCLUDE (category, kind)`);

    await q.query(`
      CREATE FUNCTION stats_period_bits_ins() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN ${setBits(`${COLS} new_rows`)}
        RETURN NULL;
      END $fn$`);
    // the roll-up triggers only update person_times (key unchanged: nothing to do)
    const added = `${COLS} new_rows EXCEPT ${COLS} old_rows`;
    const removed = `${COLS} old_rows EXCEPT ${COLS} new_rows`;
    await q.query(`
      CREATE FUNCTION stats_period_bits_upd() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        IF NOT EXISTS (${added}) AND NOT EXISTS (${removed}) THEN RETURN NULL; END IF;
        ${setBits(added)}
        ${clearBits(removed)}
        RETURN NULL;
      END $fn$`);
    await q.query(`
      CREATE FUNCTION stats_period_bits_del() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        IF NOT EXISTS (SELECT 1 FROM old_rows) THEN RETURN NULL; END IF;
        ${clearBits(`${COLS} old_rows`)}
        RETURN NULL;
      END $fn$`);
    for (const [e, event, ref] of [
      ['ins', 'INSERT', 'NEW TABLE AS new_rows'],
      ['upd', 'UPDATE', 'OLD TABLE AS old_rows NEW TABLE AS new_rows'],
      ['del', 'DELETE', 'OLD TABLE AS old_rows'],
    ])
      await q.query(
        `CREATE TRIGGER trg_stats_period_bits_${e} AFTER ${event} ON stats_daily_volunteers REFERENCING ${ref} FOR EACH STATEMENT EXECUTE FUNCTION stats_period_bits_${e}()`,
      );

    // backfill from the existing roll-up
    await q.query(`INSERT INTO stats_volunteer_ordinals (volunteer_id) SELECT DISTINCT volunteer_id FROM stats_daily_volunteers ORDER BY 1`);
    await q.query(`INSERT INTO stats_period_bits (grain, period, dim, chunk, bits)
      ${masksOf(`SELECT c.grain, c.period, c.dim, o.ord FROM (${cellsOf(`SELECT DISTINCT volunteer_id, day, category, kind FROM stats_daily_volunteers`)}) c ${ORD_JOIN}`)}`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const e of ['ins', 'upd', 'del']) await q.query(`DROP TRIGGER IF EXISTS trg_stats_period_bits_${e} ON stats_daily_volunteers`);
    for (const e of ['ins', 'upd', 'del']) await q.query(`DROP FUNCTION IF EXISTS stats_period_bits_${e}()`);
    await q.query(`DROP INDEX IF EXISTS idx_stats_vol_volunteer_day`);
    await q.query(`DROP TABLE IF EXISTS stats_period_bits`);
    await q.query(`DROP TABLE IF EXISTS stats_volunteer_ordinals`);
  }
}
