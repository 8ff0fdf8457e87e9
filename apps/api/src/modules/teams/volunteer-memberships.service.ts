import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Queryable } from '../../database/sql';
import { VolunteerMembershipsRepository } from './volunteer-memberships.repository';

/**
 * Memberships the volunteers module asks for (issue 16: it never writes `team_memberships` itself): a volunteer
 * added to a team on creation, and the import's rows with a 队伍. Scope checks stay with the caller.
 */
@Injectable()
export class VolunteerMembershipsService {
  constructor(private readonly repo: VolunteerMembershipsRepository) {}

  /** A new volunteer joins a team as a plain member (caller's transaction). */
  addMember(em: EntityManager, teamId: string, volunteerId: string): Promise<void> {
    return this.repo.insertMember(em, teamId, volunteerId);
  }

  /** Many (team, volunteer) pairs at once; existing memberships are kept; answers the pairs added. */
  addMembers(em: Queryable, pairs: Array<[string, string]>): Promise<Array<[string, string]>> {
    return this.repo.insertMembers(em, pairs);
  }

  /** Undo memberships a failed (batched) import added. */
  removeMembers(pairs: Array<[string, string]>): Promise<void> {
    return this.repo.deleteMembers(pairs);
  }
}
