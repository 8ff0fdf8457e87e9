import type { DataSource, EntityManager } from 'typeorm';
import { ActivitiesRepository, type OverlappingSignupRow } from './activities.repository';
export { inTransaction } from '../../database/sql';

/**
 * @deprecated Compatibility for modules not yet moved to the activities module's services (attendance, points-shop):
 * no SQL lives here any more. Use `ActivityChangesService` (exported by ActivitiesModule) and `inTransaction` from
 * src/database/sql.ts. Lock order, everywhere: the activity row first, then (at most one at a time) a volunteer row.
 */
const sql = new ActivitiesRepository(null as unknown as DataSource); // these two methods use only the caller's em

/** `SELECT … FOR UPDATE` the volunteer; returns the name, 404 if missing. */
export const lockVolunteer = (em: EntityManager, id: string): Promise<string> => sql.lockVolunteer(em, id);

/** Another live activity the volunteer holds a confirmed sign-up for whose time overlaps [startsAt, endsAt). */
export const overlappingSignup = (em: EntityManager, volunteerId: string, a: { id: string; startsAt: Date; endsAt: Date }): Promise<OverlappingSignupRow | null> =>
  sql.findOverlappingSignup(em, volunteerId, a);
