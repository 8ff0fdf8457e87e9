import type { CreateServiceDayScheduleRequest, ServiceDayScheduleChangeResponse, ServiceDayScheduleDto } from '@wenming/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, getAllPages } from '@/lib/api-client';

export const scheduleKeys = {
  all: ['service-day-schedules'] as const,
  list: (teamId?: string) => [...scheduleKeys.all, 'list', teamId ?? 'all'] as const,
};

export const listSchedules = async (teamId?: string) => (await getAllPages<ServiceDayScheduleDto>('/service-day-schedules', { teamId })).items;
export const createSchedule = (body: CreateServiceDayScheduleRequest) => api.post<ServiceDayScheduleChangeResponse>('/service-day-schedules', body);
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
