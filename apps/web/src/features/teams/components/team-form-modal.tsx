import { Form, Input, Select } from 'antd';
import type { CreateTeamRequest } from '@wenming/shared';
import { SiteSelect, teamTypeOptions } from '@/components/pickers/pickers';
import { FormModal } from '@/components/form-modal/form-modal';
import { fmt, t } from '@/lib/i18n';
import { useSaveTeam, type TeamView } from '../api/teams-api';

export function TeamFormModal({ team, open, onClose }: { team?: TeamView; open: boolean; onClose: () => void }) {
  const save = useSaveTeam();
  return (
    <FormModal<CreateTeamRequest>
      open={open}
      title={team ? t.teams.edit : t.teams.create}
      initialValues={team ?? { type: 'red_vest' }}
      onSubmit={(v) => save.mutateAsync({ id: team?.id, body: v })}
      onClose={onClose}
    >
      <Form.Item label={t.teams.name} name="name" rules={[{ required: true, whitespace: true, message: fmt(t.common.required, { label: t.teams.name }) }]}>
        <Input maxLength={60} />
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
    </FormModal>
  );
}
