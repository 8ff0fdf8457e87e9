import { rebuildStats } from '../stats-rebuild';
import type { SeedStep } from './seed';

/**
 * Last seed step: builds every statistics roll-up from the raw rows in one pass and verifies it against them (the
 * attendance history was loaded with the statistics triggers off, see attendance.seed.ts; everything written after
 * the seed goes through the triggers).
 */
export const statsSeedStep: SeedStep = async (ctx) => {
  const check = await rebuildStats(ctx.em);
  return { stats_person_times: check.rollup.personTimes, stats_volunteers: check.rollup.volunteers };
};
