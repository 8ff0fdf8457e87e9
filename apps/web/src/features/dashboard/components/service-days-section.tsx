import { useMemo } from 'react';
import { Card, Flex, Typography } from 'antd';
import type { StatsFilter } from '@wenming/shared';
import { DownloadButton } from '@/components/ui/download-button';
import { EmptyState, ErrorState, LoadingState } from '@/components/ui/states';
import { t } from '@/lib/i18n';
import { useServiceDays } from '../api/stats-api';
import { weekdayOf } from '../lib/labels';
import { EChart } from './echart';
import { FIGURE_COLUMNS, FiguresTable } from './figures-table';

/** 志愿服务日 columns: the dashboard figures (no 覆盖群众人次 per day in the API) and the number of teams. */
const SERVICE_DAY_COLUMNS = [...FIGURE_COLUMNS.filter((c) => c.key !== 'audienceReached'), { key: 'teams' as const, title: '参与队伍' }];

export function ServiceDaysSection({ filter, exportQuery }: { filter: StatsFilter; exportQuery: Record<string, string | undefined> }) {
  const query = useServiceDays(filter);
  const rows = useMemo(() => (query.data?.rows ?? []).map((r) => ({ ...r, _key: r.date, _label: `${r.date} ${weekdayOf(r.date)}` })), [query.data]);
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'axis' as const },
      legend: { bottom: 0 },
      grid: { left: 48, right: 48, top: 24, bottom: 56 },
      xAxis: { type: 'category' as const, data: rows.map((r) => r.date) },
      yAxis: [{ type: 'value' as const }, { type: 'value' as const }],
      series: [
        { name: t.dashboard.activities, type: 'bar' as const, data: rows.map((r) => r.activities), itemStyle: { color: '#c8161d' } },
        { name: t.dashboard.personTimes, type: 'line' as const, yAxisIndex: 1, data: rows.map((r) => r.personTimes), itemStyle: { color: '#1677ff' } },
        {
          name: `${t.dashboard.serviceHours}（${t.common.hours}）`,
          type: 'line' as const,
          yAxisIndex: 1,
          data: rows.map((r) => r.serviceHours),
          itemStyle: { color: '#faad14' },
        },
      ],
    }),
    [rows],
  );
  return (
    <Card
      title={t.dashboard.serviceDaysTitle}
      className="dashboard-service-days"
      extra={
        <Flex gap={8} wrap>
          <DownloadButton size="small" path="/exports/service-days" query={{ format: 'xlsx', ...exportQuery }} fallbackName="志愿服务日统计.xlsx">
            {t.common.exportXlsx}
          </DownloadButton>
          <DownloadButton size="small" path="/exports/service-days" query={{ format: 'csv', ...exportQuery }} fallbackName="志愿服务日统计.csv">
            {t.common.exportCsv}
          </DownloadButton>
        </Flex>
      }
      styles={{ header: { flexWrap: 'wrap', rowGap: 8, paddingBlock: 8 } }}
    >
      {query.isPending ? (
        <LoadingState />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => query.refetch()} />
      ) : query.data.rows.length === 0 ? (
        <EmptyState />
      ) : (
        <Flex vertical gap={16}>
          <EChart option={option} height={260} ariaLabel={t.dashboard.serviceDaysTitle} />
          <FiguresTable
            label="志愿服务日统计表"
            nameTitle="日期"
            rows={rows}
            total={query.data.total}
            figureColumns={SERVICE_DAY_COLUMNS}
            loading={query.isFetching}
            pageSize={10}
          />
        </Flex>
      )}
      <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', marginTop: 8 }}>
        志愿服务日：每周五开展的“志愿服务日”活动（按活动开始日期，北京时间）。合计的参与志愿者、参与队伍为去重数。
      </Typography.Text>
    </Card>
  );
}
