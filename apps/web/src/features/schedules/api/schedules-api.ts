import type {
  ActivityDto,
  CreateServiceDayScheduleRequest,
  ServiceDayScheduleChangeResponse,
  ServiceDayScheduleDto,
  UpdateServiceDayScheduleRequest,
} from '@wenming/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, getAllPages } from '@/lib/api-client';

export const scheduleKeys = {
  all: ['service-day-schedules'] as const,
  list: (teamId?: string) => [...scheduleKeys.all, 'list', teamId ?? 'all'] as const,
  occurrences: (id: string) => [...scheduleKeys.all, 'occurrences', id] as const,
};

export const listSchedules = async (teamId?: string) => (await getAllPages<ServiceDayScheduleDto>('/service-day-schedules', { teamId })).items;
export const createSchedule = (body: CreateServiceDayScheduleRequest) => api.post<ServiceDayScheduleChangeResponse>('/service-day-schedules', body);
export const updateSchedule = ({ id, body }: { id: string; body: UpdateServiceDayScheduleRequest }) =>
  api.patch<ServiceDayScheduleChangeResponse>(`/service-day-schedules/${id}`, body);
export const deleteSchedule = (id: string) => api.delete<ServiceDayScheduleChangeResponse | undefined>(`/service-day-schedules/${id}`);

export const useSchedules = (teamId?: string) => useQuery({ queryKey: scheduleKeys.list(teamId), queryFn: () => listSchedules(teamId) });

export function useCreateSchedule() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: createSchedule,
    meta: { silent: true },
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: scheduleKeys.all });
      void qc.invalidateQueries({ queryKey: ['activities'] });
    },
  });
}

export function useDeleteSchedule() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: deleteSchedule,
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: scheduleKeys.all });
      void qc.invalidateQueries({ queryKey: ['activities'] });
    },
  });
}

export function generatedCount(res: ServiceDayScheduleChangeResponse | undefined): number {
  return res?.generated.length ?? 0;
}

export function useUpdateSchedule() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: updateSchedule,
    meta: { silent: true },
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: scheduleKeys.all });
      void qc.invalidateQueries({ queryKey: ['activities'] });
    },
  });
}

/** The activities a schedule generated (GET /activities of its team and period, kept by scheduleId), by date. */
export async function listOccurrences(s: ServiceDayScheduleDto): Promise<ActivityDto[]> {
  const page = await getAllPages<ActivityDto>('/activities', { teamId: s.teamId, from: s.startsOn, to: s.endsOn, sort: 'asc' });
  return page.items.filter((a) => a.scheduleId === s.id).sort((a, b) => a.startsAt.localeCompare(b.startsAt));
}
export const useOccurrences = (s: ServiceDayScheduleDto | null) =>
  useQuery({ queryKey: scheduleKeys.occurrences(s?.id ?? ''), queryFn: () => listOccurrences(s as ServiceDayScheduleDto), enabled: !!s });

export function useCancelOccurrence() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, reason }: { id: string; reason: string }) => api.post<ActivityDto>(`/activities/${id}/cancel`, { reason }),
    meta: { silent: true },
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: scheduleKeys.all });
      void qc.invalidateQueries({ queryKey: ['activities'] });
    },
  });
}

/** "3 场已更新，1 场已取消，2 场新生成" — what a create / edit did. */
export function changeSummary(res: ServiceDayScheduleChangeResponse): { updated: number; cancelled: number; generated: number } {
  return { updated: res.updated.length, cancelled: res.cancelled.length, generated: res.generated.length };
}
