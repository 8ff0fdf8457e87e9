import { Col, Form, Input, Modal, Row } from 'antd';
import type { VolunteerDto } from '@wenming/shared';
import { SiteSelect, TeamSelect } from '@/components/pickers/pickers';
import { applyApiErrors } from '@/lib/form-errors';
import { fmt, t } from '@/lib/i18n';
import { notify } from '@/lib/notify';
import { BirthDateField, GenderField, NameField, PhoneField, PoliticalStatusField, SkillsField } from './volunteer-fields';
import { useCreateVolunteer } from '../api/volunteers-api';
import { ID_NUMBER_PATTERN, toCreateVolunteerRequest, type VolunteerFormValues } from '../lib/volunteer-form';

/**
 * 新增志愿者 for admins: POST /volunteers. The API's `details` (duplicate phone, bad id number,
 * a site outside one's scope…) are shown on the matching fields.
 */
export function CreateVolunteerModal({
  open,
  onClose,
  onCreated,
  defaultSiteId,
}: {
  open: boolean;
  onClose: () => void;
  onCreated?: (v: VolunteerDto) => void;
  defaultSiteId?: string;
}) {
  const [form] = Form.useForm<VolunteerFormValues>();
  const create = useCreateVolunteer();
  const siteId = Form.useWatch('siteId', form);

  return (
    <Modal
      open={open}
      title={t.volunteers.create}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={create.isPending}
      okText={t.common.save}
      cancelText={t.common.cancel}
      width={640}
      destroyOnHidden
    >
      <Form<VolunteerFormValues>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ siteId: defaultSiteId, skills: [] }}
        onValuesChange={(changed: Partial<VolunteerFormValues>) => {
          // A team belongs to a site: changing the site clears the team.
          if ('siteId' in changed) form.setFieldValue('teamId', undefined);
        }}
        onFinish={(v) =>
          create.mutate(toCreateVolunteerRequest(v), {
            onSuccess: (created) => {
              notify.success(fmt(t.volunteers.created, { name: created?.name ?? v.name.trim(), number: created?.volunteerNumber ?? '—' }));
              onCreated?.(created);
              onClose();
            },
            onError: (e) => applyApiErrors(form, e),
          })
        }
      >
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <NameField />
          </Col>
          <Col xs={24} sm={12}>
            <PhoneField />
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item label={t.volunteers.site} name="siteId" rules={[{ required: true, message: fmt(t.common.requiredSelect, { label: t.volunteers.site }) }]}>
              <SiteSelect />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item label={t.volunteers.joinTeam} name="teamId">
              <TeamSelect siteId={siteId} disabled={!siteId} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <GenderField allowClear />
          </Col>
          <Col xs={24} sm={12}>
            <BirthDateField />
          </Col>
          <Col xs={24} sm={12}>
            <PoliticalStatusField allowClear />
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              label={t.volunteers.idNumber}
              name="idNumber"
              rules={[{ pattern: ID_NUMBER_PATTERN, message: t.volunteers.idNumberInvalid }]}
              normalize={(v: string) => (v ?? '').replace(/\s+/g, '').toUpperCase()}
            >
              <Input maxLength={18} autoComplete="off" />
            </Form.Item>
          </Col>
          <Col span={24}>
            <SkillsField />
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
