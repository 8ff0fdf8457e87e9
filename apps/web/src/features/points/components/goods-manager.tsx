import { useState } from 'react';
import { Button, Checkbox, Flex, Form, Input, InputNumber, Modal, Popconfirm, Space, Switch, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { ENTITY_NAME_MAX, type CreateGoodsRequest, type GoodsDto, type GoodsQuery } from '@wenming/shared';
import { SiteSelect } from '@/components/pickers/pickers';
import { ListPage, ListSearch, useListParams } from '@/components/list-page';
import { applyApiErrors } from '@/lib/form-errors';
import { fmt, t } from '@/lib/i18n';
import { notify } from '@/lib/notify';
import { useDeleteGoods, useGoods, useSaveGoods } from '../api/points-api';
import { GoodsImage } from './goods-image';

/** Staff: the catalogue in scope. County admins also keep county-wide goods; site admins their stations'. */
export function GoodsManager({ isCountyAdmin }: { isCountyAdmin: boolean }) {
  const { filter, set, setPage } = useListParams<GoodsQuery & { showInactive: boolean }>({
    defaults: { showInactive: true },
    fields: { siteId: 'string', q: 'string', showInactive: 'boolean' },
  });
  const [editing, setEditing] = useState<GoodsDto | 'new' | null>(null);
  const { showInactive, ...query } = filter;
  const goods = useGoods({ ...query, active: showInactive ? undefined : true });
  const save = useSaveGoods();
  const del = useDeleteGoods();
  const canEdit = (g: GoodsDto) => isCountyAdmin || !!g.siteId;

  return (
    <>
      <ListPage<GoodsDto>
        filters={
          <>
            <SiteSelect
              level="station"
              aria-label={t.points.filterStation}
              placeholder={t.points.filterStation}
              style={{ width: 220 }}
              value={filter.siteId}
              onChange={(v) => set({ siteId: v })}
            />
            <ListSearch placeholder={t.points.goodsName} style={{ width: 180 }} value={filter.q} onSearch={(q) => set({ q })} />
            <Checkbox checked={showInactive} onChange={(e) => set({ showInactive: e.target.checked })}>
              {t.points.showInactive}
            </Checkbox>
          </>
        }
        filterExtra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            {t.points.createGoods}
          </Button>
        }
        query={goods}
        page={filter.page}
        pageSize={filter.pageSize}
        onPage={setPage}
        size="small"
        scroll={{ x: 820 }}
        columns={[
          { title: t.points.image, key: 'img', width: 64, render: (_, g) => <GoodsImage src={g.imageUrl} alt={g.name} size={40} /> },
          { title: t.points.goodsName, dataIndex: 'name' },
          { title: t.points.price, dataIndex: 'pointsPrice', align: 'right', width: 90 },
          {
            title: t.points.stockLabel,
            dataIndex: 'stock',
            align: 'right',
            width: 80,
            render: (n: number) => (n > 0 ? n : <Tag color="orange">{t.points.soldOut}</Tag>),
          },
          { title: t.points.scope, key: 'scope', render: (_, g) => (g.siteId ? g.siteName : <Tag color="red">{t.points.countyWide}</Tag>) },
          {
            title: t.points.active,
            key: 'active',
            width: 70,
            render: (_, g) => (
              <Switch
                size="small"
                checked={g.active}
                disabled={!canEdit(g)}
                aria-label={`${g.name} ${t.points.active}`}
                onChange={(active) =>
                  save.mutate({ id: g.id, body: { active } }, { onSuccess: () => notify.success(t.points.goodsSaved), onError: (e) => notify.error(e) })
                }
              />
            ),
          },
          {
            title: t.common.actions,
            key: 'actions',
            fixed: 'right',
            width: 120,
            render: (_, g) =>
              canEdit(g) ? (
                <Space size={0}>
                  <Button type="link" size="small" onClick={() => setEditing(g)}>
                    {t.common.edit}
                  </Button>
                  <Popconfirm
                    title={t.points.deleteConfirm}
                    okText={t.common.confirm}
                    cancelText={t.common.cancel}
                    onConfirm={() => del.mutate(g.id, { onSuccess: (r) => (r.deleted ? notify.success(t.common.deleted) : notify.info(t.points.deactivatedInstead)) })}
                  >
                    <Button type="link" size="small" danger>
                      {t.common.delete}
                    </Button>
                  </Popconfirm>
                </Space>
              ) : (
                <span style={{ color: 'rgba(0,0,0,0.45)' }}>{t.points.countyOnly}</span>
              ),
          },
        ]}
      />
      {editing ? <GoodsFormModal goods={editing === 'new' ? undefined : editing} isCountyAdmin={isCountyAdmin} onClose={() => setEditing(null)} /> : null}
    </>
  );
}

