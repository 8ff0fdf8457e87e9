import type {
  AcceptOrderRequest,
  CreateServiceOrderRequest,
  CreateServiceOrderResponse,
  MenuItemDto,
  OrderStatus,
  Paginated,
  RateOrderRequest,
  ServiceOrderDto,
  ServiceOrderTrackingDto,
} from '@wenming/shared';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, getAllPages } from '@/lib/api-client';

export interface OrderFilter {
  status?: OrderStatus;
  siteId?: string;
  overdue?: boolean;
  page?: number;
  pageSize?: number;
}

export const orderKeys = {
  all: ['service-orders'] as const,
  list: (f: OrderFilter) => [...orderKeys.all, 'list', f] as const,
  track: (token: string) => [...orderKeys.all, 'track', token] as const,
  menu: (siteId: string) => ['menu-items', siteId] as const,
};

export const listMenuItems = async (siteId: string) => (await getAllPages<MenuItemDto>('/menu-items', { siteId }, { anonymous: true })).items;
export const createOrder = (body: CreateServiceOrderRequest) => api.post<CreateServiceOrderResponse>('/service-orders', body, { anonymous: true });
export const trackOrder = (token: string) => api.get<ServiceOrderTrackingDto>(`/service-orders/track/${encodeURIComponent(token)}`, undefined, { anonymous: true });
export const rateOrder = (token: string, body: RateOrderRequest) =>
  api.post<ServiceOrderTrackingDto>(`/service-orders/track/${encodeURIComponent(token)}/rate`, body, { anonymous: true });
export const listOrders = (f: OrderFilter) => api.get<Paginated<ServiceOrderDto>>('/service-orders', { ...f });
export const dispatchOrder = (id: string, teamId: string) => api.post<ServiceOrderDto>(`/service-orders/${id}/dispatch`, { teamId });
export const acceptOrder = (id: string, body: AcceptOrderRequest) => api.post<ServiceOrderDto>(`/service-orders/${id}/accept`, body);
export const declineOrder = (id: string, reason: string) => api.post<ServiceOrderDto>(`/service-orders/${id}/decline`, { reason });
export const cancelOrder = (id: string, reason: string) => api.post<ServiceOrderDto>(`/service-orders/${id}/cancel`, { reason });

export const useMenuItems = (siteId: string) => useQuery({ queryKey: orderKeys.menu(siteId), queryFn: () => listMenuItems(siteId), enabled: !!siteId });
export const useTrackOrder = (token: string) => useQuery({ queryKey: orderKeys.track(token), queryFn: () => trackOrder(token), enabled: !!token });
export const useOrders = (f: OrderFilter) =>
  useQuery({ queryKey: orderKeys.list(f), queryFn: () => listOrders(f), placeholderData: keepPreviousData, refetchInterval: 60_000 });

export function useCreateOrder() {
  return useMutation({ mutationFn: createOrder, meta: { silent: true } });
}

export function useRateOrder(token: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: RateOrderRequest) => rateOrder(token, body),
    onSuccess: (data) => {
      qc.setQueryData(orderKeys.track(token), data);
      void qc.invalidateQueries({ queryKey: orderKeys.track(token) });
    },
  });
}

function useOrderAction<V>(fn: (v: V) => Promise<unknown>, silent = false) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    meta: { silent },
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: orderKeys.all });
      void qc.invalidateQueries({ queryKey: ['activities'] });
      void qc.invalidateQueries({ queryKey: ['stats'] });
    },
  });
}

export const useDispatchOrder = () => useOrderAction(({ id, teamId }: { id: string; teamId: string }) => dispatchOrder(id, teamId));
export const useAcceptOrder = () => useOrderAction(({ id, ...body }: { id: string; startsAt: string; endsAt: string; title?: string }) => acceptOrder(id, body), true);
export const useDeclineOrder = () => useOrderAction(({ id, reason }: { id: string; reason: string }) => declineOrder(id, reason));
export const useCancelOrder = () => useOrderAction(({ id, reason }: { id: string; reason: string }) => cancelOrder(id, reason));
