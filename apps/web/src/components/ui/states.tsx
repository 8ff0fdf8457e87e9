import type { ReactNode } from 'react';
import { Button, Empty, Result, Spin } from 'antd';
import { Link } from 'react-router-dom';
import { errorMessage } from '@/lib/api-client';
import { t } from '@/lib/i18n';

export function LoadingState({ tip = t.common.loading, minHeight = 160 }: { tip?: string; minHeight?: number }) {
  return (
    <div role="status" aria-live="polite" style={{ display: 'grid', placeItems: 'center', minHeight, gap: 8 }}>
      <Spin />
      <span style={{ color: 'rgba(0,0,0,0.45)' }}>{tip}</span>
    </div>
  );
}

export function EmptyState({ description = t.common.empty, children }: { description?: ReactNode; children?: ReactNode }) {
  return (
    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={description}>
      {children}
    </Empty>
  );
}

export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  return (
    <Result
      status="warning"
      title={t.common.loadFailed}
      subTitle={errorMessage(error)}
      extra={onRetry ? <Button onClick={onRetry}>{t.common.retry}</Button> : undefined}
    />
  );
}

export function ForbiddenState() {
  return (
    <Result
      status="403"
      title={t.common.forbiddenTitle}
      subTitle={t.common.forbiddenText}
      extra={
        <Link to="/">
          <Button type="primary">{t.common.backHome}</Button>
        </Link>
      }
    />
  );
}

export function NotFoundState() {
  return (
    <Result
      status="404"
      title={t.common.notFoundTitle}
      subTitle={t.common.notFoundText}
      extra={
        <Link to="/">
          <Button type="primary">{t.common.backHome}</Button>
        </Link>
      }
    />
  );
}

interface QueryLike<T> {
  data: T | undefined;
  isPending: boolean;
  isError: boolean;
  error: unknown;
  refetch: () => unknown;
}

/** Renders loading / error / empty for a query, else children(data). */
export function QueryView<T>({
  query,
  isEmpty,
  empty,
  children,
}: {
  query: QueryLike<T>;
  isEmpty?: (data: T) => boolean;
  empty?: ReactNode;
  children: (data: T) => ReactNode;
}) {
  if (query.isPending) return <LoadingState />;
  if (query.isError || query.data === undefined) return <ErrorState error={query.error} onRetry={() => query.refetch()} />;
  if (isEmpty?.(query.data)) return <>{empty ?? <EmptyState />}</>;
  return <>{children(query.data)}</>;
}
