import { useState } from 'react';
import { Card, Segmented, Space, Tag, Typography } from 'antd';
import { MembersPanel } from '@/features/teams/components/members-panel';
import { useSession } from '@/features/auth/hooks/use-session';
import { PageHeader } from '@/components/ui/page-header';
import { EmptyState } from '@/components/ui/states';
import { TEAM_TYPE_LABELS, t } from '@/lib/i18n';

export function MyTeamsPage() {
  const { me } = useSession();
  const led = me?.teamsLed ?? [];
  const [teamId, setTeamId] = useState<string | undefined>(led[0]?.id);
  const team = led.find((tm) => tm.id === teamId) ?? led[0];
  if (!team) return <EmptyState description={t.teams.noLedTeams} />;
  return (
    <>
      <PageHeader title={t.teams.myTeamsTitle} />
      {led.length > 1 ? (
        <Segmented value={team.id} onChange={(v) => setTeamId(String(v))} options={led.map((tm) => ({ value: tm.id, label: tm.name }))} style={{ marginBottom: 12 }} />
      ) : null}
      <Card
        title={
          <Space>
            {team.name}
            <Tag color="red">{TEAM_TYPE_LABELS[team.type]}</Tag>
          </Space>
        }
      >
        {team.description ? <Typography.Paragraph type="secondary">{team.description}</Typography.Paragraph> : null}
        <MembersPanel teamId={team.id} canManage />
      </Card>
    </>
  );
}
