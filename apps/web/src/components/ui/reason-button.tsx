import { useState, type ReactNode } from 'react';
import { Button, Input, Modal, type ButtonProps } from 'antd';
import { t } from '@/lib/i18n';

/** A button that asks for a reason in a modal before running `onSubmit(reason)`. */
export function ReasonButton({
  label,
  title,
  reasonLabel,
  onSubmit,
  loading,
  buttonProps,
  icon,
}: {
  label: ReactNode;
  title: string;
  reasonLabel: string;
  onSubmit: (reason: string, done: () => void) => void;
  loading?: boolean;
  buttonProps?: ButtonProps;
  icon?: ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  return (
    <>
      <Button icon={icon} {...buttonProps} onClick={() => setOpen(true)}>
        {label}
      </Button>
      <Modal
        open={open}
        title={title}
        onCancel={() => setOpen(false)}
        okText={t.common.confirm}
        cancelText={t.common.cancel}
        okButtonProps={{ danger: true, disabled: !reason.trim() }}
        confirmLoading={loading}
        onOk={() =>
          onSubmit(reason.trim(), () => {
            setOpen(false);
            setReason('');
          })
        }
      >
        <Input.TextArea aria-label={reasonLabel} placeholder={reasonLabel} rows={3} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} />
      </Modal>
    </>
  );
}
