import { useState } from 'react';
import { Flex, Input, Table, Tag, Typography } from 'antd';
import { useAuditLog, type AuditFilter } from '@/features/audit/api/audit-api';
import { PageHeader } from '@/components/ui/page-header';
import { ErrorState } from '@/components/ui/states';
import type { AuditEntryView } from '@/lib/api-types';
import { fmtDateTime } from '@/lib/dates';
import { fmt, t } from '@/lib/i18n';

const json = (v: unknown) => (v == null ? '—' : JSON.stringify(v, null, 2));

export function AuditLogPage() {
  const [filter, setFilter] = useState<AuditFilter>({ page: 1, pageSize: 20 });
  const query = useAuditLog(filter);
  return (
    <>
      <PageHeader title={t.audit.title} />
      <Flex wrap gap={8} style={{ marginBottom: 12 }}>
        <Input.Search
          aria-label={t.audit.entity}
          placeholder={t.audit.entityPlaceholder}
          allowClear
          style={{ width: 240 }}
          onSearch={(v) => setFilter((f) => ({ ...f, entity: v.trim() || undefined, page: 1 }))}
        />
        <Input.Search
          aria-label={t.audit.entityId}
          placeholder={t.audit.entityId}
          allowClear
          style={{ width: 320 }}
          onSearch={(v) => setFilter((f) => ({ ...f, entityId: v.trim() || undefined, page: 1 }))}
        />
      </Flex>
      {query.isError && !query.data ? (
        <ErrorState error={query.error} onRetry={() => query.refetch()} />
      ) : (
        <Table<AuditEntryView>
          rowKey="id"
          size="small"
          loading={query.isFetching}
          dataSource={query.data?.items ?? []}
          scroll={{ x: 900 }}
          expandable={{
            expandedRowRender: (e) => (
              <Flex gap={16} wrap>
                <div style={{ flex: 1, minWidth: 280 }}>
                  <Typography.Text strong>{t.audit.before}</Typography.Text>
                  <pre style={{ whiteSpace: 'pre-wrap', fontSize: 12, background: '#fafafa', padding: 8 }}>{json(e.before)}</pre>
                </div>
                <div style={{ flex: 1, minWidth: 280 }}>
                  <Typography.Text strong>{t.audit.after}</Typography.Text>
                  <pre style={{ whiteSpace: 'pre-wrap', fontSize: 12, background: '#fafafa', padding: 8 }}>{json(e.after)}</pre>
                </div>
              </Flex>
            ),
          }}
          pagination={{
            current: filter.page,
            pageSize: filter.pageSize,
            total: query.data?.total ?? 0,
            showTotal: (n) => fmt(t.common.total, { n }),
            onChange: (page, pageSize) => setFilter((f) => ({ ...f, page, pageSize })),
          }}
          columns={[
            { title: t.audit.at, dataIndex: 'at', width: 170, render: (v: string) => fmtDateTime(v) },
            { title: t.audit.actor, key: 'actor', render: (_, e) => e.actorPhone ?? e.actorUserId?.slice(0, 8) ?? '—' },
            { title: t.audit.action, dataIndex: 'action', render: (a: string) => <Tag>{a}</Tag> },
            { title: t.audit.entity, dataIndex: 'entity' },
            { title: t.audit.entityId, dataIndex: 'entityId', render: (v: string) => <Typography.Text copyable={{ text: v }}>{v.slice(0, 8)}</Typography.Text> },
          ]}
        />
      )}
    </>
  );
}
