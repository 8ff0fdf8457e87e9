import { Card, Col, Row, Statistic } from 'antd';
import { ORDER_STATUSES, type OrderStatus } from '@wenming/shared';
import { EmptyState, ErrorState, LoadingState } from '@/components/ui/states';
import type { StatsFilter } from '@/lib/api-types';
import { ORDER_STATUS_LABELS, t } from '@/lib/i18n';
import { useOrdersStats, type OrdersStats } from '../api/stats-api';

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/** Reads `/stats/orders` leniently: counts per status may sit under byStatus/counts or at the top level. */
export function readOrdersStats(data: OrdersStats) {
  const nested = (data.byStatus ?? data.counts ?? data.statusCounts) as Record<string, unknown> | Array<{ status: string; count: number }> | undefined;
  const counts: Partial<Record<OrderStatus, number>> = {};
  if (Array.isArray(nested)) nested.forEach((r) => (counts[r.status as OrderStatus] = r.count));
  for (const s of ORDER_STATUSES) {
    const v = num(nested && !Array.isArray(nested) ? nested[s] : undefined) ?? num(data[s]);
    if (v !== undefined) counts[s] = v;
  }
  return {
    counts,
    total: num(data.total) ?? Object.values(counts).reduce((a, b) => a + (b ?? 0), 0),
    overdue: num(data.overdue) ?? num((data.overdue as Record<string, unknown> | undefined)?.total),
    averageRating: num(data.averageRating) ?? num(data.avgRating),
    hoursToDispatch: num(data.avgHoursToDispatch) ?? num(data.averageHoursToDispatch) ?? num(data.hoursToDispatch),
    hoursToAccept: num(data.avgHoursToAccept) ?? num(data.averageHoursToAccept) ?? num(data.hoursToAccept),
  };
}

export function OrdersSection({ filter }: { filter: StatsFilter }) {
  const query = useOrdersStats(filter);
  let body;
  if (query.isPending) body = <LoadingState />;
  else if (query.isError) body = <ErrorState error={query.error} onRetry={() => query.refetch()} />;
  else if (!query.data) body = <EmptyState />;
  else {
    const s = readOrdersStats(query.data);
    const stat = (title: string, value: number | undefined, precision = 0, danger = false) => (
      <Col xs={12} md={6} xl={3} key={title}>
        <Statistic title={title} value={value ?? '—'} precision={value === undefined ? undefined : precision} styles={danger && value ? { content: { color: '#cf1322' } } : undefined} />
      </Col>
    );
    body = (
      <Row gutter={[12, 16]}>
        {stat(t.dashboard.ordersTotal, s.total)}
        {ORDER_STATUSES.filter((st) => st !== 'cancelled').map((st) => stat(ORDER_STATUS_LABELS[st], s.counts[st]))}
        {stat(t.dashboard.ordersOverdue, s.overdue, 0, true)}
        {stat(t.dashboard.ordersAvgRating, s.averageRating, 2)}
        {stat(t.dashboard.ordersHoursToDispatch, s.hoursToDispatch, 1)}
        {stat(t.dashboard.ordersHoursToAccept, s.hoursToAccept, 1)}
      </Row>
    );
  }
  return <Card title={t.dashboard.ordersTitle}>{body}</Card>;
}
