import { useState } from 'react';
import { Button, DatePicker, Flex, Form, Input, InputNumber, Modal, Select, Switch, Table } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { ENTITY_NAME_MAX, type CreateDeedRequest, type DeedAwardDto, type DeedAwardQuery, type DeedDto } from '@wenming/shared';
import { SiteSelect, VolunteerSelect } from '@/components/pickers/pickers';
import { DownloadButton } from '@/components/ui/download-button';
import { ErrorState } from '@/components/ui/states';
import { ListPage, useListParams } from '@/components/list-page';
import { dayjs, fmtDateTime } from '@/lib/dates';
import { applyApiErrors } from '@/lib/form-errors';
import { fmt, t } from '@/lib/i18n';
import { notify } from '@/lib/notify';
import { useAwardDeed, useDeedAwards, useDeeds, useSaveDeed } from '../api/deeds-api';

/** Awards in scope: filter by station, deed and period; award points; export what the filter shows. */
export function DeedAwards() {
  const { filter, set, setPage } = useListParams<DeedAwardQuery>({
    defaults: {},
    fields: { siteId: 'string', deedId: 'string', from: 'string', to: 'string' },
  });
  const [awarding, setAwarding] = useState(false);
  const awards = useDeedAwards(filter);
  const deeds = useDeeds();
  const { page: _p, pageSize: _s, ...exportFilter } = filter;
  return (
    <>
      <ListPage<DeedAwardDto>
        filters={
          <>
            <SiteSelect
              level="station"
              aria-label={t.deeds.station}
              placeholder={t.deeds.station}
              style={{ width: 200 }}
              value={filter.siteId}
              onChange={(v) => set({ siteId: v })}
            />
            <Select
              allowClear
              aria-label={t.deeds.deed}
              placeholder={t.deeds.deed}
              style={{ width: 180 }}
              value={filter.deedId}
              options={(deeds.data ?? []).map((d) => ({ value: d.id, label: d.name }))}
              onChange={(v: string | undefined) => set({ deedId: v })}
            />
            <DatePicker.RangePicker
              aria-label={t.common.dateRange}
              value={filter.from && filter.to ? [dayjs(filter.from), dayjs(filter.to)] : null}
              onChange={(r) => set({ from: r?.[0]?.format('YYYY-MM-DD'), to: r?.[1]?.format('YYYY-MM-DD') })}
            />
          </>
        }
        filterExtra={
          <Flex gap={8}>
            <DownloadButton path="/exports/deed-awards" query={{ ...exportFilter, format: 'xlsx' }} fallbackName={`${t.deeds.awardsFile}.xlsx`}>
              {t.deeds.export}
            </DownloadButton>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setAwarding(true)}>
              {t.deeds.award}
            </Button>
          </Flex>
        }
        query={awards}
        page={filter.page}
        pageSize={filter.pageSize}
        onPage={setPage}
        size="small"
        empty={t.deeds.awardsEmpty}
        scroll={{ x: 860 }}
        columns={[
          { title: t.deeds.at, dataIndex: 'at', width: 150, render: (v: string) => fmtDateTime(v) },
          { title: t.deeds.person, dataIndex: 'volunteerName' },
          { title: t.deeds.station, dataIndex: 'siteName' },
          { title: t.deeds.deed, dataIndex: 'deedName' },
          { title: t.deeds.points, dataIndex: 'points', align: 'right', width: 70 },
          { title: t.deeds.note, dataIndex: 'note', ellipsis: true, render: (v: string | null) => v || t.deeds.noNote },
          { title: t.deeds.awardedBy, dataIndex: 'awardedByName', render: (v: string | null) => v ?? t.deeds.unknownStaff },
        ]}
      />
      {awarding ? <AwardModal deeds={(deeds.data ?? []).filter((d) => d.active)} onClose={() => setAwarding(false)} /> : null}
    </>
  );
}

interface AwardValues {
  volunteerId: string;
  deedId: string;
  note?: string;
}

