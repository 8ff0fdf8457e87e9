import { Alert, Button, Flex } from 'antd';
import { fmtDateTime } from '@/lib/dates';
import { fmt, tOffline } from '@/lib/i18n';
import { useOfflineQueue } from '../hooks/use-offline-queue';

/**
 * What waits on this phone: "待上传 N 条" with each record's time while records wait, and each record the server
 * refused for good with its reason (until dismissed). Renders nothing when both are empty.
 */
export function OfflineQueueNotice({ activityId }: { activityId?: string }) {
  const q = useOfflineQueue(activityId);
  if (!q.pending.length && !q.refused.length) return null;
  return (
    <Flex vertical gap={8} data-testid="offline-queue">
      {q.pending.length ? (
        <Alert
          type="warning"
          showIcon
          role="status"
          title={<span data-testid="pending-count">{fmt(tOffline.pendingCount, { n: q.pending.length })}</span>}
          description={
            <Flex vertical gap={4}>
              {q.pending.map((r) => (
                <span key={r.id} style={{ color: 'rgba(0,0,0,0.55)' }}>
                  {r.action === 'checkin' ? tOffline.actionCheckin : tOffline.actionCheckout} · {fmt(tOffline.observedAt, { time: fmtDateTime(r.observedAt) })}
                </span>
              ))}
            </Flex>
          }
          action={
            <Button size="small" loading={q.syncing} onClick={() => void q.sync()}>
              {q.syncing ? tOffline.syncing : tOffline.syncNow}
            </Button>
          }
        />
      ) : null}
      {q.refused.map((r) => (
        <Alert
          key={r.id}
          type="error"
          showIcon
          role="alert"
          data-testid="offline-refused"
          title={`${tOffline.refused}：${r.action === 'checkin' ? tOffline.actionCheckin : tOffline.actionCheckout}（${fmtDateTime(r.observedAt)}）`}
          description={r.message}
          action={
            <Button size="small" onClick={() => void q.dismiss(r.id)}>
              {tOffline.dismiss}
            </Button>
          }
        />
      ))}
    </Flex>
  );
}
