import { useState } from 'react';
import { Alert, Card, Typography } from 'antd';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { isPending } from '@/features/auth/api/auth-api';
import { RegisterForm } from '@/features/auth/components/register-form';
import { t } from '@/lib/i18n';
import { notify } from '@/lib/notify';
import { safeRedirect } from '@/lib/redirect';

export function RegisterPage() {
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const redirect = safeRedirect(params.get('redirect'));
  const [pending, setPending] = useState<string | null>(null);
  if (pending) {
    return (
      <Card style={{ marginTop: 24 }}>
        <Alert
          type="info"
          showIcon
          message={t.auth.pendingTitle}
          description={
            <>
              <p style={{ marginTop: 0 }}>{pending}</p>
              <p style={{ marginBottom: 0 }}>{t.auth.pendingHint}</p>
            </>
          }
        />
        <Typography.Paragraph style={{ textAlign: 'center', marginTop: 16, marginBottom: 0 }}>
          <Link to="/login">{t.auth.loginLink}</Link>
        </Typography.Paragraph>
      </Card>
    );
  }
  return (
    <Card style={{ marginTop: 24 }}>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {t.auth.registerTitle}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t.auth.registerSubtitle}</Typography.Paragraph>
      <RegisterForm
        onSuccess={(res) => {
          if (isPending(res)) {
            setPending(res.message);
            return;
          }
          notify.success(t.auth.registered);
          navigate(redirect === '/' ? '/activities' : redirect, { replace: true });
        }}
      />
      <Typography.Paragraph style={{ textAlign: 'center', marginTop: 16, marginBottom: 0 }}>
        {t.auth.haveAccount}
        <Link to="/login">{t.auth.loginLink}</Link>
      </Typography.Paragraph>
    </Card>
  );
}
