import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { selectRows, type Queryable } from '../../database/sql';
import { TeamMembershipEntity } from './team-membership.entity';

/** The SQL of memberships made by the volunteers module (a new volunteer's team, the import's 队伍 column). */
@Injectable()
export class VolunteerMembershipsRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  async insertMember(em: EntityManager, teamId: string, volunteerId: string): Promise<void> {
    await em.insert(TeamMembershipEntity, { teamId, volunteerId, role: 'member' });
  }

  /** (team, volunteer) pairs as plain members, set-based; answers the pairs actually added. */
  async insertMembers(em: Queryable, pairs: Array<[string, string]>): Promise<Array<[string, string]>> {
    if (!pairs.length) return [];
    const added = await selectRows<{ t: string; v: string }>(
      em,
      `INSERT INTO team_memberships (team_id, volunteer_id, role)
       SELECT t, v, 'member' FROM unnest($1::uuid[], $2::uuid[]) AS m(t, v) ON CONFLICT DO NOTHING
       RETURNING team_id AS t, volunteer_id AS v`,
      [pairs.map((p) => p[0]), pairs.map((p) => p[1])],
    );
    return added.map((a) => [a.t, a.v]);
  }

  async deleteMembers(pairs: Array<[string, string]>): Promise<void> {
    if (!pairs.length) return;
    await this.db.query(`DELETE FROM team_memberships m USING unnest($1::uuid[], $2::uuid[]) AS j(t, v) WHERE m.team_id = j.t AND m.volunteer_id = j.v`, [
      pairs.map((j) => j[0]),
      pairs.map((j) => j[1]),
    ]);
  }
}
