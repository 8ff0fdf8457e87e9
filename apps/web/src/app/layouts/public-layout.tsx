import { Suspense } from 'react';
import { Outlet } from 'react-router-dom';
import { Flex, Layout, Typography } from 'antd';
import { LoadingState } from '@/components/ui/states';
import { t } from '@/lib/i18n';

/** Residents' pages and login: a narrow, phone-first column. */
export function PublicLayout() {
  return (
    <Layout style={{ minHeight: '100dvh', background: 'linear-gradient(180deg, #fff1f0 0, #f5f5f5 240px)' }}>
      <Layout.Header style={{ background: 'transparent', height: 56, lineHeight: '56px', padding: '0 16px' }}>
        <Flex align="center" gap={8} style={{ maxWidth: 560, margin: '0 auto' }}>
          <img src="/favicon.svg" alt="" width={28} height={28} />
          <Typography.Text strong style={{ fontSize: 16 }}>
            {t.county} · {t.appName}
          </Typography.Text>
        </Flex>
      </Layout.Header>
      <Layout.Content style={{ padding: '8px 12px 32px' }}>
        <div style={{ maxWidth: 560, margin: '0 auto' }}>
          <Suspense fallback={<LoadingState />}>
            <Outlet />
          </Suspense>
        </div>
      </Layout.Content>
    </Layout>
  );
}
