import { Card, Tabs } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { useSession } from '@/features/auth/hooks/use-session';
import { DeedAwards, DeedList } from '@/features/deeds/components/deeds-manager';
import { PageHeader } from '@/components/ui/page-header';
import { t } from '@/lib/i18n';

/** 村规民约积分: the awards in scope (award, list, export) and the county's deed list (?tab=deeds). */
export function ManageDeedsPage() {
  const session = useSession();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'deeds' ? 'deeds' : 'awards';
  return (
    <>
      <PageHeader title={t.deeds.title} />
      <Card size="small">
        <Tabs
          activeKey={tab}
          onChange={(key) => setParams(key === 'deeds' ? { tab: 'deeds' } : {}, { replace: true })}
          items={[
            { key: 'awards', label: t.deeds.awards, children: <DeedAwards /> },
            { key: 'deeds', label: t.deeds.deedList, children: <DeedList isCountyAdmin={session.isCountyAdmin} /> },
          ]}
          destroyOnHidden
        />
      </Card>
    </>
  );
}
