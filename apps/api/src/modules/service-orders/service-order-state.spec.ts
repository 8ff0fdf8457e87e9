import { ORDER_STATUSES, type OrderStatus } from '@wenming/shared';
import { AppError } from '../../common/errors/app-error';
import { assertOrderTransition, nextOrderStatus, ORDER_ACTIONS, statusesAllowing, type OrderAction } from './service-order-state';

/** Every allowed transition, written out independently of the table under test. */
const ALLOWED: Array<[OrderStatus, OrderAction, OrderStatus]> = [
  ['ordered', 'dispatch', 'dispatched'],
  ['ordered', 'cancel', 'cancelled'],
  ['dispatched', 'accept', 'accepted'],
  ['dispatched', 'decline', 'ordered'],
  ['dispatched', 'cancel', 'cancelled'],
  ['accepted', 'complete', 'completed'],
  ['accepted', 'cancel', 'cancelled'],
  ['completed', 'rate', 'rated'],
];

describe('service order state machine', () => {
  const pairs = ORDER_STATUSES.flatMap((s) => ORDER_ACTIONS.map((a) => [s, a] as const));

  it.each(pairs)('%s + %s', (status, action) => {
    const allowed = ALLOWED.find(([s, a]) => s === status && a === action);
    expect(nextOrderStatus(status, action)).toBe(allowed ? allowed[2] : null);
    if (allowed) {
      expect(assertOrderTransition(status, action)).toBe(allowed[2]);
    } else {
      let err: unknown;
      try {
        assertOrderTransition(status, action);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).status).toBe(409);
      expect((err as AppError).code).toBe(status === 'rated' && action === 'rate' ? 'ORDER_ALREADY_RATED' : 'ORDER_STATE_CONFLICT');
    }
  });

  it('names the current state in Chinese', () => {
    expect(() => assertOrderTransition('dispatched', 'dispatch')).toThrow('当前状态为已派单');
    expect(() => assertOrderTransition('accepted', 'rate')).toThrow(/当前状态为已接单.*服务完成后才能评价/);
  });

  it('terminal states allow nothing; statusesAllowing mirrors the table', () => {
    for (const a of ORDER_ACTIONS) {
      expect(nextOrderStatus('rated', a)).toBeNull();
      expect(nextOrderStatus('cancelled', a)).toBeNull();
    }
    expect(statusesAllowing('cancel').sort()).toEqual(['accepted', 'dispatched', 'ordered']);
    expect(statusesAllowing('dispatch')).toEqual(['ordered']);
  });
});
