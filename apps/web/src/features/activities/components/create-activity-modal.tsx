import { useEffect, useRef, type ReactNode } from 'react';
import { Col, Form, Input, InputNumber, Modal, Row, Select } from 'antd';
import type { ActivityCategory, ActivityDto, ActivityKind } from '@wenming/shared';
import { VenueSelect, useTeamLookup } from '@/components/pickers/pickers';
import { optionsOf } from '@/components/ui/options';
import { wallClockToIso, type Dayjs } from '@/lib/dates';
import { applyApiErrors } from '@/lib/form-errors';
import { ACTIVITY_CATEGORY_LABELS, ACTIVITY_KIND_LABELS, fmt, t } from '@/lib/i18n';
import { notify } from '@/lib/notify';
import { useCreateActivity } from '../api/activities-api';
import { ActivityTimeField } from './activity-time-field';

export interface ActivityFormValues {
  title: string;
  kind: ActivityKind;
  category: ActivityCategory;
  teamId: string;
  /** venue: any practice site; defaults to the team's own */
  siteId?: string;
  address?: string;
  time: [Dayjs, Dayjs];
  capacity?: number | null;
  description?: string;
}

/**
 * Publish an activity for a team. Leaders pick among the teams they lead (`teamOptions`);
 * staff get a searchable team select (`teamSelect`).
 */
export function CreateActivityModal({
  open,
  onClose,
  onCreated,
  teamOptions,
  teamSelect,
}: {
  open: boolean;
  onClose: () => void;
  onCreated?: (a: ActivityDto) => void;
  teamOptions?: Array<{ value: string; label: string }>;
  teamSelect?: ReactNode;
}) {
  const [form] = Form.useForm<ActivityFormValues>();
  const create = useCreateActivity();
  const teamId = Form.useWatch('teamId', form);
  const team = useTeamLookup(teamId);
  // The venue follows the team's site until the person picks another venue themselves.
  const venueTouched = useRef(false);
  useEffect(() => {
    if (!open) venueTouched.current = false;
  }, [open]);
  useEffect(() => {
    if (team.data && team.data.id === teamId && !venueTouched.current) form.setFieldValue('siteId', team.data.siteId);
  }, [team.data, teamId, form]);
  const teamSite = team.data && team.data.id === teamId ? { value: team.data.siteId, label: team.data.siteName } : undefined;
  return (
    <Modal
      open={open}
      title={t.activities.create}
      okText={t.activities.create}
      cancelText={t.common.cancel}
      confirmLoading={create.isPending}
      onCancel={onClose}
      onOk={() => form.submit()}
      destroyOnHidden
      width={720}
    >
      <Form<ActivityFormValues>
        form={form}
        layout="vertical"
        preserve={false}
        // A venue the person chose themselves is kept when the team changes (setFieldValue does not fire this).
        onValuesChange={(changed: Partial<ActivityFormValues>) => {
          if ('siteId' in changed) venueTouched.current = true;
        }}
        initialValues={{
          kind: 'themed',
          category: 'civility_persuasion',
          teamId: teamOptions?.length === 1 ? teamOptions[0].value : undefined,
        }}
        onFinish={(v) =>
          create.mutate(
            {
              title: v.title.trim(),
              kind: v.kind,
              category: v.category,
              teamId: v.teamId,
              siteId: v.siteId,
              address: v.address?.trim() || undefined,
              startsAt: wallClockToIso(v.time[0]),
              endsAt: wallClockToIso(v.time[1]),
              capacity: v.capacity ?? null,
              description: v.description?.trim() ?? '',
            },
            {
              onSuccess: (a) => {
                notify.success(t.activities.created);
                onCreated?.(a);
                onClose();
              },
              onError: (e) => applyApiErrors(form, e),
            },
          )
        }
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
            <Form.Item label={t.activities.team} name="teamId" rules={[{ required: true, message: fmt(t.common.requiredSelect, { label: t.activities.team }) }]}>
              {teamSelect ?? <Select options={teamOptions} />}
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item label={t.activities.kind} name="kind" rules={[{ required: true }]}>
              <Select options={optionsOf(ACTIVITY_KIND_LABELS).filter((o) => o.value !== 'menu_service')} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item label={t.activities.category} name="category" rules={[{ required: true }]}>
              <Select options={optionsOf(ACTIVITY_CATEGORY_LABELS)} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label={t.activities.venue} name="siteId" extra={t.activities.venueHint}>
              <VenueSelect aria-label={t.activities.venue} initialOption={teamSite} />
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
  );
}
