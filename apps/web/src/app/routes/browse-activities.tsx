import { useState } from 'react';
import { Button, Flex, Segmented, Select } from 'antd';
import { EnvironmentOutlined, LeftOutlined, RightOutlined } from '@ant-design/icons';
import type { ActivityKind } from '@wenming/shared';
import { useActivities } from '@/features/activities/api/activities-api';
import { ActivityCard } from '@/features/activities/components/activity-card';
import { SignupButton } from '@/features/activities/components/signup-button';
import { useSession } from '@/features/auth/hooks/use-session';
import { useTowns } from '@/components/pickers/pickers';
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

const ALL = 'all';

/**
 * Upcoming activities for the volunteer, opening on their own town (the town of their home station)
 * so the first thing they see is what happens near them; 全县 widens it to the whole county.
 */
export function BrowseActivitiesPage() {
  const { me } = useSession();
  const towns = useTowns();
  const [page, setPage] = useState(1);
  const [kind, setKind] = useState<ActivityKind | 'all'>('all');
  // undefined = not chosen yet: the volunteer's own town.
  const [townChoice, setTownChoice] = useState<string | undefined>();
  const homeTownName = me?.volunteer?.townName ?? null;
  const homeTownId = homeTownName ? towns.data?.find((r) => r.name === homeTownName)?.id : undefined;
  const townReady = !homeTownName || towns.isSuccess || towns.isError;
  const townId = townChoice === undefined ? homeTownId : townChoice === ALL ? undefined : townChoice;
  const query = useActivities(
    {
      status: 'published',
      from: todayShanghai(),
      sort: 'asc',
      townId,
      kind: kind === 'all' ? undefined : kind,
      page,
      pageSize: 10,
    },
    townReady,
  );
  const volunteerId = me?.volunteer?.id;

  return (
    <div style={{ maxWidth: 640, margin: '0 auto' }}>
      <PageHeader title={t.activities.browseTitle} />
      <Flex gap={8} align="center" style={{ marginBottom: 8 }}>
        <EnvironmentOutlined aria-hidden />
        <Select<string>
          aria-label={t.activities.filterTown}
          style={{ flex: 1, maxWidth: 240 }}
          loading={towns.isPending}
          value={townId ?? ALL}
          showSearch={{ optionFilterProp: 'label' }}
          options={[{ value: ALL, label: t.activities.allCounty }, ...(towns.data ?? []).map((r) => ({ value: r.id, label: r.name }))]}
          onChange={(v) => {
            setTownChoice(v);
            setPage(1);
          }}
        />
      </Flex>
      <div style={{ overflowX: 'auto', marginBottom: 12 }}>
        <Segmented
          value={kind}
          onChange={(v) => {
            setKind(v as ActivityKind | 'all');
            setPage(1);
          }}
          options={[{ value: 'all', label: t.common.all }, ...(['service_day', 'themed', 'lecture'] as const).map((k) => ({ value: k, label: ACTIVITY_KIND_LABELS[k] }))]}
        />
      </div>
      <QueryView query={query} isEmpty={(d) => d.items.length === 0} empty={<EmptyState description={t.activities.noUpcoming} />}>
        {(data) => (
          <Flex vertical gap={12}>
            {data.items.map((a) => {
              return (
                <ActivityCard
                  key={a.id}
                  activity={a}
                  mySignup={a.mySignup}
                  actions={
                    // Today's list still holds this morning's activities; they can no longer be joined.
                    Date.parse(a.endsAt) <= Date.now() ? (
                      <Button block disabled>
                        {t.activities.ended}
                      </Button>
                    ) : volunteerId ? (
                      <SignupButton activityId={a.id} volunteerId={volunteerId} knownStatus={a.mySignup?.status} block />
                    ) : null
                  }
                />
              );
            })}
            {data.total > data.pageSize ? <PrevNext page={page} pages={Math.ceil(data.total / data.pageSize)} onChange={setPage} /> : null}
          </Flex>
        )}
      </QueryView>
    </div>
  );
}
