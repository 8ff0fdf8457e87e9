import { ORDER_STATUS_LABELS, type OrderStatus } from '@wenming/shared';
import { AppError } from '../../common/errors/app-error';

/**
 * The service-order state machine (居民点单 → 站点派单 → 队伍接单 → 群众评单), as data.
 * Services look transitions up here; the database enforces them with conditional updates
 * (`UPDATE … WHERE status = <from>`), so a race cannot skip a step.
 */
export const ORDER_ACTIONS = ['dispatch', 'accept', 'decline', 'cancel', 'complete', 'rate'] as const;
export type OrderAction = (typeof ORDER_ACTIONS)[number];
// Who acts (checked by the services): dispatch/cancel an admin whose scope covers the order's site; accept/decline
// the leader of the order's team; complete follows the order's activity (database trigger); rate the resident (tracking token).

export const ORDER_ACTION_LABELS: Record<OrderAction, string> = {
  dispatch: '派单',
  accept: '接单',
  decline: '退单',
  cancel: '取消',
  complete: '完成',
  rate: '评价',
};

export const ORDER_TRANSITIONS: Record<OrderStatus, Partial<Record<OrderAction, OrderStatus>>> = {
  ordered: { dispatch: 'dispatched', cancel: 'cancelled' },
  dispatched: { accept: 'accepted', decline: 'ordered', cancel: 'cancelled' },
  accepted: { complete: 'completed', cancel: 'cancelled' },
  completed: { rate: 'rated' },
  rated: {},
  cancelled: {},
};

/** The state an action leads to from `status`, or null when the action is not allowed there. */
export function nextOrderStatus(status: OrderStatus, action: OrderAction): OrderStatus | null {
  return ORDER_TRANSITIONS[status]?.[action] ?? null;
}

/** The states from which an action is allowed (for conditional updates). */
export function statusesAllowing(action: OrderAction): OrderStatus[] {
  return (Object.keys(ORDER_TRANSITIONS) as OrderStatus[]).filter((s) => nextOrderStatus(s, action) !== null);
}

/** 409 naming the current state in Chinese, e.g. “当前状态为已派单，不能派单”. */
export function orderStateConflict(status: OrderStatus, action: OrderAction): AppError {
  if (action === 'rate' && status === 'rated') return AppError.conflict('ORDER_ALREADY_RATED', '该点单已评价过，不能重复评价');
  const hint = action === 'rate' ? '，服务完成后才能评价' : '';
  return AppError.conflict('ORDER_STATE_CONFLICT', `当前状态为${ORDER_STATUS_LABELS[status]}，不能${ORDER_ACTION_LABELS[action]}${hint}`);
}

/** The target state, or the 409 for an illegal transition. */
export function assertOrderTransition(status: OrderStatus, action: OrderAction): OrderStatus {
  const next = nextOrderStatus(status, action);
  if (!next) throw orderStateConflict(status, action);
  return next;
}
