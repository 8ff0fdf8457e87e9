import { useState, type ReactNode } from 'react';
import { Button, type ButtonProps } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import type { QueryParams } from '@/lib/api-client';
import { downloadFile } from '@/lib/download';
import { fmt, t } from '@/lib/i18n';
import { notify } from '@/lib/notify';

export function DownloadButton({
  path,
  query,
  fallbackName,
  children,
  ...rest
}: { path: string; query?: QueryParams; fallbackName: string; children: ReactNode } & Omit<ButtonProps, 'onClick'>) {
  const [busy, setBusy] = useState(false);
  return (
    <Button
      icon={<DownloadOutlined />}
      loading={busy}
      {...rest}
      onClick={async () => {
        setBusy(true);
        try {
          const name = await downloadFile(path, query, fallbackName);
          notify.success(fmt(t.common.exported, { name }));
        } catch (e) {
          notify.error(e);
        } finally {
          setBusy(false);
        }
      }}
    >
      {children}
    </Button>
  );
}
