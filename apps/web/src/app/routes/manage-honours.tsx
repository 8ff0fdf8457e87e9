import { Card } from 'antd';
import { Link } from 'react-router-dom';
import { useSession } from '@/features/auth/hooks/use-session';
import { HonoursManager } from '@/features/honours/components/honours-manager';
import { PageHeader } from '@/components/ui/page-header';
import { t } from '@/lib/i18n';

export function ManageHonoursPage() {
  const session = useSession();
  return (
    <>
      <PageHeader
        title={t.honours.title}
        extra={
          <Link to="/honours" target="_blank">
            {t.honours.roll}
          </Link>
        }
      />
      <Card size="small">
        <HonoursManager isCountyAdmin={session.isCountyAdmin} />
      </Card>
    </>
  );
}
