import type { MyActivityDto, Paginated, SignupDto, SignupStatus } from '@wenming/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { LARGE_PAGE, api, getAllPages } from '@/lib/api-client';
import { activityKeys } from './activities-api';
import { PAGE_SIZE_MAX } from '@wenming/shared';

export const signupKeys = {
  all: ['signups'] as const,
  byActivity: (activityId: string) => [...signupKeys.all, activityId] as const,
  mine: () => [...signupKeys.all, 'mine'] as const,
};

/** Every sign-up of the activity (one page of up to 1000, more pages beyond): the leader's table must not stop at 20. */
export const listSignups = async (activityId: string) => (await getAllPages<SignupDto>(`/activities/${activityId}/signups`, {}, { pageSize: LARGE_PAGE })).items;
export const createSignup = (activityId: string, volunteerId?: string) => api.post<SignupDto>(`/activities/${activityId}/signups`, volunteerId ? { volunteerId } : {});
export const deleteSignup = (activityId: string, volunteerId: string) => api.delete<SignupDto | undefined>(`/activities/${activityId}/signups/${volunteerId}`);

export const useSignups = (activityId: string, enabled = true) =>
  useQuery({ queryKey: signupKeys.byActivity(activityId), queryFn: () => listSignups(activityId), enabled });

/**
 * The volunteer's own signup statuses per activity, from `GET /me/activities` (their sign-ups on
 * activities that have not ended) — so a new browser or phone shows 已报名 too. Signing up or
 * cancelling updates it at once and then refetches.
 */
export type MySignups = Record<string, SignupStatus>;

export const listMySignups = async (): Promise<MySignups> => {
  const page = await api.get<Paginated<MyActivityDto>>('/me/activities', { pageSize: PAGE_SIZE_MAX });
  return Object.fromEntries(page.items.map((a) => [a.id, a.signupStatus]));
};

export function useMySignups() {
  return useQuery<MySignups>({ queryKey: signupKeys.mine(), queryFn: listMySignups, staleTime: 30_000 });
}

function remember(qc: ReturnType<typeof useQueryClient>, activityId: string, status: SignupStatus) {
  qc.setQueryData<MySignups>(signupKeys.mine(), (prev) => ({ ...(prev ?? {}), [activityId]: status }));
  void qc.invalidateQueries({ queryKey: signupKeys.mine() });
}

export function useSignup() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ activityId, volunteerId }: { activityId: string; volunteerId?: string }) => createSignup(activityId, volunteerId),
    onSuccess: (res, { activityId, volunteerId }) => {
      if (!volunteerId) remember(qc, activityId, res?.status ?? 'confirmed');
      void qc.invalidateQueries({ queryKey: signupKeys.byActivity(activityId) });
      void qc.invalidateQueries({ queryKey: activityKeys.all });
    },
  });
}

export function useCancelSignup() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ activityId, volunteerId }: { activityId: string; volunteerId: string; self?: boolean }) => deleteSignup(activityId, volunteerId),
    onSuccess: (_res, { activityId, self }) => {
      if (self) remember(qc, activityId, 'cancelled');
      void qc.invalidateQueries({ queryKey: signupKeys.byActivity(activityId) });
      void qc.invalidateQueries({ queryKey: activityKeys.all });
    },
  });
}
