import type { AuditEntryDto, Paginated } from '@wenming/shared';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';

export interface AuditFilter {
  entity?: string;
  entityId?: string;
  page?: number;
  pageSize?: number;
}
export const auditKeys = { list: (f: AuditFilter) => ['audit-log', f] as const };
export const listAudit = (f: AuditFilter) => api.get<Paginated<AuditEntryDto>>('/audit-log', { ...f });
export const useAuditLog = (f: AuditFilter) => useQuery({ queryKey: auditKeys.list(f), queryFn: () => listAudit(f), placeholderData: keepPreviousData });
