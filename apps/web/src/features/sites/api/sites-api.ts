import type { CreateSiteRequest, Paginated, SiteDto, SiteLevel, UpdateSiteRequest } from '@wenming/shared';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, getAllPages } from '@/lib/api-client';

export interface SiteFilter {
  level?: SiteLevel;
  q?: string;
  parentId?: string;
  regionId?: string;
  page?: number;
  pageSize?: number;
}
export type SiteView = SiteDto;

export const siteKeys = {
  all: ['sites'] as const,
  list: (f: SiteFilter) => [...siteKeys.all, 'list', f] as const,
  everything: () => [...siteKeys.all, 'all'] as const,
};

export const listSites = (f: SiteFilter) => api.get<Paginated<SiteView>>('/sites', { ...f });
export const createSite = (body: CreateSiteRequest) => api.post<SiteDto>('/sites', body);
export const updateSite = (id: string, body: UpdateSiteRequest) => api.patch<SiteDto>(`/sites/${id}`, body);
export const deleteSite = (id: string) => api.delete<void>(`/sites/${id}`);

/** Every site in the caller's scope (350 for the county: four pages of 100), for the tree. */
export const listAllSites = async () => (await getAllPages<SiteDto>('/sites')).items;
export const useAllSites = (enabled = true) => useQuery({ queryKey: siteKeys.everything(), queryFn: listAllSites, staleTime: 60_000, enabled });

export const useSites = (f: SiteFilter, enabled = true) =>
  useQuery({ queryKey: siteKeys.list(f), queryFn: () => listSites(f), placeholderData: keepPreviousData, enabled });

export function useSaveSite() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id?: string; body: CreateSiteRequest }) =>
      id
        ? updateSite(id, { name: body.name, regionId: body.regionId, address: body.address, contactName: body.contactName, contactPhone: body.contactPhone })
        : createSite(body),
    meta: { silent: true },
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: siteKeys.all });
      void qc.invalidateQueries({ queryKey: ['lookup', 'sites'] });
    },
  });
}

export function useDeleteSite() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: deleteSite, onSuccess: () => qc.invalidateQueries({ queryKey: siteKeys.all }) });
}
