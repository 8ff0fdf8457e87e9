import { describe, expect, it } from 'vitest';
import { isOverdue } from './overdue';

const now = Date.parse('2026-11-27T12:00:00+08:00');
const h = (n: number) => new Date(now - n * 3_600_000).toISOString();

describe('isOverdue', () => {
  it('flags orders not dispatched within 48 h, or not accepted within 48 h of dispatch', () => {
    expect(isOverdue({ status: 'ordered', orderedAt: h(49), dispatchedAt: null }, now)).toBe(true);
    expect(isOverdue({ status: 'ordered', orderedAt: h(47), dispatchedAt: null }, now)).toBe(false);
    expect(isOverdue({ status: 'dispatched', orderedAt: h(100), dispatchedAt: h(47) }, now)).toBe(false);
    expect(isOverdue({ status: 'dispatched', orderedAt: h(100), dispatchedAt: h(49) }, now)).toBe(true);
    expect(isOverdue({ status: 'accepted', orderedAt: h(500), dispatchedAt: h(400) }, now)).toBe(false);
  });

  it('trusts the API’s own overdue flag when present', () => {
    expect(isOverdue({ status: 'ordered', orderedAt: h(1), dispatchedAt: null, overdue: true }, now)).toBe(true);
  });
});
