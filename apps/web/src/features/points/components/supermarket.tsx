import { useState } from 'react';
import { Button, Flex, Modal, Pagination, Popconfirm, Segmented, Tag, Typography } from 'antd';
import type { GoodsDto, PointsAccountDto } from '@wenming/shared';
import { PAGE_SIZE_MAX, POINTS_ENTRY_KIND_LABELS } from '@wenming/shared';
import { Panel } from '@/components/ui/panel';
import { EmptyState, QueryView } from '@/components/ui/states';
import { fmtDate, fmtDateTime } from '@/lib/dates';
import { fmt, t } from '@/lib/i18n';
import { notify } from '@/lib/notify';
import { useCancelRedemption, useGoods, useMyLedger, useMyRedemptions, useRedeem } from '../api/points-api';
import { availableFirst, redeemBlock } from '../lib/redeem-rules';
import { GoodsImage } from './goods-image';
import { RedemptionStatusTag, signedPoints } from './status';

type Tab = 'goods' | 'redemptions' | 'history';

/** Balance at the top: available points large, what is held by open redemptions and the sums below. */
export function BalanceCard({ account }: { account: PointsAccountDto }) {
  return (
    <Panel size="small" bodyStyle={{ padding: 16 }} aria-label={t.points.balance}>
      <Flex justify="space-between" align="center" gap={12} wrap>
        <div>
          <Typography.Text type="secondary">{t.points.balance}</Typography.Text>
          <div data-testid="points-balance" style={{ fontSize: 36, fontWeight: 700, lineHeight: 1.2, color: '#c8161d' }}>
            {account.balance}
          </div>
        </div>
        <Flex gap={16} style={{ textAlign: 'center' }}>
          <Figure label={t.points.held} value={account.held} />
          <Figure label={POINTS_ENTRY_KIND_LABELS.earned} value={account.earned} />
          <Figure label={t.points.deedsShort} value={account.deeds} />
          <Figure label={POINTS_ENTRY_KIND_LABELS.spent} value={account.spent} />
        </Flex>
      </Flex>
    </Panel>
  );
}

function Figure({ label, value }: { label: string; value: number }) {
  return (
    <div>
      <div style={{ fontSize: 18, fontWeight: 600 }}>{value}</div>
      <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.45)' }}>{label}</div>
    </div>
  );
}

export function Supermarket({ account, siteId, siteName }: { account: PointsAccountDto; siteId: string | null; siteName?: string }) {
  const [tab, setTab] = useState<Tab>('goods');
  return (
    <Flex vertical gap={12}>
      <BalanceCard account={account} />
      <Segmented<Tab>
        block
        value={tab}
        onChange={setTab}
        options={[
          { value: 'goods', label: t.points.goods },
          { value: 'redemptions', label: t.points.myRedemptions },
          { value: 'history', label: t.points.history },
        ]}
      />
      {tab === 'goods' ? <GoodsList siteId={siteId} siteName={siteName} balance={account.balance} /> : null}
      {tab === 'redemptions' ? <MyRedemptions /> : null}
      {tab === 'history' ? <PointsHistory /> : null}
    </Flex>
  );
}

function GoodsList({ siteId, siteName, balance }: { siteId: string | null; siteName?: string; balance: number }) {
  const goods = useGoods({ siteId: siteId ?? undefined, active: true, pageSize: PAGE_SIZE_MAX });
  const [confirming, setConfirming] = useState<GoodsDto | null>(null);
  const redeem = useRedeem();
  return (
    <>
      <QueryView query={goods} isEmpty={(d) => d.items.length === 0} empty={<EmptyState description={t.points.goodsEmpty} />}>
        {(page) => (
          <Flex vertical gap={8}>
            {availableFirst(page.items).map((g) => {
              const block = redeemBlock(g, balance);
              return (
                <Panel key={g.id} as="article" size="small" bodyStyle={{ padding: 12 }} aria-label={g.name}>
                  <Flex gap={12} align="center">
                    <GoodsImage src={g.imageUrl} alt={g.name} />
                    <Flex vertical gap={2} style={{ flex: 1, minWidth: 0 }}>
                      <Typography.Text strong style={{ fontSize: 16 }}>
                        {g.name}
                      </Typography.Text>
                      <span>
                        <span style={{ color: '#c8161d', fontWeight: 600, fontSize: 16 }}>{g.pointsPrice}</span> {t.points.pointsUnit}
                      </span>
                      <Flex gap={4} wrap align="center">
                        {g.siteId ? <Tag>{g.siteName ?? siteName}</Tag> : <Tag color="red">{t.points.countyWide}</Tag>}
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {g.stock > 0 ? fmt(t.points.stock, { n: g.stock }) : t.points.soldOut}
                        </Typography.Text>
                      </Flex>
                    </Flex>
                    <Button type="primary" disabled={!!block} onClick={() => setConfirming(g)} aria-label={`${t.points.redeem} ${g.name}`}>
                      {block === 'soldOut' ? t.points.soldOut : block === 'notEnough' ? t.points.notEnough : t.points.redeem}
                    </Button>
                  </Flex>
                </Panel>
              );
            })}
          </Flex>
        )}
      </QueryView>
      <Modal
        open={!!confirming}
        title={t.points.redeemTitle}
        okText={t.points.redeem}
        cancelText={t.common.cancel}
        confirmLoading={redeem.isPending}
        onCancel={() => setConfirming(null)}
        onOk={() =>
          confirming &&
          redeem.mutate(confirming.id, {
            onSuccess: () => {
              notify.success(t.points.redeemed);
              setConfirming(null);
            },
          })
        }
      >
        {confirming
          ? fmt(t.points.redeemConfirm, {
              points: confirming.pointsPrice,
              name: confirming.name,
              site: confirming.siteName ?? siteName ?? t.points.homeStation,
            })
          : null}
      </Modal>
    </>
  );
}

