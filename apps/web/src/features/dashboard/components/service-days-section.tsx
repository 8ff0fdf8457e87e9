import { useMemo } from 'react';
import { Card } from 'antd';
import { minutesToHours } from '@wenming/shared';
import { EmptyState, ErrorState, LoadingState } from '@/components/ui/states';
import type { StatsFilter } from '@/lib/api-types';
import { t } from '@/lib/i18n';
import { rowLabel, useServiceDays } from '../api/stats-api';
import { EChart } from './echart';

export function ServiceDaysSection({ filter }: { filter: StatsFilter }) {
  const query = useServiceDays(filter);
  const option = useMemo(() => {
    const rows = query.data ?? [];
    return {
      tooltip: { trigger: 'axis' as const },
      legend: { top: 0 },
      grid: { left: 48, right: 48, top: 40, bottom: 56 },
      dataZoom: [],
      xAxis: { type: 'category' as const, data: rows.map((r) => r.date ?? rowLabel(r)) },
      yAxis: [{ type: 'value' as const }, { type: 'value' as const }],
      series: [
        { name: t.dashboard.activities, type: 'bar' as const, data: rows.map((r) => r.activities ?? 0), itemStyle: { color: '#c8161d' } },
        { name: t.dashboard.personTimes, type: 'line' as const, yAxisIndex: 1, data: rows.map((r) => r.personTimes ?? 0), itemStyle: { color: '#1677ff' } },
        {
          name: `${t.dashboard.serviceHours}（${t.common.hours}）`,
          type: 'line' as const,
          yAxisIndex: 1,
          data: rows.map((r) => r.serviceHours ?? (r.serviceMinutes != null ? minutesToHours(r.serviceMinutes) : 0)),
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
      ) : query.data.length === 0 ? (
        <EmptyState />
      ) : (
        <EChart option={option} height={300} ariaLabel={t.dashboard.serviceDaysTitle} />
      )}
    </Card>
  );
}
