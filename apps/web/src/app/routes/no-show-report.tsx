import { Card } from 'antd';
import { useSession } from '@/features/auth/hooks/use-session';
import { NoShowReport } from '@/features/reports/components/no-show-report';
import { PageHeader } from '@/components/ui/page-header';
import { t } from '@/lib/i18n';

export function NoShowReportPage() {
  const session = useSession();
  return (
    <>
      <PageHeader title={t.reports.noShows} />
      <Card size="small">
        <NoShowReport isStaff={session.isStaff} />
      </Card>
    </>
  );
}
