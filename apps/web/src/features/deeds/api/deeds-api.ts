import type { CreateDeedAwardRequest, CreateDeedRequest, DeedAwardDto, DeedAwardQuery, DeedDto, Paginated, UpdateDeedRequest } from '@wenming/shared';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';

export const deedKeys = {
  all: ['deeds'] as const,
  list: (active?: boolean) => [...deedKeys.all, 'list', active ?? 'all'] as const,
  awards: (q: DeedAwardQuery) => [...deedKeys.all, 'awards', q] as const,
};

export const listDeeds = (active?: boolean) => api.get<DeedDto[]>('/deeds', { active });
export const createDeed = (body: CreateDeedRequest) => api.post<DeedDto>('/deeds', body);
export const updateDeed = (id: string, body: UpdateDeedRequest) => api.patch<DeedDto>(`/deeds/${id}`, body);
export const listDeedAwards = (q: DeedAwardQuery) => api.get<Paginated<DeedAwardDto>>('/deed-awards', { ...q });
export const createDeedAward = (body: CreateDeedAwardRequest) => api.post<DeedAwardDto>('/deed-awards', body);

export const useDeeds = (active?: boolean) => useQuery({ queryKey: deedKeys.list(active), queryFn: () => listDeeds(active), staleTime: 5 * 60_000 });
export const useDeedAwards = (q: DeedAwardQuery) => useQuery({ queryKey: deedKeys.awards(q), queryFn: () => listDeedAwards(q), placeholderData: keepPreviousData });

export function useSaveDeed() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id?: string; body: CreateDeedRequest | UpdateDeedRequest }) => (v.id ? updateDeed(v.id, v.body) : createDeed(v.body as CreateDeedRequest)),
    meta: { silent: true },
    onSuccess: () => void qc.invalidateQueries({ queryKey: deedKeys.all }),
  });
}

/** An award changes the person's points too, so the points feature's queries refresh as well. */
export function useAwardDeed() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: createDeedAward,
    meta: { silent: true },
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: deedKeys.all });
      void qc.invalidateQueries({ queryKey: ['points'] });
    },
  });
}
