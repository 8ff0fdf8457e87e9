import { useState } from 'react';
import { Button, Drawer, Flex, Input, Modal, Popconfirm, Table, Tag, Typography } from 'antd';
import type { ActivityCategory, ActivityDto, ActivityStatus, ServiceDayScheduleDto } from '@wenming/shared';
import { ErrorState } from '@/components/ui/states';
import { fmtRange } from '@/lib/dates';
import { ACTIVITY_CATEGORY_LABELS, ACTIVITY_STATUS_LABELS, WEEKDAY_LABELS, fmt, t } from '@/lib/i18n';
import { notify } from '@/lib/notify';
import { ApiError } from '@/lib/api-client';
import { useCancelOccurrence, useDeleteSchedule, useOccurrences, useSchedules } from '../api/schedules-api';

export const SCHEDULE_LIST_TEXT = {
  skipped: '跳过的日期',
  none: '无',
  edit: '编辑',
  occurrences: '各场活动',
  occurrencesOf: '{title} · 各场活动',
  when: '时间',
  status: '状态',
  attendance: '签到',
  cancel: '取消本场',
  cancelTitle: '取消 {date} 这一场？',
  cancelHint: '只取消这一场，计划和其他日期不受影响；已报名的志愿者会看到取消原因。',
  reason: '取消原因',
  reasonPlaceholder: '例如：天气原因暂停一次',
  reasonRequired: '请填写取消原因',
  cancelled: '已取消 {date} 这一场',
  cancelOk: '确定取消这一场',
  keep: '不取消',
  past: '已开始',
  empty: '暂无生成的活动',
};

const STATUS_COLORS: Record<ActivityStatus, string | undefined> = { draft: undefined, published: 'blue', completed: 'green', cancelled: 'default' };

/** One occurrence's cancel: a confirmation with a required reason, then POST /activities/:id/cancel. */
function CancelOccurrence({ activity }: { activity: ActivityDto }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const cancel = useCancelOccurrence();
  const date = activity.startsAt ? fmtRange(activity.startsAt, activity.endsAt) : '';
  const T = SCHEDULE_LIST_TEXT;
  return (
    <>
      <Button type="link" size="small" danger onClick={() => setOpen(true)}>
        {T.cancel}
      </Button>
      <Modal
        open={open}
        title={fmt(T.cancelTitle, { date })}
        okText={T.cancelOk}
        cancelText={T.keep}
        okButtonProps={{ danger: true, loading: cancel.isPending }}
        onCancel={() => setOpen(false)}
        onOk={() => {
          if (!reason.trim()) {
            setError(T.reasonRequired);
            return;
          }
          cancel.mutate(
            { id: activity.id, reason: reason.trim() },
            {
              onSuccess: () => {
                notify.success(fmt(T.cancelled, { date }));
                setOpen(false);
              },
              onError: (e) => setError(e instanceof ApiError ? e.message : String(e)),
            },
          );
        }}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">{T.cancelHint}</Typography.Paragraph>
        <Input.TextArea
          aria-label={T.reason}
          placeholder={T.reasonPlaceholder}
          maxLength={200}
          rows={2}
          value={reason}
          onChange={(e) => {
            setReason(e.target.value);
            setError(null);
          }}
        />
        {error ? (
          <Typography.Text type="danger" role="alert">
            {error}
          </Typography.Text>
        ) : null}
      </Modal>
    </>
  );
}

