import type { CreateHonourRequest, HonourDto, HonourQuery, HonourSuggestionDto, Paginated, PublicHonourDto } from '@wenming/shared';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';

export const honourKeys = {
  all: ['honours'] as const,
  list: (q: HonourQuery) => [...honourKeys.all, 'list', q] as const,
  suggestions: (year: number) => [...honourKeys.all, 'suggestions', year] as const,
  public: (townId?: string, year?: number) => [...honourKeys.all, 'public', townId ?? 'all', year ?? 'all'] as const,
};

export const listHonours = (q: HonourQuery) => api.get<Paginated<HonourDto>>('/honours', { ...q });
export const getSuggestions = (year: number) => api.get<HonourSuggestionDto[]>('/honours/suggestions', { year });
export const nominate = (body: CreateHonourRequest) => api.post<HonourDto>('/honours', body);
export const approveHonour = (id: string) => api.post<HonourDto>(`/honours/${id}/approve`);
export const rejectHonour = (id: string, reason?: string) => api.post<HonourDto>(`/honours/${id}/reject`, reason ? { reason } : {});
export const listPublicHonours = (townId?: string, year?: number) => api.get<PublicHonourDto[]>('/public/honours', { townId, year }, { anonymous: true });

export const useHonours = (q: HonourQuery) => useQuery({ queryKey: honourKeys.list(q), queryFn: () => listHonours(q), placeholderData: keepPreviousData });
export const useHonourSuggestions = (year: number, enabled = true) =>
  useQuery({ queryKey: honourKeys.suggestions(year), queryFn: () => getSuggestions(year), enabled, staleTime: 5 * 60_000 });
export const usePublicHonours = (townId?: string, year?: number) =>
  useQuery({ queryKey: honourKeys.public(townId, year), queryFn: () => listPublicHonours(townId, year) });

function useInvalidate() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: honourKeys.all });
}
export function useNominate() {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: nominate, meta: { silent: true }, onSuccess: () => void invalidate() });
}
export function useDecideHonour() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (v: { id: string; approve: boolean; reason?: string }) => (v.approve ? approveHonour(v.id) : rejectHonour(v.id, v.reason)),
    onSuccess: () => void invalidate(),
  });
}
