import type { ActivityRow } from './attendance.repository';

/** How long the facts of an activity are kept (ms). */
export const CHECKIN_FACTS_TTL_MS = 5_000;
/** At most this many activities are cached (a county has a few hundred live at once). */
const MAX_ENTRIES = 10_000;

/**
 * The facts of an activity the check-in's common path reads before its one statement (status, kind, window,
 * capacity, team/site, and the secret the code is checked against), kept in the process for a few seconds
 * (issue 15).
 *
 * Why a stale entry cannot do harm, so no cross-process invalidation is needed: the secret never changes after
 * the activity is created; every other fact is only a gate to the common path — `attendance_checkin` re-reads
 * the activity row (status, window, kind, capacity) in the same statement and refuses from the database's
 * answer. A stale "live" entry therefore sends a check-in of a cancelled or moved activity into the statement,
 * which refuses it (bound on a cancelled activity accepting check-ins: zero); a stale "not live" entry sends it
 * to the step-by-step path, which reads the activity afresh. A missing activity is never cached.
 * `invalidate` drops an entry at once (the process's own changes, tests).
 */
export class CheckinFactsCache {
  private readonly entries = new Map<string, { facts: ActivityRow; until: number }>();
  private readonly loading = new Map<string, Promise<ActivityRow | undefined>>();

  constructor(
    private readonly load: (id: string) => Promise<ActivityRow | undefined>,
    private readonly ttlMs = CHECKIN_FACTS_TTL_MS,
    private readonly now: () => number = Date.now,
  ) {}

  async get(id: string): Promise<ActivityRow | undefined> {
    const hit = this.entries.get(id);
    if (hit && hit.until > this.now()) return hit.facts;
    // one load per activity at a time: a burst of check-ins on a cold entry reads the row once
    let pending = this.loading.get(id);
    if (!pending) {
      pending = this.load(id)
        .then((row) => {
          if (row) {
            if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
            const facts = { ...row, starts_at: new Date(row.starts_at), ends_at: new Date(row.ends_at), capacity: row.capacity === null ? null : Number(row.capacity) };
            this.entries.set(id, { facts, until: this.now() + this.ttlMs });
            return facts;
          }
          return undefined;
        })
        .finally(() => this.loading.delete(id));
      this.loading.set(id, pending);
    }
    return pending;
  }

  invalidate(id?: string) {
    if (id === undefined) this.entries.clear();
    else this.entries.delete(id);
  }
}
