import { useState } from 'react';
import { Alert, Button, Checkbox, Form, Input, InputNumber, Modal } from 'antd';
import { FlagOutlined, SendOutlined, StopOutlined } from '@ant-design/icons';
import type { ActivityDto } from '@wenming/shared';
import { fmtDateTime } from '@/lib/dates';
import { fmt, t } from '@/lib/i18n';
import { notify } from '@/lib/notify';
import { useCancelActivity, useCompleteActivity, usePublishActivity } from '../api/activities-api';

export function CompleteActivityButton({ activity }: { activity: ActivityDto }) {
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ audienceReached: number; endEarly?: boolean }>();
  const complete = useCompleteActivity(activity.id);
  // before the planned end, completing means ending early: the leader confirms it and endsAt becomes now
  // eslint-disable-next-line react-hooks/purity -- "before the planned end" is meant as of this render; nothing is memoised on it
  const early = new Date(activity.endsAt).getTime() > Date.now();
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
            complete.mutate(
              { audienceReached: v.audienceReached, endEarly: early ? v.endEarly === true : undefined },
              {
                onSuccess: () => {
                  notify.success(t.activities.completed);
                  setOpen(false);
                },
              },
            )
          }
        >
          <Form.Item
            label={t.activities.audienceReached}
            name="audienceReached"
            rules={[{ required: true, message: fmt(t.common.required, { label: t.activities.audienceReached }) }]}
          >
            <InputNumber min={0} max={1_000_000} style={{ width: '100%' }} />
          </Form.Item>
          {early ? (
            <>
              <Alert type="warning" showIcon style={{ marginBottom: 12 }} message={fmt(t.activities.endEarlyHint, { end: fmtDateTime(activity.endsAt) })} />
              <Form.Item
                name="endEarly"
                valuePropName="checked"
                rules={[{ validator: (_, v) => (v ? Promise.resolve() : Promise.reject(new Error(t.activities.endEarlyRequired))) }]}
              >
                <Checkbox>{t.activities.endEarlyConfirm}</Checkbox>
              </Form.Item>
            </>
          ) : null}
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
        <Input.TextArea
          aria-label={t.activities.cancelReason}
          placeholder={t.activities.cancelReason}
          rows={3}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
      </Modal>
    </>
  );
}

export function PublishActivityButton({ activity }: { activity: ActivityDto }) {
  const publish = usePublishActivity(activity.id);
  return (
    <Button
      type="primary"
      icon={<SendOutlined />}
      loading={publish.isPending}
      onClick={() => publish.mutate(undefined, { onSuccess: () => notify.success(t.activities.published) })}
    >
      {t.activities.publish}
    </Button>
  );
}
