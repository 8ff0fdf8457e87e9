import { useState } from 'react';
import { Button, Flex, Form, Modal, Space, Switch, Tabs, Typography } from 'antd';
import { SendOutlined } from '@ant-design/icons';
import type { OrderStatus } from '@wenming/shared';
import { TeamSelect } from '@/components/pickers/pickers';
import { ReasonButton } from '@/components/ui/reason-button';
import { ListTable, useListParams } from '@/components/list-page';
import type { ServiceOrderDto } from '@wenming/shared';
import { ORDER_STATUS_LABELS, fmt, t } from '@/lib/i18n';
import { notify } from '@/lib/notify';
import { useCancelOrder, useDispatchOrder, useOrders, type OrderFilter } from '../api/orders-api';
import { orderColumns } from './order-columns';

function DispatchButton({ order }: { order: ServiceOrderDto }) {
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ teamId: string }>();
  const dispatch = useDispatchOrder();
  return (
    <>
      <Button type="primary" size="small" icon={<SendOutlined />} onClick={() => setOpen(true)}>
        {t.orders.dispatch}
      </Button>
      <Modal
        open={open}
        title={`${t.orders.dispatch}：${order.menuItemTitle}`}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        okText={t.orders.dispatch}
        cancelText={t.common.cancel}
        confirmLoading={dispatch.isPending}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          preserve={false}
          onFinish={(v) =>
            dispatch.mutate(
              { id: order.id, teamId: v.teamId },
              {
                onSuccess: () => {
                  notify.success(t.orders.dispatched);
                  setOpen(false);
                },
              },
            )
          }
        >
          <Typography.Paragraph type="secondary">
            {order.requesterName} · {order.address}
          </Typography.Paragraph>
          <Form.Item label={t.orders.dispatchTo} name="teamId" rules={[{ required: true, message: fmt(t.common.requiredSelect, { label: t.orders.dispatchTo }) }]}>
            <TeamSelect placeholder={t.teams.searchPlaceholder} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

const TABS: Array<OrderStatus | 'all'> = ['ordered', 'dispatched', 'accepted', 'completed', 'rated', 'cancelled', 'all'];

/** Site admins' dispatch board: ordered → dispatched; overdue rows are highlighted. */
export function DispatchBoard() {
  const { filter, set, setPage } = useListParams<OrderFilter>({ defaults: { status: 'ordered' }, fields: { status: 'string', overdue: 'boolean' } });
  const query = useOrders(filter);
  const cancel = useCancelOrder();
  return (
    <Flex vertical gap={8}>
      <Tabs
        activeKey={filter.status ?? 'all'}
        onChange={(k) => set({ status: k === 'all' ? undefined : (k as OrderStatus) })}
        items={TABS.map((s) => ({ key: s, label: s === 'all' ? t.common.all : ORDER_STATUS_LABELS[s] }))}
        tabBarExtraContent={
          <Space>
            <Switch aria-label={t.orders.overdueOnly} checked={!!filter.overdue} onChange={(v) => set({ overdue: v || undefined })} />
            {t.orders.overdueOnly}
          </Space>
        }
      />
      <ListTable<ServiceOrderDto>
        query={query}
        page={filter.page}
        pageSize={filter.pageSize}
        onPage={setPage}
        size="middle"
        rowClassName={(o) => (o.overdue ? 'row-overdue' : '')}
        scroll={{ x: 960 }}
        columns={[
          ...orderColumns(),
          {
            title: t.common.actions,
            key: 'actions',
            fixed: 'right',
            width: 190,
            render: (_, o) => (
              <Space size={4}>
                {o.status === 'ordered' ? <DispatchButton order={o} /> : null}
                {o.status === 'ordered' || o.status === 'dispatched' ? (
                  <ReasonButton
                    label={t.orders.cancel}
                    title={t.orders.cancel}
                    reasonLabel={t.orders.cancelReason}
                    buttonProps={{ size: 'small', type: 'link', danger: true }}
                    loading={cancel.isPending}
                    onSubmit={(reason, done) => cancel.mutate({ id: o.id, reason }, { onSuccess: () => (notify.success(t.orders.cancelled), done()) })}
                  />
                ) : null}
              </Space>
            ),
          },
        ]}
      />
    </Flex>
  );
}
