import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Accounts hardening (issue 14, items 3–6):
 * - users.token_version: every issued token carries it; bumping it (password change/reset, role change, logout,
 *   disabling) kills earlier tokens at once. users.disabled_at: a disabled login cannot log in or use a token.
 *   users.phone_verified_at: set when a one-time code proved the phone; null = unverified (self-registered without
 *   an SMS provider, or created by staff).
 * - registration_claims: a registration whose phone belongs to an existing volunteer record (created by staff, no
 *   login) waits here for a site admin's approval; nothing of the record is shown to the registrant.
 * - verification_codes: one-time codes sent through the delivery port (stored hashed).
 * - login_throttle: failed logins per phone (10 → locked 15 minutes), shared by every API process.
 * - rate_limits: fixed-window counters for @nestjs/throttler and the wrong check-in code limiter, shared by every
 *   API process.
 */
export class Accounts1764390000300 implements MigrationInterface {
  name = 'Accounts1764390000300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users ADD COLUMN token_version integer NOT NULL DEFAULT 0`);
    await q.query(`ALTER TABLE users ADD COLUMN disabled_at timestamptz`);
    await q.query(`ALTER TABLE users ADD COLUMN phone_verified_at timestamptz`);

    await q.query(`
      CREATE TABLE registration_claims (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        volunteer_id uuid NOT NULL REFERENCES volunteers(id) ON DELETE CASCADE,
        phone varchar(11) NOT NULL,
        name varchar(50) NOT NULL,
        site_id uuid NOT NULL REFERENCES sites(id),
        password_hash text NOT NULL,
        status varchar(10) NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'declined')),
        decided_by uuid REFERENCES users(id),
        decided_at timestamptz,
        decline_reason varchar(200),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT chk_claims_decided CHECK (status = 'pending' OR decided_at IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX idx_claims_pending ON registration_claims(volunteer_id) WHERE status = 'pending'`);
    await q.query(`CREATE INDEX idx_claims_phone ON registration_claims(phone, created_at)`);

    await q.query(`
      CREATE TABLE verification_codes (
        phone varchar(11) PRIMARY KEY,
        code_hash text NOT NULL,
        attempts integer NOT NULL DEFAULT 0,
        sent_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL
      )`);

    await q.query(`
      CREATE TABLE login_throttle (
        phone varchar(11) PRIMARY KEY,
        failures integer NOT NULL DEFAULT 0,
        last_failure_at timestamptz NOT NULL DEFAULT now(),
        locked_until timestamptz
      )`);

    await q.query(`
      CREATE TABLE rate_limits (
        key text PRIMARY KEY,
        hits integer NOT NULL,
        expires_at timestamptz NOT NULL,
        blocked_until timestamptz
      )`);
    await q.query(`CREATE INDEX idx_rate_limits_expires ON rate_limits(expires_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['rate_limits', 'login_throttle', 'verification_codes', 'registration_claims']) await q.query(`DROP TABLE IF EXISTS ${t}`);
    await q.query(`ALTER TABLE users DROP COLUMN phone_verified_at, DROP COLUMN disabled_at, DROP COLUMN token_version`);
  }
}
