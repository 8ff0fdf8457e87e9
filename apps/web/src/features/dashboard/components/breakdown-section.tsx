import { useMemo, useState } from 'react';
import { Card, Flex, Segmented, Table } from 'antd';
import type { BreakdownRow, StatsBreakdownBy as StatsBy, StatsFigures, StatsFilter } from '@wenming/shared';
import { DownloadButton } from '@/components/ui/download-button';
import { ErrorState } from '@/components/ui/states';
import { t } from '@/lib/i18n';
import { useBreakdown } from '../api/stats-api';
import { EChart } from './echart';
import { KPI_KEYS, KPI_LABELS } from './kpi-cards';

const BY_OPTIONS: Array<{ value: StatsBy; label: string }> = [
  { value: 'month', label: t.dashboard.byMonth },
  { value: 'town', label: t.dashboard.byTown },
  { value: 'teamType', label: t.dashboard.byTeamType },
  { value: 'category', label: t.dashboard.byCategory },
  { value: 'kind', label: t.dashboard.byKind },
];

function chartOption(by: StatsBy, labels: string[], rows: BreakdownRow[]) {
  // Legend below the plot: on a phone it would collide with the two axis names at the top.
  const base = { tooltip: { trigger: 'axis' as const }, legend: { bottom: 0 }, grid: { left: 48, right: 48, top: 40, bottom: by === 'town' ? 96 : 56 } };
  if (by === 'teamType' || by === 'kind') {
    return {
      tooltip: { trigger: 'item' as const },
      legend: { bottom: 0, type: 'scroll' as const },
      series: [
        {
          name: KPI_LABELS.personTimes,
          type: 'pie' as const,
          radius: ['40%', '68%'],
          data: rows.map((r, i) => ({ name: labels[i], value: r.personTimes })),
        },
      ],
    };
  }
  return {
    ...base,
    xAxis: { type: 'category' as const, data: labels, axisLabel: { rotate: by === 'town' || by === 'category' ? 40 : 0 } },
    yAxis: [
      { type: 'value' as const, name: KPI_LABELS.personTimes },
      { type: 'value' as const, name: `${KPI_LABELS.serviceHours}（${t.common.hours}）` },
    ],
    series: [
      { name: KPI_LABELS.personTimes, type: 'bar' as const, data: rows.map((r) => r.personTimes), itemStyle: { color: '#c8161d' } },
      {
        name: KPI_LABELS.serviceHours,
        type: by === 'month' ? ('line' as const) : ('bar' as const),
        yAxisIndex: 1,
        data: rows.map((r) => r.serviceHours),
        itemStyle: { color: '#faad14' },
        smooth: true,
      },
    ],
  };
}

export function BreakdownSection({ filter, exportQuery }: { filter: StatsFilter; exportQuery: Record<string, string | undefined> }) {
  const [by, setBy] = useState<StatsBy>('month');
  const query = useBreakdown(by, filter);
  const rows = useMemo(() => query.data?.rows ?? [], [query.data]);
  const labels = useMemo(() => rows.map((r) => r.label), [rows]);
  const option = useMemo(() => chartOption(by, labels, rows), [by, labels, rows]);
  const tableRows = useMemo(
    () => [
      ...rows.map((r, i) => ({ ...r, _label: labels[i], _key: r.key ?? `__county${i}` })),
      ...(query.data?.total ? [{ ...query.data.total, _label: t.dashboard.totalRow, _key: '__total' }] : []),
    ],
    [rows, labels, query.data],
  );

  return (
    <Card>
      {/* Breakdown switch and exports in the body, wrapping: as a card title + extra they overlap on a phone. */}
      <Flex wrap justify="space-between" align="center" gap={8} style={{ marginBottom: 16 }}>
        <div style={{ overflowX: 'auto', maxWidth: '100%' }}>
          <Segmented<StatsBy> value={by} onChange={setBy} options={BY_OPTIONS} aria-label={t.dashboard.breakdownBy} />
        </div>
        <Flex gap={8}>
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
          {rows.length > 0 ? <EChart option={option} height={340} ariaLabel={t.dashboard.trendTitle} /> : null}
          <Table
            rowKey="_key"
            size="small"
            loading={query.isFetching}
            dataSource={tableRows}
            pagination={false}
            scroll={{ x: 720, y: 420 }}
            rowClassName={(r) => (r._key === '__total' ? 'ant-table-row-selected' : '')}
            columns={[
              { title: t.dashboard.group, dataIndex: '_label', fixed: 'left', width: 140 },
              ...KPI_KEYS.map((k) => ({
                title: KPI_LABELS[k],
                key: k,
                align: 'right' as const,
                render: (_: unknown, r: StatsFigures) => (k === 'serviceHours' ? r.serviceHours.toFixed(1) : r[k].toLocaleString('zh-CN')),
              })),
            ]}
          />
        </Flex>
      )}
    </Card>
  );
}
