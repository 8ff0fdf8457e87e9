import type { ActivityCategory, ActivityDto, ActivityKind, ActivityStatus, Paginated } from '@wenming/shared';
import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import type { ActivityView } from '@/lib/api-types';

export interface ActivityFilter {
  from?: string;
  to?: string;
  siteId?: string;
  teamId?: string;
  kind?: ActivityKind;
  category?: ActivityCategory;
  status?: ActivityStatus;
  /** By start time; the API defaults to newest first. */
  sort?: 'asc' | 'desc';
  page?: number;
  pageSize?: number;
}

export interface CreateActivityBody {
  title: string;
  kind: ActivityKind;
  category: ActivityCategory;
  teamId: string;
  startsAt: string;
  endsAt: string;
  capacity: number | null;
  description?: string;
}

export const activityKeys = {
  all: ['activities'] as const,
  lists: () => [...activityKeys.all, 'list'] as const,
  list: (f: ActivityFilter) => [...activityKeys.lists(), f] as const,
  detail: (id: string) => [...activityKeys.all, 'detail', id] as const,
};

export const listActivities = (f: ActivityFilter) => api.get<Paginated<ActivityView>>('/activities', { ...f });
export const getActivity = (id: string) => api.get<ActivityView>(`/activities/${id}`);
export const createActivity = (body: CreateActivityBody) => api.post<ActivityDto>('/activities', body);
export const cancelActivity = (id: string, reason: string) => api.post<ActivityDto>(`/activities/${id}/cancel`, { reason });
export const completeActivity = (id: string, audienceReached: number) =>
  api.post<ActivityDto>(`/activities/${id}/complete`, { audienceReached });

export const publishActivity = (id: string) => api.patch<ActivityDto>(`/activities/${id}`, { status: 'published' });

export const activitiesQueryOptions = (f: ActivityFilter) =>
  queryOptions({ queryKey: activityKeys.list(f), queryFn: () => listActivities(f), placeholderData: keepPreviousData });
export const activityQueryOptions = (id: string) => queryOptions({ queryKey: activityKeys.detail(id), queryFn: () => getActivity(id) });

export const useActivities = (f: ActivityFilter, enabled = true) => useQuery({ ...activitiesQueryOptions(f), enabled });
export const useActivity = (id: string | undefined) => useQuery({ ...activityQueryOptions(id ?? ''), enabled: !!id });

export function useCreateActivity() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: createActivity,
    meta: { silent: true },
    onSuccess: () => qc.invalidateQueries({ queryKey: activityKeys.all }),
  });
}

export function useCancelActivity(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (reason: string) => cancelActivity(id, reason),
    onSuccess: () => qc.invalidateQueries({ queryKey: activityKeys.all }),
  });
}

export function useCompleteActivity(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (audienceReached: number) => completeActivity(id, audienceReached),
    onSuccess: () => qc.invalidateQueries({ queryKey: activityKeys.all }),
  });
}

export function usePublishActivity(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => publishActivity(id),
    onSuccess: () => qc.invalidateQueries({ queryKey: activityKeys.all }),
  });
}
