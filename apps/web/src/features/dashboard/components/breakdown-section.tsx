import { useMemo, useState } from 'react';
import { Card, Flex, Segmented, Typography } from 'antd';
import type { BreakdownRow, StatsBreakdownBy as StatsBy, StatsFilter } from '@wenming/shared';
import { DownloadButton } from '@/components/ui/download-button';
import { ErrorState } from '@/components/ui/states';
import { t } from '@/lib/i18n';
import { useBreakdown } from '../api/stats-api';
import { BY_COLUMN, BY_LABELS, monthLabel, weekLabel } from '../lib/labels';
import { EChart } from './echart';
import { FIGURE_COLUMNS, FiguresTable } from './figures-table';
import { KPI_LABELS } from './kpi-cards';

export const BY_ORDER: StatsBy[] = ['town', 'site', 'team', 'teamType', 'category', 'kind', 'month', 'week'];
const BY_OPTIONS = BY_ORDER.map((value) => ({ value, label: BY_LABELS[value] }));
/** Dimensions with many rows: a table only (a chart of 300 teams says nothing). */
const TABLE_ONLY: StatsBy[] = ['site', 'team'];

/** The name a person reads for a breakdown row (never an id). */
export function rowLabel(by: StatsBy, r: BreakdownRow): string {
  if (by === 'week' && r.key) return weekLabel(r.key);
  if (by === 'month' && r.key) return monthLabel(r.key);
  return r.label;
}

function chartOption(by: StatsBy, labels: string[], rows: BreakdownRow[]) {
  if (by === 'teamType' || by === 'kind') {
    return {
      tooltip: { trigger: 'item' as const },
      legend: { bottom: 0, type: 'scroll' as const },
      series: [{ name: KPI_LABELS.personTimes, type: 'pie' as const, radius: ['40%', '68%'], data: rows.map((r, i) => ({ name: labels[i], value: r.personTimes })) }],
    };
  }
  const rotate = by === 'town' || by === 'category' || by === 'week';
  return {
    tooltip: { trigger: 'axis' as const },
    legend: { bottom: 0 },
    grid: { left: 48, right: 48, top: 40, bottom: rotate ? 96 : 56 },
    xAxis: { type: 'category' as const, data: labels, axisLabel: { rotate: rotate ? 40 : 0 } },
    yAxis: [
      { type: 'value' as const, name: KPI_LABELS.personTimes },
      { type: 'value' as const, name: `${KPI_LABELS.serviceHours}（${t.common.hours}）` },
    ],
    series: [
      { name: KPI_LABELS.personTimes, type: 'bar' as const, data: rows.map((r) => r.personTimes), itemStyle: { color: '#c8161d' } },
      {
        name: KPI_LABELS.serviceHours,
        type: by === 'month' || by === 'week' ? ('line' as const) : ('bar' as const),
        yAxisIndex: 1,
        data: rows.map((r) => r.serviceHours),
        itemStyle: { color: '#faad14' },
        smooth: true,
      },
    ],
  };
}

export function BreakdownSection({ filter, exportQuery }: { filter: StatsFilter; exportQuery: Record<string, string | undefined> }) {
  const [by, setBy] = useState<StatsBy>('town');
  const query = useBreakdown(by, filter);
  const rows = useMemo(() => query.data?.rows ?? [], [query.data]);
  const tableRows = useMemo(() => rows.map((r, i) => ({ ...r, _label: rowLabel(by, r), _key: r.key ?? `__county${i}` })), [rows, by]);
  const chartLabels = useMemo(() => tableRows.map((r) => (by === 'week' ? r._label.replace(/ \(.*\)$/, '') : r._label)), [tableRows, by]);
  const option = useMemo(() => chartOption(by, chartLabels, rows), [by, chartLabels, rows]);

  return (
    <Card title="分组统计" className="dashboard-breakdown">
      <Flex wrap justify="space-between" align="center" gap={8} style={{ marginBottom: 16 }}>
        <div style={{ overflowX: 'auto', maxWidth: '100%' }}>
          <Segmented<StatsBy> value={by} onChange={setBy} options={BY_OPTIONS} aria-label={t.dashboard.breakdownBy} />
        </div>
        <Flex gap={8} wrap>
          <DownloadButton path="/exports/stats" query={{ format: 'xlsx', by, ...exportQuery }} fallbackName={`${t.dashboard.exportFileName}-${by}.xlsx`}>
            {t.common.exportXlsx}
          </DownloadButton>
          <DownloadButton path="/exports/stats" query={{ format: 'csv', by, ...exportQuery }} fallbackName={`${t.dashboard.exportFileName}-${by}.csv`}>
            {t.common.exportCsv}
          </DownloadButton>
        </Flex>
      </Flex>
      {query.isError && !query.data ? (
        <ErrorState error={query.error} onRetry={() => query.refetch()} />
      ) : (
        <Flex vertical gap={16}>
          {rows.length > 0 && !TABLE_ONLY.includes(by) ? <EChart option={option} height={320} ariaLabel={`${BY_LABELS[by]}图表`} /> : null}
          <FiguresTable
            label={`${BY_LABELS[by]}统计表`}
            nameTitle={BY_COLUMN[by]}
            rows={tableRows}
            total={query.data?.total}
            figureColumns={FIGURE_COLUMNS}
            loading={query.isFetching}
            pageSize={by === 'site' || by === 'team' ? 10 : 20}
          />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            合计行与上方卡片一致；合计的参与志愿者为去重人数，不等于各行之和。阵地、乡镇按活动地点计，队伍按组织活动的队伍计。
          </Typography.Text>
        </Flex>
      )}
    </Card>
  );
}
