import { useEffect, useMemo, useRef, useState } from 'react';
import { Button, Col, DatePicker, Flex, Form, Input, InputNumber, Modal, Row, Select, Tag, TimePicker, Typography } from 'antd';
import type {
  ActivityCategory,
  CreateServiceDayScheduleRequest,
  ServiceDayScheduleChangeResponse,
  ServiceDayScheduleDto,
  UpdateServiceDayScheduleRequest,
} from '@wenming/shared';
import { ApiError } from '@/lib/api-client';
import { VenueSelect } from '@/components/pickers/pickers';
import { optionsOf } from '@/components/ui/options';
import { dayjs, type Dayjs } from '@/lib/dates';
import { applyApiErrors } from '@/lib/form-errors';
import { ACTIVITY_CATEGORY_LABELS, WEEKDAY_LABELS, fmt, t } from '@/lib/i18n';
import { notify } from '@/lib/notify';
import { generatedCount, useCreateSchedule, useUpdateSchedule } from '../api/schedules-api';
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

export const SCHEDULE_EDIT_TEXT = {
  skipped: '跳过的日期',
  noSkipped: '没有跳过的日期',
  addSkip: '添加跳过日期',
  addSkipHint: '在上方日期中点击即可跳过或恢复；也可在此选择',
  removeSkip: '恢复 {date}',
  notOnWeekday: '{date} 不是{weekday}，无需跳过',
  outOfRange: '{date} 不在起止日期内',
  editHint: '保存后只改动未来且无人签到的活动；已签到或已结束的活动保持不变。',
  saveChanges: '保存修改',
};

/** The form's values for an existing schedule (PATCH /service-day-schedules/:id). */
export function scheduleFormValues(s: ServiceDayScheduleDto): ScheduleFormValues {
  return {
    teamId: s.teamId,
    siteId: s.siteId,
    address: s.address || undefined,
    title: s.title,
    category: s.category,
    weekday: s.weekday,
    startTime: dayjs(`2000-01-01 ${s.startTime}`),
    endTime: dayjs(`2000-01-01 ${s.endTime}`),
    startsOn: dayjs(s.startsOn),
    endsOn: dayjs(s.endsOn),
    capacity: s.capacity,
  };
}

