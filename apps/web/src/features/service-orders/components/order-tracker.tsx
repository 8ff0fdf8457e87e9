import { Alert, Button, Card, Descriptions, Flex, Form, Input, Rate, Steps, Typography } from 'antd';
import type { OrderStatus } from '@wenming/shared';
import { OrderStatusTag } from '@/components/ui/status-tag';
import type { ServiceOrderTrackingDto } from '@wenming/shared';
import { fmtDate, fmtDateTime, fmtRange } from '@/lib/dates';
import { t } from '@/lib/i18n';
import { notify } from '@/lib/notify';
import { useRateOrder } from '../api/orders-api';

const FLOW: Array<Exclude<OrderStatus, 'cancelled'>> = ['ordered', 'dispatched', 'accepted', 'completed', 'rated'];

function RateForm({ token }: { token: string }) {
  const [form] = Form.useForm<{ stars: number; comment?: string }>();
  const rate = useRateOrder(token);
  return (
    <Card title={t.orders.rate} size="small">
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => rate.mutate({ stars: v.stars, comment: v.comment?.trim() || undefined }, { onSuccess: () => notify.success(t.orders.rated) })}
      >
        <Form.Item label={t.orders.stars} name="stars" rules={[{ required: true, message: fmt2(t.common.requiredSelect, t.orders.stars) }]}>
          <Rate aria-label={t.orders.stars} style={{ fontSize: 32 }} />
        </Form.Item>
        <Form.Item label={t.orders.comment} name="comment">
          <Input.TextArea rows={3} maxLength={500} />
        </Form.Item>
        <Button type="primary" htmlType="submit" block size="large" loading={rate.isPending}>
          {t.common.submit}
        </Button>
      </Form>
    </Card>
  );
}

const fmt2 = (tpl: string, label: string) => tpl.replace('{label}', label);

export function OrderTracker({ order, token }: { order: ServiceOrderTrackingDto; token: string }) {
  // The reached step is done; the next one is in progress.
  const current = order.status === 'cancelled' ? -1 : Math.min(FLOW.indexOf(order.status) + 1, FLOW.length);
  const times: Record<string, string | null> = {
    ordered: order.orderedAt,
    dispatched: order.dispatchedAt,
    accepted: order.acceptedAt,
    completed: order.completedAt,
    rated: order.ratedAt,
  };
  return (
    <Flex vertical gap={12}>
      <Card>
        <Flex justify="space-between" align="center" style={{ marginBottom: 12 }}>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {order.menuItemTitle}
          </Typography.Title>
          <OrderStatusTag status={order.status} />
        </Flex>
        {order.status === 'cancelled' ? (
          <Alert type="warning" showIcon title={t.orders.cancelled} />
        ) : (
          <Steps
            orientation="vertical"
            size="small"
            current={current}
            status={order.status === 'rated' ? 'finish' : 'process'}
            items={FLOW.map((s) => ({ title: t.orders.steps[s], content: times[s] ? fmtDateTime(times[s]) : undefined }))}
          />
        )}
      </Card>
      <Card size="small">
        <Descriptions
          column={1}
          size="small"
          items={[
            // The tracking view leaves the address out (anyone with the link sees it) and masks the phone.
            { key: 'name', label: t.orders.requesterName, children: order.requesterName },
            ...(order.requesterPhone ? [{ key: 'phone', label: t.orders.requesterPhone, children: order.requesterPhone }] : []),
            { key: 'site', label: t.orders.site, children: order.siteName },
            { key: 'date', label: t.orders.preferredDate, children: fmtDate(order.preferredDate) },
            ...(order.teamName ? [{ key: 'team', label: t.orders.team, children: order.teamName }] : []),
            ...(order.activity ? [{ key: 'time', label: t.orders.serviceTime, children: fmtRange(order.activity.startsAt, order.activity.endsAt) }] : []),
          ]}
        />
      </Card>
      {order.status === 'completed' ? <RateForm token={token} /> : null}
      {order.status === 'rated' && order.rating ? (
        <Card size="small" title={t.orders.yourRating}>
          <Rate disabled value={order.rating} />
          {order.ratingComment ? <Typography.Paragraph style={{ marginTop: 8 }}>{order.ratingComment}</Typography.Paragraph> : null}
        </Card>
      ) : null}
    </Flex>
  );
}
