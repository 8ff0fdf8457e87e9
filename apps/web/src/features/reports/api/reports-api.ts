import type { AtRiskActivityDto, NoShowQuery, NoShowReportDto } from '@wenming/shared';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';

export const reportKeys = {
  all: ['reports'] as const,
  noShows: (q: NoShowQuery) => [...reportKeys.all, 'no-shows', q] as const,
  atRisk: () => [...reportKeys.all, 'at-risk'] as const,
};

export const getNoShows = (q: NoShowQuery) => api.get<NoShowReportDto>('/reports/no-shows', { ...q });
export const getAtRisk = () => api.get<AtRiskActivityDto[]>('/reports/at-risk');

export const useNoShows = (q: NoShowQuery) => useQuery({ queryKey: reportKeys.noShows(q), queryFn: () => getNoShows(q), placeholderData: keepPreviousData });
/** Refreshed every few minutes: "no check-in code 10 minutes after start" changes while the page is open. */
export const useAtRisk = () => useQuery({ queryKey: reportKeys.atRisk(), queryFn: getAtRisk, refetchInterval: 5 * 60_000 });
