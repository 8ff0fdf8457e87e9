import { Card, Typography } from 'antd';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { RegisterForm } from '@/features/auth/components/register-form';
import { t } from '@/lib/i18n';
import { notify } from '@/lib/notify';
import { safeRedirect } from '@/lib/redirect';

export function RegisterPage() {
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const redirect = safeRedirect(params.get('redirect'));
  return (
    <Card style={{ marginTop: 24 }}>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {t.auth.registerTitle}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t.auth.registerSubtitle}</Typography.Paragraph>
      <RegisterForm
        onSuccess={() => {
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
