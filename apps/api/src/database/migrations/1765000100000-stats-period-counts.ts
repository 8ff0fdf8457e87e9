import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Distinct counts of the whole-period cells of stats_period_bits — issue 15, session 6: a breakdown over whole
 * periods (by=site / team / town / … over one year or all time, by=month / week over whole months / weeks) reads
 * plain integers instead of decompressing and OR-ing hundreds to thousands of 8192-bit chunks.
 *
 * stats_period_counts(dim, grain, period, chunk, n): n = bit_count(bits) of the stats_period_bits row with the same
 * key, for every grain but 'd' (day cells only serve the remaining days of a range, read with bit_or as before).
 * Within one grain and dimension value a volunteer has one bit per chunk, so the distinct volunteers of one cell
 * (one period) are sum(n) over its chunks; a range of several periods still ORs the bitmaps.
 *
 * A second index on (grain, period, dim COLLATE "C") of this table and of stats_period_sums reads every dim of one
 * family ('s:', 't:', 'tn:', …) in one period as one contiguous index range (one descent instead of one per site).
 *
 * Kept by statement-level triggers on stats_period_bits itself (whatever writes the bitmaps — the roll-up triggers,
 * the town / team-type moves, rebuild-stats — keeps the counts): inserted and updated cells upsert their bit_count,
 * deleted cells delete theirs. Only the row that a statement changed is counted again (one bit_count of 1 KB),
 * and a counts row is written only by the statement that holds the lock of its bitmap row (no new lock order).
 */
const KEY = 'dim, grain, period, chunk';
const MATCH = (a: string, b: string) => `(${a}.dim, ${a}.grain, ${a}.period, ${a}.chunk) = (${b}.dim, ${b}.grain, ${b}.period, ${b}.chunk)`;

/** Upsert the counts of the non-day cells of transition table `t`. */
const upsertCounts = (t: string) => `
    INSERT INTO stats_period_counts AS s (${KEY}, n)
    SELECT ${KEY}, bit_count(bits)::int FROM ${t} WHERE grain <> 'd' ORDER BY ${KEY}
    ON CONFLICT (${KEY}) DO UPDATE SET n = EXCLUDED.n WHERE s.n <> EXCLUDED.n;`;

export class StatsPeriodCounts1765000100000 implements MigrationInterface {
  name = 'StatsPeriodCounts1765000100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE stats_period_counts (
        dim varchar(80) NOT NULL,
        grain char(1) NOT NULL,
        period date NOT NULL,
        chunk int NOT NULL,
        n int NOT NULL CHECK (n >= 0),
        PRIMARY KEY (dim, grain, period, chunk)
      ) WITH (fillfactor = 70)`);
    // a whole family of dims ('s:', 't:', 'tn:', …) in one period as one index range (C collation: prefix order)
    await q.query(`CREATE INDEX idx_stats_period_counts_period ON stats_period_counts (grain, period, (dim COLLATE "C"))`);
    await q.query(`CREATE INDEX idx_stats_period_sums_period ON stats_period_sums (grain, period, (dim COLLATE "C"))`);
    await q.query(`
      CREATE FUNCTION stats_period_counts_ins() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN ${upsertCounts('new_rows')}
        RETURN NULL;
      END $fn$`);
    // (the bitmap writers never change a cell's key; a key change would still move the count)
    await q.query(`
      CREATE FUNCTION stats_period_counts_upd() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        DELETE FROM stats_period_counts s USING (SELECT ${KEY} FROM old_rows WHERE grain <> 'd' EXCEPT SELECT ${KEY} FROM new_rows) k WHERE ${MATCH('s', 'k')};
        ${upsertCounts('new_rows')}
        RETURN NULL;
      END $fn$`);
    await q.query(`
      CREATE FUNCTION stats_period_counts_del() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        DELETE FROM stats_period_counts s USING old_rows k WHERE k.grain <> 'd' AND ${MATCH('s', 'k')};
        RETURN NULL;
      END $fn$`);
    // no bitmap writer may run between the backfill and the triggers
    await q.query(`LOCK TABLE stats_period_bits IN SHARE ROW EXCLUSIVE MODE`);
    for (const [e, event, ref] of [
      ['ins', 'INSERT', 'NEW TABLE AS new_rows'],
      ['upd', 'UPDATE', 'OLD TABLE AS old_rows NEW TABLE AS new_rows'],
      ['del', 'DELETE', 'OLD TABLE AS old_rows'],
    ])
      await q.query(
        `CREATE TRIGGER trg_stats_period_counts_${e} AFTER ${event} ON stats_period_bits REFERENCING ${ref} FOR EACH STATEMENT EXECUTE FUNCTION stats_period_counts_${e}()`,
      );
    await q.query(`INSERT INTO stats_period_counts (${KEY}, n)
      SELECT ${KEY}, bit_count(bits)::int FROM stats_period_bits WHERE grain <> 'd' ORDER BY ${KEY}`);
    await q.query(`ANALYZE stats_period_counts`);
    await q.query(`ANALYZE stats_period_sums`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const e of ['ins', 'upd', 'del']) await q.query(`DROP TRIGGER IF EXISTS trg_stats_period_counts_${e} ON stats_period_bits`);
    for (const e of ['ins', 'upd', 'del']) await q.query(`DROP FUNCTION IF EXISTS stats_period_counts_${e}()`);
    await q.query(`DROP INDEX IF EXISTS idx_stats_period_sums_period`);
    await q.query(`DROP TABLE IF EXISTS stats_period_counts`);
  }
}
