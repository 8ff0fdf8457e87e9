import { useEffect, useMemo, useRef, useState } from 'react';
import { Button, Col, DatePicker, Form, Input, InputNumber, Row, Select, TimePicker } from 'antd';
import type { ActivityCategory, ServiceDayScheduleChangeResponse } from '@wenming/shared';
import { VenueSelect } from '@/components/pickers/pickers';
import { optionsOf } from '@/components/ui/options';
import { dayjs, type Dayjs } from '@/lib/dates';
import { applyApiErrors } from '@/lib/form-errors';
import { ACTIVITY_CATEGORY_LABELS, WEEKDAY_LABELS, fmt, t } from '@/lib/i18n';
import { notify } from '@/lib/notify';
import { generatedCount, useCreateSchedule } from '../api/schedules-api';
import { occurrenceDates } from '../lib/generate-dates';
import { SchedulePreview } from './schedule-preview';

export interface ScheduleFormValues {
  teamId: string;
  /** venue of the occurrences; defaults to the team's site */
  siteId?: string;
  address?: string;
  title: string;
  category: ActivityCategory;
  weekday: number;
  startTime: Dayjs;
  endTime: Dayjs;
  startsOn: Dayjs;
  endsOn: Dayjs;
  capacity?: number | null;
}

export function ScheduleForm({
  teams,
  initialValues,
  onSaved,
}: {
  teams: Array<{ id: string; name: string; siteId: string; siteName: string }>;
  initialValues?: Partial<ScheduleFormValues>;
  onSaved?: (res: ServiceDayScheduleChangeResponse) => void;
}) {
  const [form] = Form.useForm<ScheduleFormValues>();
  const create = useCreateSchedule();
  const [skipDates, setSkipDates] = useState<string[]>([]);
  const weekday = Form.useWatch('weekday', form);
  const startsOn = Form.useWatch('startsOn', form);
  const endsOn = Form.useWatch('endsOn', form);
  const teamId = Form.useWatch('teamId', form);
  const team = teams.find((tm) => tm.id === teamId);
  // The venue follows the team's site until the leader picks another venue.
  const venueTouched = useRef(false);
  useEffect(() => {
    if (team && !venueTouched.current) form.setFieldValue('siteId', team.siteId);
  }, [team, form]);

  const occurrences = useMemo(
    () =>
      startsOn && endsOn && weekday
        ? occurrenceDates({ weekday, startsOn: startsOn.format('YYYY-MM-DD'), endsOn: endsOn.format('YYYY-MM-DD') })
        : [],
    [weekday, startsOn, endsOn],
  );
  const activeSkips = skipDates.filter((d) => occurrences.includes(d));

  const defaults: Partial<ScheduleFormValues> = {
    teamId: teams.length === 1 ? teams[0].id : undefined,
    siteId: teams.length === 1 ? teams[0].siteId : undefined,
    title: t.schedules.defaultTitle,
    category: 'sanitation',
    weekday: 5,
    startTime: dayjs('2000-01-01 09:00'),
    endTime: dayjs('2000-01-01 11:00'),
    ...initialValues,
  };

  return (
    <Form<ScheduleFormValues>
      form={form}
      layout="vertical"
      initialValues={defaults}
      // A venue the leader chose themselves is kept when the team changes (setFieldValue does not fire this).
      onValuesChange={(changed: Partial<ScheduleFormValues>) => {
        if ('siteId' in changed) venueTouched.current = true;
      }}
      onFinish={(v) => {
        create.mutate(
          {
            teamId: v.teamId,
            siteId: v.siteId,
            address: v.address?.trim() || undefined,
            title: v.title.trim(),
            category: v.category,
            weekday: v.weekday,
            startTime: v.startTime.format('HH:mm'),
            endTime: v.endTime.format('HH:mm'),
            startsOn: v.startsOn.format('YYYY-MM-DD'),
            endsOn: v.endsOn.format('YYYY-MM-DD'),
            capacity: v.capacity ?? null,
            skipDates: activeSkips,
          },
          {
            onSuccess: (res) => {
              notify.success(fmt(t.schedules.saved, { n: generatedCount(res) }));
              onSaved?.(res);
            },
            onError: (e) => applyApiErrors(form, e),
          },
        );
      }}
    >
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item label={t.schedules.team} name="teamId" rules={[{ required: true, message: fmt(t.common.requiredSelect, { label: t.schedules.team }) }]}>
            <Select options={teams.map((tm) => ({ value: tm.id, label: tm.name }))} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item label={t.schedules.name} name="title" rules={[{ required: true, whitespace: true, message: fmt(t.common.required, { label: t.schedules.name }) }]}>
            <Input maxLength={60} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item label={t.schedules.venue} name="siteId" extra={t.activities.venueHint}>
            <VenueSelect
              aria-label={t.schedules.venue}
              initialOption={team ? { value: team.siteId, label: team.siteName } : undefined}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item label={t.schedules.address} name="address">
            <Input maxLength={100} placeholder={t.activities.addressPlaceholder} aria-label={t.schedules.address} />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item label={t.schedules.category} name="category" rules={[{ required: true }]}>
            <Select options={optionsOf(ACTIVITY_CATEGORY_LABELS)} />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item label={t.schedules.weekday} name="weekday" rules={[{ required: true }]}>
            <Select options={Object.entries(WEEKDAY_LABELS).map(([v, label]) => ({ value: Number(v), label }))} />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item label={t.schedules.startTime} name="startTime" rules={[{ required: true, message: fmt(t.common.requiredSelect, { label: t.schedules.startTime }) }]}>
            <TimePicker format="HH:mm" minuteStep={5} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item
            label={t.schedules.endTime}
            name="endTime"
            dependencies={['startTime']}
            rules={[
              { required: true, message: fmt(t.common.requiredSelect, { label: t.schedules.endTime }) },
              ({ getFieldValue }) => ({
                validator: (_, value: Dayjs | undefined) => {
                  const start: Dayjs | undefined = getFieldValue('startTime');
                  if (!value || !start || value.format('HH:mm') > start.format('HH:mm')) return Promise.resolve();
                  return Promise.reject(new Error(t.schedules.timeOrder));
                },
              }),
            ]}
          >
            <TimePicker format="HH:mm" minuteStep={5} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={12} md={8}>
          <Form.Item label={t.schedules.startsOn} name="startsOn" rules={[{ required: true, message: fmt(t.common.requiredSelect, { label: t.schedules.startsOn }) }]}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={12} md={8}>
          <Form.Item label={t.schedules.endsOn} name="endsOn" rules={[{ required: true, message: fmt(t.common.requiredSelect, { label: t.schedules.endsOn }) }]}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item label={t.schedules.capacity} name="capacity" extra={t.activities.capacityHint}>
            <InputNumber min={1} max={10000} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
      <SchedulePreview
        occurrences={occurrences}
        skipDates={activeSkips}
        onToggle={(d) => setSkipDates((prev) => (prev.includes(d) ? prev.filter((x) => x !== d) : [...prev, d]))}
      />
      <Button type="primary" htmlType="submit" loading={create.isPending} style={{ marginTop: 16 }}>
        {t.common.save}
      </Button>
    </Form>
  );
}
