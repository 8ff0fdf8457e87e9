import { Button, Popconfirm, Select, Space } from 'antd';
import type { RedemptionDto, RedemptionQuery, RedemptionStatus } from '@wenming/shared';
import { REDEMPTION_STATUSES, REDEMPTION_STATUS_LABELS } from '@wenming/shared';
import { SiteSelect } from '@/components/pickers/pickers';
import { DownloadButton } from '@/components/ui/download-button';
import { ReasonButton } from '@/components/ui/reason-button';
import { ListPage, ListSearch, useListParams } from '@/components/list-page';
import { fmtDate, fmtDateTime } from '@/lib/dates';
import { fmt, t } from '@/lib/i18n';
import { notify } from '@/lib/notify';
import { useCancelRedemption, useFulfilRedemption, useRedemptions } from '../api/points-api';
import { RedemptionStatusTag } from './status';

/**
 * Staff: redemptions in scope, by default the pickup list (status 待领取); per station, fulfil
 * (goods handed over) or cancel (points and stock go back), and the export of what the filter shows.
 */
export function PickupList() {
  const { filter, set, setPage } = useListParams<RedemptionQuery>({
    defaults: { status: 'requested' },
    fields: { siteId: 'string', status: 'string', q: 'string' },
  });
  const list = useRedemptions(filter);
  const fulfil = useFulfilRedemption();
  const cancel = useCancelRedemption();
  const { page: _p, pageSize: _s, ...exportFilter } = filter;

  return (
    <>
      <ListPage<RedemptionDto>
        filters={
          <>
            <SiteSelect
              level="station"
              aria-label={t.points.filterStation}
              placeholder={t.points.filterStation}
              style={{ width: 220 }}
              value={filter.siteId}
              onChange={(v) => set({ siteId: v })}
            />
            <Select<RedemptionStatus | 'all'>
              aria-label={t.points.filterStatus}
              style={{ width: 130 }}
              value={filter.status ?? 'all'}
              onChange={(v) => set({ status: v === 'all' ? undefined : v })}
              options={[{ value: 'all', label: t.common.all }, ...REDEMPTION_STATUSES.map((s) => ({ value: s, label: REDEMPTION_STATUS_LABELS[s] }))]}
            />
            <ListSearch placeholder={t.points.searchVolunteer} style={{ width: 200 }} value={filter.q} onSearch={(q) => set({ q })} />
          </>
        }
        filterExtra={
          <DownloadButton path="/exports/redemptions" query={{ ...exportFilter, format: 'xlsx' }} fallbackName={`${t.points.redemptionsFile}.xlsx`}>
            {t.points.exportRedemptions}
          </DownloadButton>
        }
        query={list}
        page={filter.page}
        pageSize={filter.pageSize}
        onPage={setPage}
        size="small"
        empty={filter.status === 'requested' ? t.points.noPickups : t.common.empty}
        scroll={{ x: 960 }}
        columns={[
          { title: t.points.goodsName, dataIndex: 'goodsName' },
          {
            title: t.points.volunteer,
            key: 'who',
            render: (_, r) => (
              <Space orientation="vertical" size={0}>
                <span>{r.volunteerName}</span>
                {r.volunteerPhone ? <span style={{ color: 'rgba(0,0,0,0.45)', fontSize: 12 }}>{r.volunteerPhone}</span> : null}
              </Space>
            ),
          },
          { title: t.points.pickupAt, dataIndex: 'siteName' },
          { title: t.points.points, dataIndex: 'points', width: 70, align: 'right' },
          { title: t.points.requestedAt, dataIndex: 'requestedAt', render: (v: string) => fmtDateTime(v) },
          {
            title: t.points.statusDetail,
            key: 'status',
            render: (_, r) => (
              <Space orientation="vertical" size={0}>
                <RedemptionStatusTag status={r.status} />
                <span style={{ color: 'rgba(0,0,0,0.45)', fontSize: 12 }}>
                  {r.status === 'requested'
                    ? fmt(t.points.expiresOn, { date: fmtDate(r.expiresAt) })
                    : r.status === 'fulfilled'
                      ? `${fmtDateTime(r.fulfilledAt)}${r.fulfilledByName ? ` · ${r.fulfilledByName}` : ''}`
                      : [fmtDateTime(r.closedAt), r.cancelReason].filter(Boolean).join(' · ')}
                </span>
              </Space>
            ),
          },
          {
            title: t.common.actions,
            key: 'actions',
            fixed: 'right',
            width: 170,
            render: (_, r) =>
              r.status === 'requested' ? (
                <Space size={4}>
                  <Popconfirm
                    title={fmt(t.points.fulfilConfirm, { name: r.volunteerName, goods: r.goodsName })}
                    okText={t.common.confirm}
                    cancelText={t.common.cancel}
                    onConfirm={() => fulfil.mutate(r.id, { onSuccess: () => notify.success(t.points.fulfilled) })}
                  >
                    <Button type="primary" size="small" aria-label={`${t.points.fulfil} ${r.volunteerName} ${r.goodsName}`}>
                      {t.points.fulfil}
                    </Button>
                  </Popconfirm>
                  <ReasonButton
                    label={t.common.cancel}
                    title={t.points.cancelRedemption}
                    reasonLabel={t.points.cancelReason}
                    loading={cancel.isPending}
                    buttonProps={{ size: 'small', danger: true }}
                    onSubmit={(reason, done) => cancel.mutate({ id: r.id, reason }, { onSuccess: () => (notify.success(t.points.cancelled), done()) })}
                  />
                </Space>
              ) : (
                <span style={{ color: 'rgba(0,0,0,0.25)' }}>{t.points.closed}</span>
              ),
          },
        ]}
      />
    </>
  );
}
