import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { townIdOf } from '../../common/sql/names';
import { type Queryable, selectCount, selectRows } from '../../database/sql';

/** Names next to a site's ids: its region, its parent site and its town. */
export interface SiteNames {
  region_name: string;
  parent_name: string | null;
  town_id: string | null;
  town_name: string | null;
}

/** One statement for a page of sites. */
export async function siteNames(em: Queryable, ids: string[]): Promise<Map<string, SiteNames>> {
  if (!ids.length) return new Map();
  const rows = await selectRows<SiteNames & { id: string }>(
    em,
    `SELECT s.id, r.name AS region_name, p.name AS parent_name, tw.id AS town_id, tw.name AS town_name
       FROM sites s JOIN regions r ON r.id = s.region_id
       LEFT JOIN sites p ON p.id = s.parent_id
       LEFT JOIN regions tw ON tw.id = ${townIdOf('r')}
      WHERE s.id = ANY($1::uuid[])`,
    [ids],
  );
  return new Map(rows.map((r) => [r.id, r]));
}

/** All SQL of sites beyond TypeORM's entity calls. */
@Injectable()
export class SitesRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  names(ids: string[], em: Queryable = this.db): Promise<Map<string, SiteNames>> {
    return siteNames(em, ids);
  }

  async lockSite(em: EntityManager, id: string): Promise<void> {
    await em.query(`SELECT id FROM sites WHERE id = $1 FOR UPDATE`, [id]);
  }

  /** Child sites, teams, volunteers and logins that name the site (any of them forbids deleting it). */
  async countDependents(em: EntityManager, id: string): Promise<number> {
    return selectCount(
      em,
      `SELECT (SELECT count(*) FROM sites WHERE parent_id = $1) + (SELECT count(*) FROM teams WHERE site_id = $1)
              + (SELECT count(*) FROM volunteers WHERE site_id = $1) + (SELECT count(*) FROM users WHERE site_id = $1) AS n`,
      [id],
    );
  }
}
