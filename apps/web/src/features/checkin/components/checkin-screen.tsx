import { Alert, Card, Flex, QRCode, Skeleton, Statistic, Tag, Typography } from 'antd';
import { ErrorState } from '@/components/ui/states';
import { fmtTime } from '@/lib/dates';
import { fmt, t, tOffline } from '@/lib/i18n';
import { currentStep, isUnreachable, useCheckinCode, useCheckinCodeList, useLiveAttendance, useNow, useOnline } from '../api/checkin-api';

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
 * The leader's live check-in screen: a big QR of the check-in URL and the 6-digit code, and the checked-in count
 * (every 10 s). The codes of the coming minutes are downloaded while online (GET …/checkin-codes, kept in
 * IndexedDB), so the screen keeps rotating valid codes when the network drops, with a 离线 badge; it never holds
 * the secret. When the list does not cover the current minute it falls back to the live code (GET …/checkin-code).
 */
export function CheckinScreen({ activityId, title }: { activityId: string; title?: string }) {
  const now = useNow();
  const online = useOnline();
  const codes = useCheckinCodeList(activityId);
  const fromList = currentStep(codes.list, now);
  // the live code only when the list (fetched or stored) does not cover this minute
  const live = useCheckinCode(activityId, !fromList && !codes.query.isPending);
  const attendance = useLiveAttendance(activityId);
  const shown = fromList ?? (live.data ? { code: live.data.code, expiresAt: live.data.expiresAt, qrPayload: live.data.qrPayload } : null);
  const secondsLeft = shown ? Math.max(0, Math.ceil((Date.parse(shown.expiresAt) - now) / 1000)) : null;
  const checkedIn = attendance.data?.filter((a) => a.checkInAt && a.status !== 'rejected').length;
  const offline = !online || (codes.query.isError && isUnreachable(codes.query.error)) || (!fromList && live.isError && isUnreachable(live.error));
  const until = codes.list ? new Date(Date.parse(codes.list.until) - codes.list.offsetMs).toISOString() : null;

  if (!shown && live.isError && !offline && !codes.list) return <ErrorState error={live.error} onRetry={() => live.refetch()} />;

  return (
    <Flex vertical align="center" gap={24} style={{ padding: 24 }}>
      {title ? (
        <Typography.Title level={2} style={{ margin: 0, textAlign: 'center' }}>
          {title}
          {offline ? (
            <Tag color="orange" data-testid="offline-badge" style={{ marginLeft: 12, fontSize: 18, padding: '4px 10px', verticalAlign: 'middle' }}>
              {tOffline.badge}
            </Tag>
          ) : null}
        </Typography.Title>
      ) : offline ? (
        <Tag color="orange" data-testid="offline-badge" style={{ fontSize: 18, padding: '4px 10px' }}>
          {tOffline.badge}
        </Tag>
      ) : null}
      {offline ? (
        <Alert type={shown ? 'warning' : 'error'} showIcon title={shown && until ? fmt(tOffline.screenOffline, { time: fmtTime(until) }) : tOffline.screenNoCodes} />
      ) : null}
      <Typography.Text type="secondary">{t.checkin.screenHint}</Typography.Text>
      <Flex wrap gap={32} justify="center" align="center">
        <Card>
          {shown ? (
            <QRCode value={absoluteQrPayload(shown.qrPayload, window.location.origin)} size={320} errorLevel="M" aria-label={t.checkin.title} />
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
            {shown?.code ?? '——————'}
          </div>
          {shown ? (
            <Typography.Text type="secondary">
              {fmt(t.checkin.expiresAt, { time: fmtTime(shown.expiresAt) })}
              {secondsLeft !== null ? ` · ${fmt(t.checkin.refreshIn, { s: secondsLeft })}` : ''}
            </Typography.Text>
          ) : null}
          {until && !offline ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {fmt(tOffline.screenCodesLeft, { time: fmtTime(until) })}
            </Typography.Text>
          ) : null}
          <Statistic title={t.attendance.checkedInCount} value={checkedIn ?? '—'} suffix={t.common.people} styles={{ content: { fontSize: 48 } }} />
          <span data-testid="checked-in-count" hidden>
            {checkedIn ?? ''}
          </span>
        </Flex>
      </Flex>
    </Flex>
  );
}
