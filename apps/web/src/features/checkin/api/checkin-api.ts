import type { AttendanceDto as AttendanceView, AttendanceListItemDto, CheckinCodeResponse } from '@wenming/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { LARGE_PAGE, api, getAllPages } from '@/lib/api-client';

export const checkinKeys = {
  all: ['checkin'] as const,
  code: (activityId: string) => [...checkinKeys.all, 'code', activityId] as const,
  count: (activityId: string) => [...checkinKeys.all, 'attendance', activityId] as const,
};

export const CODE_REFRESH_MAX_MS = 60_000;
export const ATTENDANCE_REFRESH_MS = 10_000;

export const getCheckinCode = (activityId: string) => api.get<CheckinCodeResponse>(`/activities/${activityId}/checkin-code`);
export const postCheckin = (activityId: string, code: string) => api.post<AttendanceView>(`/activities/${activityId}/checkin`, { code });
export const postCheckout = (activityId: string, code: string) => api.post<AttendanceView>(`/activities/${activityId}/checkout`, { code });
/** Every attendance row (all pages): the live counter must not stop at the first page of 20. */
export const listAttendance = async (activityId: string) =>
  (await getAllPages<AttendanceListItemDto>(`/activities/${activityId}/attendance`, {}, { pageSize: LARGE_PAGE })).items;

/** Milliseconds until the code should be fetched again: at expiresAt, and at least every 60 s. */
export function nextCodeRefreshMs(expiresAt: string | undefined, now = Date.now()): number {
  if (!expiresAt) return CODE_REFRESH_MAX_MS;
  const ms = Date.parse(expiresAt) - now;
  if (!Number.isFinite(ms)) return CODE_REFRESH_MAX_MS;
  return Math.min(CODE_REFRESH_MAX_MS, Math.max(1_000, ms + 250));
}

export function useCheckinCode(activityId: string) {
  return useQuery({
    queryKey: checkinKeys.code(activityId),
    queryFn: () => getCheckinCode(activityId),
    staleTime: 0,
    gcTime: 0,
    refetchInterval: (query) => nextCodeRefreshMs(query.state.data?.expiresAt),
    refetchIntervalInBackground: true,
  });
}

export function useLiveAttendance(activityId: string) {
  return useQuery({
    queryKey: checkinKeys.count(activityId),
    queryFn: () => listAttendance(activityId),
    refetchInterval: ATTENDANCE_REFRESH_MS,
    refetchIntervalInBackground: true,
  });
}

export function useCheckinAction(activityId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ kind, code }: { kind: 'in' | 'out'; code: string }) =>
      kind === 'in' ? postCheckin(activityId, code) : postCheckout(activityId, code),
    meta: { silent: true },
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['me', 'record'] });
    },
  });
}