function AwardModal({ deeds, onClose }: { deeds: DeedDto[]; onClose: () => void }) {
  const [form] = Form.useForm<AwardValues>();
  const award = useAwardDeed();
  const deedId = Form.useWatch('deedId', form);
  const deed = deeds.find((d) => d.id === deedId);
  return (
    <Modal
      open
      title={t.deeds.awardTitle}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={award.isPending}
      okText={t.deeds.award}
      cancelText={t.common.cancel}
      destroyOnHidden
    >
      <Form<AwardValues>
        form={form}
        layout="vertical"
        onFinish={(v) =>
          award.mutate(
            { deedId: v.deedId, volunteerId: v.volunteerId, note: v.note?.trim() || undefined },
            {
              onSuccess: (a) => {
                notify.success(fmt(t.deeds.awardedN, { name: a.volunteerName, n: a.points }));
                onClose();
              },
              onError: (e) => applyApiErrors(form, e),
            },
          )
        }
      >
        <Form.Item name="volunteerId" label={t.deeds.person} rules={[{ required: true, message: fmt(t.common.requiredSelect, { label: t.deeds.person }) }]}>
          <VolunteerSelect placeholder={t.deeds.personPlaceholder} />
        </Form.Item>
        <Form.Item
          name="deedId"
          label={t.deeds.deed}
          extra={deed ? fmt(t.deeds.deedHint, { n: deed.points, cap: deed.yearlyCap }) : undefined}
          rules={[{ required: true, message: fmt(t.common.requiredSelect, { label: t.deeds.deed }) }]}
        >
          <Select placeholder={t.deeds.deed} options={deeds.map((d) => ({ value: d.id, label: `${d.name}（${d.points} ${t.deeds.points}）` }))} />
        </Form.Item>
        <Form.Item name="note" label={t.deeds.note}>
          <Input.TextArea rows={3} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The county's deed list; only the county admin edits it. */
export function DeedList({ isCountyAdmin }: { isCountyAdmin: boolean }) {
  const deeds = useDeeds();
  const [editing, setEditing] = useState<DeedDto | 'new' | null>(null);
  return (
    <>
      {isCountyAdmin ? (
        <Flex justify="flex-end" style={{ marginBottom: 12 }}>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            {t.deeds.createDeed}
          </Button>
        </Flex>
      ) : null}
      {deeds.isError && !deeds.data ? (
        <ErrorState error={deeds.error} onRetry={() => deeds.refetch()} />
      ) : (
        <Table<DeedDto>
          rowKey="id"
          size="small"
          loading={deeds.isFetching}
          dataSource={deeds.data ?? []}
          pagination={false}
          scroll={{ x: 640 }}
          columns={[
            { title: t.deeds.deed, dataIndex: 'name' },
            { title: t.deeds.description, dataIndex: 'description', render: (v: string | null) => v || t.deeds.noNote },
            { title: t.deeds.points, dataIndex: 'points', align: 'right', width: 70 },
            { title: t.deeds.yearlyCap, dataIndex: 'yearlyCap', align: 'right', width: 120 },
            { title: t.deeds.active, dataIndex: 'active', width: 70, render: (v: boolean) => (v ? t.common.yes : t.common.no) },
            ...(isCountyAdmin
              ? [
                  {
                    title: t.common.actions,
                    key: 'a',
                    width: 80,
                    render: (_: unknown, d: DeedDto) => (
                      <Button type="link" size="small" onClick={() => setEditing(d)}>
                        {t.common.edit}
                      </Button>
                    ),
                  },
                ]
              : []),
          ]}
        />
      )}
      {editing ? <DeedFormModal deed={editing === 'new' ? undefined : editing} onClose={() => setEditing(null)} /> : null}
    </>
  );
}

function DeedFormModal({ deed, onClose }: { deed?: DeedDto; onClose: () => void }) {
  const [form] = Form.useForm<CreateDeedRequest>();
  const save = useSaveDeed();
  return (
    <Modal
      open
      title={deed ? t.deeds.editDeed : t.deeds.createDeed}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      okText={t.common.save}
      cancelText={t.common.cancel}
      destroyOnHidden
    >
      <Form<CreateDeedRequest>
        form={form}
        layout="vertical"
        initialValues={
          deed
            ? { name: deed.name, description: deed.description, points: deed.points, yearlyCap: deed.yearlyCap, active: deed.active }
            : { points: 5, yearlyCap: 20, active: true }
        }
        onFinish={(v) =>
          save.mutate(
            { id: deed?.id, body: { ...v, name: v.name.trim(), description: v.description?.trim() || null } },
            { onSuccess: () => (notify.success(t.deeds.saved), onClose()), onError: (e) => applyApiErrors(form, e) },
          )
        }
      >
        <Form.Item name="name" label={t.deeds.deed} rules={[{ required: true, whitespace: true, message: fmt(t.common.required, { label: t.deeds.deed }) }]}>
          <Input maxLength={ENTITY_NAME_MAX} />
        </Form.Item>
        <Form.Item name="description" label={t.deeds.description}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
        <Flex gap={12}>
          <Form.Item name="points" label={t.deeds.points} style={{ flex: 1 }} rules={[{ required: true, message: fmt(t.common.required, { label: t.deeds.points }) }]}>
            <InputNumber min={1} precision={0} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item
            name="yearlyCap"
            label={t.deeds.yearlyCap}
            style={{ flex: 1 }}
            rules={[{ required: true, message: fmt(t.common.required, { label: t.deeds.yearlyCap }) }]}
          >
            <InputNumber min={1} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Flex>
        <Form.Item name="active" label={t.deeds.active} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </Modal>
  );
}
