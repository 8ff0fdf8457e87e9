import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { selectOne, selectRows, type Queryable } from '../../database/sql';

/** All SQL of the scope checks (sites tree, team leadership). Reads only; `em` is the caller's transaction if any. */
@Injectable()
export class ScopeRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  /** The site and every site below it. */
  async subtreeSiteIds(siteId: string, em: Queryable = this.db): Promise<string[]> {
    const rows = await selectRows<{ id: string }>(
      em,
      `WITH RECURSIVE t AS (SELECT id FROM sites WHERE id = $1 UNION ALL SELECT s.id FROM sites s JOIN t ON s.parent_id = t.id)
       SELECT id FROM t`,
      [siteId],
    );
    return rows.map((r) => r.id);
  }

  async ledTeamIds(volunteerId: string, em: Queryable = this.db): Promise<string[]> {
    const rows = await selectRows<{ team_id: string }>(em, `SELECT team_id FROM team_memberships WHERE volunteer_id = $1 AND role = 'leader'`, [volunteerId]);
    return rows.map((r) => r.team_id);
  }

  async isLeaderOf(teamId: string, volunteerId: string, em: Queryable = this.db): Promise<boolean> {
    const rows = await selectRows(em, `SELECT 1 FROM team_memberships WHERE team_id = $1 AND volunteer_id = $2 AND role = 'leader'`, [teamId, volunteerId]);
    return rows.length > 0;
  }

  /** The team's home site; undefined if there is no such team. */
  async teamSiteId(teamId: string, em: Queryable = this.db): Promise<string | undefined> {
    return (await selectOne<{ site_id: string }>(em, `SELECT site_id FROM teams WHERE id = $1`, [teamId]))?.site_id;
  }

  async siteExists(siteId: string, em: Queryable = this.db): Promise<boolean> {
    return (await selectRows(em, `SELECT 1 FROM sites WHERE id = $1`, [siteId])).length > 0;
  }

  /** Is `otherSiteId` the site `siteId` itself or one above it (its institute, the county center)? */
  async isSiteOrAbove(siteId: string, otherSiteId: string, em: Queryable = this.db): Promise<boolean> {
    const rows = await selectRows(
      em,
      `WITH RECURSIVE up AS (SELECT id, parent_id FROM sites WHERE id = $1 UNION ALL SELECT s.id, s.parent_id FROM sites s JOIN up ON s.id = up.parent_id)
             SELECT 1 FROM up WHERE id = $2`,
      [siteId, otherSiteId],
    );
    return rows.length > 0;
  }

  async regionExists(regionId: string, em: Queryable = this.db): Promise<boolean> {
    return (await selectRows(em, `SELECT level FROM regions WHERE id = $1`, [regionId])).length > 0;
  }

  /** Does some site of the town (its own region or a village/community under it) lie among `siteIds`? */
  async townHasSiteAmong(townId: string, siteIds: string[], em: Queryable = this.db): Promise<boolean> {
    const rows = await selectRows(
      em,
      `SELECT 1 FROM sites s JOIN regions r ON r.id = s.region_id WHERE (r.id = $1 OR r.parent_id = $1) AND s.id = ANY($2::uuid[]) LIMIT 1`,
      [townId, siteIds],
    );
    return rows.length > 0;
  }
}
