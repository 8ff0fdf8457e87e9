import type {
  CancelRedemptionRequest,
  CreateGoodsRequest,
  DeleteGoodsResponse,
  GoodsDto,
  GoodsQuery,
  Paginated,
  PointsAccountDto,
  PointsLedgerItemDto,
  PointsLedgerQuery,
  RedemptionDto,
  RedemptionQuery,
  UpdateGoodsRequest,
} from '@wenming/shared';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';

/** One root per resource, so a redemption refreshes the balance, the ledger, the goods' stock and every list. */
export const pointsKeys = {
  all: ['points'] as const,
  account: () => [...pointsKeys.all, 'account'] as const,
  ledger: (q: PointsLedgerQuery) => [...pointsKeys.all, 'ledger', q] as const,
  goods: (q: GoodsQuery) => [...pointsKeys.all, 'goods', q] as const,
  myRedemptions: (q: RedemptionQuery) => [...pointsKeys.all, 'my-redemptions', q] as const,
  redemptions: (q: RedemptionQuery) => [...pointsKeys.all, 'redemptions', q] as const,
};

export const getMyPoints = () => api.get<PointsAccountDto>('/me/points');
export const getMyLedger = (q: PointsLedgerQuery) => api.get<Paginated<PointsLedgerItemDto>>('/me/points/ledger', { ...q });
export const listGoods = (q: GoodsQuery) => api.get<Paginated<GoodsDto>>('/goods', { ...q });
export const listMyRedemptions = (q: RedemptionQuery) => api.get<Paginated<RedemptionDto>>('/me/redemptions', { ...q });
export const listRedemptions = (q: RedemptionQuery) => api.get<Paginated<RedemptionDto>>('/redemptions', { ...q });
export const redeem = (goodsId: string) => api.post<RedemptionDto>('/redemptions', { goodsId });
export const fulfilRedemption = (id: string) => api.post<RedemptionDto>(`/redemptions/${id}/fulfil`);
export const cancelRedemption = (id: string, body: CancelRedemptionRequest) => api.post<RedemptionDto>(`/redemptions/${id}/cancel`, body);
export const createGoods = (body: CreateGoodsRequest) => api.post<GoodsDto>('/goods', body);
export const updateGoods = (id: string, body: UpdateGoodsRequest) => api.patch<GoodsDto>(`/goods/${id}`, body);
export const deleteGoods = (id: string) => api.delete<DeleteGoodsResponse>(`/goods/${id}`);

export const useMyPoints = () => useQuery({ queryKey: pointsKeys.account(), queryFn: getMyPoints });
export const useMyLedger = (q: PointsLedgerQuery) => useQuery({ queryKey: pointsKeys.ledger(q), queryFn: () => getMyLedger(q), placeholderData: keepPreviousData });
export const useGoods = (q: GoodsQuery, enabled = true) =>
  useQuery({ queryKey: pointsKeys.goods(q), queryFn: () => listGoods(q), placeholderData: keepPreviousData, enabled });
export const useMyRedemptions = (q: RedemptionQuery) =>
  useQuery({ queryKey: pointsKeys.myRedemptions(q), queryFn: () => listMyRedemptions(q), placeholderData: keepPreviousData });
export const useRedemptions = (q: RedemptionQuery) =>
  useQuery({ queryKey: pointsKeys.redemptions(q), queryFn: () => listRedemptions(q), placeholderData: keepPreviousData });

function useInvalidatePoints() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: pointsKeys.all });
}

export function useRedeem() {
  const invalidate = useInvalidatePoints();
  return useMutation({ mutationFn: redeem, onSettled: () => void invalidate() });
}
export function useFulfilRedemption() {
  const invalidate = useInvalidatePoints();
  return useMutation({ mutationFn: fulfilRedemption, onSettled: () => void invalidate() });
}
export function useCancelRedemption() {
  const invalidate = useInvalidatePoints();
  return useMutation({
    mutationFn: ({ id, reason }: { id: string; reason?: string }) => cancelRedemption(id, reason ? { reason } : {}),
    onSettled: () => void invalidate(),
  });
}
/** Create (no id) or update; silent so the form can place `details` on its fields. */
export function useSaveGoods() {
  const invalidate = useInvalidatePoints();
  return useMutation({
    mutationFn: (v: { id?: string; body: CreateGoodsRequest | UpdateGoodsRequest }) => (v.id ? updateGoods(v.id, v.body) : createGoods(v.body as CreateGoodsRequest)),
    meta: { silent: true },
    onSuccess: () => void invalidate(),
  });
}
export function useDeleteGoods() {
  const invalidate = useInvalidatePoints();
  return useMutation({ mutationFn: deleteGoods, onSuccess: () => void invalidate() });
}
