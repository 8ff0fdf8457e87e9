import { lazy, Suspense, useState } from 'react';
import { Button, Card, Drawer, Flex, Tag, Typography } from 'antd';
import { useNavigate, useParams } from 'react-router-dom';
import { useMenuItems } from '@/features/service-orders/api/orders-api';
import { EmptyState, LoadingState, QueryView } from '@/components/ui/states';
import type { MenuItemDto } from '@wenming/shared';
import { ACTIVITY_CATEGORY_LABELS, t } from '@/lib/i18n';
import { notify } from '@/lib/notify';

// the order form (date picker, antd Form) loads when a resident picks an item, not with the station's menu
const OrderForm = lazy(async () => ({ default: (await import('@/features/service-orders/components/order-form')).OrderForm }));

export function MenuPage() {
  const { siteId = '' } = useParams();
  const navigate = useNavigate();
  const items = useMenuItems(siteId);
  const [picked, setPicked] = useState<MenuItemDto | null>(null);
  return (
    <>
      <Typography.Title level={3}>{t.orders.menuTitle}</Typography.Title>
      <Typography.Paragraph type="secondary">{t.orders.menuSubtitle}</Typography.Paragraph>
      <QueryView query={items} isEmpty={(list) => list.filter((i) => i.active !== false).length === 0} empty={<EmptyState description={t.orders.menuEmpty} />}>
        {(list) => (
          <Flex vertical gap={12}>
            {list
              .filter((i) => i.active !== false)
              .map((item) => (
                <Card key={item.id} size="small">
                  <Flex vertical gap={6}>
                    <Flex justify="space-between" align="center" gap={8}>
                      <Typography.Text strong style={{ fontSize: 16 }}>
                        {item.title}
                      </Typography.Text>
                      <Tag>{ACTIVITY_CATEGORY_LABELS[item.category] ?? item.category}</Tag>
                    </Flex>
                    {item.description ? <Typography.Text type="secondary">{item.description}</Typography.Text> : null}
                    {item.siteId === null ? (
                      <Tag color="blue" style={{ width: 'fit-content' }}>
                        {t.orders.countyWide}
                      </Tag>
                    ) : null}
                    <Button type="primary" block onClick={() => setPicked(item)} aria-label={`${t.orders.orderThis}：${item.title}`}>
                      {t.orders.orderThis}
                    </Button>
                  </Flex>
                </Card>
              ))}
          </Flex>
        )}
      </QueryView>
      <Drawer
        open={!!picked}
        onClose={() => setPicked(null)}
        placement="bottom"
        size="90%"
        title={picked ? `${t.orders.orderThis}：${picked.title}` : ''}
        destroyOnHidden
      >
        {picked ? (
          <Suspense fallback={<LoadingState />}>
            <OrderForm
              item={picked}
              siteId={siteId}
              onCreated={(token) => {
                notify.success(t.orders.submitted);
                navigate(`/track/${token}`, { state: { justCreated: true } });
              }}
            />
          </Suspense>
        ) : null}
      </Drawer>
    </>
  );
}
