import { Button, Card, Descriptions, Space, Tabs } from 'antd';
import { QrcodeOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router-dom';
import { useActivity } from '@/features/activities/api/activities-api';
import { AttendancePanel } from '@/features/activities/components/attendance-panel';
import { CancelActivityButton, CompleteActivityButton, PublishActivityButton } from '@/features/activities/components/activity-actions';
import { EditActivityButton } from '@/features/activities/components/edit-activity-modal';
import { SignupsTable } from '@/features/activities/components/signups-table';
import { useSession } from '@/features/auth/hooks/use-session';
import { PageHeader } from '@/components/ui/page-header';
import { QueryView } from '@/components/ui/states';
import { ActivityStatusTag } from '@/components/ui/status-tag';
import { fmtRange } from '@/lib/dates';
import { ACTIVITY_CATEGORY_LABELS, ACTIVITY_KIND_LABELS, fmt, t } from '@/lib/i18n';
import { placeOf } from '@/features/activities/lib/place';

export function ManageActivityDetailPage() {
  const { id = '' } = useParams();
  const session = useSession();
  const query = useActivity(id);
  return (
    <QueryView query={query}>
      {(a) => {
        const canManage = session.isStaff || !!session.me?.teamsLed.some((tm) => tm.id === a.teamId);
        const live = a.status === 'published' || a.status === 'draft';
        return (
          <>
            <PageHeader
              title={a.title}
              subtitle={<ActivityStatusTag status={a.status} />}
              extra={
                canManage ? (
                  <Space wrap>
                    {a.status === 'published' ? (
                      <Link to={`/manage/activities/${a.id}/screen`}>
                        <Button type="primary" icon={<QrcodeOutlined />}>
                          {t.activities.checkinScreen}
                        </Button>
                      </Link>
                    ) : null}
                    {a.status === 'draft' ? <PublishActivityButton activity={a} /> : null}
                    {live ? <EditActivityButton activity={a} /> : null}
                    {a.status === 'published' ? <CompleteActivityButton activity={a} /> : null}
                    {live ? <CancelActivityButton activity={a} /> : null}
                  </Space>
                ) : null
              }
            />
            <Card size="small" style={{ marginBottom: 16 }}>
              <Descriptions
                size="small"
                column={{ xs: 1, md: 3 }}
                items={[
                  { key: 'time', label: t.activities.time, children: fmtRange(a.startsAt, a.endsAt) },
                  { key: 'kind', label: t.activities.kind, children: ACTIVITY_KIND_LABELS[a.kind] },
                  { key: 'cat', label: t.activities.category, children: ACTIVITY_CATEGORY_LABELS[a.category] },
                  { key: 'venue', label: t.activities.venue, children: <span data-testid="activity-place">{placeOf(a)}</span> },
                  { key: 'town', label: t.activities.town, children: a.townName ?? t.county },
                  { key: 'team', label: t.activities.team, children: a.teamName },
                  {
                    key: 'signups',
                    label: t.activities.signups,
                    children: `${fmt(t.activities.enrolled, { n: a.confirmedCount })}${a.waitlistedCount ? ` · ${fmt(t.activities.waitlistTotal, { n: a.waitlistedCount })}` : ''}`,
                  },
                  { key: 'cap', label: t.activities.capacity, children: a.capacity ?? t.common.unlimited },
                  ...(a.audienceReached != null ? [{ key: 'aud', label: t.activities.audienceReached, children: a.audienceReached }] : []),
                  ...(a.description ? [{ key: 'desc', label: t.activities.description, children: a.description, span: 3 }] : []),
                ]}
              />
            </Card>
            <Card size="small">
              <Tabs
                items={[
                  { key: 'attendance', label: t.activities.attendance, children: <AttendancePanel activity={a} canManage={canManage} /> },
                  { key: 'signups', label: t.activities.signups, children: <SignupsTable activityId={a.id} canManage={canManage} /> },
                ]}
              />
            </Card>
          </>
        );
      }}
    </QueryView>
  );
}
