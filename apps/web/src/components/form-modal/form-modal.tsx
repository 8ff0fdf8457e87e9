import { useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { Form, Modal, type FormInstance, type FormProps } from 'antd';
import { applyApiErrors } from '@/lib/form-errors';
import { t } from '@/lib/i18n';
import { notify } from '@/lib/notify';

export interface FormModalProps<V> {
  /** Defaults to open: pages usually mount the modal only while it is shown. */
  open?: boolean;
  title: ReactNode;
  /** Pass a form from Form.useForm when a field must be watched (Form.useWatch); else one is made. */
  form?: FormInstance<V>;
  initialValues?: FormProps<V>['initialValues'];
  /** Sends the values (usually a mutation's mutateAsync); a rejection with the API's `details` lands on the fields. */
  onSubmit: (values: V) => Promise<unknown>;
  onClose: () => void;
  okText?: string;
  /** The toast after a save (已保存 by default; null for none). */
  successMessage?: string | null;
  width?: number;
  children: ReactNode;
}

const TEXT_INPUT = /^(text|tel|number|email|password|search|url)$/;

/**
 * Enter in a text field submits only from the last field of the form; in any other field it does
 * nothing (a half-filled form is never sent by a stray Enter, and typing Chinese with an IME never
 * submits on the Enter that picks a word). Selects, date pickers and text areas keep their own Enter.
 */
export function enterSubmitsFromLastField(e: KeyboardEvent<HTMLFormElement>, submit: () => void): void {
  if (e.key !== 'Enter' || e.nativeEvent.isComposing || e.keyCode === 229) return;
  const target = e.target as HTMLElement;
  if (!(target instanceof HTMLInputElement) || !TEXT_INPUT.test(target.type) || target.getAttribute('role') === 'combobox') return;
  const fields = Array.from(e.currentTarget.querySelectorAll<HTMLElement>('input, textarea, select, button[role="switch"]')).filter(
    (el) => !(el as HTMLInputElement).disabled && (el as HTMLInputElement).type !== 'hidden',
  );
  e.preventDefault();
  if (fields.at(-1) === target) submit();
}

/**
 * A dialog holding one antd form: title, 保存/取消, the save button spinning while the request runs,
 * the API's per-field `details` shown on the fields (and its message as a toast), Enter handled as
 * above, and the fields reset when the dialog closes.
 */
export function FormModal<V extends object>({
  open = true,
  title,
  form: given,
  initialValues,
  onSubmit,
  onClose,
  okText = t.common.save,
  successMessage = t.common.saved,
  width,
  children,
}: FormModalProps<V>) {
  const [own] = Form.useForm<V>();
  const form = given ?? own;
  const [saving, setSaving] = useState(false);
  // Reopening shows the initial values again even where the closing animation never ended (afterClose).
  const wasOpen = useRef(open);
  useEffect(() => {
    if (open && !wasOpen.current) form.resetFields();
    wasOpen.current = open;
  }, [open, form]);
  const finish = async (values: V) => {
    setSaving(true);
    try {
      await onSubmit(values);
      if (successMessage) notify.success(successMessage);
      onClose();
    } catch (e) {
      applyApiErrors(form, e);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open={open}
      title={title}
      width={width}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={saving}
      okText={okText}
      cancelText={t.common.cancel}
      afterClose={() => form.resetFields()}
      destroyOnHidden
    >
      <Form<V>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={initialValues}
        onFinish={finish}
        onKeyDown={(e) => enterSubmitsFromLastField(e, () => form.submit())}
      >
        {children}
      </Form>
    </Modal>
  );
}