function MyRedemptions() {
  const [page, setPage] = useState(1);
  const list = useMyRedemptions({ page, pageSize: 10 });
  const cancel = useCancelRedemption();
  return (
    <QueryView query={list} isEmpty={(d) => d.total === 0} empty={<EmptyState description={t.points.redemptionsEmpty} />}>
      {(data) => (
        <Flex vertical gap={8}>
          {data.items.map((r) => (
            <Panel key={r.id} as="article" size="small" bodyStyle={{ padding: 12 }} aria-label={r.goodsName}>
              <Flex justify="space-between" align="flex-start" gap={8}>
                <Flex vertical gap={2} style={{ minWidth: 0 }}>
                  <Typography.Text strong>{r.goodsName}</Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                    {r.points} {t.points.pointsUnit} · {t.points.pickupAt}：{r.siteName}
                  </Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                    {t.points.requestedAt}：{fmtDateTime(r.requestedAt)}
                  </Typography.Text>
                  {r.status === 'requested' ? (
                    <Typography.Text type="warning" style={{ fontSize: 13 }}>
                      {fmt(t.points.expiresOn, { date: fmtDate(r.expiresAt) })}
                    </Typography.Text>
                  ) : null}
                  {r.status === 'fulfilled' && r.fulfilledAt ? (
                    <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                      {t.points.fulfilledAt}：{fmtDateTime(r.fulfilledAt)}
                    </Typography.Text>
                  ) : null}
                  {r.cancelReason ? (
                    <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                      {t.points.cancelReason}：{r.cancelReason}
                    </Typography.Text>
                  ) : null}
                </Flex>
                <Flex vertical align="flex-end" gap={6} style={{ flex: 'none' }}>
                  <RedemptionStatusTag status={r.status} />
                  {r.status === 'requested' ? (
                    <Popconfirm
                      title={t.points.cancelConfirm}
                      okText={t.common.confirm}
                      cancelText={t.common.cancel}
                      onConfirm={() => cancel.mutate({ id: r.id }, { onSuccess: () => notify.success(t.points.cancelled) })}
                    >
                      <Button size="small">{t.points.cancelRedemption}</Button>
                    </Popconfirm>
                  ) : null}
                </Flex>
              </Flex>
            </Panel>
          ))}
          {data.total > data.pageSize ? <Pagination simple align="center" current={page} pageSize={data.pageSize} total={data.total} onChange={setPage} /> : null}
        </Flex>
      )}
    </QueryView>
  );
}

function PointsHistory() {
  const [page, setPage] = useState(1);
  const ledger = useMyLedger({ page, pageSize: 20 });
  return (
    <QueryView query={ledger} isEmpty={(d) => d.total === 0} empty={<EmptyState description={t.points.historyEmpty} />}>
      {(data) => (
        <Panel size="small" bodyStyle={{ padding: 0 }} aria-label={t.points.history}>
          <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
            {data.items.map((e) => (
              <li key={e.id} style={{ display: 'flex', gap: 12, padding: '10px 12px', borderBottom: '1px solid #f5f5f5', alignItems: 'center' }}>
                <div style={{ flex: 1, minWidth: 0 }}>
                  <div>
                    <Tag color={e.delta > 0 ? 'green' : e.delta < 0 ? 'orange' : 'default'}>{POINTS_ENTRY_KIND_LABELS[e.kind] ?? e.kind}</Tag>
                    <span style={{ wordBreak: 'break-all' }}>{e.reason}</span>
                  </div>
                  <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.45)', marginTop: 2 }}>
                    {fmtDateTime(e.createdAt)} · {fmt(t.points.balanceAfter, { n: e.balanceAfter })}
                  </div>
                </div>
                <strong style={{ fontSize: 16, color: e.delta > 0 ? '#389e0d' : e.delta < 0 ? '#d46b08' : 'inherit', flex: 'none' }}>{signedPoints(e.delta)}</strong>
              </li>
            ))}
          </ul>
          {data.total > data.pageSize ? (
            <div style={{ padding: 8 }}>
              <Pagination simple align="center" current={page} pageSize={data.pageSize} total={data.total} onChange={setPage} />
            </div>
          ) : null}
        </Panel>
      )}
    </QueryView>
  );
}
