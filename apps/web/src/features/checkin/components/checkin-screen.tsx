import { useEffect, useState } from 'react';
import { Card, Flex, QRCode, Skeleton, Statistic, Typography } from 'antd';
import { ErrorState } from '@/components/ui/states';
import { fmtTime } from '@/lib/dates';
import { fmt, t } from '@/lib/i18n';
import { useCheckinCode, useLiveAttendance } from '../api/checkin-api';

function useSecondsLeft(expiresAt: string | undefined): number | null {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(id);
  }, []);
  if (!expiresAt) return null;
  return Math.max(0, Math.ceil((Date.parse(expiresAt) - now) / 1000));
}

/**
 * The QR must open on any phone camera or WeChat: a bare path (`/checkin/<id>?code=…`, what the API answers when
 * PUBLIC_BASE_URL is unset) becomes an absolute URL on the address the leader's browser uses right now (issue 11).
 * An absolute payload (PUBLIC_BASE_URL set) is kept as it is.
 */
export function absoluteQrPayload(payload: string, origin: string): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(payload)) return payload;
  return origin.replace(/\/+$/, '') + (payload.startsWith('/') ? payload : '/' + payload);
}

/**
 * The leader's live check-in screen: a big QR of the check-in URL and the 6-digit code,
 * fetched again when it expires (and at least every 60 s); the checked-in count refreshes every 10 s.
 */
export function CheckinScreen({ activityId, title }: { activityId: string; title?: string }) {
  const code = useCheckinCode(activityId);
  const attendance = useLiveAttendance(activityId);
  const secondsLeft = useSecondsLeft(code.data?.expiresAt);
  const checkedIn = attendance.data?.filter((a) => a.checkInAt && a.status !== 'rejected').length;

  if (code.isError && !code.data) return <ErrorState error={code.error} onRetry={() => code.refetch()} />;

  return (
    <Flex vertical align="center" gap={24} style={{ padding: 24 }}>
      {title ? (
        <Typography.Title level={2} style={{ margin: 0, textAlign: 'center' }}>
          {title}
        </Typography.Title>
      ) : null}
      <Typography.Text type="secondary">{t.checkin.screenHint}</Typography.Text>
      <Flex wrap gap={32} justify="center" align="center">
        <Card>
          {code.data ? (
            <QRCode value={absoluteQrPayload(code.data.qrPayload, window.location.origin)} size={320} errorLevel="M" aria-label={t.checkin.title} />
          ) : (
            <Skeleton.Node active style={{ width: 320, height: 320 }} />
          )}
        </Card>
        <Flex vertical align="center" gap={12}>
          <Typography.Text>{t.checkin.codeLabel}</Typography.Text>
          <div
            data-testid="checkin-code"
            aria-live="polite"
            style={{ fontSize: 72, fontWeight: 700, letterSpacing: 12, fontVariantNumeric: 'tabular-nums', lineHeight: 1 }}
          >
            {code.data?.code ?? '——————'}
          </div>
          {code.data ? (
            <Typography.Text type="secondary">
              {fmt(t.checkin.expiresAt, { time: fmtTime(code.data.expiresAt) })}
              {secondsLeft !== null ? ` · ${fmt(t.checkin.refreshIn, { s: secondsLeft })}` : ''}
            </Typography.Text>
          ) : null}
          <Statistic
            title={t.attendance.checkedInCount}
            value={checkedIn ?? '—'}
            suffix={t.common.people}
            styles={{ content: { fontSize: 48 } }}
          />
          <span data-testid="checked-in-count" hidden>
            {checkedIn ?? ''}
          </span>
        </Flex>
      </Flex>
    </Flex>
  );
}
