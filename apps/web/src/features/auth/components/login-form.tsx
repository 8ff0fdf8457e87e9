import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { Alert, Button, Input, theme } from 'antd';
import { LockOutlined, MobileOutlined } from '@ant-design/icons';
import { PHONE_PATTERN } from '@wenming/shared';
import { errorMessage } from '@/lib/api-client';
import { fmt, t } from '@/lib/i18n';
import { useLogin } from '../api/auth-api';

type Errors = { phone?: string; password?: string };

function validate(phone: string, password: string): Errors {
  const e: Errors = {};
  if (!phone) e.phone = fmt(t.common.required, { label: t.auth.phone });
  else if (!PHONE_PATTERN.test(phone)) e.phone = t.common.phoneInvalid;
  if (!password) e.password = fmt(t.common.required, { label: t.auth.password });
  return e;
}

/** A field laid out like antd's vertical Form.Item (label above, the message below in red). */
function Field({ id, label, error, children }: { id: string; label: string; error?: string; children: ReactNode }) {
  const { token } = theme.useToken();
  return (
    <div style={{ marginBottom: error ? 0 : token.marginLG }}>
      <label htmlFor={id} style={{ display: 'block', paddingBottom: token.paddingXS, color: token.colorTextHeading }}>
        {label}
      </label>
      {children}
      {error ? (
        <div id={`${id}-error`} style={{ color: token.colorError, minHeight: token.marginLG, lineHeight: token.lineHeight }}>
          {error}
        </div>
      ) : null}
    </div>
  );
}

/**
 * The login form, the first thing a scanned check-in link shows when logged out: a plain <form> with antd's Input and
 * Button, without antd's Form (its store, rc-field-form and async-validator are ~20 KB gzip on a village phone's
 * first load). Checks the phone and the password before calling the API; the API's message shows above the fields.
 */
export function LoginForm({ onSuccess }: { onSuccess?: () => void }) {
  const login = useLogin();
  const id = useId();
  const [phone, setPhone] = useState('');
  const [password, setPassword] = useState('');
  const [touched, setTouched] = useState<Errors | null>(null);
  const [error, setError] = useState<string | null>(null);
  const errors = touched ?? {};

  const onSubmit = (ev: FormEvent) => {
    ev.preventDefault();
    setError(null);
    const p = phone.trim();
    const found = validate(p, password);
    setTouched(found);
    if (found.phone || found.password) return;
    login.mutate(
      { phone: p, password },
      {
        onSuccess: () => onSuccess?.(),
        onError: (e) => setError(errorMessage(e)),
      },
    );
  };
  // after a first submit, the messages follow what is typed (as antd's Form did)
  const revalidate = (nextPhone: string, nextPassword: string) => {
    setError(null);
    if (touched) setTouched(validate(nextPhone.trim(), nextPassword));
  };

  return (
    <form noValidate onSubmit={onSubmit}>
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" /> : null}
      <Field id={`${id}-phone`} label={t.auth.phone} error={errors.phone}>
        <Input
          id={`${id}-phone`}
          name="phone"
          size="large"
          prefix={<MobileOutlined />}
          inputMode="tel"
          autoComplete="username"
          maxLength={11}
          value={phone}
          status={errors.phone ? 'error' : undefined}
          aria-invalid={errors.phone ? true : undefined}
          aria-describedby={errors.phone ? `${id}-phone-error` : undefined}
          onChange={(e) => {
            setPhone(e.target.value);
            revalidate(e.target.value, password);
          }}
        />
      </Field>
      <Field id={`${id}-password`} label={t.auth.password} error={errors.password}>
        <Input.Password
          id={`${id}-password`}
          name="password"
          size="large"
          prefix={<LockOutlined />}
          autoComplete="current-password"
          value={password}
          status={errors.password ? 'error' : undefined}
          aria-invalid={errors.password ? true : undefined}
          aria-describedby={errors.password ? `${id}-password-error` : undefined}
          onChange={(e) => {
            setPassword(e.target.value);
            revalidate(phone, e.target.value);
          }}
        />
      </Field>
      <Button type="primary" htmlType="submit" size="large" block loading={login.isPending}>
        {login.isPending ? t.auth.loggingIn : t.auth.login}
      </Button>
    </form>
  );
}
