import { lazy, Suspense, useEffect, useState, type ReactNode } from 'react';
import { ConfigProvider, theme as antdTheme } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import '@/lib/dates';
import { createQueryClient } from '@/lib/query-client';
import { onMessageHostRequested } from '@/lib/notify';

const MessageHost = lazy(async () => ({ default: (await import('./message-host')).MessageHost }));

export const theme = {
  token: {
    colorPrimary: '#c8161d',
    colorLink: '#c8161d',
    borderRadius: 6,
    fontFamily:
      '-apple-system, BlinkMacSystemFont, "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", "Helvetica Neue", Arial, sans-serif',
  },
};

/**
 * What antd's <App> gave us, without putting Modal, notification and message into the entry
 * chunk: the base text styles (colour, font) for plain elements, and a message host that is
 * mounted (and downloaded) when the first toast is shown.
 */
function AppBase({ children }: { children: ReactNode }) {
  const { token } = antdTheme.useToken();
  const [hostWanted, setHostWanted] = useState(false);
  useEffect(() => onMessageHostRequested(() => setHostWanted(true)), []);
  return (
    <div className="app-base" style={{ color: token.colorText, fontSize: token.fontSize, lineHeight: token.lineHeight, fontFamily: token.fontFamily }}>
      {hostWanted ? (
        <Suspense fallback={null}>
          <MessageHost />
        </Suspense>
      ) : null}
      {children}
    </div>
  );
}

export function AppProviders({ children, queryClient }: { children: ReactNode; queryClient?: QueryClient }) {
  const [client] = useState(() => queryClient ?? createQueryClient());
  return (
    <ConfigProvider locale={zhCN} theme={theme}>
      <AppBase>
        <QueryClientProvider client={client}>{children}</QueryClientProvider>
      </AppBase>
    </ConfigProvider>
  );
}
