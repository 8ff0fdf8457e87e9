import { Form, Input, Modal, Select, Switch } from 'antd';
import { ENTITY_NAME_MAX, type MenuItemDto } from '@wenming/shared';
import { SiteSelect, TeamMultiSelect } from '@/components/pickers/pickers';
import { optionsOf } from '@/components/ui/options';
import { applyApiErrors } from '@/lib/form-errors';
import { ACTIVITY_CATEGORY_LABELS, fmt, t } from '@/lib/i18n';
import { notify } from '@/lib/notify';
import { useSaveMenuItem } from '../api/menu-items-api';
import { emptyMenuItem, formValuesOf, scopeError, toCreateRequest, toUpdateRequest, type MenuItemFormValues } from '../lib/menu-item-form';

/**
 * Create or edit a service-menu item. A county admin may leave the station empty (county-wide);
 * a site admin must pick one of their stations. The station of an existing item is fixed.
 */
export function MenuItemFormModal({
  item,
  open,
  isCountyAdmin,
  defaultSiteId,
  onClose,
}: {
  item?: MenuItemDto;
  open: boolean;
  isCountyAdmin: boolean;
  defaultSiteId?: string;
  onClose: () => void;
}) {
  const [form] = Form.useForm<MenuItemFormValues>();
  const save = useSaveMenuItem();

  const onFinish = (v: MenuItemFormValues) => {
    if (item) {
      const update = toUpdateRequest(v, item);
      if (Object.keys(update).length === 0) {
        onClose();
        return;
      }
      save.mutate(
        { id: item.id, update },
        {
          onSuccess: () => {
            notify.success(t.common.saved);
            onClose();
          },
          onError: (e) => applyApiErrors(form, e),
        },
      );
      return;
    }
    save.mutate(
      { create: toCreateRequest(v) },
      {
        onSuccess: () => {
          notify.success(t.common.saved);
          onClose();
        },
        onError: (e) => applyApiErrors(form, e),
      },
    );
  };

  return (
    <Modal
      open={open}
      title={item ? t.menuItems.edit : t.menuItems.create}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      okText={t.common.save}
      cancelText={t.common.cancel}
      destroyOnHidden
    >
      <Form<MenuItemFormValues>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={item ? formValuesOf(item) : emptyMenuItem(defaultSiteId)}
        onFinish={onFinish}
      >
        {item ? (
          <Form.Item label={t.menuItems.scope}>
            <Input value={item.siteName ?? t.menuItems.countyWide} disabled aria-label={t.menuItems.scope} />
          </Form.Item>
        ) : (
          <Form.Item
            label={t.menuItems.site}
            name="siteId"
            extra={isCountyAdmin ? t.menuItems.countyWideHint : undefined}
            rules={[
              {
                validator: (_, value: string | undefined) => (scopeError(value, isCountyAdmin) ? Promise.reject(new Error(t.menuItems.siteRequired)) : Promise.resolve()),
              },
            ]}
          >
            <SiteSelect level="station" placeholder={isCountyAdmin ? t.menuItems.countyWide : t.menuItems.siteRequired} />
          </Form.Item>
        )}
        <Form.Item
          label={t.menuItems.name}
          name="title"
          rules={[
            { required: true, whitespace: true, message: fmt(t.common.required, { label: t.menuItems.name }) },
            { max: ENTITY_NAME_MAX, message: `${t.menuItems.name}最多 ${ENTITY_NAME_MAX} 个字` },
          ]}
        >
          <Input maxLength={ENTITY_NAME_MAX} />
        </Form.Item>
        <Form.Item label={t.menuItems.category} name="category" rules={[{ required: true, message: fmt(t.common.requiredSelect, { label: t.menuItems.category }) }]}>
          <Select options={optionsOf(ACTIVITY_CATEGORY_LABELS)} />
        </Form.Item>
        <Form.Item label={t.menuItems.description} name="description">
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
        <Form.Item label={t.menuItems.teams} name="teamIds" rules={[{ required: true, type: 'array', min: 1, message: t.menuItems.teamsRequired }]}>
          <TeamMultiSelect initialOptions={item?.teams.map((tm) => ({ value: tm.id, label: tm.name }))} />
        </Form.Item>
        <Form.Item label={t.menuItems.active} name="active" valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </Modal>
  );
}
