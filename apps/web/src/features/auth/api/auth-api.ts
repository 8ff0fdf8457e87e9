import type { LoginRequest, LoginResponse, MeResponse, RegisterRequest } from '@wenming/shared';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { setToken, useToken } from '@/lib/auth-token';

export const authKeys = {
  all: ['auth'] as const,
  me: () => [...authKeys.all, 'me'] as const,
};

export const login = (body: LoginRequest) => api.post<LoginResponse>('/auth/login', body, { anonymous: true });
export const register = (body: RegisterRequest) => api.post<LoginResponse>('/auth/register', body, { anonymous: true });
export const getMe = () => api.get<MeResponse>('/me');

export const meQueryOptions = () => queryOptions({ queryKey: authKeys.me(), queryFn: getMe, staleTime: 5 * 60_000 });

export function useMe() {
  const token = useToken();
  return useQuery({ ...meQueryOptions(), enabled: !!token });
}

function useStoreSession() {
  const qc = useQueryClient();
  return async (res: LoginResponse) => {
    qc.clear();
    setToken(res.accessToken);
    await qc.prefetchQuery(meQueryOptions());
  };
}

export function useLogin() {
  const store = useStoreSession();
  return useMutation({ mutationFn: login, onSuccess: store, meta: { silent: true } });
}

export function useRegister() {
  const store = useStoreSession();
  return useMutation({ mutationFn: register, onSuccess: store, meta: { silent: true } });
}

export function useLogout() {
  const qc = useQueryClient();
  return () => {
    setToken(null);
    qc.clear();
    try {
      window.localStorage.removeItem('wenming.mySignups');
    } catch {
      /* ignore */
    }
  };
}
