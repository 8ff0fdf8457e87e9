import { Form, Input, Modal, Select } from 'antd';
import { ENTITY_NAME_MAX, type CreateTeamRequest } from '@wenming/shared';
import { SiteSelect, teamTypeOptions } from '@/components/pickers/pickers';
import { applyApiErrors } from '@/lib/form-errors';
import { fmt, t } from '@/lib/i18n';
import { notify } from '@/lib/notify';
import { useSaveTeam, type TeamView } from '../api/teams-api';

export function TeamFormModal({ team, open, onClose }: { team?: TeamView; open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<CreateTeamRequest>();
  const save = useSaveTeam();
  return (
    <Modal
      open={open}
      title={team ? t.teams.edit : t.teams.create}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      okText={t.common.save}
      cancelText={t.common.cancel}
      destroyOnHidden
    >
      <Form<CreateTeamRequest>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={team ?? { type: 'red_vest' }}
        onFinish={(v) =>
          save.mutate(
            { id: team?.id, body: v },
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
        <Form.Item label={t.teams.name} name="name" rules={[{ required: true, whitespace: true, message: fmt(t.common.required, { label: t.teams.name }) }]}>
          <Input maxLength={ENTITY_NAME_MAX} />
        </Form.Item>
        <Form.Item label={t.teams.type} name="type" rules={[{ required: true }]}>
          <Select options={teamTypeOptions()} />
        </Form.Item>
        {!team ? (
          <Form.Item label={t.teams.site} name="siteId" rules={[{ required: true, message: fmt(t.common.requiredSelect, { label: t.teams.site }) }]}>
            <SiteSelect />
          </Form.Item>
        ) : null}
        <Form.Item label={t.teams.description} name="description">
          <Input.TextArea rows={3} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
