import { useState } from 'react';
import { Alert, Button, Form, Input } from 'antd';
import { LockOutlined, MobileOutlined } from '@ant-design/icons';
import { PHONE_PATTERN, type LoginRequest } from '@wenming/shared';
import { errorMessage } from '@/lib/api-client';
import { fmt, t } from '@/lib/i18n';
import { useLogin } from '../api/auth-api';

export function LoginForm({ onSuccess }: { onSuccess?: () => void }) {
  const [form] = Form.useForm<LoginRequest>();
  const login = useLogin();
  const [error, setError] = useState<string | null>(null);

  return (
    <Form<LoginRequest>
      form={form}
      layout="vertical"
      requiredMark={false}
      size="large"
      onValuesChange={() => setError(null)}
      onFinish={(values) => {
        setError(null);
        login.mutate(
          { phone: values.phone.trim(), password: values.password },
          {
            onSuccess: () => onSuccess?.(),
            onError: (e) => setError(errorMessage(e)),
          },
        );
      }}
    >
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" /> : null}
      <Form.Item
        label={t.auth.phone}
        name="phone"
        rules={[
          { required: true, message: fmt(t.common.required, { label: t.auth.phone }) },
          { pattern: PHONE_PATTERN, message: t.common.phoneInvalid },
        ]}
      >
        <Input prefix={<MobileOutlined />} inputMode="tel" autoComplete="username" maxLength={11} />
      </Form.Item>
      <Form.Item
        label={t.auth.password}
        name="password"
        rules={[{ required: true, message: fmt(t.common.required, { label: t.auth.password }) }]}
      >
        <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
      </Form.Item>
      <Button type="primary" htmlType="submit" block loading={login.isPending}>
        {login.isPending ? t.auth.loggingIn : t.auth.login}
      </Button>
    </Form>
  );
}
