import { Suspense } from 'react';
import { Outlet } from 'react-router-dom';
import { LoadingState } from '@/components/ui/states';
import { t } from '@/lib/i18n';

/** Residents' pages and login: a narrow, phone-first column (plain elements, nothing from antd's Layout). */
export function PublicLayout() {
  return (
    <div style={{ minHeight: '100dvh', background: 'linear-gradient(180deg, #fff1f0 0, #f5f5f5 240px)' }}>
      <header style={{ height: 56, padding: '0 16px' }}>
        <div style={{ display: 'flex', alignItems: 'center', gap: 8, height: '100%', maxWidth: 560, margin: '0 auto' }}>
          <img src="/favicon.svg" alt="" width={28} height={28} />
          <strong style={{ fontSize: 16 }}>
            {t.county} · {t.appName}
          </strong>
        </div>
      </header>
      <main style={{ padding: '8px 12px 32px' }}>
        {/* flow-root: a page's top margin stays inside this column instead of moving it (no layout shift when the
            loading state is replaced by the page) */}
        <div style={{ maxWidth: 560, margin: '0 auto', display: 'flow-root' }}>
          <Suspense fallback={<LoadingState />}>
            <Outlet />
          </Suspense>
        </div>
      </main>
    </div>
  );
}
