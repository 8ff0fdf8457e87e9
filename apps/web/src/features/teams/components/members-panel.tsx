import { useState } from 'react';
import { Button, Card, DatePicker, Flex, Form, Input, List, Modal, Popconfirm, Segmented, Select, Space, Table, Tag } from 'antd';
import { UserAddOutlined, UsergroupAddOutlined } from '@ant-design/icons';
import { maskPhone, PHONE_PATTERN, type Gender, type JoinRequestDto, type MembershipDto, type MembershipRole, type PoliticalStatus } from '@wenming/shared';
import { VolunteerSelect } from '@/components/pickers/pickers';
import { optionsOf } from '@/components/ui/options';
import { ErrorState } from '@/components/ui/states';
import { fmtDate, type Dayjs } from '@/lib/dates';
import { applyApiErrors } from '@/lib/form-errors';
import { GENDER_LABELS, MEMBERSHIP_ROLE_LABELS, POLITICAL_STATUS_LABELS, fmt, t } from '@/lib/i18n';
import { notify } from '@/lib/notify';
import { useAddMember, useAddMemberByPhone, useAddPupil, useDecideJoinRequest, useJoinRequests, useMembers, useRemoveMember } from '../api/teams-api';

function AddMemberModal({ teamId, open, onClose, canSetRole }: { teamId: string; open: boolean; onClose: () => void; canSetRole: boolean }) {
  const [form] = Form.useForm<{ volunteerId?: string; phone?: string; role: MembershipRole }>();
  const add = useAddMember(teamId);
  const byPhone = useAddMemberByPhone(teamId);
  // leaders add an existing volunteer by the exact phone (no listing of strangers); admins may also pick from their scope
  const [mode, setMode] = useState<'phone' | 'pick'>('phone');
  const done = () => {
    notify.success(t.teams.memberAdded);
    onClose();
  };
  return (
    <Modal
      open={open}
      title={t.teams.addMember}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={add.isPending || byPhone.isPending}
      destroyOnHidden
      okText={t.common.save}
      cancelText={t.common.cancel}
    >
      {canSetRole ? (
        <Segmented
          block
          value={mode}
          onChange={(v) => setMode(v as 'phone' | 'pick')}
          options={[
            { value: 'phone', label: t.teams.addByPhone },
            { value: 'pick', label: t.teams.pickVolunteer },
          ]}
          style={{ marginBottom: 12 }}
        />
      ) : null}
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ role: 'member' }}
        onFinish={(v) =>
          mode === 'phone'
            ? byPhone.mutate(v.phone!.trim(), { onSuccess: done, onError: (e) => applyApiErrors(form, e) })
            : add.mutate({ volunteerId: v.volunteerId!, role: v.role }, { onSuccess: done })
        }
      >
        {mode === 'phone' ? (
          <Form.Item
            label={t.teams.phoneExact}
            name="phone"
            extra={t.teams.phoneExactHint}
            rules={[{ required: true, pattern: PHONE_PATTERN, message: t.teams.phoneExactInvalid }]}
          >
            <Input inputMode="numeric" maxLength={11} placeholder="13800000004" autoComplete="off" />
          </Form.Item>
        ) : (
          <>
            <Form.Item
              label={t.teams.pickVolunteer}
              name="volunteerId"
              rules={[{ required: true, message: fmt(t.common.requiredSelect, { label: t.teams.pickVolunteer }) }]}
            >
              <VolunteerSelect placeholder={t.teams.pickVolunteerPlaceholder} />
            </Form.Item>
            <Form.Item label={t.teams.memberRole} name="role">
              <Select options={optionsOf(MEMBERSHIP_ROLE_LABELS)} />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}

/** 入队申请: pending requests of the team, approve / decline. */
function JoinRequestsPanel({ teamId }: { teamId: string }) {
  const requests = useJoinRequests(teamId, 'pending');
  const decide = useDecideJoinRequest(teamId);
  const rows = requests.data?.items ?? [];
  if (!rows.length) return null;
  return (
    <Card size="small" title={`${t.teams.joinRequests}（${rows.length}）`} data-testid="join-requests">
      <List<JoinRequestDto>
        dataSource={rows}
        renderItem={(r) => (
          <List.Item
            actions={[
              <Button
                key="ok"
                type="primary"
                size="small"
                loading={decide.isPending}
                onClick={() => decide.mutate({ requestId: r.id, decision: 'approve' }, { onSuccess: () => notify.success(t.teams.approved) })}
              >
                {t.teams.approve}
              </Button>,
              <Button
                key="no"
                size="small"
                disabled={decide.isPending}
                onClick={() => decide.mutate({ requestId: r.id, decision: 'decline' }, { onSuccess: () => notify.success(t.teams.declined) })}
              >
                {t.teams.decline}
              </Button>,
            ]}
          >
            <List.Item.Meta
              title={`${r.volunteerName}（${r.volunteerPhone}）`}
              description={`${t.teams.requestedAt} ${fmtDate(r.createdAt)}${r.message ? ` · ${t.teams.requestMessage}：${r.message}` : ''}`}
            />
          </List.Item>
        )}
      />
    </Card>
  );
}

interface PupilValues {
  name: string;
  gender?: Gender;
  birthDate?: Dayjs;
  politicalStatus?: PoliticalStatus;
}

function AddPupilModal({ teamId, open, onClose }: { teamId: string; open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<PupilValues>();
  const add = useAddPupil(teamId);
  return (
    <Modal
      open={open}
      title={t.teams.addPupil}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={add.isPending}
      destroyOnHidden
      okText={t.common.save}
      cancelText={t.common.cancel}
    >
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ politicalStatus: 'young_pioneer' }}
        onFinish={(v) =>
          add.mutate(
            { name: v.name.trim(), gender: v.gender, birthDate: v.birthDate?.format('YYYY-MM-DD'), politicalStatus: v.politicalStatus },
            {
              onSuccess: () => {
                notify.success(t.teams.memberAdded);
                onClose();
              },
              onError: (e) => applyApiErrors(form, e),
            },
          )
        }
      >
        <p style={{ color: 'rgba(0,0,0,0.45)', marginTop: 0 }}>{t.teams.addPupilHint}</p>
        <Form.Item label={t.volunteers.name} name="name" rules={[{ required: true, whitespace: true, message: fmt(t.common.required, { label: t.volunteers.name }) }]}>
          <Input maxLength={30} />
        </Form.Item>
        <Form.Item label={t.volunteers.gender} name="gender">
          <Select allowClear options={optionsOf(GENDER_LABELS)} />
        </Form.Item>
        <Form.Item label={t.volunteers.birthDate} name="birthDate">
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item label={t.volunteers.politicalStatus} name="politicalStatus">
          <Select allowClear options={optionsOf(POLITICAL_STATUS_LABELS)} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Members of one team: list, add an existing volunteer, add a person without a login, remove. */
export function MembersPanel({ teamId, canManage, canSetRole = false }: { teamId: string; canManage: boolean; canSetRole?: boolean }) {
  const members = useMembers(teamId);
  const remove = useRemoveMember(teamId);
  const [adding, setAdding] = useState<'member' | 'pupil' | null>(null);
  if (members.isError && !members.data) return <ErrorState error={members.error} onRetry={() => members.refetch()} />;
  const rows = members.data ?? [];
  return (
    <Flex vertical gap={12}>
      {canManage ? (
        <Space wrap>
          <Button type="primary" icon={<UserAddOutlined />} onClick={() => setAdding('member')}>
            {t.teams.addMember}
          </Button>
          <Button icon={<UsergroupAddOutlined />} onClick={() => setAdding('pupil')}>
            {t.teams.addPupil}
          </Button>
        </Space>
      ) : null}
      {canManage ? <JoinRequestsPanel teamId={teamId} /> : null}
      <Table<MembershipDto>
        rowKey="volunteerId"
        size="small"
        loading={members.isPending}
        dataSource={rows}
        pagination={rows.length > 20 ? { pageSize: 20, showTotal: (n) => fmt(t.common.total, { n }) } : false}
        columns={[
          { title: t.volunteers.name, key: 'name', render: (_, m) => m.volunteer.name },
          {
            title: t.teams.memberRole,
            dataIndex: 'role',
            render: (r: MembershipRole) => <Tag color={r === 'leader' ? 'red' : undefined}>{MEMBERSHIP_ROLE_LABELS[r]}</Tag>,
          },
          { title: t.volunteers.phone, key: 'phone', render: (_, m) => maskPhone(m.volunteer?.phone) ?? '—' },
          {
            title: t.volunteers.politicalStatus,
            key: 'ps',
            responsive: ['md'],
            render: (_, m) => (m.volunteer?.politicalStatus ? POLITICAL_STATUS_LABELS[m.volunteer.politicalStatus] : '—'),
          },
          { title: t.teams.joinedAt, dataIndex: 'joinedAt', responsive: ['md'], render: (v: string) => fmtDate(v) },
          ...(canManage
            ? [
                {
                  title: t.common.actions,
                  key: 'actions',
                  render: (_: unknown, m: MembershipDto) =>
                    m.role === 'leader' && !canSetRole ? null : (
                      <Popconfirm
                        title={fmt(t.teams.removeConfirm, { name: m.volunteer.name })}
                        onConfirm={() => remove.mutate(m.volunteerId, { onSuccess: () => notify.success(t.teams.memberRemoved) })}
                      >
                        <Button size="small" type="link" danger>
                          {t.teams.removeMember}
                        </Button>
                      </Popconfirm>
                    ),
                },
              ]
            : []),
        ]}
      />
      {adding === 'member' ? <AddMemberModal teamId={teamId} open onClose={() => setAdding(null)} canSetRole={canSetRole} /> : null}
      {adding === 'pupil' ? <AddPupilModal teamId={teamId} open onClose={() => setAdding(null)} /> : null}
    </Flex>
  );
}
