import { Divider, theme } from 'antd';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { LoginForm } from '@/features/auth/components/login-form';
import { useToken } from '@/lib/auth-token';
import { t } from '@/lib/i18n';
import { safeRedirect } from '@/lib/redirect';
import { Panel } from '@/components/ui/panel';

export function LoginPage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const token = useToken();
  const { token: ui } = theme.useToken();
  const redirect = safeRedirect(params.get('redirect'));
  if (token) return <Navigate to={redirect} replace />;
  // Plain headings and a light panel: a scanned check-in link lands here first when logged out.
  return (
    <Panel style={{ marginTop: 24 }}>
      <h1 style={{ marginTop: 0, marginBottom: 8, fontSize: ui.fontSizeHeading3, fontWeight: ui.fontWeightStrong, color: ui.colorTextHeading }}>{t.auth.loginTitle}</h1>
      <p style={{ marginTop: 0, marginBottom: 16, color: ui.colorTextSecondary }}>{t.auth.loginSubtitle}</p>
      <LoginForm onSuccess={() => navigate(redirect, { replace: true })} />
      <Divider plain />
      <p style={{ textAlign: 'center', marginTop: 0, marginBottom: 4 }}>
        {t.auth.noAccount}
        <Link to={`/register${params.get('redirect') ? `?redirect=${encodeURIComponent(redirect)}` : ''}`}>{t.auth.registerLink}</Link>
      </p>
      <p style={{ textAlign: 'center', fontSize: 12, margin: 0, color: ui.colorTextSecondary }}>{t.auth.residentEntry}</p>
    </Panel>
  );
}
