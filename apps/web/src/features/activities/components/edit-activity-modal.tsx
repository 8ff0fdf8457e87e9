import { useState } from 'react';
import { Alert, Button, Col, Form, Input, InputNumber, Modal, Row } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import type { ActivityWithCountsDto, UpdateActivityRequest } from '@wenming/shared';
import { VenueSelect } from '@/components/pickers/pickers';
import { isoToWallClock, wallClockToIso, type Dayjs } from '@/lib/dates';
import { applyApiErrors } from '@/lib/form-errors';
import { fmt, t } from '@/lib/i18n';
import { notify } from '@/lib/notify';
import { useUpdateActivity } from '../api/activities-api';
import { ActivityTimeField } from './activity-time-field';

interface EditValues {
  title: string;
  description?: string;
  siteId: string;
  address?: string;
  time: [Dayjs, Dayjs];
  capacity?: number | null;
}

/** 修改活动: title, description, venue, times, capacity. Sign-ups are kept; a change of time or place notifies them. */
export function EditActivityButton({ activity }: { activity: ActivityWithCountsDto }) {
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<EditValues>();
  const update = useUpdateActivity(activity.id);
  return (
    <>
      <Button icon={<EditOutlined />} onClick={() => setOpen(true)}>
        {t.activities.edit}
      </Button>
      <Modal
        open={open}
        title={t.activities.editTitle}
        okText={t.common.save}
        cancelText={t.common.cancel}
        confirmLoading={update.isPending}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        destroyOnHidden
        width={720}
      >
        <Alert type="info" showIcon message={t.activities.rescheduleHint} style={{ marginBottom: 12 }} />
        <Form<EditValues>
          form={form}
          layout="vertical"
          preserve={false}
          initialValues={{
            title: activity.title,
            description: activity.description,
            siteId: activity.siteId,
            address: activity.address,
            time: [isoToWallClock(activity.startsAt), isoToWallClock(activity.endsAt)],
            capacity: activity.capacity,
          }}
          onFinish={(v) => {
            const body: UpdateActivityRequest = {
              title: v.title.trim(),
              description: v.description?.trim() ?? '',
              siteId: v.siteId,
              address: v.address?.trim() ?? '',
              startsAt: wallClockToIso(v.time[0]),
              endsAt: wallClockToIso(v.time[1]),
              capacity: v.capacity ?? null,
            };
            update.mutate(body, {
              onSuccess: () => {
                notify.success(t.activities.saved);
                setOpen(false);
              },
              onError: (e) => applyApiErrors(form, e),
            });
          }}
        >
          <Row gutter={16}>
            <Col span={24}>
              <Form.Item
                label={t.activities.name}
                name="title"
                rules={[{ required: true, whitespace: true, message: fmt(t.common.required, { label: t.activities.name }) }]}
              >
                <Input maxLength={80} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item label={t.activities.venue} name="siteId" rules={[{ required: true }]}>
                <VenueSelect aria-label={t.activities.venue} initialOption={{ value: activity.siteId, label: activity.siteName }} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item label={t.activities.address} name="address">
                <Input maxLength={100} placeholder={t.activities.addressPlaceholder} aria-label={t.activities.address} />
              </Form.Item>
            </Col>
            <Col xs={24} md={16}>
              <ActivityTimeField />
            </Col>
            <Col xs={24} md={8}>
              <Form.Item label={t.activities.capacity} name="capacity" extra={t.activities.capacityHint}>
                <InputNumber min={1} max={100000} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col span={24}>
              <Form.Item label={t.activities.description} name="description">
                <Input.TextArea rows={3} maxLength={2000} />
              </Form.Item>
            </Col>
          </Row>
        </Form>
      </Modal>
    </>
  );
}
