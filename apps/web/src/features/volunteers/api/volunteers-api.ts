import type { CreateVolunteerRequest, Paginated, UpdateVolunteerRequest, VolunteerDto, VolunteerImportResponse } from '@wenming/shared';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';

export interface VolunteerFilter {
  q?: string;
  siteId?: string;
  teamId?: string;
  page?: number;
  pageSize?: number;
}
export type VolunteerView = VolunteerDto;

export const volunteerKeys = {
  all: ['volunteers'] as const,
  list: (f: VolunteerFilter) => [...volunteerKeys.all, 'list', f] as const,
};

export const listVolunteers = (f: VolunteerFilter) => api.get<Paginated<VolunteerView>>('/volunteers', { ...f });
export const createVolunteer = (body: CreateVolunteerRequest) => api.post<VolunteerDto>('/volunteers', body);
export function importVolunteers(file: File) {
  const data = new FormData();
  data.append('file', file);
  return api.post<VolunteerImportResponse>('/volunteers/import', data);
}

export const useVolunteers = (f: VolunteerFilter) => useQuery({ queryKey: volunteerKeys.list(f), queryFn: () => listVolunteers(f), placeholderData: keepPreviousData });

export function useCreateVolunteer() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: createVolunteer, meta: { silent: true }, onSuccess: () => qc.invalidateQueries({ queryKey: volunteerKeys.all }) });
}

export function useImportVolunteers() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: importVolunteers,
    meta: { silent: true },
    onSettled: () => qc.invalidateQueries({ queryKey: volunteerKeys.all }),
  });
}

export const updateVolunteer = ({ id, body }: { id: string; body: UpdateVolunteerRequest }) => api.patch<VolunteerDto>(`/volunteers/${id}`, body);

export function useUpdateVolunteer() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: updateVolunteer, meta: { silent: true }, onSuccess: () => qc.invalidateQueries({ queryKey: volunteerKeys.all }) });
}
