import type { Paginated } from '@wenming/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, asList } from '@/lib/api-client';
import type { CreateScheduleBody, ScheduleSaveResponse, ScheduleView } from '@/lib/api-types';

export const scheduleKeys = {
  all: ['service-day-schedules'] as const,
  list: (teamId?: string) => [...scheduleKeys.all, 'list', teamId ?? 'all'] as const,
};

export const listSchedules = async (teamId?: string) =>
  asList(await api.get<ScheduleView[] | Paginated<ScheduleView>>('/service-day-schedules', { teamId }));
export const createSchedule = (body: CreateScheduleBody) => api.post<ScheduleSaveResponse>('/service-day-schedules', body);
export const deleteSchedule = (id: string) => api.delete<ScheduleSaveResponse | undefined>(`/service-day-schedules/${id}`);

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

export function generatedCount(res: ScheduleSaveResponse | undefined): number {
  if (!res) return 0;
  return Array.isArray(res.generated) ? res.generated.length : Number(res.generated) || 0;
}
