import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 13: whole-number points, 积分超市 (goods, redemptions), notices (站内消息), job runs, 村规民约 deeds and awards,
 * 先进典型 honours, and the first time an activity's check-in code was shown.
 *
 * Points conversion: every existing row's balance_after becomes floor(balance_after) and its delta the difference to
 * the previous row of the same volunteer, so each balance is floor(old balance), never negative, and the ledger still
 * adds up. Rows whose delta becomes 0 stay (history); the delta <> 0 check is re-added NOT VALID (new rows only).
 */
export class PointsSupermarket1764390000600 implements MigrationInterface {
  name = 'PointsSupermarket1764390000600';

  async up(q: QueryRunner): Promise<void> {
    // ---- points_ledger → integers, with a kind and links to what caused each row
    const checks: Array<{ conname: string }> = await q.query(`SELECT conname FROM pg_constraint WHERE conrelid = 'points_ledger'::regclass AND contype = 'c'`);
    for (const c of checks) await q.query(`ALTER TABLE points_ledger DROP CONSTRAINT "${c.conname}"`);
    await q.query(`
      UPDATE points_ledger p SET balance_after = x.b, delta = x.b - x.prev
        FROM (SELECT id, floor(balance_after) AS b,
                     coalesce(lag(floor(balance_after)) OVER (PARTITION BY volunteer_id ORDER BY id), 0) AS prev
                FROM points_ledger) x
       WHERE x.id = p.id`);
    await q.query(`ALTER TABLE points_ledger ALTER COLUMN delta TYPE integer USING delta::integer`);
    await q.query(`ALTER TABLE points_ledger ALTER COLUMN balance_after TYPE integer USING balance_after::integer`);
    await q.query(`ALTER TABLE points_ledger ADD CONSTRAINT chk_points_ledger_balance CHECK (balance_after >= 0)`);
    await q.query(`ALTER TABLE points_ledger ADD COLUMN kind varchar(20)`);
    await q.query(`
      UPDATE points_ledger SET kind = CASE
        WHEN attendance_id IS NOT NULL AND delta >= 0 THEN 'earned'
        WHEN attendance_id IS NOT NULL THEN 'adjusted'
        WHEN delta < 0 THEN 'spent'
        ELSE 'adjusted' END`);
    await q.query(`ALTER TABLE points_ledger ALTER COLUMN kind SET NOT NULL`);
    // ledger rows are never updated: converted rows whose delta became 0 stay, every new row moves the balance
    await q.query(`ALTER TABLE points_ledger ADD CONSTRAINT chk_points_ledger_delta CHECK (delta <> 0) NOT VALID`);
    await q.query(`ALTER TABLE points_ledger ADD CONSTRAINT chk_points_ledger_kind CHECK (kind IN ('earned','held','spent','returned','deed','adjusted'))`);

    // ---- 积分超市
    await q.query(`
      CREATE TABLE goods (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        site_id uuid REFERENCES sites(id),
        name varchar(100) NOT NULL,
        image_url varchar(500),
        points_price integer NOT NULL CHECK (points_price > 0),
        stock integer NOT NULL CHECK (stock >= 0),
        active boolean NOT NULL DEFAULT true,
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX idx_goods_site ON goods(site_id)`);
    await q.query(`
      CREATE TABLE redemptions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        goods_id uuid NOT NULL REFERENCES goods(id),
        volunteer_id uuid NOT NULL REFERENCES volunteers(id),
        site_id uuid NOT NULL REFERENCES sites(id),
        goods_name varchar(100) NOT NULL,
        points integer NOT NULL CHECK (points > 0),
        status varchar(20) NOT NULL DEFAULT 'requested' CHECK (status IN ('requested','fulfilled','cancelled','expired')),
        requested_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        fulfilled_by uuid REFERENCES users(id),
        fulfilled_at timestamptz,
        closed_by uuid REFERENCES users(id),
        closed_at timestamptz,
        cancel_reason varchar(500),
        CONSTRAINT chk_redemptions_fulfilled CHECK (status <> 'fulfilled' OR fulfilled_at IS NOT NULL),
        CONSTRAINT chk_redemptions_closed CHECK (status NOT IN ('cancelled','expired') OR closed_at IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX idx_redemptions_site_status ON redemptions(site_id, status, requested_at)`);
    await q.query(`CREATE INDEX idx_redemptions_volunteer ON redemptions(volunteer_id, requested_at DESC)`);
    await q.query(`CREATE INDEX idx_redemptions_expiry ON redemptions(expires_at) WHERE status = 'requested'`);
    await q.query(`ALTER TABLE points_ledger ADD COLUMN redemption_id uuid REFERENCES redemptions(id)`);

    // ---- 村规民约
    await q.query(`
      CREATE TABLE deeds (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name varchar(100) NOT NULL,
        description varchar(1000),
        points integer NOT NULL CHECK (points > 0),
        yearly_cap integer NOT NULL CHECK (yearly_cap > 0),
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX uq_deeds_name ON deeds(name)`);
    await q.query(`
      CREATE TABLE deed_awards (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        deed_id uuid NOT NULL REFERENCES deeds(id),
        volunteer_id uuid NOT NULL REFERENCES volunteers(id),
        site_id uuid NOT NULL REFERENCES sites(id),
        points integer NOT NULL CHECK (points > 0),
        year integer NOT NULL,
        note varchar(500),
        awarded_by uuid NOT NULL REFERENCES users(id),
        at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX idx_deed_awards_person ON deed_awards(volunteer_id, deed_id, year)`);
    await q.query(`CREATE INDEX idx_deed_awards_site ON deed_awards(site_id, at DESC)`);
    await q.query(`ALTER TABLE points_ledger ADD COLUMN deed_award_id uuid REFERENCES deed_awards(id)`);

    // ---- 站内消息 (an outbox written in the transaction of the change) and job runs (each (job, period) once)
    await q.query(`
      CREATE TABLE notices (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        kind varchar(40) NOT NULL,
        title varchar(200) NOT NULL,
        body text NOT NULL DEFAULT '',
        link varchar(300),
        dedupe_key varchar(200),
        created_at timestamptz NOT NULL DEFAULT now(),
        read_at timestamptz
      )`);
    await q.query(`CREATE INDEX idx_notices_user ON notices(user_id, created_at DESC)`);
    await q.query(`CREATE INDEX idx_notices_unread ON notices(user_id) WHERE read_at IS NULL`);
    await q.query(`CREATE UNIQUE INDEX uq_notices_dedupe ON notices(user_id, dedupe_key) WHERE dedupe_key IS NOT NULL`);
    await q.query(`
      CREATE TABLE job_runs (
        job varchar(50) NOT NULL,
        period varchar(40) NOT NULL,
        started_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz,
        affected integer,
        PRIMARY KEY (job, period)
      )`);

    // ---- 先进典型
    await q.query(`
      CREATE TABLE honours (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        volunteer_id uuid REFERENCES volunteers(id),
        team_id uuid REFERENCES teams(id),
        title varchar(100) NOT NULL,
        year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
        citation varchar(1000),
        status varchar(20) NOT NULL DEFAULT 'nominated' CHECK (status IN ('nominated','approved','rejected')),
        town_id uuid REFERENCES regions(id),
        nominated_by uuid NOT NULL REFERENCES users(id),
        nominated_at timestamptz NOT NULL DEFAULT now(),
        decided_by uuid REFERENCES users(id),
        decided_at timestamptz,
        reject_reason varchar(500),
        CONSTRAINT chk_honours_subject CHECK ((volunteer_id IS NULL) <> (team_id IS NULL))
      )`);
    await q.query(`CREATE INDEX idx_honours_status ON honours(status, year)`);
    await q.query(`CREATE INDEX idx_honours_volunteer ON honours(volunteer_id) WHERE volunteer_id IS NOT NULL`);

    // ---- at-risk report: when the leader first fetched the check-in code
    await q.query(`ALTER TABLE activities ADD COLUMN checkin_code_first_at timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE activities DROP COLUMN IF EXISTS checkin_code_first_at`);
    await q.query(`DROP TABLE IF EXISTS honours`);
    await q.query(`DROP TABLE IF EXISTS job_runs`);
    await q.query(`DROP TABLE IF EXISTS notices`);
    await q.query(`ALTER TABLE points_ledger DROP COLUMN IF EXISTS deed_award_id`);
    await q.query(`DROP TABLE IF EXISTS deed_awards`);
    await q.query(`DROP TABLE IF EXISTS deeds`);
    await q.query(`ALTER TABLE points_ledger DROP COLUMN IF EXISTS redemption_id`);
    await q.query(`DROP TABLE IF EXISTS redemptions`);
    await q.query(`DROP TABLE IF EXISTS goods`);
    await q.query(`ALTER TABLE points_ledger DROP CONSTRAINT IF EXISTS chk_points_ledger_kind`);
    await q.query(`ALTER TABLE points_ledger DROP COLUMN IF EXISTS kind`);
    await q.query(`ALTER TABLE points_ledger DROP CONSTRAINT IF EXISTS chk_points_ledger_delta`);
    await q.query(`ALTER TABLE points_ledger ALTER COLUMN delta TYPE numeric(12,2)`);
    await q.query(`ALTER TABLE points_ledger ALTER COLUMN balance_after TYPE numeric(12,2)`);
  }
}
