import type { CreateSiteRequest, Paginated, SiteDto, SiteLevel, UpdateSiteRequest } from '@wenming/shared';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';

export interface SiteFilter {
  level?: SiteLevel;
  q?: string;
  parentId?: string;
  regionId?: string;
  page?: number;
  pageSize?: number;
}
export type SiteView = SiteDto & { parentName?: string; regionName?: string; teamCount?: number };

export const siteKeys = {
  all: ['sites'] as const,
  list: (f: SiteFilter) => [...siteKeys.all, 'list', f] as const,
};

export const listSites = (f: SiteFilter) => api.get<Paginated<SiteView>>('/sites', { ...f });
export const createSite = (body: CreateSiteRequest) => api.post<SiteDto>('/sites', body);
export const updateSite = (id: string, body: UpdateSiteRequest) => api.patch<SiteDto>(`/sites/${id}`, body);
export const deleteSite = (id: string) => api.delete<void>(`/sites/${id}`);

export const useSites = (f: SiteFilter) => useQuery({ queryKey: siteKeys.list(f), queryFn: () => listSites(f), placeholderData: keepPreviousData });

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
