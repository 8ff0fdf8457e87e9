import type { GoodsDto } from '@wenming/shared';

export type RedeemBlock = 'inactive' | 'soldOut' | 'notEnough' | null;

/** Why a volunteer cannot redeem this item now (the server decides again, race-proof). */
export function redeemBlock(goods: Pick<GoodsDto, 'active' | 'stock' | 'pointsPrice'>, balance: number | undefined): RedeemBlock {
  if (!goods.active) return 'inactive';
  if (goods.stock <= 0) return 'soldOut';
  if (balance !== undefined && balance < goods.pointsPrice) return 'notEnough';
  return null;
}

/** Goods in stock first (in the API's order), sold-out ones after, so a phone opens on what can be had. */
export function availableFirst<T extends Pick<GoodsDto, 'stock'>>(items: T[]): T[] {
  return [...items.filter((g) => g.stock > 0), ...items.filter((g) => g.stock <= 0)];
}
