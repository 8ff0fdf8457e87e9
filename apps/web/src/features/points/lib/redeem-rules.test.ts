import { describe, expect, it } from 'vitest';
import { redeemBlock } from './redeem-rules';

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
