import { useMemo, useState } from 'react';
import { Button, Flex, Popconfirm, Popover, QRCode, Segmented, Select, Space, Table, Tag, Typography } from 'antd';
import { PlusOutlined, QrcodeOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table';
import type { SiteLevel } from '@wenming/shared';
import { useAllSites, useDeleteSite, useSites, type SiteFilter, type SiteView } from '@/features/sites/api/sites-api';
import { SiteFormModal } from '@/features/sites/components/site-form-modal';
import { buildSiteTree, parentIds, type SiteNode } from '@/features/sites/lib/site-tree';
import { useSession } from '@/features/auth/hooks/use-session';
import { optionsOf } from '@/components/ui/options';
import { PageHeader } from '@/components/ui/page-header';
import { PhoneCell, phoneColumns } from '@/components/ui/phone-cell';
import { PHONE_QUERY, useMediaQuery } from '@/lib/use-media-query';
import { ErrorState } from '@/components/ui/states';
import { FilterBar, ListSearch, ListTable, useListParams } from '@/components/list-page';
import { SITE_LEVEL_LABELS, fmt, t } from '@/lib/i18n';
import { notify } from '@/lib/notify';

const LEVEL_COLORS: Record<SiteLevel, string> = { center: 'red', institute: 'orange', station: 'blue' };

type View = 'tree' | 'list';

/**
 * The county's practice sites. The tree (default) loads every site in scope once (350: four pages
 * of 100) and nests center → institutes → stations; the list pages through the API with the level filter.
 */
export function SitesPage() {
  const { isStaff: canEdit } = useSession();
  // The view, level, search and page live in the address (Back from a site keeps them).
  const { filter, set, setPage } = useListParams<SiteFilter & { view?: View }>({
    defaults: { view: 'tree' },
    fields: { view: 'string', level: 'string', q: 'string' },
  });
  const view: View = filter.view === 'list' ? 'list' : 'tree';
  const q = filter.q;
  const [expanded, setExpanded] = useState<string[] | null>(null);
  const [editing, setEditing] = useState<SiteView | 'new' | null>(null);
  const all = useAllSites(view === 'tree');
  const page = useSites({ level: filter.level, q, page: filter.page, pageSize: filter.pageSize }, view === 'list');
  const del = useDeleteSite();
  const phone = useMediaQuery(PHONE_QUERY);

  const tree = useMemo(() => buildSiteTree(all.data ?? [], q), [all.data, q]);
  // Opens with the center and (for a site admin) their institute unfolded; a search unfolds every match.
  const defaultExpanded = useMemo(() => (q ? parentIds(tree) : tree.map((n) => n.id)), [tree, q]);
  const expandedKeys = q ? defaultExpanded : (expanded ?? defaultExpanded);

  const allColumns: ColumnsType<SiteNode> = [
    { title: t.sites.name, dataIndex: 'name' },
    { title: t.sites.level, dataIndex: 'level', width: 90, render: (l: SiteLevel) => <Tag color={LEVEL_COLORS[l]}>{SITE_LEVEL_LABELS[l]}</Tag> },
    { title: t.sites.parent, key: 'parent', render: (_, s) => s.parentName ?? t.sites.topLevel },
    { title: t.sites.town, key: 'town', render: (_, s) => s.townName ?? t.sites.countyLevel },
    { title: t.sites.address, dataIndex: 'address', ellipsis: true, responsive: ['lg'] },
    {
      title: t.sites.contactName,
      key: 'contact',
      responsive: ['lg'],
      render: (_, s) => [s.contactName, s.contactPhone].filter(Boolean).join(' ') || t.sites.noContact,
    },
    {
      title: t.common.actions,
      key: 'actions',
      fixed: 'right',
      render: (_, s) => (
        <Space size={0} orientation={phone ? 'vertical' : 'horizontal'}>
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
  ];

  const columns = phoneColumns<SiteNode>(
    phone,
    {
      title: t.sites.name,
      key: 'phone',
      render: (_, s) => (
        <PhoneCell
          title={s.name}
          lines={[`${SITE_LEVEL_LABELS[s.level]} · ${s.townName ?? t.sites.countyLevel}`, s.parentName ? `${t.sites.parent}：${s.parentName}` : null]}
        />
      ),
    },
    allColumns,
  );

  return (
    <>
      <PageHeader
        title={t.sites.title}
        subtitle={t.sites.treeHint}
        extra={
          canEdit ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
              {t.sites.create}
            </Button>
          ) : null
        }
      />
      <FilterBar>
        <Segmented<View>
          aria-label={t.sites.view}
          value={view}
          onChange={(v) => set({ view: v })}
          options={[
            { value: 'tree', label: t.sites.viewTree },
            { value: 'list', label: t.sites.viewList },
          ]}
        />
        {view === 'list' ? (
          <Select<SiteLevel>
            aria-label={t.sites.level}
            placeholder={t.sites.level}
            allowClear
            style={{ width: 140 }}
            value={filter.level}
            options={optionsOf(SITE_LEVEL_LABELS)}
            onChange={(v) => set({ level: v })}
          />
        ) : null}
        <ListSearch aria-label={t.common.search} placeholder={t.sites.searchPlaceholder} style={{ width: 260 }} value={q} onSearch={(v) => set({ q: v })} />
      </FilterBar>
      {view === 'tree' && all.isError && !all.data ? (
        <ErrorState error={all.error} onRetry={() => all.refetch()} />
      ) : view === 'tree' ? (
        <Table<SiteNode>
          rowKey="id"
          size="middle"
          loading={all.isFetching}
          dataSource={tree}
          scroll={phone ? undefined : { x: 1000 }}
          columns={columns}
          pagination={false}
          expandable={{
            expandedRowKeys: expandedKeys,
            onExpandedRowsChange: (keys) => setExpanded(keys as string[]),
          }}
          footer={() => fmt(t.common.total, { n: all.data?.length ?? 0 })}
        />
      ) : (
        <ListTable<SiteView>
          query={page}
          page={filter.page}
          pageSize={filter.pageSize}
          onPage={setPage}
          size="middle"
          scroll={phone ? undefined : { x: 1000 }}
          columns={columns}
        />
      )}
      {editing ? <SiteFormModal open site={editing === 'new' ? undefined : editing} onClose={() => setEditing(null)} /> : null}
    </>
  );
}
