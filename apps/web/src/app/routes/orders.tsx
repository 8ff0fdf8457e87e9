import { lazy, Suspense } from 'react';
import { Card, Tabs } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { DispatchBoard } from '@/features/service-orders/components/dispatch-board';
import { IncomingOrders } from '@/features/service-orders/components/incoming-orders';
import { useSession } from '@/features/auth/hooks/use-session';
import { PageHeader } from '@/components/ui/page-header';
import { LoadingState } from '@/components/ui/states';
import { t } from '@/lib/i18n';

const MenuItemsManager = lazy(async () => ({
  default: (await import('@/features/menu-items/components/menu-items-manager')).MenuItemsManager,
}));

/** 点单: the dispatch board and, for admins, the service menu residents order from (?tab=menu). */
export function OrdersPage() {
  const session = useSession();
  const [params, setParams] = useSearchParams();
  if (!session.isStaff) {
    return (
      <>
        <PageHeader title={t.orders.title} />
        <Card size="small">
          <IncomingOrders />
        </Card>
      </>
    );
  }
  const tab = params.get('tab') === 'menu' ? 'menu' : 'board';
  return (
    <>
      <PageHeader title={tab === 'menu' ? t.menuItems.manageTitle : t.orders.boardTitle} />
      <Card size="small">
        <Tabs
          activeKey={tab}
          onChange={(key) => setParams(key === 'menu' ? { tab: 'menu' } : {}, { replace: true })}
          items={[
            { key: 'board', label: t.orders.boardTitle, children: <DispatchBoard /> },
            {
              key: 'menu',
              label: t.menuItems.title,
              children: (
                <Suspense fallback={<LoadingState />}>
                  <MenuItemsManager isCountyAdmin={session.isCountyAdmin} />
                </Suspense>
              ),
            },
          ]}
          destroyOnHidden
        />
      </Card>
    </>
  );
}
