import { lazy, Suspense } from 'react';
import { Flex } from 'antd';
import { EnvironmentOutlined } from '@ant-design/icons';
import { useParams, useSearchParams } from 'react-router-dom';
import { useActivity } from '@/features/activities/api/activities-api';
import { placeOf } from '@/features/activities/lib/place';
import { CheckinCodeForm } from '@/features/checkin/components/checkin-code-form';
import { OfflineQueueNotice } from '@/features/checkin/components/offline-queue-notice';
import { QrScanner } from '@/features/checkin/components/qr-scanner';
import { useScanHandler } from '@/features/checkin/hooks/use-scan-handler';
import { PageHeader } from '@/components/ui/page-header';
import { Panel } from '@/components/ui/panel';
import { LoadingState } from '@/components/ui/states';
import { fmtRange } from '@/lib/dates';
import { t } from '@/lib/i18n';

const PickActivity = lazy(async () => ({ default: (await import('./checkin-pick')).PickActivity }));

function CheckinForActivity({ activityId, code }: { activityId: string; code: string | null }) {
  const activity = useActivity(activityId);
  const onScan = useScanHandler();
  return (
    <Flex vertical gap={16}>
      <Panel size="small">
        {activity.isPending ? (
          <LoadingState minHeight={60} />
        ) : activity.data ? (
          <>
            <h2 style={{ margin: 0, fontSize: 20, fontWeight: 600, lineHeight: 1.4 }}>{activity.data.title}</h2>
            <div style={{ color: 'rgba(0,0,0,0.45)' }}>{fmtRange(activity.data.startsAt, activity.data.endsAt)}</div>
            <div style={{ color: 'rgba(0,0,0,0.65)' }} data-testid="checkin-place">
              <EnvironmentOutlined /> {placeOf(activity.data)}
            </div>
          </>
        ) : null}
      </Panel>
      <Panel>
        <CheckinCodeForm key={`${activityId}:${code ?? ''}`} activityId={activityId} initialCode={code} autoSubmit />
      </Panel>
      <Panel size="small">
        <QrScanner onResult={onScan} />
      </Panel>
    </Flex>
  );
}

export function CheckinPage() {
  const { activityId } = useParams();
  const [params] = useSearchParams();
  return (
    <div style={{ maxWidth: 480, margin: '0 auto' }}>
      <PageHeader title={t.checkin.title} />
      {activityId ? (
        <CheckinForActivity activityId={activityId} code={params.get('code')} />
      ) : (
        <Flex vertical gap={16}>
          <OfflineQueueNotice />
          <Suspense fallback={<LoadingState />}>
            <PickActivity />
          </Suspense>
        </Flex>
      )}
    </div>
  );
}
