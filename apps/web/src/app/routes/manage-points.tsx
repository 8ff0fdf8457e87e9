import { Card, Tabs } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { useSession } from '@/features/auth/hooks/use-session';
import { GoodsManager } from '@/features/points/components/goods-manager';
import { PickupList } from '@/features/points/components/pickup-list';
import { PageHeader } from '@/components/ui/page-header';
import { t } from '@/lib/i18n';

/** Staff: pickup list / redemptions (default) and the goods catalogue (?tab=goods). */
export function ManagePointsPage() {
  const session = useSession();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'goods' ? 'goods' : 'pickups';
  return (
    <>
      <PageHeader title={t.points.manageTitle} />
      <Card size="small">
        <Tabs
          activeKey={tab}
          onChange={(key) => setParams(key === 'goods' ? { tab: 'goods' } : {}, { replace: true })}
          items={[
            { key: 'pickups', label: t.points.redemptions, children: <PickupList /> },
            { key: 'goods', label: t.points.goodsAdmin, children: <GoodsManager isCountyAdmin={session.isCountyAdmin} /> },
          ]}
          destroyOnHidden
        />
      </Card>
    </>
  );
}
