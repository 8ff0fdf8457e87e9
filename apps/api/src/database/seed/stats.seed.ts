import { rebuildStats } from '../stats-rebuild';
import type { SeedStep } from './seed';

/**
 * Last seed step: the triggers already kept the roll-ups current while the history steps inserted, so this
 * rebuilds them from raw data anyway and verifies they agree (a cheap guarantee the demo totals reconcile).
 */
export const statsSeedStep: SeedStep = async (ctx) => {
  const check = await rebuildStats(ctx.em);
  return { stats_person_times: check.rollup.personTimes, stats_volunteers: check.rollup.volunteers };
};
