import type {
  BreakdownResponse,
  OrderStatsDto,
  ServiceDaysResponse,
  StatsBreakdownBy,
  StatsFilter,
  StatsSummaryResponse,
} from '@wenming/shared';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';

export const statsKeys = {
  all: ['stats'] as const,
  summary: (f: StatsFilter) => [...statsKeys.all, 'summary', f] as const,
  breakdown: (by: StatsBreakdownBy, f: StatsFilter) => [...statsKeys.all, 'breakdown', by, f] as const,
  serviceDays: (f: StatsFilter) => [...statsKeys.all, 'service-days', f] as const,
  orders: (f: StatsFilter) => [...statsKeys.all, 'orders', f] as const,
};

export const getSummary = (f: StatsFilter) => api.get<StatsSummaryResponse>('/stats/summary', { ...f });
export const getBreakdown = (by: StatsBreakdownBy, f: StatsFilter) => api.get<BreakdownResponse>('/stats/breakdown', { by, ...f });
export const getServiceDays = (f: StatsFilter) => api.get<ServiceDaysResponse>('/stats/service-days', { ...f });
export const getOrdersStats = (f: StatsFilter) => api.get<OrderStatsDto>('/stats/orders', { ...f });

const opts = { placeholderData: keepPreviousData, staleTime: 60_000 } as const;
export const useSummary = (f: StatsFilter) => useQuery({ queryKey: statsKeys.summary(f), queryFn: () => getSummary(f), ...opts });
export const useBreakdown = (by: StatsBreakdownBy, f: StatsFilter) =>
  useQuery({ queryKey: statsKeys.breakdown(by, f), queryFn: () => getBreakdown(by, f), ...opts });
export const useServiceDays = (f: StatsFilter) => useQuery({ queryKey: statsKeys.serviceDays(f), queryFn: () => getServiceDays(f), ...opts });
export const useOrdersStats = (f: StatsFilter) => useQuery({ queryKey: statsKeys.orders(f), queryFn: () => getOrdersStats(f), ...opts });
