import type { DeclineClaimRequest, Paginated, RegistrationClaimDto, RegistrationClaimStatus } from '@wenming/shared';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';

export interface ClaimFilter {
  status?: RegistrationClaimStatus;
  page?: number;
  pageSize?: number;
}

export const claimKeys = {
  all: ['registration-claims'] as const,
  list: (f: ClaimFilter) => [...claimKeys.all, 'list', f] as const,
};

export const listClaims = (f: ClaimFilter) => api.get<Paginated<RegistrationClaimDto>>('/registration-claims', { ...f });
export const approveClaim = (id: string) => api.post<RegistrationClaimDto>(`/registration-claims/${id}/approve`);
export const declineClaim = (id: string, body: DeclineClaimRequest) => api.post<RegistrationClaimDto>(`/registration-claims/${id}/decline`, body);

export const useClaims = (f: ClaimFilter) => useQuery({ queryKey: claimKeys.list(f), queryFn: () => listClaims(f), placeholderData: keepPreviousData });

export function useApproveClaim() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: approveClaim, onSuccess: () => qc.invalidateQueries({ queryKey: claimKeys.all }) });
}

export function useDeclineClaim() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, reason }: { id: string; reason?: string }) => declineClaim(id, { reason }),
    onSuccess: () => qc.invalidateQueries({ queryKey: claimKeys.all }),
  });
}
