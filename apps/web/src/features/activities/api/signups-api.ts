import type { Paginated } from '@wenming/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, asList } from '@/lib/api-client';
import type { SignupView } from '@/lib/api-types';
import { activityKeys } from './activities-api';

export const signupKeys = {
  all: ['signups'] as const,
  byActivity: (activityId: string) => [...signupKeys.all, activityId] as const,
  mine: () => [...signupKeys.all, 'mine'] as const,
};

export const listSignups = async (activityId: string) =>
  asList(await api.get<SignupView[] | Paginated<SignupView>>(`/activities/${activityId}/signups`));
export const createSignup = (activityId: string, volunteerId?: string) =>
  api.post<SignupView>(`/activities/${activityId}/signups`, volunteerId ? { volunteerId } : {});
export const deleteSignup = (activityId: string, volunteerId: string) =>
  api.delete<SignupView | undefined>(`/activities/${activityId}/signups/${volunteerId}`);

export const useSignups = (activityId: string, enabled = true) =>
  useQuery({ queryKey: signupKeys.byActivity(activityId), queryFn: () => listSignups(activityId), enabled });

/**
 * The volunteer's own signup statuses, remembered per activity as they sign up or cancel
 * (the list endpoint may also say so with `mySignupStatus`).
 */
export type MySignups = Record<string, SignupView['status']>;

export function useMySignups() {
  return useQuery<MySignups>({
    queryKey: signupKeys.mine(),
    queryFn: () => {
      try {
        return JSON.parse(window.localStorage.getItem('wenming.mySignups') ?? '{}') as MySignups;
      } catch {
        return {};
      }
    },
    staleTime: Infinity,
  });
}

function remember(qc: ReturnType<typeof useQueryClient>, activityId: string, status: SignupView['status']) {
  const next = { ...(qc.getQueryData<MySignups>(signupKeys.mine()) ?? {}), [activityId]: status };
  qc.setQueryData(signupKeys.mine(), next);
  try {
    window.localStorage.setItem('wenming.mySignups', JSON.stringify(next));
  } catch {
    /* ignore */
  }
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
    mutationFn: ({ activityId, volunteerId }: { activityId: string; volunteerId: string; self?: boolean }) =>
      deleteSignup(activityId, volunteerId),
    onSuccess: (_res, { activityId, self }) => {
      if (self) remember(qc, activityId, 'cancelled');
      void qc.invalidateQueries({ queryKey: signupKeys.byActivity(activityId) });
      void qc.invalidateQueries({ queryKey: activityKeys.all });
    },
  });
}
