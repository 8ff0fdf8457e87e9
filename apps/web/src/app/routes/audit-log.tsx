import { Flex, Select, Tag, Typography } from 'antd';
import { AUDIT_ENTITY_LABELS, type AuditEntryDto } from '@wenming/shared';
import { useAuditLog, type AuditFilter } from '@/features/audit/api/audit-api';
import { auditActionText, auditObjectText } from '@/features/audit/lib/audit-labels';
import { optionsOf } from '@/components/ui/options';
import { PageHeader } from '@/components/ui/page-header';
import { PhoneCell, phoneColumns } from '@/components/ui/phone-cell';
import { PHONE_QUERY, useMediaQuery } from '@/lib/use-media-query';
import { ListPage, ListSearch, useListParams } from '@/components/list-page';
import { fmtDateTime } from '@/lib/dates';
import { t } from '@/lib/i18n';

const json = (v: unknown) => (v == null ? t.audit.none : JSON.stringify(v, null, 2));

export function AuditLogPage() {
  const { filter, set, setPage } = useListParams<AuditFilter>({ defaults: {}, fields: { entity: 'string', entityId: 'string' } });
  const query = useAuditLog(filter);
  const phone = useMediaQuery(PHONE_QUERY);
  return (
    <>
      <PageHeader title={t.audit.title} />
      <ListPage<AuditEntryDto>
        filters={
          <>
            <Select<string>
              aria-label={t.audit.entity}
              placeholder={t.audit.allEntities}
              allowClear
              style={{ width: 180 }}
              value={filter.entity}
              options={optionsOf(AUDIT_ENTITY_LABELS)}
              onChange={(v) => set({ entity: v })}
            />
            <ListSearch
              aria-label={t.audit.entityId}
              placeholder={t.audit.entityIdPlaceholder}
              style={{ width: 320 }}
              value={filter.entityId}
              onSearch={(entityId) => set({ entityId })}
            />
          </>
        }
        query={query}
        page={filter.page}
        pageSize={filter.pageSize}
        onPage={setPage}
        size="small"
        scroll={phone ? undefined : { x: 900 }}
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
              <Typography.Text type="secondary" copyable={{ text: e.entityId }} style={{ width: '100%' }}>
                {t.audit.entityId}
              </Typography.Text>
            </Flex>
          ),
        }}
        columns={phoneColumns<AuditEntryDto>(
          phone,
          {
            title: t.audit.action,
            key: 'phone',
            render: (_, e) => (
              <PhoneCell title={`${auditActionText(e.action)} · ${auditObjectText(e)}`} lines={[`${fmtDateTime(e.at)} · ${e.actorName ?? t.audit.system}`]} />
            ),
          },
          [
            { title: t.audit.at, dataIndex: 'at', width: 170, render: (v: string) => fmtDateTime(v) },
            { title: t.audit.actor, key: 'actor', render: (_, e) => e.actorName ?? t.audit.system },
            { title: t.audit.action, dataIndex: 'action', render: (a: string) => <Tag>{auditActionText(a)}</Tag> },
            { title: t.audit.entityName, key: 'object', render: (_, e) => auditObjectText(e) },
          ],
        )}
      />
    </>
  );
}
