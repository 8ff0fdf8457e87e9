import { useState } from 'react';
import { Button, DatePicker, Form, Input, Modal, Space, Tabs } from 'antd';
import { CheckOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { ReasonButton } from '@/components/ui/reason-button';
import { ListTable, useListParams } from '@/components/list-page';
import type { ServiceOrderDto } from '@wenming/shared';
import { dayjs, wallClockToIso, type Dayjs } from '@/lib/dates';
import { applyApiErrors } from '@/lib/form-errors';
import { ORDER_STATUS_LABELS, fmt, t } from '@/lib/i18n';
import { notify } from '@/lib/notify';
import { useAcceptOrder, useDeclineOrder, useOrders } from '../api/orders-api';
import { orderColumns } from './order-columns';

function AcceptButton({ order }: { order: ServiceOrderDto }) {
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ time: [Dayjs, Dayjs]; title?: string }>();
  const accept = useAcceptOrder();
  const day = order.preferredDate ? dayjs(order.preferredDate) : dayjs().add(1, 'day');
  return (
    <>
      <Button type="primary" size="small" icon={<CheckOutlined />} onClick={() => setOpen(true)}>
        {t.orders.accept}
      </Button>
      <Modal
        open={open}
        title={t.orders.acceptTitle}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        okText={t.orders.accept}
        cancelText={t.common.cancel}
        confirmLoading={accept.isPending}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          preserve={false}
          initialValues={{ time: [day.hour(9).minute(0).second(0), day.hour(11).minute(0).second(0)], title: order.menuItemTitle }}
          onFinish={(v) =>
            accept.mutate(
              { id: order.id, startsAt: wallClockToIso(v.time[0]), endsAt: wallClockToIso(v.time[1]), title: v.title?.trim() || undefined },
              {
                onSuccess: () => {
                  notify.success(t.orders.accepted);
                  setOpen(false);
                },
                onError: (e) => applyApiErrors(form, e),
              },
            )
          }
        >
          <Form.Item label={t.activities.time} name="time" rules={[{ required: true, message: fmt(t.common.requiredSelect, { label: t.activities.time }) }]}>
            <DatePicker.RangePicker showTime={{ format: 'HH:mm', minuteStep: 5 }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item label={t.orders.activityTitle} name="title">
            <Input maxLength={80} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

/** A leader's orders: dispatched to their teams → accept (creates a 菜单式服务 activity) or decline. */
export function IncomingOrders() {
  const { filter, set, setPage } = useListParams<{ status?: 'dispatched' | 'accepted' | 'completed'; page?: number; pageSize?: number }>({
    defaults: { status: 'dispatched' },
    fields: { status: 'string' },
  });
  const status = filter.status ?? 'dispatched';
  const query = useOrders({ status, page: filter.page, pageSize: filter.pageSize });
  const decline = useDeclineOrder();
  return (
    <>
      <Tabs
        activeKey={status}
        onChange={(k) => set({ status: k as typeof status })}
        items={(['dispatched', 'accepted', 'completed'] as const).map((s) => ({ key: s, label: s === 'dispatched' ? t.orders.incomingTitle : ORDER_STATUS_LABELS[s] }))}
      />
      <ListTable<ServiceOrderDto>
        query={query}
        page={filter.page}
        pageSize={filter.pageSize}
        onPage={setPage}
        rowClassName={(o) => (o.overdue ? 'row-overdue' : '')}
        empty={status === 'dispatched' ? t.orders.noIncoming : t.common.empty}
        scroll={{ x: 900 }}
        columns={[
          ...orderColumns(),
          {
            title: t.common.actions,
            key: 'actions',
            fixed: 'right',
            width: 170,
            render: (_, o) =>
              o.status === 'dispatched' ? (
                <Space size={4}>
                  <AcceptButton order={o} />
                  <ReasonButton
                    label={t.orders.decline}
                    title={t.orders.decline}
                    reasonLabel={t.orders.declineReason}
                    buttonProps={{ size: 'small', danger: true }}
                    loading={decline.isPending}
                    onSubmit={(reason, done) => decline.mutate({ id: o.id, reason }, { onSuccess: () => (notify.success(t.orders.declined), done()) })}
                  />
                </Space>
              ) : o.activityId ? (
                <Link to={`/manage/activities/${o.activityId}`}>{t.orders.viewActivity}</Link>
              ) : null,
          },
        ]}
      />
    </>
  );
}
