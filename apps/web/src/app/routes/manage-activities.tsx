import { useState } from 'react';
import { Button, DatePicker, Flex, Select, Space, Tag } from 'antd';
import { PlusOutlined, QrcodeOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router-dom';
import type { ActivityKind, ActivityStatus, ActivityWithCountsDto } from '@wenming/shared';
import { useActivities, type ActivityFilter } from '@/features/activities/api/activities-api';
import { CreateActivityModal } from '@/features/activities/components/create-activity-modal';
import { useSession } from '@/features/auth/hooks/use-session';
import { TeamSelect, TownSelect, VenueSelect } from '@/components/pickers/pickers';
import { placeOf } from '@/features/activities/lib/place';
import { optionsOf } from '@/components/ui/options';
import { PageHeader } from '@/components/ui/page-header';
import { AtRiskPanel } from '@/features/reports/components/at-risk-panel';
import { ListPage, useListParams } from '@/components/list-page';
import { ActivityStatusTag } from '@/components/ui/status-tag';
import { dayjs, fmtRange, pickerToDate, todayShanghai } from '@/lib/dates';
import { ACTIVITY_CATEGORY_LABELS, ACTIVITY_KIND_LABELS, ACTIVITY_STATUS_LABELS, t } from '@/lib/i18n';
import { PHONE_QUERY, useMediaQuery } from '@/lib/use-media-query';

export function ManageActivitiesPage() {
  const session = useSession();
  const navigate = useNavigate();
  const led = session.me?.teamsLed ?? [];
  const ledOptions = led.map((tm) => ({ value: tm.id, label: tm.name }));
  const leaderOnly = !session.isStaff;
  // Opens on what is coming up (today onwards, soonest first); clearing the dates shows everything, newest first.
  const { filter, set, setPage } = useListParams<ActivityFilter>({
    defaults: { teamId: leaderOnly && led.length === 1 ? led[0].id : undefined, from: todayShanghai() },
    fields: { teamId: 'string', townId: 'string', siteId: 'string', status: 'string', kind: 'string', from: 'string', to: 'string' },
  });
  const [creating, setCreating] = useState(false);
  const query = useActivities({ ...filter, sort: filter.from ? 'asc' : 'desc' });
  // On a phone: name with its time below, status and actions; the rest is on the detail page.
  const phone = useMediaQuery(PHONE_QUERY);

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
      <div style={{ marginBottom: 12 }}>
        <AtRiskPanel />
      </div>
      <ListPage<ActivityWithCountsDto>
        filters={
          <>
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
              <TeamSelect
                aria-label={t.activities.filterTeam}
                placeholder={t.activities.filterTeam}
                style={{ width: 220 }}
                value={filter.teamId}
                onChange={(v) => set({ teamId: v })}
              />
            )}
            <TownSelect
              aria-label={t.activities.filterTown}
              placeholder={t.activities.filterTown}
              style={{ width: 140 }}
              value={filter.townId}
              onChange={(v) => set({ townId: v })}
            />
            <VenueSelect
              aria-label={t.activities.filterSite}
              placeholder={t.activities.venue}
              style={{ width: 240 }}
              value={filter.siteId}
              onChange={(v) => set({ siteId: v })}
            />
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
              allowEmpty={[true, true]}
              value={[filter.from ? dayjs(filter.from) : null, filter.to ? dayjs(filter.to) : null]}
              onChange={(v) => set({ from: pickerToDate(v?.[0]), to: pickerToDate(v?.[1]) })}
            />
          </>
        }
        query={query}
        page={filter.page}
        pageSize={filter.pageSize}
        onPage={setPage}
        size="middle"
        scroll={phone ? undefined : { x: 1200 }}
        onRow={(a) => ({ onDoubleClick: () => navigate(`/manage/activities/${a.id}`) })}
        columns={[
          {
            title: t.activities.name,
            dataIndex: 'title',
            render: (v: string, a) =>
              phone ? (
                <Flex vertical gap={2}>
                  <Link to={`/manage/activities/${a.id}`}>{v}</Link>
                  <span style={{ color: 'rgba(0,0,0,0.45)', fontSize: 12 }}>{fmtRange(a.startsAt, a.endsAt)}</span>
                  <span style={{ color: 'rgba(0,0,0,0.45)', fontSize: 12 }}>{placeOf(a)}</span>
                </Flex>
              ) : (
                <Link to={`/manage/activities/${a.id}`}>{v}</Link>
              ),
          },
          { title: t.activities.team, dataIndex: 'teamName', responsive: ['md'] },
          {
            title: t.activities.venue,
            key: 'venue',
            responsive: ['md'],
            render: (_, a) => (
              <Flex vertical gap={0}>
                <span>{placeOf(a)}</span>
                {a.townName ? <span style={{ color: 'rgba(0,0,0,0.45)', fontSize: 12 }}>{a.townName}</span> : null}
              </Flex>
            ),
          },
          { title: t.activities.time, key: 'time', responsive: ['md'], render: (_, a) => fmtRange(a.startsAt, a.endsAt), width: 260 },
          {
            title: t.activities.kind,
            key: 'kind',
            responsive: ['md'],
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
            responsive: ['md'],
            render: (_, a) => `${a.confirmedCount} / ${a.capacity ?? t.common.unlimited}`,
          },
          { title: t.activities.status, dataIndex: 'status', render: (s: ActivityStatus) => <ActivityStatusTag status={s} /> },
          {
            title: t.common.actions,
            key: 'actions',
            fixed: phone ? undefined : 'right',
            render: (_, a) => (
              <Space orientation={phone ? 'vertical' : 'horizontal'} size={phone ? 4 : 'small'}>
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
