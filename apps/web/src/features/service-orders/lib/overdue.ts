import type { ServiceOrderView } from '@/lib/api-types';

export const OVERDUE_HOURS = 48;

/** Not dispatched within 48 h of ordering, or not accepted within 48 h of dispatch. */
export function isOverdue(o: Pick<ServiceOrderView, 'status' | 'orderedAt' | 'dispatchedAt' | 'overdue'>, now = Date.now()): boolean {
  if (typeof o.overdue === 'boolean') return o.overdue;
  const limit = OVERDUE_HOURS * 3_600_000;
  if (o.status === 'ordered') return now - Date.parse(o.orderedAt) > limit;
  if (o.status === 'dispatched' && o.dispatchedAt) return now - Date.parse(o.dispatchedAt) > limit;
  return false;
}
