import { Col, Form, Input, Modal, Row, Typography } from 'antd';
import type { VolunteerDto } from '@wenming/shared';
import { SiteSelect } from '@/components/pickers/pickers';
import { applyApiErrors } from '@/lib/form-errors';
import { fmt, t } from '@/lib/i18n';
import { notify } from '@/lib/notify';
import { BirthDateField, GenderField, NameField, PhoneField, PoliticalStatusField, SkillsField } from './volunteer-fields';
import { useUpdateVolunteer } from '../api/volunteers-api';
import { ID_NUMBER_PATTERN, toUpdateVolunteerRequest, volunteerEditInitial, type VolunteerEditValues } from '../lib/volunteer-form';

export const EDIT_VOLUNTEER_TEXT = {
  title: '编辑志愿者资料',
  action: '编辑',
  saved: '已保存 {name} 的资料',
  unchanged: '没有修改任何内容',
  idNumberKeep: '当前：{masked}。不修改请留空；输入新的 18 位身份证号将替换原号码',
  idNumberNone: '尚未登记；可输入 18 位身份证号',
  idNumberPlaceholder: '留空则不修改',
};

/**
 * 编辑志愿者 for staff: PATCH /volunteers/:id with only the changed fields. The ID number is shown masked
 * and replaced only when the clerk types a new one. API `details` (409 phone taken, 400 per field) land on the fields.
 */
export function EditVolunteerModal({ volunteer, onClose }: { volunteer: VolunteerDto; onClose: () => void }) {
  const [form] = Form.useForm<VolunteerEditValues>();
  const update = useUpdateVolunteer();
  const T = EDIT_VOLUNTEER_TEXT;

  return (
    <Modal
      open
      title={`${T.title} · ${volunteer.name}`}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={update.isPending}
      okText={t.common.save}
      cancelText={t.common.cancel}
      width={640}
      destroyOnHidden
    >
      <Form<VolunteerEditValues>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={volunteerEditInitial(volunteer)}
        // no implicit submit: Enter in a field never saves (only the 保存 button does)
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.target as HTMLElement).tagName === 'INPUT') e.preventDefault();
        }}
        onFinish={(v) => {
          const body = toUpdateVolunteerRequest(volunteer, v);
          if (Object.keys(body).length === 0) {
            notify.info(T.unchanged);
            onClose();
            return;
          }
          update.mutate(
            { id: volunteer.id, body },
            {
              onSuccess: (saved) => {
                notify.success(fmt(T.saved, { name: saved?.name ?? v.name.trim() }));
                onClose();
              },
              onError: (e) => applyApiErrors(form, e),
            },
          );
        }}
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
              <SiteSelect aria-label={t.volunteers.site} initialOption={{ value: volunteer.siteId, label: volunteer.siteName }} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <GenderField />
          </Col>
          <Col xs={24} sm={12}>
            <BirthDateField />
          </Col>
          <Col xs={24} sm={12}>
            <PoliticalStatusField />
          </Col>
          <Col span={24}>
            <Form.Item
              label={t.volunteers.idNumber}
              name="idNumber"
              extra={
                <Typography.Text type="secondary" data-testid="id-number-current">
                  {volunteer.idNumber ? fmt(T.idNumberKeep, { masked: volunteer.idNumber }) : T.idNumberNone}
                </Typography.Text>
              }
              rules={[{ pattern: ID_NUMBER_PATTERN, message: t.volunteers.idNumberInvalid }]}
              normalize={(v: string) => (v ?? '').replace(/\s+/g, '').toUpperCase()}
            >
              <Input maxLength={18} autoComplete="off" placeholder={T.idNumberPlaceholder} />
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
