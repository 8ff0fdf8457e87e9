import { describe, expect, it } from 'vitest';
import { availableFirst, redeemBlock } from './redeem-rules';

describe('redeemBlock', () => {
  const g = { active: true, stock: 3, pointsPrice: 10 };
  it('lets a volunteer with enough points redeem goods in stock', () => {
    expect(redeemBlock(g, 10)).toBeNull();
    expect(redeemBlock(g, undefined)).toBeNull();
  });
  it('says why not: taken off the shelf, sold out, not enough points (in that order)', () => {
    expect(redeemBlock({ ...g, active: false, stock: 0 }, 0)).toBe('inactive');
    expect(redeemBlock({ ...g, stock: 0 }, 0)).toBe('soldOut');
    expect(redeemBlock(g, 9)).toBe('notEnough');
  });
});

describe('availableFirst', () => {
  it('puts sold-out goods after the ones in stock and keeps the order otherwise', () => {
    const items = [
      { id: 'a', stock: 0 },
      { id: 'b', stock: 2 },
      { id: 'c', stock: 0 },
      { id: 'd', stock: 1 },
    ];
    expect(availableFirst(items).map((i) => i.id)).toEqual(['b', 'd', 'a', 'c']);
  });
});