export function ScheduleForm({
  teams,
  initialValues,
  schedule,
  onSaved,
}: {
  teams: Array<{ id: string; name: string; siteId: string; siteName: string }>;
  initialValues?: Partial<ScheduleFormValues>;
  /** editing this schedule: prefilled, saved with PATCH (the team cannot change) */
  schedule?: ServiceDayScheduleDto;
  onSaved?: (res: ServiceDayScheduleChangeResponse) => void;
}) {
  const [form] = Form.useForm<ScheduleFormValues>();
  const create = useCreateSchedule();
  const update = useUpdateSchedule();
  // Modal.useModal renders inside this tree (theme, locale, App context): the static Modal.confirm may not show under antd 6.
  const [modal, modalHolder] = Modal.useModal();
  const [skipDates, setSkipDates] = useState<string[]>(() => [...(schedule?.skipDates ?? [])].sort());
  const [skipPick, setSkipPick] = useState<Dayjs | null>(null);
  const [skipError, setSkipError] = useState<string | null>(null);
  const editing = !!schedule;
  const teamOptions =
    schedule && !teams.some((tm) => tm.id === schedule.teamId)
      ? [...teams, { id: schedule.teamId, name: schedule.teamName, siteId: schedule.siteId, siteName: schedule.siteName }]
      : teams;
  const weekday = Form.useWatch('weekday', form);
  const startsOn = Form.useWatch('startsOn', form);
  const endsOn = Form.useWatch('endsOn', form);
  const teamId = Form.useWatch('teamId', form);
  const team = teamOptions.find((tm) => tm.id === teamId);
  // The venue follows the team's site until the leader picks another venue.
  const venueTouched = useRef(editing);
  useEffect(() => {
    if (team && !venueTouched.current) form.setFieldValue('siteId', team.siteId);
  }, [team, form]);

  const occurrences = useMemo(
    () => (startsOn && endsOn && weekday ? occurrenceDates({ weekday, startsOn: startsOn.format('YYYY-MM-DD'), endsOn: endsOn.format('YYYY-MM-DD') }) : []),
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
    ...(schedule ? scheduleFormValues(schedule) : {}),
  };

  const addSkip = () => {
    if (!skipPick) return;
    const d = skipPick.format('YYYY-MM-DD');
    if (!occurrences.includes(d)) {
      const inRange = startsOn && endsOn && d >= startsOn.format('YYYY-MM-DD') && d <= endsOn.format('YYYY-MM-DD');
      setSkipError(fmt(inRange ? SCHEDULE_EDIT_TEXT.notOnWeekday : SCHEDULE_EDIT_TEXT.outOfRange, { date: d, weekday: WEEKDAY_LABELS[weekday] ?? '' }));
      return;
    }
    setSkipError(null);
    setSkipDates((prev) => (prev.includes(d) ? prev : [...prev, d].sort()));
    setSkipPick(null);
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
      // no implicit submit: Enter in a date, time or text field never saves the series (only the 保存 button does)
      onKeyDown={(e) => {
        if (e.key === 'Enter' && (e.target as HTMLElement).tagName === 'INPUT') e.preventDefault();
      }}
      onFinish={(v) => {
        if (schedule) {
          const patch: UpdateServiceDayScheduleRequest = {
            siteId: v.siteId,
            address: v.address?.trim() ?? '',
            title: v.title.trim(),
            category: v.category,
            weekday: v.weekday,
            startTime: v.startTime.format('HH:mm'),
            endTime: v.endTime.format('HH:mm'),
            startsOn: v.startsOn.format('YYYY-MM-DD'),
            endsOn: v.endsOn.format('YYYY-MM-DD'),
            capacity: v.capacity ?? null,
            skipDates: activeSkips,
          };
          const saveEdit = (allowOverlap: boolean) =>
            update.mutate(
              { id: schedule.id, body: allowOverlap ? { ...patch, allowOverlap } : patch },
              {
                onSuccess: (res) => onSaved?.(res),
                onError: (e) => {
                  if (e instanceof ApiError && e.code === 'SCHEDULE_OVERLAP') {
                    modal.confirm({
                      title: t.schedules.overlapTitle,
                      content: e.message,
                      okText: t.schedules.overlapSaveAnyway,
                      cancelText: t.schedules.overlapChange,
                      onOk: () => saveEdit(true),
                    });
                    return;
                  }
                  applyApiErrors(form, e);
                },
              },
            );
          saveEdit(false);
          return;
        }
        const body: CreateServiceDayScheduleRequest = {
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
        };
        const save = (allowOverlap: boolean) =>
          create.mutate(allowOverlap ? { ...body, allowOverlap } : body, {
            onSuccess: (res) => {
              notify.success(fmt(t.schedules.saved, { n: generatedCount(res) }));
              onSaved?.(res);
            },
            onError: (e) => {
              // another activity of the team at the same time: say which, and save only if the leader insists
              if (e instanceof ApiError && e.code === 'SCHEDULE_OVERLAP') {
                modal.confirm({
                  title: t.schedules.overlapTitle,
                  content: e.message,
                  okText: t.schedules.overlapSaveAnyway,
                  cancelText: t.schedules.overlapChange,
                  onOk: () => save(true),
                });
                return;
              }
              applyApiErrors(form, e);
            },
          });
        save(false);
      }}
    >
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item label={t.schedules.team} name="teamId" rules={[{ required: true, message: fmt(t.common.requiredSelect, { label: t.schedules.team }) }]}>
            <Select options={teamOptions.map((tm) => ({ value: tm.id, label: tm.name }))} disabled={editing} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item label={t.schedules.name} name="title" rules={[{ required: true, whitespace: true, message: fmt(t.common.required, { label: t.schedules.name }) }]}>
            <Input maxLength={60} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item label={t.schedules.venue} name="siteId" extra={t.activities.venueHint}>
            <VenueSelect aria-label={t.schedules.venue} initialOption={team ? { value: team.siteId, label: team.siteName } : undefined} />
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
      <section aria-label={SCHEDULE_EDIT_TEXT.skipped} style={{ marginTop: 16 }}>
        <Typography.Text strong>{SCHEDULE_EDIT_TEXT.skipped}</Typography.Text>
        <Flex wrap gap={6} style={{ margin: '8px 0' }} data-testid="skip-dates">
          {activeSkips.length === 0 ? (
            <Typography.Text type="secondary">{SCHEDULE_EDIT_TEXT.noSkipped}</Typography.Text>
          ) : (
            activeSkips.map((d) => (
              <Tag
                key={d}
                closable
                closeIcon={<span aria-label={fmt(SCHEDULE_EDIT_TEXT.removeSkip, { date: d })}>×</span>}
                onClose={(e) => {
                  e.preventDefault();
                  setSkipDates((prev) => prev.filter((x) => x !== d));
                }}
              >
                {d}
              </Tag>
            ))
          )}
        </Flex>
        <Flex wrap gap={8} align="center">
          <DatePicker
            aria-label={SCHEDULE_EDIT_TEXT.addSkip}
            placeholder={SCHEDULE_EDIT_TEXT.addSkip}
            value={skipPick}
            onChange={(d) => {
              setSkipPick(d);
              setSkipError(null);
            }}
            disabledDate={(d) => !occurrences.includes(d.format('YYYY-MM-DD'))}
          />
          <Button onClick={addSkip} disabled={!skipPick}>
            {SCHEDULE_EDIT_TEXT.addSkip}
          </Button>
          <Typography.Text type="secondary">{SCHEDULE_EDIT_TEXT.addSkipHint}</Typography.Text>
        </Flex>
        {skipError ? (
          <Typography.Text type="danger" role="alert">
            {skipError}
          </Typography.Text>
        ) : null}
      </section>
      {editing ? (
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
          {SCHEDULE_EDIT_TEXT.editHint}
        </Typography.Paragraph>
      ) : null}
      <Button type="primary" onClick={() => form.submit()} loading={create.isPending || update.isPending} style={{ marginTop: 16 }}>
        {editing ? SCHEDULE_EDIT_TEXT.saveChanges : t.common.save}
      </Button>
      {modalHolder}
    </Form>
  );
}
