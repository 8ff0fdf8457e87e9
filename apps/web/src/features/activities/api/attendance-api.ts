import type { AttendanceDto, AttendanceListItemDto, ConfirmAttendanceResponse, ManualAttendanceRequest } from '@wenming/shared';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { LARGE_PAGE, api, getAllPages } from '@/lib/api-client';
import { activityKeys } from './activities-api';

export const attendanceKeys = {
  all: ['attendance'] as const,
  byActivity: (activityId: string) => [...attendanceKeys.all, activityId] as const,
};

/** Every attendance row of the activity (one page of up to 1000, more pages beyond): the counts and the table must not stop at 20. */
export const listAttendance = async (activityId: string) =>
  (await getAllPages<AttendanceListItemDto>(`/activities/${activityId}/attendance`, {}, { pageSize: LARGE_PAGE })).items;
export const addManualAttendance = (activityId: string, body: ManualAttendanceRequest) => api.post<AttendanceDto>(`/activities/${activityId}/attendance`, body);
export const confirmAttendance = (activityId: string, volunteerIds?: string[]) =>
  api.post<ConfirmAttendanceResponse>(`/activities/${activityId}/attendance/confirm`, volunteerIds ? { volunteerIds } : {});
export const rejectAttendance = (activityId: string, volunteerId: string, reason: string) =>
  api.post<AttendanceDto>(`/activities/${activityId}/attendance/${volunteerId}/reject`, { reason });

export const attendanceQueryOptions = (activityId: string) =>
  queryOptions({ queryKey: attendanceKeys.byActivity(activityId), queryFn: () => listAttendance(activityId) });

export const useAttendance = (activityId: string, refetchInterval?: number) =>
  useQuery({ ...attendanceQueryOptions(activityId), refetchInterval, refetchIntervalInBackground: true });

function useInvalidate(activityId: string) {
  const qc = useQueryClient();
  return () => {
    void qc.invalidateQueries({ queryKey: attendanceKeys.byActivity(activityId) });
    void qc.invalidateQueries({ queryKey: activityKeys.detail(activityId) });
    void qc.invalidateQueries({ queryKey: ['stats'] });
  };
}

export function useManualAttendance(activityId: string) {
  const invalidate = useInvalidate(activityId);
  return useMutation({
    mutationFn: (body: ManualAttendanceRequest) => addManualAttendance(activityId, body),
    meta: { silent: true },
    onSuccess: invalidate,
  });
}

export function useConfirmAttendance(activityId: string) {
  const invalidate = useInvalidate(activityId);
  return useMutation({ mutationFn: (volunteerIds?: string[]) => confirmAttendance(activityId, volunteerIds), onSuccess: invalidate });
}

export function useRejectAttendance(activityId: string) {
  const invalidate = useInvalidate(activityId);
  return useMutation({
    mutationFn: ({ volunteerId, reason }: { volunteerId: string; reason: string }) => rejectAttendance(activityId, volunteerId, reason),
    onSuccess: invalidate,
  });
}
