import { useMemo, useState } from 'react';
import { Col, Flex, Row } from 'antd';
import { useSummary } from '@/features/dashboard/api/stats-api';
import { BreakdownSection } from '@/features/dashboard/components/breakdown-section';
import { FiveStarTeams } from '@/features/dashboard/components/five-star-teams';
import { KpiCards } from '@/features/dashboard/components/kpi-cards';
import { OrdersSection } from '@/features/dashboard/components/orders-section';
import { ServiceDaysSection } from '@/features/dashboard/components/service-days-section';
import { StatsFilters } from '@/features/dashboard/components/stats-filters';
import { useSession } from '@/features/auth/hooks/use-session';
import { PageHeader } from '@/components/ui/page-header';
import { AtRiskPanel } from '@/features/reports/components/at-risk-panel';
import { ErrorState } from '@/components/ui/states';
import type { StatsFilter } from '@wenming/shared';
import { t } from '@/lib/i18n';

export function DashboardPage() {
  const session = useSession();
  const [filter, setFilter] = useState<StatsFilter>({});
  const summary = useSummary(filter);
  const exportQuery = useMemo(() => ({ ...filter }) as Record<string, string | undefined>, [filter]);
  return (
    <Flex vertical gap={16} className="dashboard-page" style={{ minWidth: 0 }}>
      <PageHeader title={t.dashboard.title} />
      <AtRiskPanel />
      <StatsFilters value={filter} onChange={setFilter} countyWide={session.isCountyAdmin} />
      {summary.isError && !summary.data ? (
        <ErrorState error={summary.error} onRetry={() => summary.refetch()} />
      ) : (
        <KpiCards figures={summary.data} loading={summary.isFetching} />
      )}
      <BreakdownSection filter={filter} exportQuery={exportQuery} />
      <ServiceDaysSection filter={filter} exportQuery={exportQuery} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={9}>
          <OrdersSection filter={filter} />
        </Col>
        <Col xs={24} xl={15}>
          <FiveStarTeams filter={filter} />
        </Col>
      </Row>
    </Flex>
  );
}
