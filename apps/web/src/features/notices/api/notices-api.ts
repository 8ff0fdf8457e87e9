import type { NoticeDto, NoticeQuery, Paginated, ReadAllResponse, UnreadCountDto } from '@wenming/shared';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';

export const noticeKeys = {
  all: ['notices'] as const,
  unreadCount: () => [...noticeKeys.all, 'unread-count'] as const,
  list: (q: NoticeQuery) => [...noticeKeys.all, 'list', q] as const,
};

/** How often the header's badge asks for new notices (the list itself refreshes on open). */
export const UNREAD_POLL_MS = 60_000;

export const getUnreadCount = () => api.get<UnreadCountDto>('/notices/unread-count');
export const listNotices = (q: NoticeQuery) => api.get<Paginated<NoticeDto>>('/notices', { ...q });
export const markNoticeRead = (id: string) => api.post<NoticeDto>(`/notices/${id}/read`);
export const markAllNoticesRead = () => api.post<ReadAllResponse>('/notices/read-all');

export const useUnreadCount = (enabled = true) =>
  useQuery({ queryKey: noticeKeys.unreadCount(), queryFn: getUnreadCount, refetchInterval: UNREAD_POLL_MS, staleTime: 15_000, enabled });
export const useNotices = (q: NoticeQuery) => useQuery({ queryKey: noticeKeys.list(q), queryFn: () => listNotices(q), placeholderData: keepPreviousData, staleTime: 0 });

function useInvalidateNotices() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: noticeKeys.all });
}
export function useMarkRead() {
  const invalidate = useInvalidateNotices();
  return useMutation({ mutationFn: markNoticeRead, onSuccess: () => void invalidate() });
}
export function useMarkAllRead() {
  const invalidate = useInvalidateNotices();
  return useMutation({ mutationFn: markAllNoticesRead, onSuccess: () => void invalidate() });
}
