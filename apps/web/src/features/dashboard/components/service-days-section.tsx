import { useMemo } from 'react';
import { Card } from 'antd';
import type { StatsFilter } from '@wenming/shared';
import { EmptyState, ErrorState, LoadingState } from '@/components/ui/states';
import { t } from '@/lib/i18n';
import { useServiceDays } from '../api/stats-api';
import { EChart } from './echart';

export function ServiceDaysSection({ filter }: { filter: StatsFilter }) {
  const query = useServiceDays(filter);
  const option = useMemo(() => {
    const rows = query.data?.rows ?? [];
    return {
      tooltip: { trigger: 'axis' as const },
      legend: { top: 0 },
      grid: { left: 48, right: 48, top: 40, bottom: 56 },
      dataZoom: [],
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
    };
  }, [query.data]);
  return (
    <Card title={t.dashboard.serviceDaysTitle}>
      {query.isPending ? (
        <LoadingState />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => query.refetch()} />
      ) : query.data.rows.length === 0 ? (
        <EmptyState />
      ) : (
        <EChart option={option} height={300} ariaLabel={t.dashboard.serviceDaysTitle} />
      )}
    </Card>
  );
}
