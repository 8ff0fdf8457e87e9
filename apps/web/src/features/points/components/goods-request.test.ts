import { describe, expect, it } from 'vitest';
import type { GoodsDto } from '@wenming/shared';
import { toGoodsRequest } from './goods-manager';

const before: GoodsDto = {
  id: 'g1',
  siteId: 's1',
  siteName: '东关社区实践站',
  name: '香皂',
  imageUrl: null,
  pointsPrice: 5,
  stock: 10,
  active: true,
  createdAt: '2026-11-01T00:00:00Z',
};

describe('toGoodsRequest', () => {
  it('creates with every field; an empty station is county-wide and an empty picture null', () => {
    expect(toGoodsRequest({ name: ' 大米 ', imageUrl: ' ', pointsPrice: 20, stock: 3, active: true })).toEqual({
      name: '大米',
      imageUrl: null,
      pointsPrice: 20,
      stock: 3,
      siteId: null,
      active: true,
    });
  });
  it('edits send only what changed (never the station)', () => {
    expect(toGoodsRequest({ name: '香皂', pointsPrice: 6, stock: 10, siteId: 's1', active: true }, before)).toEqual({ pointsPrice: 6 });
    expect(toGoodsRequest({ name: '香皂', pointsPrice: 5, stock: 10, siteId: 's1', active: true }, before)).toEqual({});
  });
});
