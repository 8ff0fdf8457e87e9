import { useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import type { VolunteerRecordDto as VolunteerRecord } from '@wenming/shared';

export const recordKeys = {
  mine: () => ['me', 'record'] as const,
  volunteer: (id: string) => ['volunteers', id, 'record'] as const,
};

export const getMyRecord = () => api.get<VolunteerRecord>('/me/record');
export const getVolunteerRecord = (id: string) => api.get<VolunteerRecord>(`/volunteers/${id}/record`);
export const certificatePath = (volunteerId: string) => `/volunteers/${volunteerId}/certificate.pdf`;

export const useMyRecord = () => useQuery({ queryKey: recordKeys.mine(), queryFn: getMyRecord });
export const useVolunteerRecord = (id: string | undefined) =>
  useQuery({ queryKey: recordKeys.volunteer(id ?? ''), queryFn: () => getVolunteerRecord(id!), enabled: !!id });
