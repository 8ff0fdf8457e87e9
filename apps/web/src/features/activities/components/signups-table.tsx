import { Button, Flex, Popconfirm, Space, Statistic, Table } from 'antd';
import type { SignupDto, SignupStatus } from '@wenming/shared';
import { SignupStatusTag } from '@/components/ui/status-tag';
import { ErrorState } from '@/components/ui/states';
import { fmtDateTime } from '@/lib/dates';
import { fmt, t } from '@/lib/i18n';
import { useCancelSignup, useSignups } from '../api/signups-api';

export function SignupsTable({ activityId, canManage }: { activityId: string; canManage: boolean }) {
  const query = useSignups(activityId);
  const cancel = useCancelSignup();
  if (query.isError) return <ErrorState error={query.error} onRetry={() => query.refetch()} />;
  const rows = query.data ?? [];
  const confirmed = rows.filter((r) => r.status === 'confirmed').length;
  const waitlisted = rows.filter((r) => r.status === 'waitlisted').length;
  return (
    <Flex vertical gap={12}>
      <Space size={32}>
        <Statistic loading={query.isPending} title={t.activities.confirmedCount} value={confirmed} suffix={t.common.people} />
        <Statistic loading={query.isPending} title={t.activities.waitlistedCount} value={waitlisted} suffix={t.common.people} />
      </Space>
      <Table<SignupDto>
        rowKey="volunteerId"
        size="small"
        loading={query.isPending}
        dataSource={rows}
        pagination={rows.length > 20 ? { pageSize: 20, showTotal: (n) => fmt(t.common.total, { n }) } : false}
        columns={[
          { title: t.attendance.volunteer, dataIndex: 'volunteerName' },
          { title: t.activities.status, dataIndex: 'status', render: (st: SignupStatus) => <SignupStatusTag status={st} /> },
          { title: t.users.createdAt, dataIndex: 'createdAt', render: (v: string) => fmtDateTime(v), responsive: ['md'] },
          ...(canManage
            ? [
                {
                  title: t.common.actions,
                  key: 'actions',
                  render: (_: unknown, s: SignupDto) =>
                    s.status !== 'cancelled' ? (
                      <Popconfirm title={`${t.activities.cancelSignup}？`} onConfirm={() => cancel.mutate({ activityId, volunteerId: s.volunteerId })}>
                        <Button size="small" type="link" danger>
                          {t.activities.cancelSignup}
                        </Button>
                      </Popconfirm>
                    ) : null,
                },
              ]
            : []),
        ]}
      />
    </Flex>
  );
}
