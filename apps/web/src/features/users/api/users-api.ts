import type { CreateUserRequest, Paginated, UpdateUserRequest, UserDto } from '@wenming/shared';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';

export type UserView = UserDto;
export interface UserFilter {
  q?: string;
  role?: string;
  page?: number;
  pageSize?: number;
}

export const userKeys = { all: ['users'] as const, list: (f: UserFilter) => ['users', 'list', f] as const };

export const listUsers = (f: UserFilter) => api.get<Paginated<UserView>>('/users', { ...f });
export const createUser = (body: CreateUserRequest) => api.post<UserDto>('/users', body);
export const updateUser = (id: string, body: UpdateUserRequest) => api.patch<UserDto>(`/users/${id}`, body);

export const useUsers = (f: UserFilter) => useQuery({ queryKey: userKeys.list(f), queryFn: () => listUsers(f), placeholderData: keepPreviousData });

export function useSaveUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id?: string; body: CreateUserRequest }) =>
      id ? updateUser(id, { role: body.role, siteId: body.siteId ?? null, ...(body.password ? { password: body.password } : {}) }) : createUser(body),
    meta: { silent: true },
    onSuccess: () => qc.invalidateQueries({ queryKey: userKeys.all }),
  });
}

/** Disable (tokens stop working at once) or enable a login. */
export function useSetUserDisabled() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, disabled }: { id: string; disabled: boolean }) => updateUser(id, { disabled }),
    onSuccess: () => qc.invalidateQueries({ queryKey: userKeys.all }),
  });
}
