import { useState } from 'react';
import { Button, Form, Input, Popconfirm, Select, Space, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { PHONE_PATTERN, type CreateUserRequest, type Role } from '@wenming/shared';
import { useSaveUser, useSetUserDisabled, useUsers, type UserFilter, type UserView } from '@/features/users/api/users-api';
import { SiteSelect } from '@/components/pickers/pickers';
import { optionsOf } from '@/components/ui/options';
import { PageHeader } from '@/components/ui/page-header';
import { PhoneCell, phoneColumns } from '@/components/ui/phone-cell';
import { PHONE_QUERY, useMediaQuery } from '@/lib/use-media-query';
import { fmtDateTime } from '@/lib/dates';
import { FormModal } from '@/components/form-modal/form-modal';
import { ListPage, ListSearch, useListParams } from '@/components/list-page';
import { ROLE_LABELS, fmt, t } from '@/lib/i18n';

function UserModal({ user, onClose }: { user?: UserView; onClose: () => void }) {
  const [form] = Form.useForm<CreateUserRequest>();
  const save = useSaveUser();
  const role = Form.useWatch('role', form) as Role | undefined;
  return (
    <FormModal<CreateUserRequest>
      form={form}
      title={user ? t.users.edit : t.users.create}
      initialValues={user ? { phone: user.phone, role: user.role, siteId: user.siteId ?? undefined } : { role: 'site_admin' }}
      onSubmit={(v) => save.mutateAsync({ id: user?.id, body: { ...v, siteId: v.role === 'site_admin' ? v.siteId : undefined } })}
      onClose={onClose}
    >
      <Form.Item
        label={t.users.phone}
        name="phone"
        rules={[
          { required: true, message: fmt(t.common.required, { label: t.users.phone }) },
          { pattern: PHONE_PATTERN, message: t.common.phoneInvalid },
        ]}
      >
        <Input disabled={!!user} maxLength={11} inputMode="tel" />
      </Form.Item>
      <Form.Item label={t.users.role} name="role" rules={[{ required: true }]}>
        <Select options={optionsOf(ROLE_LABELS).filter((o) => o.value !== 'volunteer' || user?.role === 'volunteer')} />
      </Form.Item>
      {role === 'site_admin' ? (
        <Form.Item label={t.users.site} name="siteId" rules={[{ required: true, message: fmt(t.common.requiredSelect, { label: t.users.site }) }]}>
          <SiteSelect initialOption={user?.siteId && user.siteName ? { value: user.siteId, label: user.siteName } : undefined} />
        </Form.Item>
      ) : null}
      <Form.Item
        label={user ? t.users.newPassword : t.users.password}
        name="password"
        rules={
          user
            ? [{ min: 8, message: t.auth.passwordRule }]
            : [
                { required: true, message: fmt(t.common.required, { label: t.users.password }) },
                { min: 8, message: t.auth.passwordRule },
              ]
        }
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
    </FormModal>
  );
}

export function UsersPage() {
  const { filter, set, setPage } = useListParams<UserFilter>({ defaults: {}, fields: { role: 'string', q: 'string' } });
  const [editing, setEditing] = useState<UserView | 'new' | null>(null);
  const query = useUsers(filter);
  const phone = useMediaQuery(PHONE_QUERY);
  const setDisabled = useSetUserDisabled();
  return (
    <>
      <PageHeader
        title={t.users.title}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            {t.users.create}
          </Button>
        }
      />
      <ListPage<UserView>
        filters={
          <>
            <Select<Role>
              aria-label={t.users.role}
              placeholder={t.users.role}
              allowClear
              style={{ width: 160 }}
              value={filter.role as Role | undefined}
              options={optionsOf(ROLE_LABELS)}
              onChange={(v) => set({ role: v })}
            />
            <ListSearch aria-label={t.common.search} placeholder={t.users.phone} style={{ width: 220 }} value={filter.q} onSearch={(q) => set({ q })} />
          </>
        }
        query={query}
        page={filter.page}
        pageSize={filter.pageSize}
        onPage={setPage}
        scroll={phone ? undefined : { x: 720 }}
        columns={phoneColumns<UserView>(
          phone,
          {
            title: t.users.phone,
            key: 'phone',
            render: (_, u) => (
              <PhoneCell
                title={`${u.phone} · ${ROLE_LABELS[u.role]}`}
                lines={[u.role === 'county_admin' ? t.users.wholeCounty : (u.siteName ?? t.users.noSite), u.volunteerName]}
              />
            ),
          },
          [
            { title: t.users.phone, dataIndex: 'phone' },
            {
              title: t.users.role,
              dataIndex: 'role',
              render: (r: Role) => <Tag color={r === 'county_admin' ? 'red' : r === 'site_admin' ? 'orange' : undefined}>{ROLE_LABELS[r]}</Tag>,
            },
            {
              title: t.users.site,
              key: 'site',
              render: (_, u) => (u.role === 'county_admin' ? t.users.wholeCounty : (u.siteName ?? t.users.noSite)),
            },
            { title: t.users.volunteerLinked, key: 'vol', render: (_, u) => u.volunteerName ?? t.users.noVolunteer },
            { title: t.users.createdAt, dataIndex: 'createdAt', render: (v: string) => fmtDateTime(v) },
            { title: t.users.status, key: 'status', render: (_, u) => (u.disabled ? <Tag>{t.users.disabled}</Tag> : <Tag color="green">{t.users.enabled}</Tag>) },
            {
              title: t.common.actions,
              key: 'actions',
              render: (_, u) => (
                <Space size={0}>
                  <Button type="link" size="small" onClick={() => setEditing(u)}>
                    {t.common.edit}
                  </Button>
                  {u.disabled ? (
                    <Button type="link" size="small" onClick={() => setDisabled.mutate({ id: u.id, disabled: false })}>
                      {t.users.enable}
                    </Button>
                  ) : (
                    <Popconfirm
                      title={t.users.disableConfirm}
                      okText={t.users.disable}
                      cancelText={t.common.cancel}
                      onConfirm={() => setDisabled.mutateAsync({ id: u.id, disabled: true }).catch(() => undefined)}
                    >
                      <Button type="link" size="small" danger>
                        {t.users.disable}
                      </Button>
                    </Popconfirm>
                  )}
                </Space>
              ),
            },
          ],
        )}
      />
      {editing ? <UserModal user={editing === 'new' ? undefined : editing} onClose={() => setEditing(null)} /> : null}
    </>
  );
}
