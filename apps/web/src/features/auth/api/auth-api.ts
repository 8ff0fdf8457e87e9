import type { LoginRequest, LoginResponse, MeResponse, RegisterPendingResponse, RegisterRequest } from '@wenming/shared';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { setToken, useToken } from '@/lib/auth-token';

export const authKeys = {
  all: ['auth'] as const,
  me: () => [...authKeys.all, 'me'] as const,
};

export const login = (body: LoginRequest) => api.post<LoginResponse>('/auth/login', body, { anonymous: true });
/** 201 → logged in; 202 → the phone belongs to a record staff created: the registration waits for their approval. */
export const register = (body: RegisterRequest) => api.post<LoginResponse | RegisterPendingResponse>('/auth/register', body, { anonymous: true });
export const isPending = (r: LoginResponse | RegisterPendingResponse): r is RegisterPendingResponse => 'status' in r && r.status === 'pending_approval';
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
  return useMutation({
    mutationFn: register,
    onSuccess: async (res) => {
      if (!isPending(res)) await store(res);
    },
    meta: { silent: true },
  });
}

export function useLogout() {
  const qc = useQueryClient();
  return () => {
    // ends every session of this login on the server (earlier tokens stop working); best effort
    void api.post('/auth/logout').catch(() => undefined);
    setToken(null);
    qc.clear();
    try {
      window.localStorage.removeItem('wenming.mySignups');
    } catch {
      /* ignore */
    }
  };
}