interface GoodsFormValues {
  name: string;
  imageUrl?: string;
  pointsPrice: number;
  stock: number;
  siteId?: string;
  active: boolean;
}

/** Only what changed goes into a PATCH; a site admin must choose one of their stations. */
export function toGoodsRequest(v: GoodsFormValues, before?: GoodsDto): CreateGoodsRequest | Partial<CreateGoodsRequest> {
  const full: CreateGoodsRequest = {
    name: v.name.trim(),
    imageUrl: v.imageUrl?.trim() ? v.imageUrl.trim() : null,
    pointsPrice: v.pointsPrice,
    stock: v.stock,
    siteId: v.siteId ?? null,
    active: v.active,
  };
  if (!before) return full;
  const diff: Partial<CreateGoodsRequest> = {};
  if (full.name !== before.name) diff.name = full.name;
  if (full.imageUrl !== before.imageUrl) diff.imageUrl = full.imageUrl;
  if (full.pointsPrice !== before.pointsPrice) diff.pointsPrice = full.pointsPrice;
  if (full.stock !== before.stock) diff.stock = full.stock;
  if (full.active !== before.active) diff.active = full.active;
  return diff;
}

function GoodsFormModal({ goods, isCountyAdmin, onClose }: { goods?: GoodsDto; isCountyAdmin: boolean; onClose: () => void }) {
  const [form] = Form.useForm<GoodsFormValues>();
  const save = useSaveGoods();
  const onFinish = (v: GoodsFormValues) => {
    const body = toGoodsRequest(v, goods);
    if (goods && Object.keys(body).length === 0) return onClose();
    save.mutate(
      { id: goods?.id, body },
      {
        onSuccess: () => {
          notify.success(t.points.goodsSaved);
          onClose();
        },
        onError: (e) => applyApiErrors(form, e),
      },
    );
  };
  return (
    <Modal
      open
      title={goods ? t.points.editGoods : t.points.createGoods}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      okText={t.common.save}
      cancelText={t.common.cancel}
      destroyOnHidden
    >
      <Form<GoodsFormValues>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        initialValues={
          goods
            ? {
                name: goods.name,
                imageUrl: goods.imageUrl ?? undefined,
                pointsPrice: goods.pointsPrice,
                stock: goods.stock,
                siteId: goods.siteId ?? undefined,
                active: goods.active,
              }
            : { active: true, stock: 10, pointsPrice: 10 }
        }
      >
        <Form.Item name="name" label={t.points.goodsName} rules={[{ required: true, whitespace: true, message: fmt(t.common.required, { label: t.points.goodsName }) }]}>
          <Input maxLength={ENTITY_NAME_MAX} />
        </Form.Item>
        <Flex gap={12}>
          <Form.Item
            name="pointsPrice"
            label={t.points.price}
            style={{ flex: 1 }}
            rules={[{ required: true, message: fmt(t.common.required, { label: t.points.price }) }]}
          >
            <InputNumber min={1} precision={0} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item
            name="stock"
            label={t.points.stockLabel}
            style={{ flex: 1 }}
            rules={[{ required: true, message: fmt(t.common.required, { label: t.points.stockLabel }) }]}
          >
            <InputNumber min={0} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Flex>
        <Form.Item
          name="siteId"
          label={t.points.station}
          extra={isCountyAdmin ? t.points.stationHintCounty : undefined}
          rules={isCountyAdmin ? [] : [{ required: true, message: fmt(t.common.requiredSelect, { label: t.points.station }) }]}
        >
          <SiteSelect
            level="station"
            placeholder={t.points.station}
            disabled={!!goods}
            initialOption={goods?.siteId ? { value: goods.siteId, label: goods.siteName ?? '' } : undefined}
          />
        </Form.Item>
        <Form.Item name="imageUrl" label={t.points.imageUrl}>
          <Input placeholder="https://…" maxLength={500} />
        </Form.Item>
        <Form.Item name="active" label={t.points.active} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </Modal>
  );
}
