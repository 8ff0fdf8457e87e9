import { Button, Popconfirm, Table, Tag } from 'antd';
import type { ActivityCategory, ServiceDayScheduleDto } from '@wenming/shared';
import { ErrorState } from '@/components/ui/states';
import { ACTIVITY_CATEGORY_LABELS, WEEKDAY_LABELS, t } from '@/lib/i18n';
import { notify } from '@/lib/notify';
import { useDeleteSchedule, useSchedules } from '../api/schedules-api';

export function ScheduleList({ teamId }: { teamId?: string }) {
  const query = useSchedules(teamId);
  const del = useDeleteSchedule();
  if (query.isError && !query.data) return <ErrorState error={query.error} onRetry={() => query.refetch()} />;
  return (
    <Table<ServiceDayScheduleDto>
      rowKey="id"
      size="small"
      loading={query.isPending}
      dataSource={query.data ?? []}
      pagination={false}
      scroll={{ x: 980 }}
      locale={{ emptyText: t.common.empty }}
      columns={[
        { title: t.schedules.name, dataIndex: 'title' },
        { title: t.schedules.team, dataIndex: 'teamName' },
        { title: t.schedules.venue, key: 'venue', render: (_, s) => (s.address ? `${s.siteName} · ${s.address}` : s.siteName) },
        { title: t.schedules.category, dataIndex: 'category', render: (c: ActivityCategory) => <Tag>{ACTIVITY_CATEGORY_LABELS[c]}</Tag> },
        { title: t.schedules.weekday, key: 'when', render: (_, s) => `${WEEKDAY_LABELS[s.weekday]} ${s.startTime}–${s.endTime}` },
        { title: t.schedules.period, key: 'period', render: (_, s) => `${s.startsOn} ~ ${s.endsOn}` },
        { title: t.schedules.capacity, dataIndex: 'capacity', render: (c: number | null) => c ?? t.common.unlimited },
        {
          title: t.common.actions,
          key: 'actions',
          render: (_, s) => (
            <Popconfirm title={t.schedules.deleteConfirm} onConfirm={() => del.mutate(s.id, { onSuccess: () => notify.success(t.schedules.deleted) })}>
              <Button type="link" size="small" danger>
                {t.common.delete}
              </Button>
            </Popconfirm>
          ),
        },
      ]}
    />
  );
}
