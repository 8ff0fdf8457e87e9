import { lazy, Suspense, useState } from 'react';
import { Drawer, Flex, Input, Table, Tag, Button } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { PoliticalStatus } from '@wenming/shared';
import { useVolunteers, type VolunteerFilter, type VolunteerView } from '@/features/volunteers/api/volunteers-api';
import { ImportVolunteers } from '@/features/volunteers/components/import-volunteers';
import { useVolunteerRecord } from '@/features/record/api/record-api';
import { RecordView } from '@/features/record/components/record-view';
import { SiteSelect, TeamSelect } from '@/components/pickers/pickers';
import { PageHeader } from '@/components/ui/page-header';
import { PhoneCell, phoneColumns } from '@/components/ui/phone-cell';
import { PHONE_QUERY, useMediaQuery } from '@/lib/use-media-query';
import { ErrorState, QueryView } from '@/components/ui/states';
import { GENDER_LABELS, POLITICAL_STATUS_LABELS, fmt, t } from '@/lib/i18n';

/** The create form (DatePicker, tag input…) loads when the button is pressed. */
const EditVolunteerModal = lazy(async () => ({
  default: (await import('@/features/volunteers/components/edit-volunteer-modal')).EditVolunteerModal,
}));
const CreateVolunteerModal = lazy(async () => ({
  default: (await import('@/features/volunteers/components/create-volunteer-modal')).CreateVolunteerModal,
}));

function RecordDrawer({ volunteer, onClose }: { volunteer: VolunteerView | null; onClose: () => void }) {
  const record = useVolunteerRecord(volunteer?.id);
  return (
    <Drawer open={!!volunteer} onClose={onClose} title={volunteer ? `${volunteer.name} · ${t.volunteers.record}` : ''} size={560} destroyOnHidden>
      {volunteer ? <QueryView query={record}>{(r) => <RecordView record={r} volunteerId={volunteer.id} volunteerName={volunteer.name} />}</QueryView> : null}
    </Drawer>
  );
}

export function VolunteersPage() {
  const [filter, setFilter] = useState<VolunteerFilter>({ page: 1, pageSize: 20 });
  const [recordOf, setRecordOf] = useState<VolunteerView | null>(null);
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<VolunteerView | null>(null);
  const query = useVolunteers(filter);
  const phone = useMediaQuery(PHONE_QUERY);
  const set = (patch: Partial<VolunteerFilter>) => setFilter((f) => ({ ...f, ...patch, page: 1 }));
  return (
    <>
      <PageHeader
        title={t.volunteers.title}
        extra={
          <>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t.volunteers.create}
            </Button>
            <ImportVolunteers />
          </>
        }
      />
      <Flex wrap gap={8} style={{ marginBottom: 12 }}>
        <Input.Search
          aria-label={t.common.search}
          placeholder={t.volunteers.searchPlaceholder}
          allowClear
          style={{ width: 240 }}
          onSearch={(q) => set({ q: q.trim() || undefined })}
        />
        <SiteSelect aria-label={t.volunteers.site} placeholder={t.volunteers.site} style={{ width: 220 }} value={filter.siteId} onChange={(v) => set({ siteId: v })} />
        <TeamSelect aria-label={t.volunteers.team} placeholder={t.volunteers.team} style={{ width: 220 }} value={filter.teamId} onChange={(v) => set({ teamId: v })} />
      </Flex>
      {query.isError && !query.data ? (
        <ErrorState error={query.error} onRetry={() => query.refetch()} />
      ) : (
        <Table<VolunteerView>
          rowKey="id"
          size="middle"
          loading={query.isFetching}
          dataSource={query.data?.items ?? []}
          scroll={phone ? undefined : { x: 1400 }}
          pagination={{
            current: filter.page,
            pageSize: filter.pageSize,
            total: query.data?.total ?? 0,
            showTotal: (n) => fmt(t.common.total, { n }),
            onChange: (page, pageSize) => setFilter((f) => ({ ...f, page, pageSize })),
          }}
          columns={phoneColumns<VolunteerView>(
            phone,
            {
              title: t.volunteers.name,
              key: 'phone',
              render: (_, v) => (
                <PhoneCell
                  title={`${v.name} · ${v.volunteerNumber}`}
                  lines={[`${v.siteName} · ${v.townName ?? t.teams.countyLevel}`, v.teams.map((tm) => tm.name).join('、') || t.volunteers.noTeam]}
                />
              ),
            },
            [
              { title: t.volunteers.volunteerNumber, dataIndex: 'volunteerNumber', width: 150 },
              { title: t.volunteers.name, dataIndex: 'name' },
              { title: t.volunteers.site, dataIndex: 'siteName' },
              { title: t.volunteers.town, key: 'town', render: (_, v) => v.townName ?? t.teams.countyLevel },
              {
                title: t.volunteers.teams,
                key: 'teams',
                render: (_, v) =>
                  v.teams.length === 0 ? (
                    <span style={{ color: 'rgba(0,0,0,0.45)' }}>{t.volunteers.noTeam}</span>
                  ) : (
                    <Flex wrap gap={4}>
                      {v.teams.map((tm) => (
                        <Tag key={tm.id} color={tm.role === 'leader' ? 'red' : undefined}>
                          {tm.name}
                          {tm.role === 'leader' ? `（${t.volunteers.leaderTag}）` : ''}
                        </Tag>
                      ))}
                    </Flex>
                  ),
              },
              { title: t.volunteers.phone, dataIndex: 'phone', render: (p: string | null) => p ?? '—' },
              { title: t.volunteers.gender, dataIndex: 'gender', render: (g: keyof typeof GENDER_LABELS | null) => (g ? GENDER_LABELS[g] : '—') },
              { title: t.volunteers.politicalStatus, dataIndex: 'politicalStatus', render: (p: PoliticalStatus | null) => (p ? POLITICAL_STATUS_LABELS[p] : '—') },
              { title: t.volunteers.idNumber, dataIndex: 'idNumber', render: (v: string | null) => v ?? '—' },
              { title: t.volunteers.hasLogin, dataIndex: 'hasLogin', render: (h: boolean) => (h ? <Tag color="green">{t.common.yes}</Tag> : <Tag>{t.common.no}</Tag>) },
              {
                title: t.common.actions,
                key: 'actions',
                fixed: 'right',
                render: (_, v) => (
                  <Flex gap={0}>
                    <Button type="link" size="small" onClick={() => setEditing(v)} aria-label={`编辑 ${v.name}`}>
                      编辑
                    </Button>
                    <Button type="link" size="small" onClick={() => setRecordOf(v)}>
                      {t.volunteers.record}
                    </Button>
                  </Flex>
                ),
              },
            ],
          )}
        />
      )}
      <RecordDrawer volunteer={recordOf} onClose={() => setRecordOf(null)} />
      {editing ? (
        <Suspense fallback={null}>
          <EditVolunteerModal key={editing.id} volunteer={editing} onClose={() => setEditing(null)} />
        </Suspense>
      ) : null}
      {creating ? (
        <Suspense fallback={null}>
          <CreateVolunteerModal open defaultSiteId={filter.siteId} onClose={() => setCreating(false)} />
        </Suspense>
      ) : null}
    </>
  );
}
