import { Form, Input, Select } from 'antd';
import type { CreateSiteRequest, RegionDto, SiteLevel } from '@wenming/shared';
import { useQuery } from '@tanstack/react-query';
import { SiteSelect } from '@/components/pickers/pickers';
import { optionsOf } from '@/components/ui/options';
import { api } from '@/lib/api-client';
import { FormModal } from '@/components/form-modal/form-modal';
import { REGION_LEVEL_LABELS, SITE_LEVEL_LABELS, fmt, t } from '@/lib/i18n';
import { useSaveSite, type SiteView } from '../api/sites-api';

function useRegions() {
  return useQuery({
    queryKey: ['lookup', 'regions', 'all'],
    queryFn: () => api.get<RegionDto[]>('/regions'),
    staleTime: 10 * 60_000,
  });
}

export function SiteFormModal({ site, open, onClose }: { site?: SiteView; open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<CreateSiteRequest>();
  const save = useSaveSite();
  const regions = useRegions();
  const level = Form.useWatch('level', form) as SiteLevel | undefined;
  return (
    <FormModal<CreateSiteRequest>
      open={open}
      form={form}
      title={site ? t.sites.edit : t.sites.create}
      initialValues={site ?? { level: 'station' }}
      onSubmit={(v) => save.mutateAsync({ id: site?.id, body: v })}
      onClose={onClose}
    >
      <Form.Item label={t.sites.name} name="name" rules={[{ required: true, whitespace: true, message: fmt(t.common.required, { label: t.sites.name }) }]}>
        <Input maxLength={60} />
      </Form.Item>
      <Form.Item label={t.sites.level} name="level" rules={[{ required: true }]}>
        <Select disabled={!!site} options={optionsOf(SITE_LEVEL_LABELS)} />
      </Form.Item>
      {level && level !== 'center' && !site ? (
        <Form.Item label={t.sites.parent} name="parentId" rules={[{ required: true, message: fmt(t.common.requiredSelect, { label: t.sites.parent }) }]}>
          <SiteSelect level={level === 'station' ? 'institute' : 'center'} />
        </Form.Item>
      ) : null}
      <Form.Item label={t.sites.region} name="regionId" rules={[{ required: true, message: fmt(t.common.requiredSelect, { label: t.sites.region }) }]}>
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          loading={regions.isPending}
          options={(regions.data ?? []).map((r) => ({ value: r.id, label: `${r.name}（${REGION_LEVEL_LABELS[r.level]}）` }))}
        />
      </Form.Item>
      <Form.Item label={t.sites.address} name="address">
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item label={t.sites.contactName} name="contactName">
        <Input maxLength={30} />
      </Form.Item>
      <Form.Item label={t.sites.contactPhone} name="contactPhone">
        <Input maxLength={20} />
      </Form.Item>
    </FormModal>
  );
}
