import { useCallback, useState } from 'react';
import { Button, Card, Flex, Select, Typography } from 'antd';
import { useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { useActivities, useActivity } from '@/features/activities/api/activities-api';
import { CheckinCodeForm } from '@/features/checkin/components/checkin-code-form';
import { QrScanner } from '@/features/checkin/components/qr-scanner';
import { parseCheckinPayload } from '@/features/checkin/lib/parse-qr';
import { PageHeader } from '@/components/ui/page-header';
import { LoadingState } from '@/components/ui/states';
import { fmtRange, fmtTime, todayShanghai } from '@/lib/dates';
import { t } from '@/lib/i18n';
import { notify } from '@/lib/notify';

function useScanHandler() {
  const navigate = useNavigate();
  return useCallback(
    (raw: string) => {
      const parsed = parseCheckinPayload(raw);
      if (!parsed) {
        notify.warning(t.checkin.qrNotOurs);
        return;
      }
      navigate(`/checkin/${parsed.activityId}${parsed.code ? `?code=${parsed.code}` : ''}`);
    },
    [navigate],
  );
}

function PickActivity() {
  const navigate = useNavigate();
  const onScan = useScanHandler();
  const today = todayShanghai();
  const activities = useActivities({ from: today, to: today, status: 'published', pageSize: 50 });
  const [picked, setPicked] = useState<string>();
  return (
    <Flex vertical gap={16}>
      <Card>
        <QrScanner onResult={onScan} />
      </Card>
      <Card title={t.checkin.pickActivity} size="small">
        <Flex vertical gap={12}>
          <Select
            aria-label={t.checkin.pickActivity}
            placeholder={t.checkin.pickActivityPlaceholder}
            loading={activities.isPending}
            value={picked}
            onChange={setPicked}
            size="large"
            notFoundContent={t.activities.noUpcoming}
            options={(activities.data?.items ?? []).map((a) => ({
              value: a.id,
              label: `${fmtTime(a.startsAt)} ${a.title}`,
            }))}
          />
          <Button type="primary" size="large" disabled={!picked} onClick={() => picked && navigate(`/checkin/${picked}`)}>
            {t.common.confirm}
          </Button>
        </Flex>
      </Card>
    </Flex>
  );
}

function CheckinForActivity({ activityId, code }: { activityId: string; code: string | null }) {
  const activity = useActivity(activityId);
  const onScan = useScanHandler();
  return (
    <Flex vertical gap={16}>
      <Card size="small">
        {activity.isPending ? (
          <LoadingState minHeight={60} />
        ) : activity.data ? (
          <>
            <Typography.Title level={4} style={{ margin: 0 }}>
              {activity.data.title}
            </Typography.Title>
            <Typography.Text type="secondary">{fmtRange(activity.data.startsAt, activity.data.endsAt)}</Typography.Text>
          </>
        ) : null}
      </Card>
      <Card>
        <CheckinCodeForm key={`${activityId}:${code ?? ''}`} activityId={activityId} initialCode={code} autoSubmit />
      </Card>
      <Card size="small">
        <QrScanner onResult={onScan} />
      </Card>
    </Flex>
  );
}

export function CheckinPage() {
  const { activityId } = useParams();
  const [params] = useSearchParams();
  return (
    <div style={{ maxWidth: 480, margin: '0 auto' }}>
      <PageHeader title={t.checkin.title} />
      {activityId ? <CheckinForActivity activityId={activityId} code={params.get('code')} /> : <PickActivity />}
    </div>
  );
}
