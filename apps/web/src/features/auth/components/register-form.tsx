import { Button, Form, Input } from 'antd';
import { PHONE_PATTERN } from '@wenming/shared';
import { SiteSelect } from '@/components/pickers/pickers';
import { applyApiErrors } from '@/lib/form-errors';
import { fmt, t } from '@/lib/i18n';
import type { LoginResponse, RegisterPendingResponse } from '@wenming/shared';
import { useRegister } from '../api/auth-api';

interface RegisterValues {
  name: string;
  phone: string;
  password: string;
  passwordAgain: string;
  siteId: string;
}

export function RegisterForm({ onSuccess }: { onSuccess?: (result: LoginResponse | RegisterPendingResponse) => void }) {
  const [form] = Form.useForm<RegisterValues>();
  const register = useRegister();
  return (
    <Form<RegisterValues>
      form={form}
      layout="vertical"
      size="large"
      requiredMark={false}
      onFinish={(v) =>
        register.mutate(
          { name: v.name.trim(), phone: v.phone.trim(), password: v.password, siteId: v.siteId },
          { onSuccess: (res) => onSuccess?.(res), onError: (e) => applyApiErrors(form, e) },
        )
      }
    >
      <Form.Item label={t.auth.name} name="name" rules={[{ required: true, whitespace: true, message: fmt(t.common.required, { label: t.auth.name }) }]}>
        <Input autoComplete="name" maxLength={30} />
      </Form.Item>
      <Form.Item
        label={t.auth.phone}
        name="phone"
        rules={[
          { required: true, message: fmt(t.common.required, { label: t.auth.phone }) },
          { pattern: PHONE_PATTERN, message: t.common.phoneInvalid },
        ]}
      >
        <Input inputMode="tel" autoComplete="tel" maxLength={11} />
      </Form.Item>
      <Form.Item label={t.auth.homeStation} name="siteId" rules={[{ required: true, message: fmt(t.common.requiredSelect, { label: t.auth.homeStation }) }]}>
        <SiteSelect directory level="station" placeholder={t.auth.homeStationPlaceholder} aria-label={t.auth.homeStation} />
      </Form.Item>
      <Form.Item
        label={t.auth.password}
        name="password"
        rules={[
          { required: true, message: fmt(t.common.required, { label: t.auth.password }) },
          { min: 8, message: t.auth.passwordRule },
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        label={t.auth.passwordAgain}
        name="passwordAgain"
        dependencies={['password']}
        rules={[
          { required: true, message: fmt(t.common.required, { label: t.auth.passwordAgain }) },
          ({ getFieldValue }) => ({
            validator: (_, value) => (!value || value === getFieldValue('password') ? Promise.resolve() : Promise.reject(new Error(t.auth.passwordMismatch))),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Button type="primary" htmlType="submit" block loading={register.isPending}>
        {t.auth.register}
      </Button>
    </Form>
  );
}
