import type {
  BreakdownResponse,
  OrderStatsDto,
  Paginated,
  SiteDto,
  TeamDto,
  TeamRatingDto,
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
export const useBreakdown = (by: StatsBreakdownBy, f: StatsFilter) => useQuery({ queryKey: statsKeys.breakdown(by, f), queryFn: () => getBreakdown(by, f), ...opts });
export const useServiceDays = (f: StatsFilter) => useQuery({ queryKey: statsKeys.serviceDays(f), queryFn: () => getServiceDays(f), ...opts });
export const useOrdersStats = (f: StatsFilter) => useQuery({ queryKey: statsKeys.orders(f), queryFn: () => getOrdersStats(f), ...opts });

/** 五星队伍: every team with a rated order under the filter (all pages of /service-orders/team-ratings, ≤ 100 a page). */
export const getAllTeamRatings = async (f: StatsFilter): Promise<TeamRatingDto[]> => {
  const out: TeamRatingDto[] = [];
  for (let page = 1; page <= 20; page++) {
    const data = await api.get<Paginated<TeamRatingDto>>('/service-orders/team-ratings', { ...f, minRated: 1, page, pageSize: 100 });
    out.push(...data.items);
    if (out.length >= data.total || data.items.length === 0) break;
  }
  return out;
};
export const useTeamRatings = (f: StatsFilter) => useQuery({ queryKey: [...statsKeys.all, 'team-ratings', f], queryFn: () => getAllTeamRatings(f), ...opts });

/** Sites in the caller's scope (admins: /sites answers their subtree only), for the dashboard's pickers. */
export const useScopedSites = () =>
  useQuery({
    queryKey: ['lookup', 'sites', 'dashboard-scope'],
    queryFn: async () => {
      const out: SiteDto[] = [];
      for (let page = 1; page <= 10; page++) {
        const data = await api.get<Paginated<SiteDto>>('/sites', { page, pageSize: 100 });
        out.push(...data.items);
        if (out.length >= data.total || data.items.length === 0) break;
      }
      return out;
    },
    staleTime: 10 * 60_000,
  });

/** Teams in the caller's scope (/teams answers an admin's subtree only). */
export const useScopedTeams = () =>
  useQuery({
    queryKey: ['lookup', 'teams', 'dashboard-scope'],
    queryFn: async () => {
      const out: TeamDto[] = [];
      for (let page = 1; page <= 10; page++) {
        const data = await api.get<Paginated<TeamDto>>('/teams', { page, pageSize: 100 });
        out.push(...data.items);
        if (out.length >= data.total || data.items.length === 0) break;
      }
      return out;
    },
    staleTime: 10 * 60_000,
  });
