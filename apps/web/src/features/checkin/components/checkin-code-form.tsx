import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Descriptions, Flex, Form, Input, Result } from 'antd';
import { CheckCircleFilled } from '@ant-design/icons';
import { AttendanceStatusTag } from '@/components/ui/status-tag';
import { errorMessage } from '@/lib/api-client';
import type { AttendanceView } from '@/lib/api-types';
import { fmtDateTime } from '@/lib/dates';
import { t } from '@/lib/i18n';
import { useCheckinAction } from '../api/checkin-api';
import { isSixDigits } from '../lib/parse-qr';

/**
 * The volunteer's check-in / check-out by the 6-digit code. With a valid `initialCode`
 * and `autoSubmit` (the QR link while logged in), it checks in at once.
 */
export function CheckinCodeForm({
  activityId,
  initialCode,
  autoSubmit = false,
}: {
  activityId: string;
  initialCode?: string | null;
  autoSubmit?: boolean;
}) {
  const [form] = Form.useForm<{ code: string }>();
  const action = useCheckinAction(activityId);
  const [result, setResult] = useState<{ kind: 'in' | 'out'; attendance: AttendanceView } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const autoDone = useRef(false);

  const submit = (kind: 'in' | 'out', code: string) => {
    setError(null);
    action.mutate(
      { kind, code },
      {
        onSuccess: (attendance) => setResult({ kind, attendance }),
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

  const run = async (kind: 'in' | 'out') => {
    try {
      const { code } = await form.validateFields();
      submit(kind, code.trim());
    } catch {
      /* field errors are shown by the form */
    }
  };

  const attendance = result?.attendance;
  return (
    <Flex vertical gap={16}>
      {result ? (
        <Result
          icon={<CheckCircleFilled style={{ color: '#52c41a' }} />}
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
            ...(attendance.minutes != null
              ? [{ key: 'min', label: t.attendance.minutes, children: String(attendance.minutes) }]
              : []),
            { key: 'st', label: t.attendance.status, children: <AttendanceStatusTag status={attendance.status} /> },
          ]}
        />
      ) : null}
      {error ? <Alert type="error" showIcon title={error} role="alert" /> : null}
      <Form form={form} layout="vertical" initialValues={{ code: initialCode ?? '' }} onValuesChange={() => setError(null)}>
        <Form.Item
          label={t.checkin.codeLabel}
          name="code"
          rules={[{ required: true, pattern: /^\d{6}$/, message: t.checkin.codeInvalid }]}
          normalize={(v: string) => (v ?? '').replace(/\D/g, '').slice(0, 6)}
        >
          <Input
            size="large"
            inputMode="numeric"
            autoComplete="one-time-code"
            placeholder={t.checkin.codePlaceholder}
            maxLength={6}
            style={{ fontSize: 28, letterSpacing: 8, textAlign: 'center' }}
          />
        </Form.Item>
        <Flex gap={12}>
          <Button
            type="primary"
            size="large"
            block
            loading={action.isPending && action.variables?.kind === 'in'}
            onClick={() => void run('in')}
          >
            {t.checkin.checkIn}
          </Button>
          <Button
            size="large"
            block
            loading={action.isPending && action.variables?.kind === 'out'}
            disabled={action.isPending}
            onClick={() => void run('out')}
          >
            {t.checkin.checkOut}
          </Button>
        </Flex>
      </Form>
    </Flex>
  );
}