/** The activities a schedule generated, with their status; a future one can be cancelled alone. */
export function OccurrencesDrawer({ schedule, onClose }: { schedule: ServiceDayScheduleDto | null; onClose: () => void }) {
  const query = useOccurrences(schedule);
  const T = SCHEDULE_LIST_TEXT;
  const now = Date.now();
  return (
    <Drawer open={!!schedule} onClose={onClose} title={schedule ? fmt(T.occurrencesOf, { title: schedule.title }) : ''} size={560} destroyOnHidden>
      {query.isError ? (
        <ErrorState error={query.error} onRetry={() => query.refetch()} />
      ) : (
        <Table<ActivityDto>
          rowKey="id"
          size="small"
          loading={query.isPending}
          dataSource={query.data ?? []}
          pagination={false}
          locale={{ emptyText: T.empty }}
          columns={[
            { title: T.when, key: 'when', render: (_, a) => fmtRange(a.startsAt, a.endsAt) },
            { title: T.status, dataIndex: 'status', render: (s: ActivityStatus) => <Tag color={STATUS_COLORS[s]}>{ACTIVITY_STATUS_LABELS[s]}</Tag> },
            {
              title: t.common.actions,
              key: 'actions',
              render: (_, a) =>
                a.status === 'published' || a.status === 'draft' ? (
                  new Date(a.startsAt).getTime() > now ? (
                    <CancelOccurrence activity={a} />
                  ) : (
                    <Typography.Text type="secondary">{T.past}</Typography.Text>
                  )
                ) : null,
            },
          ]}
        />
      )}
    </Drawer>
  );
}

export function ScheduleList({ teamId, onEdit }: { teamId?: string; onEdit?: (s: ServiceDayScheduleDto) => void }) {
  const query = useSchedules(teamId);
  const del = useDeleteSchedule();
  const [occurrencesOf, setOccurrencesOf] = useState<ServiceDayScheduleDto | null>(null);
  const T = SCHEDULE_LIST_TEXT;
  if (query.isError && !query.data) return <ErrorState error={query.error} onRetry={() => query.refetch()} />;
  return (
    <>
      <Table<ServiceDayScheduleDto>
        rowKey="id"
        size="small"
        loading={query.isPending}
        dataSource={query.data ?? []}
        pagination={false}
        scroll={{ x: 1180 }}
        locale={{ emptyText: t.common.empty }}
        columns={[
          { title: t.schedules.name, dataIndex: 'title' },
          { title: t.schedules.team, dataIndex: 'teamName' },
          { title: t.schedules.venue, key: 'venue', render: (_, s) => (s.address ? `${s.siteName} · ${s.address}` : s.siteName) },
          { title: t.schedules.category, dataIndex: 'category', render: (c: ActivityCategory) => <Tag>{ACTIVITY_CATEGORY_LABELS[c]}</Tag> },
          { title: t.schedules.weekday, key: 'when', render: (_, s) => `${WEEKDAY_LABELS[s.weekday]} ${s.startTime}–${s.endTime}` },
          { title: t.schedules.period, key: 'period', render: (_, s) => `${s.startsOn} ~ ${s.endsOn}` },
          {
            title: T.skipped,
            key: 'skipDates',
            width: 160,
            render: (_, s) =>
              s.skipDates.length === 0 ? (
                <Typography.Text type="secondary">{T.none}</Typography.Text>
              ) : (
                <Flex wrap gap={4} data-testid={`skips-${s.id}`}>
                  {[...s.skipDates].sort().map((d) => (
                    <Tag key={d}>{d}</Tag>
                  ))}
                </Flex>
              ),
          },
          { title: t.schedules.capacity, dataIndex: 'capacity', render: (c: number | null) => c ?? t.common.unlimited },
          {
            title: t.common.actions,
            key: 'actions',
            fixed: 'right',
            width: 190,
            render: (_, s) => (
              <Flex gap={0} wrap>
                {onEdit ? (
                  <Button type="link" size="small" onClick={() => onEdit(s)} aria-label={`${T.edit} ${s.title}`}>
                    {T.edit}
                  </Button>
                ) : null}
                <Button type="link" size="small" onClick={() => setOccurrencesOf(s)}>
                  {T.occurrences}
                </Button>
                <Popconfirm title={t.schedules.deleteConfirm} onConfirm={() => del.mutate(s.id, { onSuccess: () => notify.success(t.schedules.deleted) })}>
                  <Button type="link" size="small" danger>
                    {t.common.delete}
                  </Button>
                </Popconfirm>
              </Flex>
            ),
          },
        ]}
      />
      <OccurrencesDrawer schedule={occurrencesOf} onClose={() => setOccurrencesOf(null)} />
    </>
  );
}
