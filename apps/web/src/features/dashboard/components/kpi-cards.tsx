import { Card, Col, Row, Statistic } from 'antd';
import type { StatsFigures } from '@wenming/shared';
import { t } from '@/lib/i18n';

export const KPI_KEYS = ['activities', 'personTimes', 'volunteers', 'serviceHours', 'audienceReached'] as const;
export const KPI_LABELS: Record<(typeof KPI_KEYS)[number], string> = {
  activities: t.dashboard.activities,
  personTimes: t.dashboard.personTimes,
  volunteers: t.dashboard.volunteers,
  serviceHours: t.dashboard.serviceHours,
  audienceReached: t.dashboard.audienceReached,
};

export function KpiCards({ figures, loading }: { figures: StatsFigures | undefined; loading: boolean }) {
  return (
    <Row gutter={[12, 12]}>
      {KPI_KEYS.map((k) => (
        <Col key={k} xs={12} md={8} xl={{ flex: '20%' }}>
          <Card size="small" className="kpi-card">
            <Statistic
              title={KPI_LABELS[k]}
              value={figures ? figures[k] : undefined}
              loading={loading && !figures}
              precision={k === 'serviceHours' ? 1 : 0}
              suffix={k === 'serviceHours' ? t.common.hours : undefined}
              groupSeparator=","
            />
          </Card>
        </Col>
      ))}
    </Row>
  );
}
