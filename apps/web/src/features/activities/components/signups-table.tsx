import { Button, Popconfirm, Table } from 'antd';
import { maskPhone, type SignupStatus } from '@wenming/shared';
import { SignupStatusTag } from '@/components/ui/status-tag';
import { ErrorState } from '@/components/ui/states';
import type { SignupView } from '@/lib/api-types';
import { fmtDateTime } from '@/lib/dates';
import { fmt, t } from '@/lib/i18n';
import { useCancelSignup, useSignups } from '../api/signups-api';

export function SignupsTable({ activityId, canManage }: { activityId: string; canManage: boolean }) {
  const query = useSignups(activityId);
  const cancel = useCancelSignup();
  if (query.isError) return <ErrorState error={query.error} onRetry={() => query.refetch()} />;
  const rows = query.data ?? [];
  return (
    <Table<SignupView>
      rowKey="volunteerId"
      size="small"
      loading={query.isPending}
      dataSource={rows}
      pagination={rows.length > 20 ? { pageSize: 20, showTotal: (n) => fmt(t.common.total, { n }) } : false}
      columns={[
        { title: t.attendance.volunteer, key: 'name', render: (_, s) => s.volunteer?.name ?? s.volunteerName ?? s.volunteerId.slice(0, 8) },
        { title: t.volunteers.phone, key: 'phone', render: (_, s) => maskPhone(s.volunteer?.phone) ?? '—', responsive: ['md'] },
        { title: t.activities.status, dataIndex: 'status', render: (st: SignupStatus) => <SignupStatusTag status={st} /> },
        { title: t.users.createdAt, dataIndex: 'createdAt', render: (v?: string) => fmtDateTime(v), responsive: ['md'] },
        ...(canManage
          ? [
              {
                title: t.common.actions,
                key: 'actions',
                render: (_: unknown, s: SignupView) =>
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
  );
}
