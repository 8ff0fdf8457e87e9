import { useState } from 'react';
import { Button, Flex, Form, Input, Modal, Select, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { PHONE_PATTERN, type CreateUserRequest, type Role } from '@wenming/shared';
import { useSaveUser, useUsers, type UserFilter, type UserView } from '@/features/users/api/users-api';
import { SiteSelect } from '@/components/pickers/pickers';
import { optionsOf } from '@/components/ui/options';
import { PageHeader } from '@/components/ui/page-header';
import { PhoneCell, phoneColumns } from '@/components/ui/phone-cell';
import { PHONE_QUERY, useMediaQuery } from '@/lib/use-media-query';
import { ErrorState } from '@/components/ui/states';
import { fmtDateTime } from '@/lib/dates';
import { applyApiErrors } from '@/lib/form-errors';
import { ROLE_LABELS, fmt, t } from '@/lib/i18n';
import { notify } from '@/lib/notify';

function UserModal({ user, onClose }: { user?: UserView; onClose: () => void }) {
  const [form] = Form.useForm<CreateUserRequest>();
  const save = useSaveUser();
  const role = Form.useWatch('role', form) as Role | undefined;
  return (
    <Modal open title={user ? t.users.edit : t.users.create} onCancel={onClose} onOk={() => form.submit()} confirmLoading={save.isPending} okText={t.common.save} cancelText={t.common.cancel} destroyOnHidden>
      <Form<CreateUserRequest>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={user ? { phone: user.phone, role: user.role, siteId: user.siteId ?? undefined } : { role: 'site_admin' }}
        onFinish={(v) =>
          save.mutate(
            { id: user?.id, body: { ...v, siteId: v.role === 'site_admin' ? v.siteId : undefined } },
            {
              onSuccess: () => {
                notify.success(t.common.saved);
                onClose();
              },
              onError: (e) => applyApiErrors(form, e),
            },
          )
        }
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
          rules={user ? [{ min: 8, message: t.auth.passwordRule }] : [{ required: true, message: fmt(t.common.required, { label: t.users.password }) }, { min: 8, message: t.auth.passwordRule }]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function UsersPage() {
  const [filter, setFilter] = useState<UserFilter>({ page: 1, pageSize: 20 });
  const [editing, setEditing] = useState<UserView | 'new' | null>(null);
  const query = useUsers(filter);
  const phone = useMediaQuery(PHONE_QUERY);
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
      <Flex wrap gap={8} style={{ marginBottom: 12 }}>
        <Select<Role>
          aria-label={t.users.role}
          placeholder={t.users.role}
          allowClear
          style={{ width: 160 }}
          value={filter.role as Role | undefined}
          options={optionsOf(ROLE_LABELS)}
          onChange={(v) => setFilter((f) => ({ ...f, role: v, page: 1 }))}
        />
        <Input.Search aria-label={t.common.search} placeholder={t.users.phone} allowClear style={{ width: 220 }} onSearch={(q) => setFilter((f) => ({ ...f, q: q.trim() || undefined, page: 1 }))} />
      </Flex>
      {query.isError && !query.data ? (
        <ErrorState error={query.error} onRetry={() => query.refetch()} />
      ) : (
        <Table<UserView>
          rowKey="id"
          loading={query.isFetching}
          dataSource={query.data?.items ?? []}
          scroll={phone ? undefined : { x: 720 }}
          pagination={{
            current: filter.page,
            pageSize: filter.pageSize,
            total: query.data?.total ?? 0,
            showTotal: (n) => fmt(t.common.total, { n }),
            onChange: (page, pageSize) => setFilter((f) => ({ ...f, page, pageSize })),
          }}
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
            { title: t.users.role, dataIndex: 'role', render: (r: Role) => <Tag color={r === 'county_admin' ? 'red' : r === 'site_admin' ? 'orange' : undefined}>{ROLE_LABELS[r]}</Tag> },
            {
              title: t.users.site,
              key: 'site',
              render: (_, u) => (u.role === 'county_admin' ? t.users.wholeCounty : (u.siteName ?? t.users.noSite)),
            },
            { title: t.users.volunteerLinked, key: 'vol', render: (_, u) => u.volunteerName ?? t.users.noVolunteer },
            { title: t.users.createdAt, dataIndex: 'createdAt', render: (v: string) => fmtDateTime(v) },
            {
              title: t.common.actions,
              key: 'actions',
              render: (_, u) => (
                <Button type="link" size="small" onClick={() => setEditing(u)}>
                  {t.common.edit}
                </Button>
              ),
            },
          ])}
        />
      )}
      {editing ? <UserModal user={editing === 'new' ? undefined : editing} onClose={() => setEditing(null)} /> : null}
    </>
  );
}
