import { useState } from 'react';
import { Button, Flex, Input, Popconfirm, Popover, QRCode, Select, Space, Table, Tag, Typography } from 'antd';
import { PlusOutlined, QrcodeOutlined } from '@ant-design/icons';
import type { SiteLevel } from '@wenming/shared';
import { useDeleteSite, useSites, type SiteFilter, type SiteView } from '@/features/sites/api/sites-api';
import { SiteFormModal } from '@/features/sites/components/site-form-modal';
import { useSession } from '@/features/auth/hooks/use-session';
import { optionsOf } from '@/components/ui/options';
import { PageHeader } from '@/components/ui/page-header';
import { ErrorState } from '@/components/ui/states';
import { SITE_LEVEL_LABELS, fmt, t } from '@/lib/i18n';
import { notify } from '@/lib/notify';


const LEVEL_COLORS: Record<SiteLevel, string> = { center: 'red', institute: 'orange', station: 'blue' };

export function SitesPage() {
  const { isStaff: canEdit } = useSession();
  const [filter, setFilter] = useState<SiteFilter>({ page: 1, pageSize: 20 });
  const [editing, setEditing] = useState<SiteView | 'new' | null>(null);
  const query = useSites(filter);
  const del = useDeleteSite();
  return (
    <>
      <PageHeader
        title={t.sites.title}
        extra={
          canEdit ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
              {t.sites.create}
            </Button>
          ) : null
        }
      />
      <Flex wrap gap={8} style={{ marginBottom: 12 }}>
        <Select<SiteLevel>
          aria-label={t.sites.level}
          placeholder={t.sites.level}
          allowClear
          style={{ width: 140 }}
          value={filter.level}
          options={optionsOf(SITE_LEVEL_LABELS)}
          onChange={(v) => setFilter((f) => ({ ...f, level: v, page: 1 }))}
        />
        <Input.Search
          aria-label={t.common.search}
          placeholder={t.sites.searchPlaceholder}
          allowClear
          style={{ width: 260 }}
          onSearch={(q) => setFilter((f) => ({ ...f, q: q.trim() || undefined, page: 1 }))}
        />
      </Flex>
      {query.isError && !query.data ? (
        <ErrorState error={query.error} onRetry={() => query.refetch()} />
      ) : (
        <Table<SiteView>
          rowKey="id"
          size="middle"
          loading={query.isFetching}
          dataSource={query.data?.items ?? []}
          scroll={{ x: 900 }}
          pagination={{
            current: filter.page,
            pageSize: filter.pageSize,
            total: query.data?.total ?? 0,
            showTotal: (n) => fmt(t.common.total, { n }),
            onChange: (page, pageSize) => setFilter((f) => ({ ...f, page, pageSize })),
          }}
          columns={[
            { title: t.sites.name, dataIndex: 'name' },
            { title: t.sites.level, dataIndex: 'level', render: (l: SiteLevel) => <Tag color={LEVEL_COLORS[l]}>{SITE_LEVEL_LABELS[l]}</Tag> },
            { title: t.sites.parent, key: 'parent', render: (_, s) => s.parentName ?? '—' },
            { title: t.sites.address, dataIndex: 'address', ellipsis: true },
            { title: t.sites.contactName, key: 'contact', render: (_, s) => [s.contactName, s.contactPhone].filter(Boolean).join(' ') || '—' },
            {
              title: t.common.actions,
              key: 'actions',
              fixed: 'right',
              render: (_, s) => (
                <Space size={0}>
                  {s.level === 'station' ? (
                    <Popover
                      trigger="click"
                      title={t.sites.menuQr}
                      content={
                        <Flex vertical align="center" gap={8}>
                          <QRCode value={`${window.location.origin}/menu/${s.id}`} />
                          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                            {t.sites.menuQrHint}
                          </Typography.Text>
                          <a href={`/menu/${s.id}`} target="_blank" rel="noreferrer">
                            {t.sites.menuLink}
                          </a>
                        </Flex>
                      }
                    >
                      <Button type="link" size="small" icon={<QrcodeOutlined />}>
                        {t.sites.menuLink}
                      </Button>
                    </Popover>
                  ) : null}
                  {canEdit ? (
                    <>
                      <Button type="link" size="small" onClick={() => setEditing(s)}>
                        {t.common.edit}
                      </Button>
                      <Popconfirm title={t.sites.deleteConfirm} onConfirm={() => del.mutate(s.id, { onSuccess: () => notify.success(t.common.deleted) })}>
                        <Button type="link" size="small" danger>
                          {t.common.delete}
                        </Button>
                      </Popconfirm>
                    </>
                  ) : null}
                </Space>
              ),
            },
          ]}
        />
      )}
      {editing ? <SiteFormModal open site={editing === 'new' ? undefined : editing} onClose={() => setEditing(null)} /> : null}
    </>
  );
}
