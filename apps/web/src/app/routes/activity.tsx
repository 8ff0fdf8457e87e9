import { Button, Descriptions, Flex, Typography } from 'antd';
import { QrcodeOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router-dom';
import { useActivity } from '@/features/activities/api/activities-api';
import { SignupButton } from '@/features/activities/components/signup-button';
import { useSession } from '@/features/auth/hooks/use-session';
import { ActivityStatusTag } from '@/components/ui/status-tag';
import { QueryView } from '@/components/ui/states';
import { Panel } from '@/components/ui/panel';
import { fmtRange } from '@/lib/dates';
import { ACTIVITY_CATEGORY_LABELS, ACTIVITY_KIND_LABELS, fmt, t } from '@/lib/i18n';
import { placeOf } from '@/features/activities/lib/place';
import { MySignupTag } from '@/features/activities/components/my-signup-tag';

export function ActivityPage() {
  const { id = '' } = useParams();
  const session = useSession();
  const query = useActivity(id);
  const volunteerId = session.me?.volunteer?.id;
  return (
    <div style={{ maxWidth: 640, margin: '0 auto' }}>
      <QueryView query={query}>
        {(a) => (
          <Panel title={a.title} extra={<ActivityStatusTag status={a.status} />}>
            <Descriptions
              column={1}
              size="small"
              items={[
                { key: 'time', label: t.activities.time, children: fmtRange(a.startsAt, a.endsAt) },
                { key: 'kind', label: t.activities.kind, children: ACTIVITY_KIND_LABELS[a.kind] },
                { key: 'cat', label: t.activities.category, children: ACTIVITY_CATEGORY_LABELS[a.category] },
                { key: 'venue', label: t.activities.venue, children: <span data-testid="activity-place">{placeOf(a)}</span> },
                ...(a.townName ? [{ key: 'town', label: t.activities.town, children: a.townName }] : []),
                { key: 'team', label: t.activities.team, children: a.teamName },
                {
                  key: 'cap',
                  label: t.activities.capacity,
                  children: `${a.capacity ?? t.common.unlimited} · ${fmt(t.activities.enrolled, { n: a.confirmedCount })}${a.waitlistedCount ? ` · ${fmt(t.activities.waitlistTotal, { n: a.waitlistedCount })}` : ''}`,
                },
                ...(a.mySignup && a.mySignup.status !== 'cancelled'
                  ? [{ key: 'mine', label: t.activities.mySignup, children: <MySignupTag signup={a.mySignup} /> }]
                  : []),
              ]}
            />
            {a.description ? <Typography.Paragraph style={{ marginTop: 12, whiteSpace: 'pre-wrap' }}>{a.description}</Typography.Paragraph> : null}
            <Flex gap={12} style={{ marginTop: 16 }} wrap>
              {volunteerId && a.status === 'published' ? (
                <div style={{ flex: 1, minWidth: 140 }}>
                  <SignupButton activityId={a.id} volunteerId={volunteerId} knownStatus={a.mySignup?.status} block />
                </div>
              ) : null}
              {volunteerId && a.status === 'published' ? (
                <Link to={`/checkin/${a.id}`} style={{ flex: 1, minWidth: 140 }}>
                  <Button icon={<QrcodeOutlined />} block>
                    {t.activities.goCheckin}
                  </Button>
                </Link>
              ) : null}
              {session.isStaff || session.me?.teamsLed.some((tm) => tm.id === a.teamId) ? (
                <Link to={`/manage/activities/${a.id}`} style={{ flex: 1, minWidth: 140 }}>
                  <Button block>{t.activities.detail}</Button>
                </Link>
              ) : null}
            </Flex>
          </Panel>
        )}
      </QueryView>
    </div>
  );
}
