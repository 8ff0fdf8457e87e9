import { useState } from 'react';
import { Alert, Button, Flex } from 'antd';
import { Link } from 'react-router-dom';
import { useMyActivities, useMyNotices } from '@/features/activities/api/activities-api';
import { ActivityCard } from '@/features/activities/components/activity-card';
import { SignupButton } from '@/features/activities/components/signup-button';
import { useSession } from '@/features/auth/hooks/use-session';
import { PageHeader } from '@/components/ui/page-header';
import { EmptyState, QueryView } from '@/components/ui/states';
import { fmtDateTime } from '@/lib/dates';
import { t } from '@/lib/i18n';
import { PAGE_SIZE_MAX } from '@wenming/shared';

const PAGE_SIZE = 20;

/** 我的活动: the volunteer's sign-ups on activities that have not ended, with the place and their status (已报名 / 候补第 N 位). */
export function MyActivitiesPage() {
  const { me } = useSession();
  const volunteerId = me?.volunteer?.id;
  const [pageSize, setPageSize] = useState(PAGE_SIZE);
  const query = useMyActivities({ page: 1, pageSize });
  const notices = useMyNotices();
  // changes of time or place of activities they signed up for, the last week's (older ones stay in the list of the API)
  // eslint-disable-next-line react-hooks/purity -- "the last week" is meant as of this render; nothing is memoised on it
  const recent = (notices.data?.items ?? []).filter((n) => Date.now() - new Date(n.createdAt).getTime() < 7 * 86_400_000);
  return (
    <div style={{ maxWidth: 640, margin: '0 auto' }}>
      <PageHeader title={t.activities.myActivitiesTitle} />
      {recent.length ? (
        <Flex vertical gap={8} style={{ marginBottom: 12 }} data-testid="activity-notices">
          {recent.map((n) => (
            <Alert
              key={n.id}
              type="warning"
              showIcon
              message={
                <>
                  <Link to={`/activities/${n.activityId}`}>{t.activities.noticesTitle}</Link>
                  <span style={{ color: 'rgba(0,0,0,0.45)', marginLeft: 8, fontSize: 12 }}>{fmtDateTime(n.createdAt)}</span>
                </>
              }
              description={n.body}
            />
          ))}
        </Flex>
      ) : null}
      <QueryView
        query={query}
        isEmpty={(d) => d.items.length === 0}
        empty={
          <EmptyState description={t.activities.noMyActivities}>
            <Link to="/activities">
              <Button type="primary">{t.activities.browseMore}</Button>
            </Link>
          </EmptyState>
        }
      >
        {(data) => (
          <Flex vertical gap={12}>
            {data.items.map((a) => (
              <ActivityCard
                key={a.id}
                activity={a}
                mySignup={{ status: a.signupStatus, waitlistPosition: a.waitlistPosition }}
                actions={volunteerId ? <SignupButton activityId={a.id} volunteerId={volunteerId} knownStatus={a.signupStatus} block /> : null}
              />
            ))}
            {data.total > data.items.length && pageSize < PAGE_SIZE_MAX ? <Button onClick={() => setPageSize(PAGE_SIZE_MAX)}>{t.common.more}</Button> : null}
          </Flex>
        )}
      </QueryView>
    </div>
  );
}
