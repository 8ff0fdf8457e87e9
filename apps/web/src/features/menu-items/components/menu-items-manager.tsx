import { useState } from 'react';
import { Button, Checkbox, Flex, Popconfirm, Space, Switch, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { MenuItemDto } from '@wenming/shared';
import { SiteSelect } from '@/components/pickers/pickers';
import { ErrorState } from '@/components/ui/states';
import { ACTIVITY_CATEGORY_LABELS, fmt, t } from '@/lib/i18n';
import { notify } from '@/lib/notify';
import { useDeleteMenuItem, useMenuItemsAdmin, useToggleMenuItem, type MenuItemFilter } from '../api/menu-items-api';
import { MenuItemFormModal } from './menu-item-form-modal';

/** The admins' list of service-menu items: filter by station, show taken-off items, create / edit / shelve / delete. */
export function MenuItemsManager({ isCountyAdmin }: { isCountyAdmin: boolean }) {
  const [filter, setFilter] = useState<MenuItemFilter>({ page: 1, pageSize: 20, includeInactive: true });
  const [editing, setEditing] = useState<MenuItemDto | 'new' | null>(null);
  const query = useMenuItemsAdmin(filter);
  const toggle = useToggleMenuItem();
  const del = useDeleteMenuItem();

  return (
    <>
      <Flex wrap gap={8} justify="space-between" style={{ marginBottom: 12 }}>
        <Flex wrap gap={8} align="center">
          <SiteSelect
            level="station"
            aria-label={t.menuItems.filterSite}
            placeholder={t.menuItems.filterSite}
            style={{ width: 220 }}
            value={filter.siteId}
            onChange={(v) => setFilter((f) => ({ ...f, siteId: v, page: 1 }))}
          />
          <Checkbox
            checked={filter.includeInactive}
            onChange={(e) => setFilter((f) => ({ ...f, includeInactive: e.target.checked, page: 1 }))}
          >
            {t.menuItems.showInactive}
          </Checkbox>
        </Flex>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
          {t.menuItems.create}
        </Button>
      </Flex>
      {query.isError && !query.data ? (
        <ErrorState error={query.error} onRetry={() => query.refetch()} />
      ) : (
        <Table<MenuItemDto>
          rowKey="id"
          size="middle"
          loading={query.isFetching}
          dataSource={query.data?.items ?? []}
          locale={{ emptyText: t.menuItems.empty }}
          scroll={{ x: 900 }}
          pagination={{
            current: filter.page,
            pageSize: filter.pageSize,
            total: query.data?.total ?? 0,
            showTotal: (n) => fmt(t.common.total, { n }),
            onChange: (page, pageSize) => setFilter((f) => ({ ...f, page, pageSize })),
          }}
          columns={[
            { title: t.menuItems.name, dataIndex: 'title' },
            { title: t.menuItems.category, dataIndex: 'category', render: (c: MenuItemDto['category']) => ACTIVITY_CATEGORY_LABELS[c] ?? c },
            {
              title: t.menuItems.scope,
              key: 'scope',
              render: (_, m) => (m.siteId ? m.siteName ?? '—' : <Tag color="red">{t.menuItems.countyWide}</Tag>),
            },
            { title: t.menuItems.teams, key: 'teams', render: (_, m) => m.teams.map((tm) => tm.name).join('、') || '—' },
            {
              title: t.menuItems.active,
              key: 'active',
              width: 90,
              render: (_, m) => (
                <Switch
                  size="small"
                  checked={m.active}
                  aria-label={`${m.title} ${t.menuItems.active}`}
                  loading={toggle.isPending && toggle.variables?.id === m.id}
                  disabled={!isCountyAdmin && !m.siteId}
                  onChange={(active) =>
                    toggle.mutate({ id: m.id, active }, { onSuccess: () => notify.success(active ? t.menuItems.activated : t.menuItems.deactivated) })
                  }
                />
              ),
            },
            {
              title: t.common.actions,
              key: 'actions',
              fixed: 'right',
              width: 130,
              render: (_, m) =>
                // Site admins see county-wide items but only the county office changes them.
                !isCountyAdmin && !m.siteId ? (
                  '—'
                ) : (
                  <Space size={0}>
                    <Button type="link" size="small" onClick={() => setEditing(m)}>
                      {t.common.edit}
                    </Button>
                    <Popconfirm
                      title={t.menuItems.deleteConfirm}
                      okText={t.common.confirm}
                      cancelText={t.common.cancel}
                      onConfirm={() =>
                        del.mutate(m.id, {
                          onSuccess: (res) => (res && res.deleted === false ? notify.info(t.menuItems.deletedInstead) : notify.success(t.common.deleted)),
                        })
                      }
                    >
                      <Button type="link" size="small" danger>
                        {t.common.delete}
                      </Button>
                    </Popconfirm>
                  </Space>
                ),
            },
          ]}
        />
      )}
      {editing ? (
        <MenuItemFormModal
          open
          item={editing === 'new' ? undefined : editing}
          isCountyAdmin={isCountyAdmin}
          defaultSiteId={editing === 'new' ? filter.siteId : undefined}
          onClose={() => setEditing(null)}
        />
      ) : null}
    </>
  );
}
