import { Card, Divider, Typography } from 'antd';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { LoginForm } from '@/features/auth/components/login-form';
import { useToken } from '@/lib/auth-token';
import { t } from '@/lib/i18n';
import { safeRedirect } from '@/lib/redirect';


export function LoginPage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const token = useToken();
  const redirect = safeRedirect(params.get('redirect'));
  if (token) return <Navigate to={redirect} replace />;
  return (
    <Card style={{ marginTop: 24 }}>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {t.auth.loginTitle}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t.auth.loginSubtitle}</Typography.Paragraph>
      <LoginForm onSuccess={() => navigate(redirect, { replace: true })} />
      <Divider plain />
      <Typography.Paragraph style={{ textAlign: 'center', marginBottom: 4 }}>
        {t.auth.noAccount}
        <Link to={`/register${params.get('redirect') ? `?redirect=${encodeURIComponent(redirect)}` : ''}`}>{t.auth.registerLink}</Link>
      </Typography.Paragraph>
      <Typography.Paragraph type="secondary" style={{ textAlign: 'center', fontSize: 12, marginBottom: 0 }}>
        {t.auth.residentEntry}
      </Typography.Paragraph>
    </Card>
  );
}
