import { useEffect, useId, useRef, useState } from 'react';
import { Alert, Button, Descriptions, Flex, Input, theme } from 'antd';
import { AttendanceStatusTag } from '@/components/ui/status-tag';
import { StatusPanel } from '@/components/ui/states';
import { errorMessage } from '@/lib/api-client';
import type { AttendanceDto as AttendanceView } from '@wenming/shared';
import { fmtDateTime } from '@/lib/dates';
import { t, tOffline } from '@/lib/i18n';
import { useCheckinAction } from '../api/checkin-api';
import { isSixDigits } from '../lib/parse-qr';
import { OfflineQueueNotice } from './offline-queue-notice';

/**
 * The volunteer's check-in / check-out by the 6-digit code. With a valid `initialCode`
 * and `autoSubmit` (the QR link while logged in), it checks in at once.
 */
export function CheckinCodeForm({ activityId, initialCode, autoSubmit = false }: { activityId: string; initialCode?: string | null; autoSubmit?: boolean }) {
  const [code, setCode] = useState((initialCode ?? '').replace(/\D/g, '').slice(0, 6));
  const [codeError, setCodeError] = useState<string | null>(null);
  const { token } = theme.useToken();
  const inputId = useId();
  const action = useCheckinAction(activityId);
  const [result, setResult] = useState<{ kind: 'in' | 'out'; attendance: AttendanceView | null } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const autoDone = useRef(false);

  const submit = (kind: 'in' | 'out', code: string) => {
    setError(null);
    action.mutate(
      { kind, code },
      {
        onSuccess: (r) => setResult({ kind, attendance: r.queued ? null : r.attendance }),
        onError: (e) => setError(errorMessage(e)),
      },
    );
  };

  useEffect(() => {
    if (autoSubmit && !autoDone.current && isSixDigits(initialCode)) {
      autoDone.current = true;
      submit('in', initialCode);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [autoSubmit, initialCode]);

  // A plain controlled field rather than antd Form: this page is what a scanned QR code opens,
  // and Form would add its validation machinery to the volunteer's first download.
  const run = (kind: 'in' | 'out') => {
    if (!isSixDigits(code)) {
      setCodeError(t.checkin.codeInvalid);
      return;
    }
    submit(kind, code);
  };

  const attendance = result?.attendance;
  return (
    <Flex vertical gap={16}>
      {result && !result.attendance ? (
        <StatusPanel status="warning" title={result.kind === 'in' ? tOffline.queuedIn : tOffline.queuedOut} subTitle={tOffline.queuedDetail} style={{ padding: 16 }} />
      ) : null}
      {result?.attendance ? (
        <StatusPanel
          status="success"
          title={result.kind === 'in' ? t.checkin.checkedIn : t.checkin.checkedOut}
          subTitle={attendance?.status === 'pending' ? t.checkin.pending : undefined}
          style={{ padding: 16 }}
        />
      ) : null}
      {attendance ? (
        <Descriptions
          size="small"
          column={1}
          bordered
          items={[
            { key: 'in', label: t.attendance.checkInAt, children: fmtDateTime(attendance.checkInAt) },
            { key: 'out', label: t.attendance.checkOutAt, children: fmtDateTime(attendance.checkOutAt) },
            ...(attendance.minutes != null ? [{ key: 'min', label: t.attendance.minutes, children: String(attendance.minutes) }] : []),
            { key: 'st', label: t.attendance.status, children: <AttendanceStatusTag status={attendance.status} /> },
          ]}
        />
      ) : null}
      <OfflineQueueNotice activityId={activityId} />
      {error ? <Alert type="error" showIcon title={error} role="alert" /> : null}
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          run('in');
        }}
      >
        <div style={{ marginBottom: 24 }}>
          <label htmlFor={inputId} style={{ display: 'block', paddingBottom: 8 }}>
            {t.checkin.codeLabel}
          </label>
          <Input
            id={inputId}
            size="large"
            inputMode="numeric"
            autoComplete="one-time-code"
            placeholder={t.checkin.codePlaceholder}
            maxLength={6}
            value={code}
            status={codeError ? 'error' : undefined}
            aria-invalid={codeError ? true : undefined}
            aria-describedby={codeError ? `${inputId}-error` : undefined}
            onChange={(e) => {
              setCode(e.target.value.replace(/\D/g, '').slice(0, 6));
              setCodeError(null);
              setError(null);
            }}
            style={{ fontSize: 28, letterSpacing: 8, textAlign: 'center' }}
          />
          {codeError ? (
            <div id={`${inputId}-error`} style={{ color: token.colorError, marginTop: 4 }}>
              {codeError}
            </div>
          ) : null}
        </div>
        <Flex gap={12}>
          <Button type="primary" size="large" block htmlType="submit" loading={action.isPending && action.variables?.kind === 'in'}>
            {t.checkin.checkIn}
          </Button>
          <Button size="large" block loading={action.isPending && action.variables?.kind === 'out'} disabled={action.isPending} onClick={() => run('out')}>
            {t.checkin.checkOut}
          </Button>
        </Flex>
      </form>
    </Flex>
  );
}
