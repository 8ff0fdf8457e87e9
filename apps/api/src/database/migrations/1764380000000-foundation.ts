import { MigrationInterface, QueryRunner } from 'typeorm';

/** Organisation, logins and audit: the backbone every later module stands on. */
export class Foundation1764380000000 implements MigrationInterface {
  name = 'Foundation1764380000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE regions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name varchar(100) NOT NULL,
        level varchar(20) NOT NULL CHECK (level IN ('county','town','village','community')),
        parent_id uuid REFERENCES regions(id),
        code varchar(20) NOT NULL,
        CONSTRAINT chk_regions_parent CHECK ((level = 'county') = (parent_id IS NULL))
      )`);
    await q.query(`CREATE UNIQUE INDEX uq_regions_code ON regions(code)`);
    await q.query(`CREATE INDEX idx_regions_parent ON regions(parent_id)`);

    await q.query(`
      CREATE TABLE sites (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name varchar(100) NOT NULL,
        level varchar(20) NOT NULL CHECK (level IN ('center','institute','station')),
        region_id uuid NOT NULL REFERENCES regions(id),
        parent_id uuid REFERENCES sites(id),
        address varchar(200) NOT NULL DEFAULT '',
        contact_name varchar(50) NOT NULL DEFAULT '',
        contact_phone varchar(20) NOT NULL DEFAULT '',
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT chk_sites_parent CHECK ((level = 'center') = (parent_id IS NULL))
      )`);
    await q.query(`CREATE INDEX idx_sites_region ON sites(region_id)`);
    await q.query(`CREATE INDEX idx_sites_parent ON sites(parent_id)`);

    await q.query(`
      CREATE TABLE teams (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name varchar(100) NOT NULL,
        type varchar(20) NOT NULL CHECK (type IN ('red_scarf','red_vest','new_customs','party_member','women','youth','other')),
        site_id uuid NOT NULL REFERENCES sites(id),
        description text NOT NULL DEFAULT '',
        archived boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX idx_teams_site ON teams(site_id)`);

    await q.query(`CREATE SEQUENCE volunteer_number_seq START 1`);
    await q.query(`
      CREATE TABLE volunteers (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name varchar(50) NOT NULL,
        phone varchar(11) CHECK (phone ~ '^1[3-9][0-9]{9}$'),
        gender varchar(10) CHECK (gender IN ('male','female')),
        birth_date date,
        political_status varchar(30),
        skills text[] NOT NULL DEFAULT '{}',
        site_id uuid NOT NULL REFERENCES sites(id),
        id_number_enc text,
        id_number_masked varchar(20),
        id_number_hash varchar(64),
        volunteer_number varchar(20) NOT NULL DEFAULT ('QS' || lpad(nextval('volunteer_number_seq')::text, 8, '0')),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX uq_volunteers_phone ON volunteers(phone)`);
    await q.query(`CREATE UNIQUE INDEX uq_volunteers_id_number_hash ON volunteers(id_number_hash)`);
    await q.query(`CREATE UNIQUE INDEX uq_volunteers_number ON volunteers(volunteer_number)`);
    await q.query(`CREATE INDEX idx_volunteers_site ON volunteers(site_id)`);

    await q.query(`
      CREATE TABLE team_memberships (
        team_id uuid NOT NULL REFERENCES teams(id),
        volunteer_id uuid NOT NULL REFERENCES volunteers(id),
        role varchar(10) NOT NULL DEFAULT 'member' CHECK (role IN ('leader','member')),
        joined_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (team_id, volunteer_id)
      )`);
    await q.query(`CREATE INDEX idx_team_memberships_volunteer ON team_memberships(volunteer_id)`);

    await q.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        phone varchar(11) NOT NULL,
        password_hash text NOT NULL,
        role varchar(20) NOT NULL CHECK (role IN ('county_admin','site_admin','volunteer')),
        site_id uuid REFERENCES sites(id),
        volunteer_id uuid REFERENCES volunteers(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT chk_users_site_admin_site CHECK (role <> 'site_admin' OR site_id IS NOT NULL),
        CONSTRAINT chk_users_volunteer_link CHECK (role <> 'volunteer' OR volunteer_id IS NOT NULL)
      )`);
    await q.query(`CREATE UNIQUE INDEX uq_users_phone ON users(phone)`);
    await q.query(`CREATE UNIQUE INDEX uq_users_volunteer ON users(volunteer_id)`);

    await q.query(`
      CREATE TABLE audit_entries (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        actor_user_id uuid,
        action varchar(50) NOT NULL,
        entity varchar(50) NOT NULL,
        entity_id varchar(100) NOT NULL,
        before jsonb,
        after jsonb,
        at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX idx_audit_entity ON audit_entries(entity, entity_id)`);
    await q.query(`CREATE INDEX idx_audit_at ON audit_entries(at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['audit_entries', 'users', 'team_memberships', 'volunteers', 'teams', 'sites', 'regions']) {
      await q.query(`DROP TABLE IF EXISTS ${t}`);
    }
    await q.query(`DROP SEQUENCE IF EXISTS volunteer_number_seq`);
  }
}
