import { Alert, Card, Col, Row, Statistic, Typography } from 'antd';
import { ORDER_STATUSES, type StatsFilter } from '@wenming/shared';
import { EmptyState, ErrorState, LoadingState } from '@/components/ui/states';
import { ORDER_STATUS_LABELS, t } from '@/lib/i18n';
import { useOrdersStats } from '../api/stats-api';
import { ordersNotes } from '../lib/labels';

export function OrdersSection({ filter }: { filter: StatsFilter }) {
  const query = useOrdersStats(filter);
  const notes = ordersNotes(filter);
  let body;
  if (query.isPending) body = <LoadingState />;
  else if (query.isError) body = <ErrorState error={query.error} onRetry={() => query.refetch()} />;
  else if (!query.data) body = <EmptyState />;
  else {
    const s = query.data;
    const stat = (title: string, value: number | null, precision = 0, danger = false) => (
      <Col xs={12} md={6} xl={8} key={title}>
        <Statistic
          title={title}
          value={value ?? t.dashboard.noData}
          precision={value === null ? undefined : precision}
          styles={danger && value ? { content: { color: '#cf1322' } } : undefined}
        />
      </Col>
    );
    body = (
      <Row gutter={[12, 16]}>
        {stat(t.dashboard.ordersTotal, s.total)}
        {ORDER_STATUSES.filter((st) => st !== 'cancelled').map((st) => stat(ORDER_STATUS_LABELS[st], s.byStatus[st]))}
        {stat(t.dashboard.ordersOverdue, s.overdue, 0, true)}
        {stat(`${t.dashboard.ordersAvgRating}（${s.ratedCount} 条评价）`, s.averageRating, 2)}
        {stat(t.dashboard.ordersHoursToDispatch, s.averageHoursToDispatch, 1)}
        {stat(t.dashboard.ordersHoursToAccept, s.averageHoursToAccept, 1)}
      </Row>
    );
  }
  return (
    <Card title={t.dashboard.ordersTitle} className="dashboard-orders">
      {notes.empty ? <Alert type="info" showIcon title={notes.empty} style={{ marginBottom: 12 }} className="orders-kind-note" /> : null}
      {body}
      <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', marginTop: 12 }}>
        {notes.info}
      </Typography.Text>
    </Card>
  );
}
