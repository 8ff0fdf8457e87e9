import { Card } from 'antd';
import { DispatchBoard } from '@/features/service-orders/components/dispatch-board';
import { IncomingOrders } from '@/features/service-orders/components/incoming-orders';
import { useSession } from '@/features/auth/hooks/use-session';
import { PageHeader } from '@/components/ui/page-header';
import { t } from '@/lib/i18n';

export function OrdersPage() {
  const session = useSession();
  return (
    <>
      <PageHeader title={session.isStaff ? t.orders.boardTitle : t.orders.title} />
      <Card size="small">{session.isStaff ? <DispatchBoard /> : <IncomingOrders />}</Card>
    </>
  );
}
