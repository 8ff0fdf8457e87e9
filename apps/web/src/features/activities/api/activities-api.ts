import type { ActivityDto, ActivityQuery, ActivityWithCountsDto, CreateActivityRequest, MyActivityDto, Paginated } from '@wenming/shared';
import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';

export type ActivityFilter = ActivityQuery;
export type PageQuery = Pick<ActivityQuery, 'page' | 'pageSize'>;

export const activityKeys = {
  all: ['activities'] as const,
  lists: () => [...activityKeys.all, 'list'] as const,
  list: (f: ActivityFilter) => [...activityKeys.lists(), f] as const,
  detail: (id: string) => [...activityKeys.all, 'detail', id] as const,
  /** the volunteer's own upcoming sign-ups (GET /me/activities) */
  mine: (q: PageQuery) => [...activityKeys.all, 'mine', q] as const,
};

export const listActivities = (f: ActivityFilter) => api.get<Paginated<ActivityWithCountsDto>>('/activities', { ...f });
export const getActivity = (id: string) => api.get<ActivityWithCountsDto>(`/activities/${id}`);
export const createActivity = (body: CreateActivityRequest) => api.post<ActivityDto>('/activities', body);
export const cancelActivity = (id: string, reason: string) => api.post<ActivityDto>(`/activities/${id}/cancel`, { reason });
export const completeActivity = (id: string, audienceReached: number, endEarly?: boolean) =>
  api.post<ActivityDto>(`/activities/${id}/complete`, endEarly ? { audienceReached, endEarly } : { audienceReached });

export const publishActivity = (id: string) => api.patch<ActivityDto>(`/activities/${id}`, { status: 'published' });

export const listMyActivities = (q: PageQuery) => api.get<Paginated<MyActivityDto>>('/me/activities', { ...q });

export const activitiesQueryOptions = (f: ActivityFilter) =>
  queryOptions({ queryKey: activityKeys.list(f), queryFn: () => listActivities(f), placeholderData: keepPreviousData });
export const activityQueryOptions = (id: string) => queryOptions({ queryKey: activityKeys.detail(id), queryFn: () => getActivity(id) });

export const useActivities = (f: ActivityFilter, enabled = true) => useQuery({ ...activitiesQueryOptions(f), enabled });
export const useMyActivities = (q: PageQuery) => useQuery({ queryKey: activityKeys.mine(q), queryFn: () => listMyActivities(q), placeholderData: keepPreviousData });
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
    mutationFn: ({ audienceReached, endEarly }: { audienceReached: number; endEarly?: boolean }) => completeActivity(id, audienceReached, endEarly),
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

// ---- editing and change notices (issue 11) ----
import type { ActivityNoticeDto, UpdateActivityRequest } from '@wenming/shared';

export const updateActivity = (id: string, body: UpdateActivityRequest) => api.patch<ActivityDto>(`/activities/${id}`, body);
export const listMyNotices = () => api.get<Paginated<ActivityNoticeDto>>('/me/activity-notices', { pageSize: 20 });

export function useUpdateActivity(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateActivityRequest) => updateActivity(id, body),
    meta: { silent: true },
    onSuccess: () => qc.invalidateQueries({ queryKey: activityKeys.all }),
  });
}

export const useMyNotices = () => useQuery({ queryKey: [...activityKeys.all, 'my-notices'], queryFn: listMyNotices });
