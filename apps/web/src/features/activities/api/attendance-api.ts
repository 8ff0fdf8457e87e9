import type { Paginated } from '@wenming/shared';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, asList } from '@/lib/api-client';
import type { AttendanceView } from '@/lib/api-types';
import { activityKeys } from './activities-api';

export const attendanceKeys = {
  all: ['attendance'] as const,
  byActivity: (activityId: string) => [...attendanceKeys.all, activityId] as const,
};

export const listAttendance = async (activityId: string) =>
  asList(await api.get<AttendanceView[] | Paginated<AttendanceView>>(`/activities/${activityId}/attendance`));
export const addManualAttendance = (activityId: string, body: { volunteerId: string; checkInAt: string; checkOutAt: string | null }) =>
  api.post<AttendanceView>(`/activities/${activityId}/attendance`, body);
export const confirmAttendance = (activityId: string, volunteerIds?: string[]) =>
  api.post<{ confirmed: number }>(`/activities/${activityId}/attendance/confirm`, volunteerIds ? { volunteerIds } : {});
export const rejectAttendance = (activityId: string, volunteerId: string, reason: string) =>
  api.post<AttendanceView>(`/activities/${activityId}/attendance/${volunteerId}/reject`, { reason });

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
    mutationFn: (body: { volunteerId: string; checkInAt: string; checkOutAt: string | null }) => addManualAttendance(activityId, body),
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
