import type { CreateMenuItemRequest, DeleteMenuItemResponse, MenuItemDto, Paginated, UpdateMenuItemRequest } from '@wenming/shared';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';

export interface MenuItemFilter {
  siteId?: string;
  page?: number;
  pageSize?: number;
  /** admins only: also the items taken off the menu */
  includeInactive?: boolean;
}

/** Same root as the public menu's key (['menu-items', siteId]) so edits refresh it too. */
export const menuItemKeys = {
  all: ['menu-items'] as const,
  admin: (f: MenuItemFilter) => [...menuItemKeys.all, 'admin', f] as const,
};

export const listMenuItemsAdmin = (f: MenuItemFilter) => api.get<Paginated<MenuItemDto>>('/menu-items', { ...f });
export const createMenuItem = (body: CreateMenuItemRequest) => api.post<MenuItemDto>('/menu-items', body);
export const updateMenuItem = (id: string, body: UpdateMenuItemRequest) => api.patch<MenuItemDto>(`/menu-items/${id}`, body);
export const deleteMenuItem = (id: string) => api.delete<DeleteMenuItemResponse>(`/menu-items/${id}`);

export const useMenuItemsAdmin = (f: MenuItemFilter) =>
  useQuery({ queryKey: menuItemKeys.admin(f), queryFn: () => listMenuItemsAdmin(f), placeholderData: keepPreviousData });

function useInvalidateMenu() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: menuItemKeys.all });
}

/** Create (no id) or update; silent so the form can place `details` on its fields. */
export function useSaveMenuItem() {
  const invalidate = useInvalidateMenu();
  return useMutation({
    mutationFn: (v: { id?: string; create?: CreateMenuItemRequest; update?: UpdateMenuItemRequest }) =>
      v.id ? updateMenuItem(v.id, v.update ?? {}) : createMenuItem(v.create!),
    meta: { silent: true },
    onSuccess: () => void invalidate(),
  });
}

export function useToggleMenuItem() {
  const invalidate = useInvalidateMenu();
  return useMutation({
    mutationFn: ({ id, active }: { id: string; active: boolean }) => updateMenuItem(id, { active }),
    onSuccess: () => void invalidate(),
  });
}

export function useDeleteMenuItem() {
  const invalidate = useInvalidateMenu();
  return useMutation({ mutationFn: deleteMenuItem, onSuccess: () => void invalidate() });
}
