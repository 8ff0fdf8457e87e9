import { useMemo } from 'react';
import { Card, Rate, Table, Tag, Typography } from 'antd';
import type { StatsFilter, TeamRatingDto } from '@wenming/shared';
import { EmptyState, ErrorState, LoadingState } from '@/components/ui/states';
import { useTeamRatings } from '../api/stats-api';
import { FIVE_STAR_RULE, MIN_RATED_FOR_RANK } from '../lib/labels';

export interface RankedTeam extends TeamRatingDto {
  /** 1-based rank among teams with enough ratings; null = too few ratings (listed after, not ranked) */
  rank: number | null;
}

/**
 * 五星队伍: teams with ≥ MIN_RATED_FOR_RANK rated orders by average rating, ties by more ratings (then name);
 * the others after them in the same order, unranked. Equal average and count share a rank.
 */
export function rankTeams(items: TeamRatingDto[], minRated = MIN_RATED_FOR_RANK): RankedTeam[] {
  const cmp = (a: TeamRatingDto, b: TeamRatingDto) => b.averageRating - a.averageRating || b.ratedCount - a.ratedCount || a.teamName.localeCompare(b.teamName, 'zh-CN');
  const ranked = items.filter((x) => x.ratedCount >= minRated).sort(cmp);
  const few = items.filter((x) => x.ratedCount < minRated).sort(cmp);
  const out: RankedTeam[] = [];
  ranked.forEach((x, i) => {
    const prev = out[i - 1];
    const same = prev && prev.averageRating === x.averageRating && prev.ratedCount === x.ratedCount;
    out.push({ ...x, rank: same ? prev.rank : i + 1 });
  });
  return [...out, ...few.map((x) => ({ ...x, rank: null }))];
}

export function FiveStarTeams({ filter }: { filter: StatsFilter }) {
  const query = useTeamRatings(filter);
  const rows = useMemo(() => rankTeams(query.data ?? []), [query.data]);
  let body;
  if (query.isPending) body = <LoadingState />;
  else if (query.isError) body = <ErrorState error={query.error} onRetry={() => query.refetch()} />;
  else if (!rows.length) body = <EmptyState description="所选范围内还没有居民评价过的点单" />;
  else
    body = (
      <Table<RankedTeam>
        aria-label="五星队伍排名"
        rowKey="teamId"
        size="small"
        dataSource={rows}
        loading={query.isFetching}
        scroll={{ x: 540 }}
        pagination={rows.length > 10 ? { pageSize: 10, showSizeChanger: false, size: 'small', showTotal: (n) => `共 ${n} 支队伍` } : false}
        columns={[
          {
            title: '名次',
            key: 'rank',
            width: 84,
            align: 'center',
            render: (_, r) => (r.rank === null ? <Tag>评价较少</Tag> : r.rank <= 3 ? <Tag color="red">第{r.rank}名</Tag> : `第${r.rank}名`),
          },
          {
            title: '队伍',
            dataIndex: 'teamName',
            width: 170,
            render: (name: string, r) => (
              <span>
                {name}
                <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                  {r.siteName}
                </Typography.Text>
              </span>
            ),
          },
          {
            title: '居民评分',
            key: 'rating',
            width: 190,
            render: (_, r) => (
              <span style={{ whiteSpace: 'nowrap' }} aria-label={`平均 ${r.averageRating.toFixed(2)} 星`}>
                <Rate disabled allowHalf value={Math.round(r.averageRating * 2) / 2} style={{ fontSize: 13 }} />{' '}
                <Typography.Text strong>{r.averageRating.toFixed(2)}</Typography.Text>
              </span>
            ),
          },
          {
            title: '评价数',
            dataIndex: 'ratedCount',
            width: 80,
            align: 'right',
            render: (n: number, r) => (r.rank === null ? <Typography.Text type="secondary">{n}</Typography.Text> : n),
          },
        ]}
      />
    );
  return (
    <Card title="五星队伍（居民评价排名）" className="dashboard-five-star">
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }} className="five-star-rule">
        {FIVE_STAR_RULE}
      </Typography.Paragraph>
      {body}
    </Card>
  );
}
