import { Button, Flex } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useActivities } from '@/features/activities/api/activities-api';
import { QrScanner } from '@/features/checkin/components/qr-scanner';
import { useScanHandler } from '@/features/checkin/hooks/use-scan-handler';
import { Panel } from '@/components/ui/panel';
import { EmptyState, QueryView } from '@/components/ui/states';
import { fmtTime, todayShanghai } from '@/lib/dates';
import { t } from '@/lib/i18n';

/**
 * /checkin without an activity: scan, or tap one of today's activities (one large button each —
 * quicker on a phone than a dropdown, and no Select in the volunteer's download).
 */
export function PickActivity() {
  const navigate = useNavigate();
  const onScan = useScanHandler();
  const today = todayShanghai();
  const activities = useActivities({ from: today, to: today, status: 'published', pageSize: 50 });
  return (
    <Flex vertical gap={16}>
      <Panel>
        <QrScanner onResult={onScan} />
      </Panel>
      <Panel title={t.checkin.pickActivity} size="small">
        <QueryView query={activities} isEmpty={(d) => d.items.length === 0} empty={<EmptyState description={t.activities.noUpcoming} />}>
          {(data) => (
            <Flex vertical gap={8}>
              {data.items.map((a) => (
                <Button
                  key={a.id}
                  size="large"
                  block
                  onClick={() => navigate(`/checkin/${a.id}`)}
                  style={{ justifyContent: 'flex-start', overflow: 'hidden', textOverflow: 'ellipsis' }}
                >
                  <span style={{ fontVariantNumeric: 'tabular-nums', color: 'rgba(0,0,0,0.45)' }}>{fmtTime(a.startsAt)}</span>
                  {a.title}
                </Button>
              ))}
            </Flex>
          )}
        </QueryView>
      </Panel>
    </Flex>
  );
}
