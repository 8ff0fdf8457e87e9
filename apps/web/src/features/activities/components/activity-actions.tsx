import { useState } from 'react';
import { Button, Form, Input, InputNumber, Modal } from 'antd';
import { FlagOutlined, SendOutlined, StopOutlined } from '@ant-design/icons';
import type { ActivityDto } from '@wenming/shared';
import { fmt, t } from '@/lib/i18n';
import { notify } from '@/lib/notify';
import { useCancelActivity, useCompleteActivity, usePublishActivity } from '../api/activities-api';

export function CompleteActivityButton({ activity }: { activity: ActivityDto }) {
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ audienceReached: number }>();
  const complete = useCompleteActivity(activity.id);
  return (
    <>
      <Button icon={<FlagOutlined />} onClick={() => setOpen(true)}>
        {t.activities.complete}
      </Button>
      <Modal
        open={open}
        title={t.activities.completeTitle}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        confirmLoading={complete.isPending}
        okText={t.activities.complete}
        cancelText={t.common.cancel}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          preserve={false}
          initialValues={{ audienceReached: activity.audienceReached ?? undefined }}
          onFinish={(v) =>
            complete.mutate(v.audienceReached, {
              onSuccess: () => {
                notify.success(t.activities.completed);
                setOpen(false);
              },
            })
          }
        >
          <Form.Item
            label={t.activities.audienceReached}
            name="audienceReached"
            rules={[{ required: true, message: fmt(t.common.required, { label: t.activities.audienceReached }) }]}
          >
            <InputNumber min={0} max={1_000_000} style={{ width: '100%' }} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

export function CancelActivityButton({ activity }: { activity: ActivityDto }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const cancel = useCancelActivity(activity.id);
  return (
    <>
      <Button danger icon={<StopOutlined />} onClick={() => setOpen(true)}>
        {t.activities.cancelActivity}
      </Button>
      <Modal
        open={open}
        title={t.activities.cancelActivity}
        onCancel={() => setOpen(false)}
        okButtonProps={{ danger: true, disabled: !reason.trim() }}
        confirmLoading={cancel.isPending}
        onOk={() =>
          cancel.mutate(reason.trim(), {
            onSuccess: () => {
              notify.success(t.activities.cancelled);
              setOpen(false);
            },
          })
        }
      >
        <Input.TextArea aria-label={t.activities.cancelReason} placeholder={t.activities.cancelReason} rows={3} value={reason} onChange={(e) => setReason(e.target.value)} />
      </Modal>
    </>
  );
}

export function PublishActivityButton({ activity }: { activity: ActivityDto }) {
  const publish = usePublishActivity(activity.id);
  return (
    <Button type="primary" icon={<SendOutlined />} loading={publish.isPending} onClick={() => publish.mutate(undefined, { onSuccess: () => notify.success(t.activities.published) })}>
      {t.activities.publish}
    </Button>
  );
}
