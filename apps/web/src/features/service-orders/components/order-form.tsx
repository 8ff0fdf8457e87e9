import { Button, DatePicker, Form, Input } from 'antd';
import { PHONE_PATTERN } from '@wenming/shared';
import type { MenuItemDto } from '@wenming/shared';
import { dayjs, type Dayjs } from '@/lib/dates';
import { applyApiErrors } from '@/lib/form-errors';
import { fmt, t } from '@/lib/i18n';
import { useCreateOrder } from '../api/orders-api';

interface OrderValues {
  requesterName: string;
  requesterPhone: string;
  address: string;
  preferredDate?: Dayjs;
  note?: string;
}

/** A resident orders one menu item at a station; no login. */
export function OrderForm({ item, siteId, onCreated }: { item: MenuItemDto; siteId: string; onCreated: (token: string) => void }) {
  const [form] = Form.useForm<OrderValues>();
  const create = useCreateOrder();
  return (
    <Form<OrderValues>
      form={form}
      layout="vertical"
      size="large"
      requiredMark={false}
      // The API needs a date (not earlier than today, Shanghai); tomorrow is a sensible default.
      initialValues={{ preferredDate: dayjs().add(1, 'day') }}
      onFinish={(v) =>
        create.mutate(
          {
            menuItemId: item.id,
            siteId,
            requesterName: v.requesterName.trim(),
            requesterPhone: v.requesterPhone.trim(),
            address: v.address.trim(),
            preferredDate: v.preferredDate!.format('YYYY-MM-DD'),
            note: v.note?.trim() || undefined,
          },
          { onSuccess: (res) => onCreated(res.trackingToken), onError: (e) => applyApiErrors(form, e) },
        )
      }
    >
      <Form.Item
        label={t.orders.requesterName}
        name="requesterName"
        rules={[{ required: true, whitespace: true, message: fmt(t.common.required, { label: t.orders.requesterName }) }]}
      >
        <Input autoComplete="name" maxLength={30} />
      </Form.Item>
      <Form.Item
        label={t.orders.requesterPhone}
        name="requesterPhone"
        rules={[
          { required: true, message: fmt(t.common.required, { label: t.orders.requesterPhone }) },
          { pattern: PHONE_PATTERN, message: t.common.phoneInvalid },
        ]}
      >
        <Input inputMode="tel" autoComplete="tel" maxLength={11} />
      </Form.Item>
      <Form.Item label={t.orders.address} name="address" rules={[{ required: true, whitespace: true, message: fmt(t.common.required, { label: t.orders.address }) }]}>
        <Input autoComplete="street-address" maxLength={200} />
      </Form.Item>
      <Form.Item label={t.orders.preferredDate} name="preferredDate" rules={[{ required: true, message: fmt(t.common.required, { label: t.orders.preferredDate }) }]}>
        <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isBefore(dayjs().startOf('day'))} inputReadOnly />
      </Form.Item>
      <Form.Item label={t.orders.note} name="note">
        <Input.TextArea rows={3} maxLength={500} />
      </Form.Item>
      <Button type="primary" htmlType="submit" block loading={create.isPending}>
        {t.orders.submit}
      </Button>
    </Form>
  );
}
