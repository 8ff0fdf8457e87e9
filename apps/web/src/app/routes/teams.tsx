import { useState } from 'react';
import { Button, Drawer, Select, Space, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { TeamType } from '@wenming/shared';
import { useTeams, type TeamFilter, type TeamView } from '@/features/teams/api/teams-api';
import { MembersPanel } from '@/features/teams/components/members-panel';
import { TeamFormModal } from '@/features/teams/components/team-form-modal';
import { SiteSelect, teamTypeOptions } from '@/components/pickers/pickers';
import { PageHeader } from '@/components/ui/page-header';
import { PhoneCell } from '@/components/ui/phone-cell';
import { PHONE_QUERY, useMediaQuery } from '@/lib/use-media-query';
import { ListPage, ListSearch, useListParams } from '@/components/list-page';
import { TEAM_TYPE_LABELS, t } from '@/lib/i18n';

export function TeamsPage() {
  const { filter, set, setPage } = useListParams<TeamFilter>({ defaults: {}, fields: { type: 'string', siteId: 'string', q: 'string' } });
  const [editing, setEditing] = useState<TeamView | 'new' | null>(null);
  const [membersOf, setMembersOf] = useState<TeamView | null>(null);
  const query = useTeams(filter);
  // On a phone one column holds the names (team, type, site, town); the rest would scroll off.
  const phone = useMediaQuery(PHONE_QUERY);
  return (
    <>
      <PageHeader
        title={t.teams.title}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            {t.teams.create}
          </Button>
        }
      />
      <ListPage<TeamView>
        filters={
          <>
            <Select<TeamType>
              aria-label={t.teams.type}
              placeholder={t.teams.type}
              allowClear
              style={{ width: 140 }}
              value={filter.type}
              options={teamTypeOptions()}
              onChange={(v) => set({ type: v })}
            />
            <SiteSelect aria-label={t.teams.site} placeholder={t.teams.site} style={{ width: 220 }} value={filter.siteId} onChange={(v) => set({ siteId: v })} />
            <ListSearch aria-label={t.common.search} placeholder={t.teams.searchPlaceholder} style={{ width: 240 }} value={filter.q} onSearch={(q) => set({ q })} />
          </>
        }
        query={query}
        page={filter.page}
        pageSize={filter.pageSize}
        onPage={setPage}
        size="middle"
        scroll={phone ? undefined : { x: 800 }}
        columns={[
          {
            title: t.teams.name,
            key: 'phone',
            hidden: !phone,
            render: (_, tm) => (
              <PhoneCell
                title={<a onClick={() => setMembersOf(tm)}>{tm.name}</a>}
                lines={[`${TEAM_TYPE_LABELS[tm.type]} · ${tm.memberCount ?? 0}${t.common.people}`, tm.siteName, tm.townName ?? t.teams.countyLevel]}
              />
            ),
          },
          {
            title: t.teams.name,
            dataIndex: 'name',
            hidden: phone,
            render: (v: string, tm) => (
              <Space>
                <a onClick={() => setMembersOf(tm)}>{v}</a>
                {tm.archived ? <Tag>{t.teams.archived}</Tag> : null}
              </Space>
            ),
          },
          { title: t.teams.type, dataIndex: 'type', hidden: phone, render: (ty: TeamType) => <Tag color="red">{TEAM_TYPE_LABELS[ty]}</Tag> },
          { title: t.teams.site, dataIndex: 'siteName', hidden: phone },
          { title: t.teams.town, key: 'town', hidden: phone, render: (_, tm) => tm.townName ?? t.teams.countyLevel },
          { title: t.teams.memberCount, dataIndex: 'memberCount', align: 'right', hidden: phone, render: (n?: number) => n ?? 0 },
          {
            title: t.common.actions,
            key: 'actions',
            render: (_, tm) => (
              <Space size={0} orientation={phone ? 'vertical' : 'horizontal'}>
                <Button type="link" size="small" onClick={() => setMembersOf(tm)}>
                  {t.teams.members}
                </Button>
                <Button type="link" size="small" onClick={() => setEditing(tm)}>
                  {t.common.edit}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      {editing ? <TeamFormModal open team={editing === 'new' ? undefined : editing} onClose={() => setEditing(null)} /> : null}
      <Drawer open={!!membersOf} onClose={() => setMembersOf(null)} title={membersOf ? `${membersOf.name} · ${t.teams.members}` : ''} size={720} destroyOnHidden>
        {membersOf ? <MembersPanel teamId={membersOf.id} canManage canSetRole /> : null}
      </Drawer>
    </>
  );
}
