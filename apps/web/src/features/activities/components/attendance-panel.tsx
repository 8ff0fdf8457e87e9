import { useState } from 'react';
import { Button, DatePicker, Flex, Form, Input, Modal, Popconfirm, Space, Statistic, Table, Tag } from 'antd';
import { CheckOutlined, PlusOutlined } from '@ant-design/icons';
import type { ActivityDto, AttendanceListItemDto, AttendanceStatus } from '@wenming/shared';
import { VolunteerSelect } from '@/components/pickers/pickers';
import { AttendanceStatusTag } from '@/components/ui/status-tag';
import { ErrorState } from '@/components/ui/states';
import { fmtDateTime, isoToWallClock, wallClockToIso, type Dayjs } from '@/lib/dates';
import { applyApiErrors } from '@/lib/form-errors';
import { ATTENDANCE_METHOD_LABELS, fmt, t, tOffline } from '@/lib/i18n';
import { notify } from '@/lib/notify';
import { useAttendance, useConfirmAttendance, useManualAttendance, useRejectAttendance } from '../api/attendance-api';

function ManualAttendanceModal({ activity, open, onClose }: { activity: ActivityDto; open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<{ volunteerId: string; time: [Dayjs, Dayjs | null] }>();
  const add = useManualAttendance(activity.id);
  return (
    <Modal
      open={open}
      title={t.attendance.manualAdd}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={add.isPending}
      okText={t.common.save}
      cancelText={t.common.cancel}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        // honest hours: the check-out defaults to the end only once it has passed; before that it stays empty (no hours for time that has not happened)
        // eslint-disable-next-line react-hooks/purity -- the default is taken when the form opens (preserve={false}); nothing is memoised on it
        initialValues={{ time: [isoToWallClock(activity.startsAt), new Date(activity.endsAt).getTime() <= Date.now() ? isoToWallClock(activity.endsAt) : null] }}
        onFinish={(v) =>
          add.mutate(
            { volunteerId: v.volunteerId, checkInAt: wallClockToIso(v.time[0]), checkOutAt: v.time[1] ? wallClockToIso(v.time[1]) : null },
            {
              onSuccess: () => {
                notify.success(t.attendance.manualAdded);
                onClose();
              },
              onError: (e) => applyApiErrors(form, e),
            },
          )
        }
      >
        <Form.Item
          label={t.attendance.volunteer}
          name="volunteerId"
          rules={[{ required: true, message: fmt(t.common.requiredSelect, { label: t.attendance.volunteer }) }]}
        >
          <VolunteerSelect teamId={activity.teamId} placeholder={t.teams.pickVolunteerPlaceholder} />
        </Form.Item>
        <Form.Item label={`${t.attendance.checkInAt} – ${t.attendance.checkOutAt}`} name="time" rules={[{ required: true }]}>
          <DatePicker.RangePicker
            showTime={{ format: 'HH:mm' }}
            format="YYYY-MM-DD HH:mm"
            allowEmpty={[false, true]}
            disabledDate={(d) => d.valueOf() > Date.now() + 86_400_000}
            style={{ width: '100%' }}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function RejectButton({ activityId, volunteerId }: { activityId: string; volunteerId: string }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const reject = useRejectAttendance(activityId);
  return (
    <>
      <Button size="small" type="link" danger onClick={() => setOpen(true)}>
        {t.attendance.reject}
      </Button>
      <Modal
        open={open}
        title={t.attendance.reject}
        onCancel={() => setOpen(false)}
        okButtonProps={{ danger: true, disabled: !reason.trim() }}
        confirmLoading={reject.isPending}
        onOk={() =>
          reject.mutate(
            { volunteerId, reason: reason.trim() },
            {
              onSuccess: () => {
                notify.success(t.attendance.rejected);
                setOpen(false);
                setReason('');
              },
            },
          )
        }
      >
        <Input.TextArea
          aria-label={t.attendance.rejectReason}
          placeholder={t.attendance.rejectReason}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          rows={3}
        />
      </Modal>
    </>
  );
}

export function AttendancePanel({ activity, canManage }: { activity: ActivityDto; canManage: boolean }) {
  const query = useAttendance(activity.id, 15_000);
  const confirm = useConfirmAttendance(activity.id);
  const [selected, setSelected] = useState<string[]>([]);
  const [manualOpen, setManualOpen] = useState(false);
  if (query.isError && !query.data) return <ErrorState error={query.error} onRetry={() => query.refetch()} />;
  const rows = query.data ?? [];
  const pending = rows.filter((r) => r.status === 'pending');
  const live = activity.status !== 'cancelled';

  const doConfirm = (ids?: string[]) =>
    confirm.mutate(ids, {
      onSuccess: (res) => {
        notify.success(fmt(t.attendance.confirmed, { n: res?.confirmed ?? ids?.length ?? pending.length }));
        setSelected([]);
      },
    });

  return (
    <Flex vertical gap={12}>
      <Flex wrap gap={24} align="center" justify="space-between">
        <Space size={32}>
          <Statistic loading={query.isPending} title={t.attendance.checkedInCount} value={rows.filter((r) => r.status !== 'rejected').length} suffix={t.common.people} />
          <Statistic loading={query.isPending} title={t.attendance.pendingCount} value={pending.length} />
        </Space>
        {canManage && live ? (
          <Space wrap>
            <Button icon={<PlusOutlined />} onClick={() => setManualOpen(true)}>
              {t.attendance.manualAdd}
            </Button>
            <Button disabled={selected.length === 0} loading={confirm.isPending && !!confirm.variables} onClick={() => doConfirm(selected)}>
              {t.attendance.confirmSelected}
            </Button>
            <Popconfirm title={`${t.attendance.confirmAll}？`} onConfirm={() => doConfirm(undefined)} disabled={pending.length === 0}>
              <Button type="primary" icon={<CheckOutlined />} disabled={pending.length === 0} loading={confirm.isPending && !confirm.variables}>
                {t.attendance.confirmAll}
              </Button>
            </Popconfirm>
          </Space>
        ) : null}
      </Flex>
      <Table<AttendanceListItemDto>
        rowKey="volunteerId"
        size="small"
        loading={query.isPending}
        dataSource={rows}
        scroll={{ x: 720 }}
        pagination={rows.length > 50 ? { pageSize: 50 } : false}
        rowSelection={
          canManage
            ? {
                selectedRowKeys: selected,
                onChange: (keys) => setSelected(keys as string[]),
                getCheckboxProps: (r) => ({ disabled: r.status !== 'pending' }),
              }
            : undefined
        }
        columns={[
          { title: t.attendance.volunteer, key: 'name', dataIndex: 'volunteerName' },
          { title: t.attendance.checkInAt, dataIndex: 'checkInAt', render: (v: string | null) => fmtDateTime(v) },
          { title: t.attendance.checkOutAt, dataIndex: 'checkOutAt', render: (v: string | null) => fmtDateTime(v) },
          {
            title: t.attendance.method,
            dataIndex: 'method',
            render: (m: string, r: AttendanceListItemDto) => (
              <>
                <Tag>{ATTENDANCE_METHOD_LABELS[m] ?? m}</Tag>
                {r.late ? (
                  <Tag color="orange" data-testid="late-tag" title={fmt(tOffline.lateTitle, { time: fmtDateTime(r.checkOutReceivedAt ?? r.receivedAt ?? null) })}>
                    {tOffline.late}
                  </Tag>
                ) : null}
              </>
            ),
          },
          { title: t.attendance.minutes, dataIndex: 'minutes', render: (m: number | null) => m ?? '—' },
          { title: t.attendance.status, dataIndex: 'status', render: (s: AttendanceStatus) => <AttendanceStatusTag status={s} /> },
          ...(canManage
            ? [
                {
                  title: t.common.actions,
                  key: 'actions',
                  render: (_: unknown, r: AttendanceListItemDto) => (
                    <Space size={0}>
                      {r.status === 'pending' ? (
                        <Button size="small" type="link" onClick={() => doConfirm([r.volunteerId])}>
                          {t.attendance.confirmOne}
                        </Button>
                      ) : null}
                      {r.status !== 'rejected' ? <RejectButton activityId={activity.id} volunteerId={r.volunteerId} /> : null}
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      {manualOpen ? <ManualAttendanceModal activity={activity} open={manualOpen} onClose={() => setManualOpen(false)} /> : null}
    </Flex>
  );
}
