import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { selectRows, type Queryable } from '../../database/sql';

/** A site a sheet may name (in full, or without its 新时代文明实践站/所/中心 suffix). */
export interface ImportSiteRow {
  id: string;
  name: string;
}

export interface ImportTeamRow {
  id: string;
  name: string;
  siteId: string;
}

/** A volunteer already registered under a phone or an ID number of the sheet. */
export interface ExistingVolunteerRow {
  id: string;
  phone: string | null;
  siteId: string;
  hash: string | null;
}

/** One volunteer to write: the row's fields, aligned column by column with the other rows of its statement. */
export interface ImportVolunteerValues {
  id: string;
  name: string;
  phone: string | null;
  gender: string | null;
  birthDate: string | null;
  politicalStatus: string | null;
  /** JSON array text, or null for "no skills given" */
  skills: string | null;
  siteId: string;
  idNumberEnc: string | null;
  idNumberMasked: string | null;
  idNumberHash: string | null;
}

const SITE_SUFFIX = '新时代文明实践(站|所|中心)$';

const UNNEST = `unnest($1::uuid[], $2::varchar[], $3::varchar[], $4::varchar[], $5::date[], $6::varchar[], $7::text[], $8::uuid[], $9::text[], $10::varchar[], $11::varchar[])
        AS u(id, name, phone, gender, birth_date, political_status, skills, site_id, id_number_enc, id_number_masked, id_number_hash)`;

const columns = (list: ImportVolunteerValues[]) => [
  list.map((v) => v.id),
  list.map((v) => v.name),
  list.map((v) => v.phone),
  list.map((v) => v.gender),
  list.map((v) => v.birthDate),
  list.map((v) => v.politicalStatus),
  list.map((v) => v.skills),
  list.map((v) => v.siteId),
  list.map((v) => v.idNumberEnc),
  list.map((v) => v.idNumberMasked),
  list.map((v) => v.idNumberHash),
];

/**
 * The volunteer import's SQL, set-based: every read answers for all rows of the sheet at once (never one query
 * per row), every write is one statement per batch (unnest keeps the column arrays aligned row by row).
 */
@Injectable()
export class VolunteerImportRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  /** The sites the sheet names (full name or without the suffix), plus the default site if given. */
  sitesNamed(names: string[], defaultSiteId: string | undefined): Promise<ImportSiteRow[]> {
    return selectRows<ImportSiteRow>(
      this.db,
      `SELECT id, name FROM sites
        WHERE name = ANY($1::text[]) OR regexp_replace(name, '${SITE_SUFFIX}', '') = ANY($1::text[]) OR id = $2::uuid`,
      [names, defaultSiteId ?? null],
    );
  }

  /** The live (not archived) teams the sheet names. */
  teamsNamed(names: string[]): Promise<ImportTeamRow[]> {
    return selectRows<ImportTeamRow>(this.db, `SELECT id, name, site_id AS "siteId" FROM teams WHERE NOT archived AND name = ANY($1::text[])`, [names]);
  }

  /** Volunteers registered under any of the phones or ID-number hashes. */
  existingVolunteers(phones: string[], idNumberHashes: string[]): Promise<ExistingVolunteerRow[]> {
    if (!phones.length && !idNumberHashes.length) return Promise.resolve([]);
    return selectRows<ExistingVolunteerRow>(
      this.db,
      `SELECT id, phone, site_id AS "siteId", id_number_hash AS hash FROM volunteers
        WHERE phone = ANY($1::varchar[]) OR id_number_hash = ANY($2::varchar[])`,
      [phones, idNumberHashes],
    );
  }

  /** Known volunteers: an empty cell leaves the stored value as it is; name and site always follow the sheet. */
  async updateVolunteers(em: Queryable, list: ImportVolunteerValues[]): Promise<void> {
    if (!list.length) return;
    await em.query(
      `UPDATE volunteers v SET name = u.name,
            gender = COALESCE(u.gender, v.gender),
            birth_date = COALESCE(u.birth_date, v.birth_date),
            political_status = COALESCE(u.political_status, v.political_status),
            skills = CASE WHEN u.skills IS NULL THEN v.skills ELSE ARRAY(SELECT jsonb_array_elements_text(u.skills::jsonb)) END,
            site_id = u.site_id,
            id_number_enc = COALESCE(u.id_number_enc, v.id_number_enc),
            id_number_masked = COALESCE(u.id_number_masked, v.id_number_masked),
            id_number_hash = COALESCE(u.id_number_hash, v.id_number_hash)
          FROM ${UNNEST} WHERE v.id = u.id`,
      columns(list),
    );
  }

  async insertVolunteers(em: Queryable, list: ImportVolunteerValues[]): Promise<void> {
    if (!list.length) return;
    await em.query(
      `INSERT INTO volunteers (id, name, phone, gender, birth_date, political_status, skills, site_id, id_number_enc, id_number_masked, id_number_hash)
         SELECT u.id, u.name, u.phone, u.gender, u.birth_date, u.political_status,
                CASE WHEN u.skills IS NULL THEN '{}'::text[] ELSE ARRAY(SELECT jsonb_array_elements_text(u.skills::jsonb)) END,
                u.site_id, u.id_number_enc, u.id_number_masked, u.id_number_hash
           FROM ${UNNEST}`,
      columns(list),
    );
  }

  /** Undo a failed batched import (embedded database): the volunteers it added. */
  async deleteVolunteers(ids: string[]): Promise<void> {
    if (ids.length) await this.db.query(`DELETE FROM volunteers WHERE id = ANY($1::uuid[])`, [ids]);
  }
}
