import { describe, expect, it } from 'vitest';
import { rankTeams } from './five-star-teams';

const team = (teamName: string, averageRating: number, ratedCount: number) => ({ teamId: teamName, teamName, siteId: 's', siteName: '站', averageRating, ratedCount });

describe('rankTeams (五星队伍)', () => {
  it('ranks by average, ties by number of ratings; too few ratings listed after, unranked', () => {
    const out = rankTeams([team('甲', 4.5, 3), team('乙', 5, 1), team('丙', 4.5, 8), team('丁', 4.8, 4), team('戊', 4.5, 8)]);
    expect(out.map((x) => [x.teamName, x.rank])).toEqual([
      ['丁', 1],
      ['丙', 2],
      ['戊', 2],
      ['甲', 4],
      ['乙', null],
    ]);
  });
});
