import { useState } from 'react';
import { Button, DatePicker, Flex, Select, Space, Table, Tag } from 'antd';
import { PlusOutlined, QrcodeOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router-dom';
import type { ActivityKind, ActivityStatus } from '@wenming/shared';
import { useActivities, type ActivityFilter } from '@/features/activities/api/activities-api';
import { CreateActivityModal } from '@/features/activities/components/create-activity-modal';
import { useSession } from '@/features/auth/hooks/use-session';
import { TeamSelect } from '@/components/pickers/pickers';
import { optionsOf } from '@/components/ui/options';
import { PageHeader } from '@/components/ui/page-header';
import { ErrorState } from '@/components/ui/states';
import { ActivityStatusTag } from '@/components/ui/status-tag';
import type { ActivityView } from '@/lib/api-types';
import { fmtRange, pickerToDate, type Dayjs } from '@/lib/dates';
import { ACTIVITY_CATEGORY_LABELS, ACTIVITY_KIND_LABELS, ACTIVITY_STATUS_LABELS, fmt, t } from '@/lib/i18n';

export function ManageActivitiesPage() {
  const session = useSession();
  const navigate = useNavigate();
  const led = session.me?.teamsLed ?? [];
  const ledOptions = led.map((tm) => ({ value: tm.id, label: tm.name }));
  const leaderOnly = !session.isStaff;
  const [filter, setFilter] = useState<ActivityFilter>({
    page: 1,
    pageSize: 20,
    teamId: leaderOnly && led.length === 1 ? led[0].id : undefined,
  });
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [creating, setCreating] = useState(false);
  const query = useActivities(filter);
  const teamName = (id: string) => led.find((tm) => tm.id === id)?.name;
  const set = (patch: Partial<ActivityFilter>) => setFilter((f) => ({ ...f, ...patch, page: patch.page ?? 1 }));

  return (
    <>
      <PageHeader
        title={leaderOnly ? t.activities.manageTitle : t.activities.title}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t.activities.create}
          </Button>
        }
      />
      <Flex wrap gap={8} style={{ marginBottom: 12 }}>
        {leaderOnly ? (
          <Select
            aria-label={t.activities.filterTeam}
            placeholder={t.activities.filterTeam}
            allowClear
            style={{ width: 200 }}
            value={filter.teamId}
            options={ledOptions}
            onChange={(v) => set({ teamId: v })}
          />
        ) : (
          <TeamSelect aria-label={t.activities.filterTeam} placeholder={t.activities.filterTeam} style={{ width: 220 }} value={filter.teamId} onChange={(v) => set({ teamId: v })} />
        )}
        <Select<ActivityStatus>
          aria-label={t.activities.filterStatus}
          placeholder={t.activities.filterStatus}
          allowClear
          style={{ width: 120 }}
          value={filter.status}
          options={optionsOf(ACTIVITY_STATUS_LABELS)}
          onChange={(v) => set({ status: v })}
        />
        <Select<ActivityKind>
          aria-label={t.activities.kind}
          placeholder={t.activities.kind}
          allowClear
          style={{ width: 140 }}
          value={filter.kind}
          options={optionsOf(ACTIVITY_KIND_LABELS)}
          onChange={(v) => set({ kind: v })}
        />
        <DatePicker.RangePicker
          aria-label={t.common.dateRange}
          value={range}
          onChange={(v) => {
            setRange(v);
            set({ from: pickerToDate(v?.[0]), to: pickerToDate(v?.[1]) });
          }}
        />
      </Flex>
      {query.isError && !query.data ? (
        <ErrorState error={query.error} onRetry={() => query.refetch()} />
      ) : (
        <Table<ActivityView>
          rowKey="id"
          size="middle"
          loading={query.isFetching}
          dataSource={query.data?.items ?? []}
          scroll={{ x: 900 }}
          pagination={{
            current: filter.page,
            pageSize: filter.pageSize,
            total: query.data?.total ?? 0,
            showTotal: (n) => fmt(t.common.total, { n }),
            onChange: (page, pageSize) => setFilter((f) => ({ ...f, page, pageSize })),
          }}
          onRow={(a) => ({ onDoubleClick: () => navigate(`/manage/activities/${a.id}`) })}
          columns={[
            {
              title: t.activities.name,
              dataIndex: 'title',
              render: (v: string, a) => <Link to={`/manage/activities/${a.id}`}>{v}</Link>,
            },
            { title: t.activities.team, key: 'team', render: (_, a) => a.teamName ?? teamName(a.teamId) ?? '—' },
            { title: t.activities.time, key: 'time', render: (_, a) => fmtRange(a.startsAt, a.endsAt), width: 260 },
            {
              title: t.activities.kind,
              key: 'kind',
              render: (_, a) => (
                <Space size={4} wrap>
                  <Tag color="red">{ACTIVITY_KIND_LABELS[a.kind]}</Tag>
                  <Tag>{ACTIVITY_CATEGORY_LABELS[a.category]}</Tag>
                </Space>
              ),
            },
            {
              title: t.activities.capacity,
              key: 'cap',
              render: (_, a) => (a.confirmedCount != null ? `${a.confirmedCount} / ${a.capacity ?? t.common.unlimited}` : a.capacity ?? t.common.unlimited),
            },
            { title: t.activities.status, dataIndex: 'status', render: (s: ActivityStatus) => <ActivityStatusTag status={s} /> },
            {
              title: t.common.actions,
              key: 'actions',
              fixed: 'right',
              render: (_, a) => (
                <Space>
                  <Link to={`/manage/activities/${a.id}`}>{t.activities.manage}</Link>
                  {a.status === 'published' ? (
                    <Link to={`/manage/activities/${a.id}/screen`}>
                      <QrcodeOutlined /> {t.activities.checkinScreen}
                    </Link>
                  ) : null}
                </Space>
              ),
            },
          ]}
        />
      )}
      <CreateActivityModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(a) => navigate(`/manage/activities/${a.id}`)}
        teamOptions={leaderOnly ? ledOptions : undefined}
        teamSelect={leaderOnly ? undefined : <TeamSelect placeholder={t.teams.name} />}
      />
    </>
  );
}
