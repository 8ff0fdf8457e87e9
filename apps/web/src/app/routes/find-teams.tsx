import { useState } from 'react';
import { Button, Card, Flex, Input, Space, Tag, Typography } from 'antd';
import type { TeamDirectoryEntryDto } from '@wenming/shared';
import { useRequestToJoin, useTeamDirectory } from '@/features/teams/api/teams-api';
import { PageHeader } from '@/components/ui/page-header';
import { EmptyState, QueryView } from '@/components/ui/states';
import { JOIN_REQUEST_STATUS_LABELS, TEAM_TYPE_LABELS, fmt, t } from '@/lib/i18n';
import { notify } from '@/lib/notify';
import { PAGE_SIZE_MAX } from '@wenming/shared';

function TeamEntry({ team }: { team: TeamDirectoryEntryDto }) {
  const join = useRequestToJoin();
  const pending = team.joinRequestStatus === 'pending';
  return (
    <Card size="small" data-testid="team-entry">
      <Flex justify="space-between" align="start" gap={8} wrap>
        <div style={{ minWidth: 0 }}>
          <Space wrap>
            <Typography.Text strong>{team.name}</Typography.Text>
            <Tag color="red">{TEAM_TYPE_LABELS[team.type]}</Tag>
          </Space>
          <div style={{ color: 'rgba(0,0,0,0.45)', fontSize: 13 }}>
            {[team.townName, team.siteName].filter(Boolean).join(' · ')} · {fmt(t.teams.membersN, { n: team.memberCount })}
          </div>
          {team.description ? (
            <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ margin: '4px 0 0' }}>
              {team.description}
            </Typography.Paragraph>
          ) : null}
        </div>
        {team.isMember ? (
          <Tag color="green">{t.teams.alreadyMember}</Tag>
        ) : pending ? (
          <Tag color="orange">{t.teams.applied}</Tag>
        ) : (
          <Button type="primary" loading={join.isPending} onClick={() => join.mutate({ teamId: team.id }, { onSuccess: () => notify.success(t.teams.applied) })}>
            {t.teams.applyJoin}
          </Button>
        )}
      </Flex>
      {team.joinRequestStatus === 'declined' && !team.isMember ? (
        <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.45)', marginTop: 4 }}>上次申请：{JOIN_REQUEST_STATUS_LABELS.declined}</div>
      ) : null}
    </Card>
  );
}

/** 找队伍: live teams, nearest to the volunteer's home station first, with 申请加入. */
export function FindTeamsPage() {
  const [q, setQ] = useState('');
  const [pageSize, setPageSize] = useState(20);
  const query = useTeamDirectory({ q: q || undefined, page: 1, pageSize });
  return (
    <div style={{ maxWidth: 640, margin: '0 auto' }}>
      <PageHeader title={t.teams.findTeamsTitle} />
      <Typography.Paragraph type="secondary">{t.teams.findTeamsHint}</Typography.Paragraph>
      <Input.Search allowClear placeholder={t.teams.searchTeams} onSearch={(v) => setQ(v.trim())} style={{ marginBottom: 12 }} />
      <QueryView query={query} isEmpty={(d) => d.items.length === 0} empty={<EmptyState description={t.teams.noTeamsFound} />}>
        {(data) => (
          <Flex vertical gap={8}>
            {data.items.map((tm) => (
              <TeamEntry key={tm.id} team={tm} />
            ))}
            {data.total > data.items.length && pageSize < PAGE_SIZE_MAX ? <Button onClick={() => setPageSize(PAGE_SIZE_MAX)}>{t.common.more}</Button> : null}
          </Flex>
        )}
      </QueryView>
    </div>
  );
}
