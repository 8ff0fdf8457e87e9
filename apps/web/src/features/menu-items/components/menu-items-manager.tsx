import { useState } from 'react';
import { Button, Checkbox, Popconfirm, Space, Switch, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { MenuItemDto } from '@wenming/shared';
import { SiteSelect } from '@/components/pickers/pickers';
import { ListPage, useListParams } from '@/components/list-page';
import { ACTIVITY_CATEGORY_LABELS, t } from '@/lib/i18n';
import { notify } from '@/lib/notify';
import { useDeleteMenuItem, useMenuItemsAdmin, useToggleMenuItem, type MenuItemFilter } from '../api/menu-items-api';
import { MenuItemFormModal } from './menu-item-form-modal';

/** The admins' list of service-menu items: filter by station, show taken-off items, create / edit / shelve / delete. */
export function MenuItemsManager({ isCountyAdmin }: { isCountyAdmin: boolean }) {
  const { filter, set, setPage } = useListParams<MenuItemFilter>({
    defaults: { includeInactive: true },
    fields: { siteId: 'string', includeInactive: 'boolean' },
  });
  const [editing, setEditing] = useState<MenuItemDto | 'new' | null>(null);
  const query = useMenuItemsAdmin(filter);
  const toggle = useToggleMenuItem();
  const del = useDeleteMenuItem();

  return (
    <>
      <ListPage<MenuItemDto>
        filters={
          <>
            <SiteSelect
              level="station"
              aria-label={t.menuItems.filterSite}
              placeholder={t.menuItems.filterSite}
              style={{ width: 220 }}
              value={filter.siteId}
              onChange={(v) => set({ siteId: v })}
            />
            <Checkbox checked={filter.includeInactive} onChange={(e) => set({ includeInactive: e.target.checked })}>
              {t.menuItems.showInactive}
            </Checkbox>
          </>
        }
        filterExtra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            {t.menuItems.create}
          </Button>
        }
        query={query}
        page={filter.page}
        pageSize={filter.pageSize}
        onPage={setPage}
        size="middle"
        empty={t.menuItems.empty}
        scroll={{ x: 900 }}
        columns={[
          { title: t.menuItems.name, dataIndex: 'title' },
          { title: t.menuItems.category, dataIndex: 'category', render: (c: MenuItemDto['category']) => ACTIVITY_CATEGORY_LABELS[c] ?? c },
          {
            title: t.menuItems.scope,
            key: 'scope',
            render: (_, m) => (m.siteId ? (m.siteName ?? '—') : <Tag color="red">{t.menuItems.countyWide}</Tag>),
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
                onChange={(active) => toggle.mutate({ id: m.id, active }, { onSuccess: () => notify.success(active ? t.menuItems.activated : t.menuItems.deactivated) })}
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
