import { useState } from 'react';
import { Button, Input, Modal, Popconfirm, Segmented, Space, Tag, Typography } from 'antd';
import type { RegistrationClaimDto, RegistrationClaimStatus } from '@wenming/shared';
import { ListTable, useListParams } from '@/components/list-page';
import { fmtDateTime } from '@/lib/dates';
import { fmt, t } from '@/lib/i18n';
import { notify } from '@/lib/notify';
import { useApproveClaim, useClaims, useDeclineClaim, type ClaimFilter } from '../api/claims-api';

const STATUS_COLOR: Record<RegistrationClaimStatus, string | undefined> = { pending: 'gold', approved: 'green', declined: undefined };

/** 待确认的注册: a registrant typed the phone of a volunteer record staff created; staff compare and decide. */
export function ClaimsTable() {
  const { filter, set, setPage } = useListParams<ClaimFilter>({ defaults: { status: 'pending' }, fields: { status: 'string' } });
  const [declining, setDeclining] = useState<RegistrationClaimDto | null>(null);
  const [reason, setReason] = useState('');
  const query = useClaims(filter);
  const approve = useApproveClaim();
  const decline = useDeclineClaim();

  return (
    <>
      <Typography.Paragraph type="secondary">{t.claims.hint}</Typography.Paragraph>
      <Segmented<RegistrationClaimStatus>
        style={{ marginBottom: 12 }}
        value={filter.status}
        options={(['pending', 'approved', 'declined'] as const).map((s) => ({ value: s, label: t.claims.status[s] }))}
        onChange={(status) => set({ status })}
      />
      <ListTable<RegistrationClaimDto>
        query={query}
        page={filter.page}
        pageSize={filter.pageSize}
        onPage={setPage}
        scroll={{ x: 900 }}
        columns={[
          { title: t.claims.createdAt, dataIndex: 'createdAt', render: (v: string) => fmtDateTime(v) },
          { title: t.claims.phone, dataIndex: 'phone' },
          { title: t.claims.typedName, key: 'name', render: (_, c) => `${c.name}（${c.siteName}）` },
          {
            title: t.claims.record,
            key: 'record',
            render: (_, c) => (
              <Space direction="vertical" size={0}>
                <span>
                  {c.volunteer.name}
                  {c.volunteer.name !== c.name ? (
                    <Tag color="red" style={{ marginLeft: 8 }}>
                      {t.claims.nameDiffers}
                    </Tag>
                  ) : null}
                </span>
                <Typography.Text type="secondary">
                  {c.volunteer.siteName}
                  {c.volunteer.idNumber ? ` · ${c.volunteer.idNumber}` : ''}
                </Typography.Text>
              </Space>
            ),
          },
          {
            title: t.claims.statusLabel,
            key: 'status',
            render: (_, c) => (
              <Space direction="vertical" size={0}>
                <Tag color={STATUS_COLOR[c.status]}>{t.claims.status[c.status]}</Tag>
                {c.decidedAt ? (
                  <Typography.Text type="secondary">
                    {c.decidedByName ?? ''} {fmtDateTime(c.decidedAt)}
                    {c.declineReason ? ` · ${c.declineReason}` : ''}
                  </Typography.Text>
                ) : null}
              </Space>
            ),
          },
          {
            title: t.common.actions,
            key: 'actions',
            render: (_, c) =>
              c.status === 'pending' ? (
                <Space>
                  <Popconfirm
                    title={fmt(t.claims.approveConfirm, { name: c.volunteer.name, phone: c.phone })}
                    okText={t.claims.approve}
                    cancelText={t.common.cancel}
                    onConfirm={() =>
                      approve.mutateAsync(c.id).then(
                        () => notify.success(t.claims.approved),
                        () => undefined,
                      )
                    }
                  >
                    <Button type="link" size="small">
                      {t.claims.approve}
                    </Button>
                  </Popconfirm>
                  <Button
                    type="link"
                    size="small"
                    danger
                    onClick={() => {
                      setReason('');
                      setDeclining(c);
                    }}
                  >
                    {t.claims.decline}
                  </Button>
                </Space>
              ) : null,
          },
        ]}
      />
      <Modal
        open={!!declining}
        title={t.claims.declineTitle}
        okText={t.claims.decline}
        okButtonProps={{ danger: true }}
        cancelText={t.common.cancel}
        confirmLoading={decline.isPending}
        onCancel={() => setDeclining(null)}
        onOk={() =>
          declining &&
          decline.mutate(
            { id: declining.id, reason: reason.trim() || undefined },
            {
              onSuccess: () => {
                notify.success(t.claims.declined);
                setDeclining(null);
              },
            },
          )
        }
        destroyOnHidden
      >
        <Input.TextArea
          aria-label={t.claims.declineReason}
          placeholder={t.claims.declineReason}
          maxLength={200}
          rows={3}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
      </Modal>
    </>
  );
}
