import { useState } from 'react';
import { Button, Flex, Segmented } from 'antd';
import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import type { ActivityKind } from '@wenming/shared';
import { useActivities } from '@/features/activities/api/activities-api';
import { ActivityCard } from '@/features/activities/components/activity-card';
import { SignupButton } from '@/features/activities/components/signup-button';
import { useMySignups } from '@/features/activities/api/signups-api';
import { useSession } from '@/features/auth/hooks/use-session';
import { PageHeader } from '@/components/ui/page-header';
import { EmptyState, QueryView } from '@/components/ui/states';
import { todayShanghai } from '@/lib/dates';
import { ACTIVITY_KIND_LABELS, t } from '@/lib/i18n';

/** Prev / next for the phone list (antd's Pagination would bring Select along for its size changer). */
function PrevNext({ page, pages, onChange }: { page: number; pages: number; onChange: (page: number) => void }) {
  return (
    <Flex justify="center" align="center" gap={12} role="navigation" aria-label={`${page} / ${pages}`}>
      <Button icon={<LeftOutlined />} aria-label={t.common.prevPage} disabled={page <= 1} onClick={() => onChange(page - 1)} />
      <span style={{ fontVariantNumeric: 'tabular-nums' }}>
        {page} / {pages}
      </span>
      <Button icon={<RightOutlined />} aria-label={t.common.nextPage} disabled={page >= pages} onClick={() => onChange(page + 1)} />
    </Flex>
  );
}

export function BrowseActivitiesPage() {
  const { me } = useSession();
  const [page, setPage] = useState(1);
  const [kind, setKind] = useState<ActivityKind | 'all'>('all');
  const query = useActivities({
    status: 'published',
    from: todayShanghai(),
    sort: 'asc',
    kind: kind === 'all' ? undefined : kind,
    page,
    pageSize: 10,
  });
  const mine = useMySignups();
  const volunteerId = me?.volunteer?.id;

  return (
    <div style={{ maxWidth: 640, margin: '0 auto' }}>
      <PageHeader title={t.activities.browseTitle} />
      <div style={{ overflowX: 'auto', marginBottom: 12 }}>
      <Segmented
        value={kind}
        onChange={(v) => {
          setKind(v as ActivityKind | 'all');
          setPage(1);
        }}
        options={[
          { value: 'all', label: t.common.all },
          ...(['service_day', 'themed', 'lecture'] as const).map((k) => ({ value: k, label: ACTIVITY_KIND_LABELS[k] })),
        ]}
      />
      </div>
      <QueryView query={query} isEmpty={(d) => d.items.length === 0} empty={<EmptyState description={t.activities.noUpcoming} />}>
        {(data) => (
          <Flex vertical gap={12}>
            {data.items.map((a) => {
              const status = mine.data?.[a.id] ?? a.mySignupStatus ?? null;
              return (
                <ActivityCard
                  key={a.id}
                  activity={a}
                  status={status}
                  actions={
                    // Today's list still holds this morning's activities; they can no longer be joined.
                    Date.parse(a.endsAt) <= Date.now() ? (
                      <Button block disabled>
                        {t.activities.ended}
                      </Button>
                    ) : volunteerId ? (
                      <SignupButton activityId={a.id} volunteerId={volunteerId} knownStatus={a.mySignupStatus} block />
                    ) : null
                  }
                />
              );
            })}
            {data.total > data.pageSize ? (
              <PrevNext page={page} pages={Math.ceil(data.total / data.pageSize)} onChange={setPage} />
            ) : null}
          </Flex>
        )}
      </QueryView>
    </div>
  );
}
