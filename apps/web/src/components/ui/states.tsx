import type { CSSProperties, ReactNode } from 'react';
import { Button, Empty, Spin } from 'antd';
import { CheckCircleFilled, ExclamationCircleFilled, QuestionCircleFilled, StopFilled } from '@ant-design/icons';
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

const STATUS_COLORS = { success: '#52c41a', warning: '#faad14', error: '#ff4d4f', info: '#8c8c8c' } as const;
const STATUS_ICONS = {
  success: CheckCircleFilled,
  warning: ExclamationCircleFilled,
  error: StopFilled,
  info: QuestionCircleFilled,
} as const;

/**
 * A light stand-in for antd's Result (which bundles the 403/404/500 illustrations, ~33 KB): an icon,
 * a title, a line of text and actions. Used by the shells' guards, so it stays in the entry chunk.
 */
export function StatusPanel({
  status,
  title,
  subTitle,
  extra,
  style,
}: {
  status: keyof typeof STATUS_COLORS;
  title: ReactNode;
  subTitle?: ReactNode;
  extra?: ReactNode;
  style?: CSSProperties;
}) {
  const Icon = STATUS_ICONS[status];
  return (
    <div style={{ padding: '32px 16px', textAlign: 'center', ...style }}>
      <Icon style={{ fontSize: 56, color: STATUS_COLORS[status] }} />
      <div style={{ marginTop: 16, fontSize: 22, lineHeight: 1.4, color: 'rgba(0,0,0,0.88)' }}>{title}</div>
      {subTitle ? <div style={{ marginTop: 6, color: 'rgba(0,0,0,0.45)' }}>{subTitle}</div> : null}
      {extra ? <div style={{ marginTop: 20 }}>{extra}</div> : null}
    </div>
  );
}

export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  return (
    <StatusPanel
      status="warning"
      title={t.common.loadFailed}
      subTitle={errorMessage(error)}
      extra={onRetry ? <Button onClick={onRetry}>{t.common.retry}</Button> : undefined}
    />
  );
}

export function ForbiddenState() {
  return (
    <StatusPanel
      status="error"
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
    <StatusPanel
      status="info"
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
