import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, asList } from '@/lib/api-client';
import type { BreakdownResponse, StatsBy, StatsFigures, StatsFilter, StatsRow } from '@/lib/api-types';

export const statsKeys = {
  all: ['stats'] as const,
  summary: (f: StatsFilter) => [...statsKeys.all, 'summary', f] as const,
  breakdown: (by: StatsBy, f: StatsFilter) => [...statsKeys.all, 'breakdown', by, f] as const,
  serviceDays: (f: StatsFilter) => [...statsKeys.all, 'service-days', f] as const,
  orders: (f: StatsFilter) => [...statsKeys.all, 'orders', f] as const,
};

/** Order statistics; the shape is read leniently (see OrdersStats component). */
export type OrdersStats = Record<string, unknown>;

export const getSummary = (f: StatsFilter) => api.get<StatsFigures>('/stats/summary', { ...f });
export const getBreakdown = (by: StatsBy, f: StatsFilter) => api.get<BreakdownResponse>('/stats/breakdown', { by, ...f });
export const getServiceDays = async (f: StatsFilter): Promise<StatsRow[]> =>
  asList(await api.get<StatsRow[] | { rows: StatsRow[] }>('/stats/service-days', { ...f }));
export const getOrdersStats = (f: StatsFilter) => api.get<OrdersStats>('/stats/orders', { ...f });

const opts = { placeholderData: keepPreviousData, staleTime: 60_000 } as const;
export const useSummary = (f: StatsFilter) => useQuery({ queryKey: statsKeys.summary(f), queryFn: () => getSummary(f), ...opts });
export const useBreakdown = (by: StatsBy, f: StatsFilter) => useQuery({ queryKey: statsKeys.breakdown(by, f), queryFn: () => getBreakdown(by, f), ...opts });
export const useServiceDays = (f: StatsFilter) => useQuery({ queryKey: statsKeys.serviceDays(f), queryFn: () => getServiceDays(f), ...opts });
export const useOrdersStats = (f: StatsFilter) => useQuery({ queryKey: statsKeys.orders(f), queryFn: () => getOrdersStats(f), ...opts });

export function rowLabel(row: StatsRow): string {
  return String(row.label ?? row.name ?? row.month ?? row.date ?? row.key ?? row.id ?? '');
}
